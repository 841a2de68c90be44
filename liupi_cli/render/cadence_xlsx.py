"""A cadence Doc as a workbook that prints as the document it is.

The first sheet IS the document: the title, its summary lines, then every section one after another
under its heading; a section with nothing in it is one line (its note, or 无 / none), not a page. A
section longer than about one printed page (more than ``LONG`` rows: the indicator table, the owed
items, the pre-score parts) becomes an annex on a sheet of its own (附件1, 附件2 … / Annex 1 …), where
its heading rows repeat on every printed page and its header carries a filter; the first sheet names
the annex in the section's place.

Every sheet prints A4 landscape, one page wide, page numbers in the footer. Column widths are capped
(long text wraps in its cell, rows are made tall enough for it) so that fitting the widest sheet to
the page keeps the 11 pt text at 9 pt or more (see ``PAGE_UNITS``)."""

from __future__ import annotations

import math

from liupi_cli.render.cadence_doc import LIGHT_OF, Doc, Section, W
from liupi_cli.render.labels import LIGHT_FILL  # the report's light fills: one colour per light
from liupi_cli.render.safe import inert, xlsx_cell
from liupi_cli.render.workbook import finish, new_workbook, print_layout

LONG = 30  # rows: more than this does not fit one printed page beside the rest, so it becomes an annex
BODY_PT, MIN_PT = 11, 9
# A4 landscape less the 0.4-inch side margins, in pixels at 96 dpi.
PRINT_PX = (297 / 25.4 - 2 * 0.4) * 96
# A column-width unit is the default font's digit width: 7 px for Calibri in Excel and WPS, 9.4 px where
# LibreOffice stands DejaVu Sans in for it (measured: a 155-unit sheet printed at 7.9 pt). Budgeting for
# the wider keeps the fitted scale, PRINT_PX / (UNIT_PX × total width), at MIN_PT / BODY_PT or more.
UNIT_PX = 9.4
PAGE_UNITS = math.floor(PRINT_PX * BODY_PT / MIN_PT / UNIT_PX) - 8  # 128: a margin for the estimates
MAX_COL, MIN_COL = 40.0, 5.0
SAMPLE = 300  # rows looked at when sizing a column
LINE_PT = 16  # points per line of 11 pt Chinese text
ANNEX = {"zh": ("附件{n} {title}", "见附件{n}（工作表「{sheet}」，共{rows}行）"),
         "en": ("Annex {n} {title}", "See annex {n} (sheet “{sheet}”, {rows} rows)")}


def units(value: object) -> float:
    """Width in column units (a unit is a digit's width): a Chinese character about two, a capital a
    little over one, a digit, small letter or stop one."""
    return sum(2.1 if ord(ch) >= 0x2E80 else 1.25 if ch.isupper() else 1.0 if ch.isascii() else 1.1
               for ch in str(value))


def _floor(s: Section, j: int) -> float:
    """The width under which column j would break what should not break: a number with its unit
    (158000万元), a date, a light, a word of English (schedule), each at most 12 units; and its heading
    on two lines at most (a Chinese heading) or one word a line (an English one)."""
    head = str(s.columns[j])
    if head.isascii():
        need = max((units(w) for w in head.split()), default=0)
    else:
        need = units(head[:(len(head) + 1) // 2])
    for r in s.rows[:SAMPLE]:
        for word in str(r[j]).split():
            u = units(word)
            if u <= 12 and sum(ord(ch) >= 0x2E80 for ch in word) <= 2:
                need = max(need, u)
    return need + 1.5


def column_widths(s: Section) -> list[float]:
    """What each column of a section would like: its longest cell (first 300 rows) and its heading, which
    may wrap (at spaces in English, after four characters in Chinese), between MIN_COL and MAX_COL."""
    out = []
    for j, name in enumerate(s.columns):
        head = str(name)
        words = max((units(w) for w in head.split()), default=0) if head.isascii() else min(units(head), 8.4)
        cells = max((units(r[j]) for r in s.rows[:SAMPLE]), default=0)
        out.append(min(MAX_COL, max(MIN_COL, round(max(words, cells) + 1.5, 1))))
    return out


def fit(wanted: list[float], budget: float = PAGE_UNITS) -> list[float]:
    """Widths summing to at most ``budget``: narrow columns (numbers, lights, dates) keep their width, the
    widest give way to one common cap (water-filling), never below MIN_COL."""
    if sum(wanted) <= budget:
        return list(wanted)
    lo, hi = MIN_COL, max(wanted)
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sum(min(w, mid) for w in wanted) <= budget else (lo, mid)
    return [math.floor(round(min(w, lo), 6) * 10) / 10 for w in wanted]


def shape(sections: list[Section], budget: float = PAGE_UNITS) -> list[float]:
    """Column widths for a sheet holding these sections one under another (column j shared by every
    section's j-th column). When what the columns want does not fit the page, each column starts narrow
    and the width is handed out a character at a time to the column where it saves the most printed lines
    (a battle name set on one line takes a line off every row of the indicator table); what no line needs is
    then shared in proportion to what each column still wants."""
    grid = _wanted(sections)
    if sum(grid) <= budget:
        return grid
    width = _narrowest(sections, grid)
    if sum(width) > budget:
        return fit(grid, budget)
    n = len(grid)
    cells = [[units(r[j]) if j < len(r) else 0.0 for j in range(n)] for s in sections for r in s.rows[:SAMPLE]]
    lines = [[_lines_u(u, w) for u, w in zip(row, width)] for row in cells]
    left = budget - sum(width)
    while left > 0:
        best = _best_widening(cells, lines, width, grid, left)
        if best is None:
            break
        j, d = best
        width[j] += d
        left -= d
        for row, ln in zip(cells, lines):
            ln[j] = _lines_u(row[j], width[j])
    return _share_rest(width, grid, left)


def _wanted(sections: list[Section]) -> list[float]:
    """Each shared column's width wanted: the widest its sections want."""
    wanted = [column_widths(s) for s in sections]
    n = max((len(c) for c in wanted), default=0)
    return [max(c[j] for c in wanted if j < len(c)) for j in range(n)]


def _narrowest(sections: list[Section], grid: list[float]) -> list[float]:
    """Each column at its narrowest: its floor (or MIN_COL), never more than it wants."""
    floors = [max(_floor(s, j) for s in sections if j < len(s.columns)) for j in range(len(grid))]
    return [min(g, max(MIN_COL, f)) for g, f in zip(grid, floors)]


def _best_widening(cells: list[list[float]], lines: list[list[int]], width: list[float], grid: list[float],
                   left: float) -> tuple[int, float] | None:
    """The widening (column, characters) that saves the most printed lines per character, or None.

    The lines saved: a row's (only by widening the one column that alone sets its height) counted whole, a
    cell's at a quarter, so two columns tied on a row's height still move towards freeing it."""
    n = len(width)
    gains: dict[tuple[int, float], float] = {}
    steps = [(j, d) for j in range(n) for d in _breaks(cells, lines, j, width[j], min(left, grid[j] - width[j]))]
    for row, ln in zip(cells, lines):
        top = max(ln)
        alone = ln.index(top) if top > 1 and ln.count(top) == 1 else -1
        other = max((x for k, x in enumerate(ln) if k != alone), default=1) if alone >= 0 else top
        for j, d in steps:
            if ln[j] == 1:
                continue
            now = _lines_u(row[j], width[j] + d)
            saved = (ln[j] - now) / 4 + (top - max(now, other) if j == alone else 0)
            if saved:
                gains[j, d] = gains.get((j, d), 0) + saved
    return max(gains, key=lambda k: (gains[k] / k[1], -k[0]), default=None)


def _share_rest(width: list[float], grid: list[float], left: float) -> list[float]:
    """What no line needs goes to the columns still short of their longest cell, in proportion."""
    room = sum(g - w for w, g in zip(width, grid))
    if left > 0 and room > 0:
        width = [w + min(1.0, left / room) * (g - w) for w, g in zip(width, grid)]
    return [math.floor(w * 10) / 10 for w in width]


def _breaks(cells: list[list[float]], lines: list[list[int]], j: int, width: float, room: float) -> list[float]:
    """The few smallest widenings of column j (within ``room``) that take a line off one of its cells."""
    need = {math.ceil((row[j] / (ln[j] - 1) + 0.8 - width) * 10) / 10 for row, ln in zip(cells, lines) if ln[j] > 1}
    return sorted(d for d in need if 0 < d <= room + 1e-9)[:6]


def _lines_u(u: float, width: float) -> int:
    return max(1, math.ceil(u / max(1.0, width - 0.8)))


def scale(widths: list[float]) -> float:
    """The fraction fit-to-width prints a sheet of these column widths at (1 when it fits as it is)."""
    return min(1.0, PRINT_PX / (UNIT_PX * sum(widths)))


def _lines(value: object, width: float) -> int:
    return _lines_u(units(value), width)


def _sheet_name(title: str, used: set[str]) -> str:
    import re

    name = re.sub(r"[\[\]:*?/\\]", " ", inert(title, keep_newlines=False))[:28].strip() or "sheet"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


class _Sheet:
    """Writes rows onto one sheet whose column widths are already fixed."""

    def __init__(self, ws, widths: list[float]) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws, self.widths, self.row = ws, widths, 0
        self._made: dict[str | None, object] = {}
        self.span = len(widths)
        line = Side(style="thin", color="999999")
        self.border = Border(left=line, right=line, top=line, bottom=line)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.low = Alignment(wrap_text=True, vertical="bottom")  # a heading's row is taller: the gap above it
        self.bold = Font(bold=True)
        self.head_fill = PatternFill("solid", fgColor="EEEEEE")
        self.fills = {k: PatternFill("solid", fgColor=v) for k, v in LIGHT_FILL.items()}
        self.fonts = {size: Font(bold=True, size=size) for size in (12, 15)}
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = w

    def line(self, text: str, size: int | None = None) -> None:
        """A line across the whole width (title, summary line, section heading): merged, wrapped, tall enough."""
        self.row += 1
        cell = self.ws.cell(self.row, 1, xlsx_cell(text))
        cell.alignment = self.wrap if size is None else self.low
        if size:
            cell.font = self.fonts[size]
        if self.span > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.span)
        pt = {None: LINE_PT, 12: 24, 15: 26}[size]
        self.ws.row_dimensions[self.row].height = pt * _lines(text, sum(self.widths) * (11 / (size or 11)))

    def table(self, s: Section) -> tuple[int, int]:
        """The section's column headings and rows; returns the heading row and the last row."""
        self.row += 1
        head = self.row
        for j, name in enumerate(s.columns, 1):
            cell = self.ws.cell(head, j, xlsx_cell(str(name)))
            cell.font, cell.fill, cell.alignment, cell.border = self.bold, self.head_fill, self.centre, self.border
        self._height(head, s.columns)
        for values in s.rows:
            self.row += 1
            for j, v in enumerate(values, 1):
                cell = self.ws.cell(self.row, j, xlsx_cell(v))
                light = LIGHT_OF.get(str(v)) if j - 1 == s.light_column else None
                self._style(cell, light)
            self._height(self.row, values)
        return head, self.row

    def _style(self, cell, light: str | None) -> None:
        """A table cell's border, wrap and light fill, built once and then copied as openpyxl's style-index
        array (setting style objects cell by cell hashes them into the workbook every time: slow)."""
        from openpyxl.styles.cell_style import StyleArray

        made = self._made.get(light)
        if made is None:
            cell.alignment, cell.border = self.wrap, self.border
            if light:
                cell.fill = self.fills[light]
            made = self._made[light] = StyleArray(cell._style)
        cell._style = StyleArray(made)

    def _height(self, row: int, values: list[object]) -> None:
        n = max(_lines(v, w) for v, w in zip(values, self.widths))
        if n > 1:  # one-line rows keep the program's own height
            self.ws.row_dimensions[row].height = LINE_PT * n


def _setup(ws, title: str, lang: str, title_rows: str | None) -> None:
    """The shared print settings; the document sheet (``title_rows`` None) repeats no rows, its sections
    carry their own headings; no gridlines: the tables have their own borders, headings and lines stand free."""
    print_layout(ws, title, lang, title_rows, gridlines=False)


def to_xlsx(doc: Doc, pinned) -> bytes:
    """The workbook's bytes, every time in it (created, modified, each zip entry's) ``pinned``."""
    lang = doc.lang if doc.lang in ANNEX else "en"
    w = W[lang]
    sheet_title, pointer = ANNEX[lang]
    long = [s for s in doc.sections if len(s.rows) > LONG]
    annexed = {id(s) for s in long}
    body = [s for s in doc.sections if s.rows and id(s) not in annexed]
    wb = new_workbook(pinned)
    used: set[str] = set()
    names = {id(s): _sheet_name(sheet_title.format(n=n, title=s.title), used) for n, s in enumerate(long, 1)}

    ws = wb.active
    ws.title = _sheet_name(doc.title.split(" · ")[0], {*used})
    page = _Sheet(ws, shape(body) or [PAGE_UNITS / 2])
    page.line(doc.title, 15)
    for text in doc.lines:
        page.line(text)
    n = 0
    for s in doc.sections:
        page.line(s.title, 12)
        if id(s) in annexed:
            n += 1
            page.line(pointer.format(n=n, sheet=names[id(s)], rows=len(s.rows)))
        elif s.rows:
            page.table(s)
        else:
            page.line(s.note or w["none"])
    _setup(ws, doc.title, lang, None)

    for n, s in enumerate(long, 1):
        sh = wb.create_sheet(names[id(s)])
        annex = _Sheet(sh, shape([s]))
        annex.line(sheet_title.format(n=n, title=s.title), 12)
        head, last = annex.table(s)
        sh.freeze_panes = sh.cell(head + 1, 1)
        from openpyxl.utils import get_column_letter

        sh.auto_filter.ref = f"A{head}:{get_column_letter(len(s.columns))}{last}"
        _setup(sh, f"{doc.title} · {s.title}", lang, f"1:{head}")
    return finish(wb, pinned)
