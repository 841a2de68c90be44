"""A Markdown table, the one way the report and the cadence products write one: every cell inert
(``safe.markdown_text``: no raw HTML, no links, no broken cells)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from liupi_cli.render.safe import markdown_text


def table(head: Sequence[object], rows: Iterable[Sequence[object]]) -> list[str]:
    """The heading row, the rule, a line per row."""
    lines = [_line(head), "|" + "---|" * len(head)]
    lines += [_line(row) for row in rows]
    return lines


def _line(cells: Sequence[object]) -> str:
    return "| " + " | ".join(markdown_text(c) for c in cells) + " |"
