"""One line a person can read for a suggestion, built from the evidence the pair shares.

"Gideon offers “I'll look over one contract for any member”; Ayesha asks “Can someone
sanity-check a fractional CMO agreement before I sign?” (contracts and legal help)".
"""

from circle.core.match_lexicon import CONCEPTS
from circle.core.match_read import Reading
from circle.core.match_text import Clause

MAX_QUOTE = 72


def first_name(member: str) -> str:
    return member.split()[0] if member.split() else member


def quote(text: str) -> str:
    """A clause short enough for one line, cut at a word with an ellipsis when too long."""
    text = " ".join(text.split()).rstrip(",;:")
    if len(text) <= MAX_QUOTE:
        return text
    cut = text[:MAX_QUOTE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def best_clause(clauses: tuple[Clause, ...], words: set[str], concept: str | None) -> str:
    """The clause that carries the most of the shared evidence (the shortest on a tie)."""

    def weight(clause: Clause) -> tuple[int, int]:
        hits = len(clause.words & words) + (2 if concept in clause.concepts else 0)
        return hits, -len(clause.text)

    return max(clauses, key=weight).text


def _strength(terms: frozenset[str]) -> int:
    """Longer, more numerous matched terms are surer evidence ("cold email" beats "email")."""
    return sum(len(term) for term in terms)


def shared_concept(ask: Reading, offer: Reading) -> tuple[str | None, bool]:
    """The concept both sides are most about, and whether the offer shows it only in its profile."""
    for pool, from_profile in ((offer.concepts, False), (offer.profile_concepts, True)):
        common = ask.concepts.keys() & pool.keys()
        if common:
            best = max(common, key=lambda c: (_strength(ask.concepts[c] | pool[c]), c))
            return best, from_profile
    return None, False


def explain(ask: Reading, offer: Reading) -> str:
    """Why this offer may serve this ask, quoting both members' own words."""
    concept, from_profile = shared_concept(ask, offer)
    words = set(ask.words & (offer.words | offer.profile_words))
    giver, asker = first_name(offer.member), first_name(ask.member)
    offer_quote = quote(best_clause(offer.clauses, words, None if from_profile else concept))
    ask_quote = quote(best_clause(ask.clauses, words, concept))
    if concept:
        reason = CONCEPTS[concept][0]
    elif words:
        reason = "both mention " + ", ".join(sorted(words)[:3])
    else:
        reason = "close in meaning"
    if from_profile and offer.about:
        giver = f"{giver} ({quote(offer.about)})"
    return f"{giver} offers “{offer_quote}”; {asker} asks “{ask_quote}” ({reason})"
