"""A cadence product (旬简报, 月通报, unit page, 催报 list…) as plain text for a terminal.

The same layout rules as the report table (``textgrid``): names and notes wrap between words or
Chinese characters, while ids, dates, periods and numbers are never split (an id shortened to fit
ends in …, and the lowest-priority columns give way first when the terminal is narrow).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from liupi_cli.render.cadence_doc import LIGHT_OF, Doc, Section
from liupi_cli.render.safe import inert
from liupi_cli.render.textgrid import Column, render_table, width, wrap

_NUMBER = re.compile(r"^([+-]?[\d,]+(\.\d+)?%?)?$")
_WHOLE = re.compile(r"^[!-~]*$")  # printable ASCII without spaces: ids, dates, periods, numbers
SHORT = 12  # terminal columns: a text no wider than this is never wrapped


def _columns(section: Section) -> list[Column]:
    cols = []
    for k, name in enumerate(section.columns):
        cells = ["" if row[k] is None else str(row[k]) for row in section.rows]
        if k == section.light_column:
            cols.append(Column(str(name), cells, priority=100, styles=[LIGHT_OF.get(c) for c in cells]))
        elif all(_NUMBER.match(c) for c in cells):  # counts, scores, gaps: right-aligned
            cols.append(Column(str(name), cells, priority=70, align="right"))
        elif all(_WHOLE.match(c) for c in cells):  # kept whole; an id column gives way before names do
            cols.append(Column(str(name), cells, priority=40 if any(c.isalpha() for c in cells) else 70))
        elif max(width(c) for c in cells) <= SHORT:  # a status, a role, a unit's name: kept on one line
            cols.append(Column(str(name), cells, priority=80 - k))
        else:  # names and notes wrap; the widest of them keeps room for a few words per line
            cols.append(Column(str(name), cells, priority=90 - k, wrap=True, min_width=6, max_width=40))
    wrapping = [c for c in cols if c.wrap]
    if wrapping:
        max(wrapping, key=lambda c: c.natural()).min_width = 16
    return cols


def to_text(doc: Doc, cols: int, paint: Callable[[str, str | None], str] | None = None) -> str:
    """The document's title, lines and sections, each section as a table that fits ``cols`` columns."""
    def bold(text: str) -> str:  # plan and user text: control characters shown escaped, never obeyed
        text = inert(text, keep_newlines=False)
        return paint(text, "bold") if paint else text

    out = [bold(doc.title)]
    for line in doc.lines:
        out += wrap(line, cols)
    for s in doc.sections:
        out.append("")
        out.append(bold(s.title))
        if not s.rows:
            out.append(inert(s.note or "—", keep_newlines=False))
            continue
        out += render_table(_columns(s), cols, paint=paint)
    return "\n".join(out) + "\n"
