"""The command palette's source of the current screen's actions: every key, found by name."""

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from circle.tui.keys import KeyLine, screen_keys


class ScreenActions(Provider):
    """Lists the screen's actions (its named bindings) with the key that runs each."""

    def _lines(self) -> list[KeyLine]:
        return [
            line
            for line in screen_keys(self.screen)
            if line.enabled and line.binding_id is not None and line.binding_id != "command_palette"
        ]

    async def discover(self) -> Hits:
        for line in self._lines():
            yield DiscoveryHit(line.description, partial(self._run, line), help=_help(line))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for line in self._lines():
            score = matcher.match(line.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(line.description),
                    partial(self._run, line),
                    help=_help(line),
                )

    async def _run(self, line: KeyLine) -> None:
        await self.app.run_action(line.action, line.node)


def _help(line: KeyLine) -> str:
    return f"key: {line.keys}"
