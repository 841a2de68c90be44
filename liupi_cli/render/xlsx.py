"""The report as an Excel workbook: a summary sheet and one sheet per battle.

Header rows are frozen, lights are cell fills (and words), numbers stay numbers, and text that
a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import functools

from liupi_cli.gcpause import paused_gc
from liupi_cli.render.labels import (
    COLUMNS,
    LIGHT_FILL,
    LIGHT_WORD,
    TASK_STATUS,
    WORDS,
    battle_title,
    cells,
    decimals,
    heading,
    places_needed,
    rows_by_battle,
    subheading,
)
from liupi_cli.render.safe import sheet_title, xlsx_cell
from liupi_cli.render.workbook import finish, new_workbook, print_layout
from liupi_cli.report.model import Report, Row

# Number formats by column: points and rates to 0.0, amounts by their unit (see ``_amount_format``).
NUMBER_FORMATS = {"growth": "0.0###", "completion": "0.0", "expected": "0.0", "gap_expected": "+0.0;-0.0;0.0",
                  "gap_growth": "+0.0###;-0.0###;0.0"}  # growth and its gap: 9.46 and −0.04 shown, not 9.5 and −0.0
AMOUNTS = ("this_period", "ytd", "last_year", "projection")
# Column widths, in column units (a digit of the default font: 7 px in Excel and WPS, 9.4 px where LibreOffice
# stands DejaVu Sans in for Calibri, see cadence_xlsx.UNIT_PX). A sheet of PAGE_UNITS fits one A4 landscape
# page wide at 9 pt or more in LibreOffice (and unscaled in Excel); long text and headings wrap.
WIDTHS = {"no": 4, "battle": 12, "indicator": 15, "unit": 5, "lead": 8, "frequency": 5, "target": 10,
          "this_period": 7, "ytd": 7, "last_year": 7, "growth": 6.5, "completion": 6, "expected": 5.5,
          "gap_expected": 6.5, "gap_growth": 6.5, "light": 5, "projection": 7, "note": 12}
WRAPPED = {"indicator", "lead", "target", "note", "battle", "unit"}
FONT_SIZE = 11
LINE_HEIGHT = 16  # points per line of 11 pt Chinese text
PAGE_UNITS = 128  # the budget of cadence_xlsx.PAGE_UNITS: 11 pt prints at 9 pt or more in LibreOffice too
# What the wrapped columns give back, down to these widths, when headings or figures widened others.
GIVE_BACK = (("note", 8), ("indicator", 11), ("target", 8), ("lead", 7), ("battle", 8))


@functools.lru_cache(maxsize=1 << 14)  # unit names, frequencies and notes recur row after row
def _units(text: str) -> float:
    import unicodedata

    return sum(1.8 if unicodedata.east_asian_width(ch) in "WFA" else 1.0 for ch in text)


def _widths(keys: list[str], labels: dict[str, str], rows: list[dict[str, object]]) -> dict[str, float]:
    """Column widths: the base widths, widened so no heading word (Frequency, projection), no short cell
    (quarterly, YELLOW) and no figure (2,616,611.00) is cut, then the wrapped columns give back what that
    took so the page still prints at 9 pt or more."""
    widths = dict(WIDTHS)
    for k in keys:
        words = labels[k].replace("(", " (").split() if labels[k].isascii() else []
        need = max((_units(wd) + 0.6 for wd in words), default=0)
        if k not in WRAPPED:
            need = max(need, *(_units(_shown(v)) + 1.5 for row in rows if (v := row[k]) is not None), 0)
        widths[k] = max(widths[k], round(need, 1))
    excess = sum(widths[k] for k in keys) - PAGE_UNITS
    for k, floor in GIVE_BACK:
        if excess > 0 and k in keys:
            give = max(0.0, min(excess, widths[k] - floor))
            widths[k] -= give
            excess -= give
    return widths


def _shown(value: object) -> str:
    """A cell as a spreadsheet shows it: a figure with its thousands separators and decimals."""
    if isinstance(value, float):
        return f"{value:,.{min(places_needed(value, 0), 2)}f}"
    return str(value)


def _lines(text: str, col_width: float) -> int:
    """Lines a wrapped cell needs: spreadsheet programs do not grow rows by themselves on opening, so
    the height is set from an estimate (Chinese characters and their punctuation two units, Latin
    letters and digits a little over one). Lines break between words and between Chinese characters, so
    a word that does not fit starts the next line; a word wider than the column is broken where it must."""
    import re

    room = max(1.0, col_width - 0.3)
    lines, used = 1, 0.0
    for word in re.findall(r"[!-~]+|\S", text):
        w = _units(word)
        if used and used + w > room:
            lines, used = lines + 1, 0.0
        while w > room:  # a word longer than the line is broken inside it
            lines, w = lines + 1, w - room
        used += w + (0.3 if word.isascii() else 0.0)
    return lines


def _amount_format(unit: str | None, value: float) -> tuple[str, float]:
    """The number format and the value rounded to what it shows: 0.00 for 元 amounts (亿元, 万元),
    0.0 for % and ‰, #,##0 for whole counts; more decimals when the figure has them (9.46%)."""
    places = places_needed(value, max(decimals(unit), 0))
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return fmt, round(value, places)


_safe = xlsx_cell


class _Styles:
    """Each distinct cell style is built once and then copied as openpyxl's style-index array: setting a
    Font or an Alignment object per cell hashes it into the workbook's style list every time, which was
    most of a 13,000-row report's time."""

    def __init__(self) -> None:
        self._made: dict[tuple, object] = {}

    def apply(self, cell, font, alignment, number_format: str | None = None, fill=None) -> None:
        from openpyxl.styles.cell_style import StyleArray

        key = (id(font), id(alignment), number_format, id(fill))
        made = self._made.get(key)
        if made is None:
            cell._style = StyleArray()  # from the default: nothing set on this cell before is carried along
            cell.font = font
            cell.alignment = alignment
            if number_format:
                cell.number_format = number_format
            if fill is not None:
                cell.fill = fill
            self._made[key] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(made)


class _Look:
    """The fonts, alignments and fills of a report workbook, made once: ``_Styles`` caches a style by these
    objects' identity, so every sheet uses the same ones."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.body = Font(size=FONT_SIZE)
        self.bold = Font(bold=True, size=FONT_SIZE)
        self.top = Alignment(vertical="top")
        self.wrapped = Alignment(wrap_text=True, vertical="top")
        self.fills = {k: PatternFill("solid", fgColor=v) for k, v in LIGHT_FILL.items()}
        self.styles = _Styles()


@paused_gc()  # 265,000 cells at province scale: the collector walking them again and again was 2 s of 6
def to_xlsx(report: Report, lang: str = "en") -> bytes:
    """The report as a workbook: the summary sheet, one sheet per battle, the overdue tasks."""
    look = _Look()
    title = heading(report, lang)
    wb = new_workbook()
    _summary_sheet(wb.active, report, lang, look, title)
    keys = [k for k, *_ in COLUMNS if k != "battle"]  # each battle has its own sheet, named in its title
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    for battle, rows in rows_by_battle(report):
        _battle_sheet(wb, report, battle, rows, lang, look, title, keys, labels)
    _overdue_sheet(wb, report, lang, look.styles, title)
    return finish(wb)


def _summary_sheet(ws, report: Report, lang: str, look: _Look, title: str) -> None:
    """The counts by light: one table, one heading row repeated on every printed page: the battles, all
    indicators, then the units."""
    from openpyxl.styles import Font

    w = WORDS[lang]
    ws.title = "summary" if lang == "en" else "总体情况"
    ws.append([_safe(title)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_safe(subheading(report, lang))])
    ws["A2"].font = look.body
    for row, size in ((1, 13), (2, FONT_SIZE)):
        _across(ws, row, SUMMARY_WIDTHS, size)
    ws.append([])
    head = [f"{w['by_battle']} / {w['by_unit']}", *(LIGHT_WORD[lang][k] for k in ("red", "yellow", "green", "grey")),
            w["total"], f"{LIGHT_WORD[lang]['red']} %"]
    ws.append(head)
    header_row = ws.max_row
    for c in [*report.summary.by_battle, report.summary.overall]:
        name = w["overall"] if c.key == "all" else battle_title(report, c.key, lang)
        ws.append([_safe(name), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    ws.append([w["by_unit"]])
    unit_header = ws.max_row
    for c in report.summary.by_unit:
        ws.append([_safe(c.name_zh), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            font = look.bold if cell.row in (header_row, unit_header) else look.body
            look.styles.apply(cell, font, look.top,
                              "0.0" if cell.column == 7 and isinstance(cell.value, float) else None)
    for col, light in zip(range(2, 6), ("red", "yellow", "green", "grey")):
        ws.cell(header_row, col).fill = look.fills[light]
    ws.freeze_panes = f"A{header_row + 1}"
    for col, width in zip("ABCDEFG", SUMMARY_WIDTHS):
        ws.column_dimensions[col].width = width
    print_layout(ws, title, lang, f"1:{header_row}")


SUMMARY_WIDTHS = (40, 9, 9, 9, 9, 9, 9)


def _across(ws, row: int, widths: tuple[float, ...], size: float) -> None:
    """A line of text merged across the table's columns and wrapped, its row as tall as its lines: a print area
    ends at the table's last column, so text running on past it would be cut on paper (an English title is)."""
    from openpyxl.styles import Alignment

    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    cell = ws.cell(row, 1)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    lines = _lines(str(cell.value or ""), sum(widths) * FONT_SIZE / size)  # a larger font: fewer units a line
    ws.row_dimensions[row].height = round(LINE_HEIGHT * size / FONT_SIZE * lines, 1)


def _battle_sheet(wb, report: Report, battle: str, rows: list[Row], lang: str, look: _Look, title: str,
                  keys: list[str], labels: dict[str, str]) -> None:
    """One battle's indicators: title, heading row, a row per indicator; the headings repeated on every page."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    b = next(x for x in report.battles if x.id == battle)
    sheet = wb.create_sheet(title=sheet_title(f"{b.number} {b.name_zh}"))
    sheet.append([_safe(battle_title(report, battle, lang))])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([labels[k] for k in keys])
    for col in range(1, len(keys) + 1):
        cell = sheet.cell(2, col)
        cell.font = look.bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    all_values = [cells(r, n, lang) for n, r in enumerate(rows, 1)]
    widths = _widths(keys, labels, all_values)
    sheet.row_dimensions[2].height = LINE_HEIGHT * max(_lines(labels[k], widths[k]) for k in keys)
    for rownum, (r, values) in enumerate(zip(rows, all_values), 3):  # rows 1-2: title and headings
        row, formats = _typed_row(r, values, keys)
        sheet.append(row)
        for col, k in enumerate(keys, 1):
            look.styles.apply(sheet.cell(rownum, col), look.body, look.wrapped if k in WRAPPED else look.top,
                              formats.get(k), look.fills[r.light] if k == "light" else None)
        sheet.row_dimensions[rownum].height = LINE_HEIGHT * max(
            _lines(str(values[k] or ""), widths[k]) for k in keys if k in WRAPPED)
    sheet.freeze_panes = "C3"
    for col, k in enumerate(keys, 1):
        sheet.column_dimensions[get_column_letter(col)].width = widths[k]
    print_layout(sheet, f"{title} · {battle_title(report, battle, lang)}", lang, "1:2")


def _typed_row(r: Row, values: dict, keys: list[str]) -> tuple[list, dict[str, str]]:
    """An indicator's cells as written, numbers with their formats: completion and 序时进度 at 1 decimal (rates
    keep theirs), amounts in their unit's format."""
    row = []
    formats: dict[str, str] = {}
    for k in keys:
        v = values[k]
        if isinstance(v, float):
            if k in NUMBER_FORMATS:  # completion and 序时进度 are judged at 1 decimal; rates keep theirs
                v, formats[k] = round(v, places_needed(v, 1)), NUMBER_FORMATS[k]
            elif k in AMOUNTS:
                formats[k], v = _amount_format(r.unit, v)
        row.append(_safe(v))
    return row, formats


def _overdue_sheet(wb, report: Report, lang: str, styles: _Styles, title: str) -> None:
    """The overdue tasks: columns of their own, so a sheet of their own with its heading row on every page."""
    from openpyxl.styles import Alignment, Font

    w = WORDS[lang]
    body, bold = Font(size=FONT_SIZE), Font(bold=True, size=FONT_SIZE)
    top, wrapped = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    tasks = wb.create_sheet(title=sheet_title(w["overdue"]))  # a table of its own columns: a sheet of its own
    tasks.append([_safe(f"{w['overdue']} ({len(report.summary.tasks_overdue)})")])
    tasks["A1"].font = Font(bold=True, size=12)
    tasks.append([w["id"], w["task"], w["deadline"], w["days"], w["status"]])
    for t in report.summary.tasks_overdue:
        tasks.append([t.id, _safe(f"{t.title_zh} ({'、'.join(t.lead_units_zh)})"), t.deadline, t.days_overdue,
                      _safe(TASK_STATUS[lang].get(t.status or "", t.status or ""))])
    if not report.summary.tasks_overdue:
        tasks.append([w["none"]])
    for row in tasks.iter_rows(min_row=2):
        for cell in row:
            fmt = "yyyy-mm-dd" if cell.column == 3 and cell.row > 2 and report.summary.tasks_overdue else None
            styles.apply(cell, bold if cell.row == 2 else body, wrapped if cell.column == 2 else top, fmt)
        if row[0].row > 2 and len(row) > 1 and row[1].value:
            tasks.row_dimensions[row[0].row].height = LINE_HEIGHT * _lines(str(row[1].value), 70)
    tasks.freeze_panes = "A3"
    for col, width in zip("ABCDE", (14, 70, 12, 9, 12)):
        tasks.column_dimensions[col].width = width
    print_layout(tasks, f"{title} · {w['overdue']}", lang, "1:2")

