"""The keys of the screen on show, as the keymap left them: for hints, help and the palette."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class KeyLine:
    """One action of a screen and the keys that run it."""

    keys: str
    """How the keys are written on screen, e.g. "s" or "ctrl+p"."""
    description: str
    action: str
    node: DOMNode
    """Where the action runs (the screen, a widget or the app)."""
    binding_id: str | None
    enabled: bool

    @property
    def where(self) -> str:
        """ "screen", "everywhere", or the focused widget's kind (e.g. "promise table")."""
        if isinstance(self.node, Screen):
            return "screen"
        if isinstance(self.node, App):
            return "everywhere"
        return _words(type(self.node).__name__)


def screen_keys(screen: Screen[Any]) -> list[KeyLine]:
    """Every described binding the screen answers to now, one line per action."""
    lines: dict[tuple[int, str], KeyLine] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        shown = screen.app.get_key_display(binding)
        slot = (id(active.node), binding.action)
        if slot in lines:
            earlier = lines[slot]
            shown = f"{earlier.keys}, {shown}" if key not in earlier.keys else earlier.keys
        lines[slot] = KeyLine(
            shown, binding.description, binding.action, active.node, binding.id, active.enabled
        )
    order = {"screen": 0, "everywhere": 2}
    return sorted(lines.values(), key=lambda line: order.get(line.where, 1))


def key_for(screen: Screen[Any], binding_id: str, default: str = "") -> str:
    """The key that runs a binding now (after the keymap), for hints written in sentences."""
    for active in screen.active_bindings.values():
        if active.binding.id == binding_id:
            return screen.app.get_key_display(active.binding)
    return default


def declared_key(
    app: App[Any], keymap: Mapping[str, str], bindings: Iterable[BindingType], binding_id: str
) -> str:
    """The key of a widget's binding as `keymap` leaves it, even while the widget is unfocused."""
    for binding in Binding.make_bindings(bindings):
        if binding.id == binding_id:
            key = keymap.get(binding_id, binding.key).split(",")[0].strip()
            return app.get_key_display(Binding(key, binding.action))
    return ""


def _words(name: str) -> str:
    """A class name in words: "PromiseTable" → "promise table"."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def in_declared_order(remapped: BindingsMap, declared: BindingsMap) -> None:
    """Put the keymap's keys back where their bindings were declared.

    Textual moves a remapped binding to the end, which pushed the live screen's
    first keys off the footer's right edge.
    """
    place: dict[str, int] = {}
    for index, bindings in enumerate(declared.key_to_bindings.values()):
        for binding in bindings:
            place.setdefault(binding.id or binding.action, index)
    last = len(place)
    ordered = sorted(
        remapped.key_to_bindings.items(),
        key=lambda item: min(place.get(b.id or b.action, last) for b in item[1]),
    )
    remapped.key_to_bindings = dict(ordered)
