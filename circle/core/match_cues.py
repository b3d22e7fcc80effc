"""Regular expressions that skip, at a glance, the texts they cannot match.

Python's regex engine tries a pattern that opens with `\\b` or a group at every position
of a text, which costs a few microseconds per pattern and text; most cues are absent from
most texts. A `Cue` works out once, from the parsed pattern, a few literal strings one of
which every match must contain ("guest", "happy to "), and runs the pattern only on texts
that hold one of them: a plain substring test, done in C.
"""

import re
from importlib import import_module
from typing import Any

sre: Any = import_module("re._parser")
"""The standard library's regex parser (and its opcodes): private, and the same since 3.11."""

MAX_KEYS = 16
"""Past this many keys the look for them costs as much as the search it would save."""
MIN_KEY = 3
"""Shorter keys are in nearly every text and rule nothing out."""

Keys = frozenset[str]
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class Cue:
    """A compiled pattern searched only in texts that hold one of its keys."""

    __slots__ = ("keys", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        keys = required_keys(self.pattern)
        self.keys = keys if keys and len(keys) <= MAX_KEYS else None
        """Literal strings one of which every match contains, or None to always search."""

    def search(self, text: str) -> re.Match[str] | None:
        if self.keys is not None and not any(map(text.__contains__, self.keys)):
            return None
        return self.pattern.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        if self.keys is not None and not any(map(text.__contains__, self.keys)):
            return None
        return self.pattern.match(text)


def required_keys(pattern: re.Pattern[str]) -> Keys | None:
    """Literal strings one of which every match of the pattern contains (None: none known)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        keys = _keys_of(list(sre.parse(pattern.pattern, pattern.flags)))
    except (AttributeError, TypeError, ValueError, IndexError, re.error):  # another parser
        return None
    if not keys or min(map(len, keys)) < MIN_KEY:
        return None
    # a key that holds another key adds nothing: a text with it holds the other too
    return frozenset(k for k in keys if not any(o != k and o in k for o in keys))


def _keys_of(items: list[tuple[object, object]]) -> Keys | None:
    """The best set of required strings of a sequence: its longest runs of plain letters,
    or what any one part requires."""
    best: Keys | None = None
    run = ""
    for op, arg in items:
        if op is sre.LITERAL and isinstance(arg, int):
            run += chr(arg)
            continue
        best = _better(best, frozenset([run]) if run else None)
        run = ""
        best = _better(best, _part_keys(op, arg))
    return _better(best, frozenset([run]) if run else None)


def _part_keys(op: object, arg: object) -> Keys | None:
    """What one part of a sequence requires: a group, a choice or a repeat at least once."""
    if op is sre.SUBPATTERN and isinstance(arg, tuple):
        return _keys_of(list(arg[-1]))
    if op is sre.BRANCH and isinstance(arg, tuple):
        choices = [_keys_of(list(choice)) for choice in arg[1]]
        if any(keys is None for keys in choices):
            return None
        return frozenset().union(*(keys for keys in choices if keys is not None))
    if op in REPEATS and isinstance(arg, tuple) and arg[0] >= 1:
        return _keys_of(list(arg[2]))
    return None


def _better(a: Keys | None, b: Keys | None) -> Keys | None:
    """The set that rules out more texts: longer shortest key, then fewer keys."""
    if a is None or b is None:
        return a if b is None else b
    rank_a, rank_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if rank_a >= rank_b else b
