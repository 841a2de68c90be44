"""The report as an Excel workbook: a summary sheet and one sheet per battle.

Header rows are frozen, lights are cell fills (and words), numbers stay numbers, and text that
a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import functools
import io

from liupi_cli.gcpause import paused_gc
from liupi_cli.render.labels import (
    COLUMNS,
    decimals,
    places_needed,
    LIGHT_FILL,
    LIGHT_WORD,
    STATUS,
    WORDS,
    battle_title,
    cells,
    heading,
    rows_by_battle,
    subheading,
)
from liupi_cli.render.safe import sheet_title, xlsx_cell
from liupi_cli.report.model import Report

# Number formats by column: points and rates to 0.0, amounts by their unit (see ``_amount_format``).
NUMBER_FORMATS = {"growth": "0.0###", "completion": "0.0", "expected": "0.0", "gap_expected": "+0.0;-0.0;0.0",
                  "gap_growth": "+0.0###;-0.0###;0.0"}  # growth and its gap: 9.46 and −0.04 shown, not 9.5 and −0.0
AMOUNTS = ("this_period", "ytd", "last_year", "projection")
# Column widths (in Excel's character units; a Chinese character takes about two) sized so the
# circular fits one A4 landscape page wide at about 83% scale (11 pt prints at 9 pt or more); headings wrap.
WIDTHS = {"no": 4.5, "battle": 12, "indicator": 21, "unit": 7, "lead": 12, "frequency": 6, "target": 13,
          "this_period": 9, "ytd": 9, "last_year": 9, "growth": 7, "completion": 8, "expected": 7,
          "gap_expected": 9, "gap_growth": 9, "light": 6, "projection": 9, "note": 22}
WRAPPED = {"indicator", "lead", "target", "note", "battle", "unit"}
FONT_SIZE = 11
LINE_HEIGHT = 16  # points per line of 11 pt Chinese text


PAGE_UNITS = 168  # column units that print one A4 landscape page wide with 11 pt text at 9 pt or more


@functools.lru_cache(maxsize=1 << 14)  # unit names, frequencies and notes recur row after row
def _units(text: str) -> float:
    import unicodedata

    return sum(1.8 if unicodedata.east_asian_width(ch) in "WFA" else 1.0 for ch in text)


def _widths(keys: list[str], labels: dict[str, str], rows: list[dict[str, object]]) -> dict[str, float]:
    """Column widths: the base widths, widened so no heading word (Frequency, projection) and no short
    cell (quarterly, YELLOW) is cut, then the note and the indicator give back what that took so the
    page still prints at 9 pt or more."""
    widths = dict(WIDTHS)
    for k in keys:
        words = labels[k].replace("(", " (").split() if labels[k].isascii() else []
        need = max((_units(wd) * 1.1 + 1.5 for wd in words), default=0)
        if k not in WRAPPED:
            need = max(need, *(_units(v) + 1.5 for row in rows if isinstance((v := row[k]), str)), 0)
        widths[k] = max(widths[k], round(need, 1))
    excess = sum(widths[k] for k in keys) - PAGE_UNITS
    for k, floor in (("note", 16), ("indicator", 18), ("target", 11), ("lead", 10), ("this_period", 8),
                     ("ytd", 8), ("last_year", 8), ("gap_expected", 8), ("gap_growth", 8)):
        if excess > 0 and k in keys:
            give = min(excess, widths[k] - floor)
            widths[k] -= give
            excess -= give
    return widths


def _lines(text: str, col_width: float) -> int:
    """Lines a wrapped cell needs: spreadsheet programs do not grow rows by themselves on opening, so
    the height is set from an estimate (Chinese characters and their punctuation two units, Latin
    letters and digits a little over one)."""
    import math

    return max(1, math.ceil(_units(text) / (col_width - 0.3)))


def _amount_format(unit: str | None, value: float) -> tuple[str, float]:
    """The number format and the value rounded to what it shows: 0.00 for 元 amounts (亿元, 万元),
    0.0 for % and ‰, #,##0 for whole counts; more decimals when the figure has them (9.46%)."""
    places = places_needed(value, max(decimals(unit), 0))
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return fmt, round(value, places)


def print_layout(sheet, title: str, lang: str, title_rows: str) -> None:
    """Print as an office would: A4 landscape, one page wide and as many tall as needed, the heading
    rows repeated on every page, title in the page header, page numbers in the footer, gridlines."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = title_rows
    sheet.print_options.gridLines = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N"
    sheet.oddFooter.center.size = 9


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


@paused_gc()  # 265,000 cells at province scale: the collector walking them again and again was 2 s of 6
def to_xlsx(report: Report, lang: str = "en") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = WORDS[lang]
    body = Font(size=FONT_SIZE)
    bold = Font(bold=True, size=FONT_SIZE)
    top = Alignment(vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in LIGHT_FILL.items()}
    styles = _Styles()
    title = heading(report, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = "summary" if lang == "en" else "总体情况"
    ws.append([_safe(title)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_safe(subheading(report, lang))])
    ws["A2"].font = body
    ws.append([])
    head = [w["by_battle"], *(LIGHT_WORD[lang][k] for k in ("red", "yellow", "green", "grey")), w["total"],
            f"{LIGHT_WORD[lang]['red']} %"]
    ws.append(head)
    header_row = ws.max_row
    for c in [*report.summary.by_battle, report.summary.overall]:
        name = w["overall"] if c.key == "all" else battle_title(report, c.key, lang)
        ws.append([_safe(name), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    ws.append([])
    ws.append([w["by_unit"], *head[1:]])
    unit_header = ws.max_row
    for c in report.summary.by_unit:
        ws.append([_safe(c.name_zh), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    ws.append([])
    ws.append([f"{w['overdue']} ({len(report.summary.tasks_overdue)})"])
    overdue_title = ws.max_row
    ws.append([w["id"], w["task"], w["deadline"], w["days"], w["status"]])
    overdue_header = ws.max_row
    for t in report.summary.tasks_overdue:
        ws.append([t.id, _safe(f"{t.title_zh} ({'、'.join(t.lead_units_zh)})"), t.deadline, t.days_overdue,
                   _safe(STATUS[lang].get(t.status or "", t.status or ""))])
    if not report.summary.tasks_overdue:
        ws.append([w["none"]])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            font = bold if cell.row in (header_row, unit_header, overdue_title, overdue_header) else body
            align = wrapped if cell.column == 2 and cell.row > overdue_header else top
            fmt = None
            if cell.column == 7 and isinstance(cell.value, float):
                fmt = "0.0"
            elif cell.column == 3 and cell.row > overdue_header and report.summary.tasks_overdue:
                fmt = "yyyy-mm-dd"
            styles.apply(cell, font, align, fmt)
    for col, light in zip(range(2, 6), ("red", "yellow", "green", "grey")):
        ws.cell(header_row, col).fill = fills[light]
    ws.freeze_panes = f"A{header_row + 1}"
    for col, width in zip("ABCDEFG", (36, 44, 11, 9, 12, 8, 8)):
        ws.column_dimensions[col].width = width
    print_layout(ws, title, lang, "1:2")

    keys = [k for k, *_ in COLUMNS if k != "battle"]  # each battle has its own sheet, named in its title
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    for battle, rows in rows_by_battle(report):
        b = next(x for x in report.battles if x.id == battle)
        sheet = wb.create_sheet(title=sheet_title(f"{b.number} {b.name_zh}"))
        sheet.append([_safe(battle_title(report, battle, lang))])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([labels[k] for k in keys])
        sheet.row_dimensions[2].height = 54  # headings wrap to up to four lines
        for col in range(1, len(keys) + 1):
            cell = sheet.cell(2, col)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        all_values = [cells(r, n, lang) for n, r in enumerate(rows, 1)]
        widths = _widths(keys, labels, all_values)
        for rownum, (r, values) in enumerate(zip(rows, all_values), 3):  # rows 1-2: title and headings
            row = []
            formats = {}
            for k in keys:
                v = values[k]
                if isinstance(v, float):
                    if k in NUMBER_FORMATS:  # completion and 序时进度 are judged at 1 decimal; rates keep theirs
                        v, formats[k] = round(v, places_needed(v, 1)), NUMBER_FORMATS[k]
                    elif k in AMOUNTS:
                        formats[k], v = _amount_format(r.unit, v)
                row.append(_safe(v))
            sheet.append(row)
            for col, k in enumerate(keys, 1):
                styles.apply(sheet.cell(rownum, col), body, wrapped if k in WRAPPED else top, formats.get(k),
                             fills[r.light] if k == "light" else None)
            sheet.row_dimensions[rownum].height = LINE_HEIGHT * max(
                _lines(str(values[k] or ""), widths[k]) for k in keys if k in WRAPPED)
        sheet.freeze_panes = "C3"
        for col, k in enumerate(keys, 1):
            sheet.column_dimensions[get_column_letter(col)].width = widths[k]
        print_layout(sheet, f"{title} · {battle_title(report, battle, lang)}", lang, "1:2")
    buf = io.BytesIO()
    from liupi_cli.render.safe import scrub_workbook

    scrub_workbook(wb)  # nothing XML cannot hold
    wb.save(buf)
    return buf.getvalue()
