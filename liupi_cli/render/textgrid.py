"""Fixed-width text tables that fit a width: east-asian wide characters count as two columns, lines
break only between words (or between Chinese characters), and when the table is too wide the least
important columns are dropped first.

Plain strings in, plain lines out; colour is the caller's business (``paint``), added after the layout
so escape codes never count as width. Control characters in the strings come out escaped (``\\x1b``):
only ``paint`` may send escape codes to a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from liupi_cli.render.safe import inert

ELLIPSIS = "…"


@lru_cache(maxsize=8192)
def width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide and full-width characters take two)."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def _is_wide(ch: str) -> bool:
    return not ch.isascii() and unicodedata.east_asian_width(ch) in "WF"


# Chinese punctuation that must not start a line, and that must not end one.
_NO_START = set("，。、；：？！）》」』】”’,.;:?!)%*…")
_NO_END = set("（《「『【“‘(")
# whitespace runs, printable ASCII runs (always one token: narrow characters glue together), and any
# other single character; a run is matched whole so a long id or number costs one step, not one per letter
_TOKENS = re.compile(r"\s+|[!-~]+|[^\s]")


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """Units that are never broken: runs of narrow characters (words, numbers) and single wide
    characters, with punctuation kept next to its neighbour; whitespace runs are separate tokens."""
    out: list[str] = []
    for m in _TOKENS.finditer(text):
        t = m.group()
        if t.isspace():
            out.append(" ")
            continue
        if out and out[-1] != " ":
            prev = out[-1]
            first = t[0]
            glue = (not _is_wide(first) and not _is_wide(prev[-1])) or first in _NO_START or prev[-1] in _NO_END
            if glue:
                out[-1] = prev + t
                continue
        out.append(t)
    return tuple(out)


def truncate(text: str, cols: int) -> str:
    """Cut ``text`` to ``cols`` columns, ending in an ellipsis when anything was cut."""
    if width(text) <= cols:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > cols - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def wrap(text: str, cols: int, max_lines: int = 0) -> list[str]:
    """Break ``text`` into lines of at most ``cols`` columns between tokens; a token wider than the
    column is shortened with an ellipsis (never split); beyond ``max_lines`` the last line ends in …"""
    if not text:
        return [""]
    text = inert(text, keep_newlines=False)  # headings and notes from plan files reach terminals
    lines: list[str] = []
    line, used = "", 0
    for tok in tokens(text):
        w = width(tok)
        if tok == " ":
            if line:
                line, used = line + " ", used + 1
            continue
        if used + w > cols and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        if w > cols:
            tok, w = truncate(tok, cols), cols
        line, used = line + tok, used + w
    if line.strip():
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = list(tokens(lines[-1]))
        while len(last) > 1 and width("".join(last)) + 1 > cols:  # drop whole words to make room for …
            last.pop()
        lines[-1] = truncate("".join(last).rstrip() + ELLIPSIS, cols)
    return lines or [""]


def pad(text: str, cols: int, align: str = "left") -> str:
    gap = cols - width(text)
    if gap <= 0:
        return text
    return " " * gap + text if align == "right" else text + " " * gap


@dataclass
class Column:
    """One column: a heading, its cells, and how it gives way when space is short.

    ``priority``: higher is kept longer. ``keep``: never dropped (what tells one row from another, such as
    a revised figure from its replacement); the others give way first. ``wrap``: text may break across lines
    (else the column keeps its natural width). ``max_width`` caps a wrapping column; ``max_lines`` caps a
    cell's lines."""

    header: str
    cells: list[str]
    priority: int = 50
    align: str = "left"
    wrap: bool = False
    min_width: int = 4
    max_width: int = 60
    max_lines: int = 0
    styles: list[str | None] = field(default_factory=list)  # per cell, passed to ``paint``
    keep: bool = False

    def __post_init__(self) -> None:  # plan and user text: control characters shown escaped, and measured so
        self.header = inert(self.header, keep_newlines=False)
        self.cells = [inert(c, keep_newlines=False) for c in self.cells]

    def natural(self) -> int:
        body = max((width(c) for c in self.cells), default=0)
        n = max(body, width(self.header))
        return min(n, self.max_width) if self.wrap else n

    def least(self) -> int:
        """The narrowest it may get: headings wrap between words; a wrapping column down to its
        longest word (within ``min_width``..``max_width``); other columns keep their cells whole."""
        heads = max((width(t) for t in tokens(self.header) if t != " "), default=0)
        if not self.wrap:
            return max(heads, max((width(c) for c in self.cells), default=0))
        longest = max((width(t) for c in [self.header, *self.cells] for t in tokens(c) if t != " "), default=0)
        return min(self.natural(), max(self.min_width, min(longest, self.max_width)))


def fit(columns: Sequence[Column], total: int, sep: int = 2) -> list[tuple[Column, int]]:
    """Choose the columns that fit in ``total`` columns and each one's width."""
    cols = [c for c in columns if any(c.cells)]  # a column with nothing in it is not shown
    if not cols:  # no rows at all: an empty table is its heading, not nothing
        cols = list(columns)
    natural = {id(c): c.natural() for c in cols}
    narrowest = {id(c): c.least() for c in cols}
    while True:
        widths = [natural[id(c)] for c in cols]
        least = [narrowest[id(c)] for c in cols]
        room = total - sep * (len(cols) - 1)
        excess = sum(widths) - room
        if excess > 0:  # shrink the wrapping columns, the less needed first, each by half what it has to give
            while excess > 0:
                i = max(range(len(cols)), key=lambda k: (widths[k] > least[k], -cols[k].priority,
                                                         widths[k] - least[k]))
                if widths[i] <= least[i]:
                    break
                step = min(excess, widths[i] - least[i], max(1, (widths[i] - least[i]) // 2))
                widths[i] -= step
                excess -= step
        droppable = [c for c in cols if not c.keep]
        if excess <= 0 or len(cols) <= 1 or not droppable:
            return list(zip(cols, widths))
        cols.remove(min(droppable, key=lambda c: c.priority))


def render_table(columns: Sequence[Column], total: int, sep: int = 2,
                 paint: Callable[[str, str | None], str] | None = None, rule: str = "─") -> list[str]:
    """Lines of the table: heading, a rule, then the rows (padded, wrapped, aligned)."""
    chosen = fit(columns, total, sep)
    gap = " " * sep
    out = _heading(chosen, gap, paint)
    out.append(gap.join(rule * w for _, w in chosen))
    nrows = len(chosen[0][0].cells) if chosen else 0
    for r in range(nrows):
        out += _row_lines(chosen, r, gap, paint)
    return out


def _heading(chosen: list[tuple[Column, int]], gap: str, paint: Callable[[str, str | None], str] | None) -> list[str]:
    """The column headings, each wrapped to its width, in bold."""
    heads = [wrap(c.header, w) for c, w in chosen]
    out = []
    for k in range(max((len(h) for h in heads), default=0)):
        line = gap.join(pad(h[k] if k < len(h) else "", w, c.align) for (c, w), h in zip(chosen, heads))
        out.append(paint(line.rstrip(), "bold") if paint else line.rstrip())
    return out


def _row_lines(chosen: list[tuple[Column, int]], r: int, gap: str,
               paint: Callable[[str, str | None], str] | None) -> list[str]:
    """Row ``r``: its cells wrapped (or shortened) to their widths, side by side, each painted in its style."""
    parts = [wrap(c.cells[r], w, c.max_lines) if c.wrap else [truncate(c.cells[r], w)] for c, w in chosen]
    out = []
    for k in range(max(len(p) for p in parts)):
        segs = []
        for (c, w), p in zip(chosen, parts):
            seg = pad(p[k] if k < len(p) else "", w, c.align)
            style = c.styles[r] if c.styles and k < len(p) and p[k] else None
            segs.append(paint(seg, style) if paint and style else seg)
        out.append(gap.join(segs).rstrip())
    return out
