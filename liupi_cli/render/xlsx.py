"""The report as an Excel workbook: a summary sheet and one sheet per battle.

Header rows are frozen, lights are cell fills (and words), numbers stay numbers, and text that
a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import io

from liupi_cli.render.labels import (
    COLUMNS,
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
from liupi_cli.render.safe import neutralise
from liupi_cli.report.model import Report

NUMBER_FORMATS = {"growth": "0.0", "completion": "0.0", "expected": "0.0", "gap_expected": "+0.0;-0.0;0.0",
                  "gap_growth": "+0.0;-0.0;0.0"}
WIDTHS = {"no": 5, "battle": 18, "indicator": 30, "unit": 8, "lead": 16, "frequency": 8, "target": 14, "note": 48}


def _safe(value: object) -> object:
    return neutralise(value) if isinstance(value, str) else value


def to_xlsx(report: Report, lang: str = "en") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = WORDS[lang]
    bold = Font(bold=True)
    fills = {k: PatternFill("solid", fgColor=v) for k, v in LIGHT_FILL.items()}
    wb = Workbook()
    ws = wb.active
    ws.title = "summary" if lang == "en" else "总体情况"
    ws.append([_safe(heading(report, lang))])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_safe(subheading(report, lang))])
    ws.append([])
    head = [w["by_battle"], *(LIGHT_WORD[lang][k] for k in ("red", "yellow", "green", "grey")), w["total"],
            f"{LIGHT_WORD[lang]['red']} %"]
    ws.append(head)
    header_row = ws.max_row
    for col in range(1, len(head) + 1):
        ws.cell(header_row, col).font = bold
    for c in [*report.summary.by_battle, report.summary.overall]:
        name = w["overall"] if c.key == "all" else battle_title(report, c.key, lang)
        ws.append([_safe(name), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    for col, light in zip(range(2, 6), ("red", "yellow", "green", "grey")):
        ws.cell(header_row, col).fill = fills[light]
    ws.append([])
    ws.append([w["by_unit"], *head[1:]])
    for col in range(1, len(head) + 1):
        ws.cell(ws.max_row, col).font = bold
    for c in report.summary.by_unit:
        ws.append([_safe(c.name_zh), c.red, c.yellow, c.green, c.grey, c.total, round(c.share("red"), 1)])
    ws.append([])
    ws.append([f"{w['overdue']} ({len(report.summary.tasks_overdue)})"])
    ws.cell(ws.max_row, 1).font = bold
    ws.append(["id", w["task"], w["deadline"], w["days"], w["status"]])
    for t in report.summary.tasks_overdue:
        ws.append([t.id, _safe(f"{t.title_zh} ({'、'.join(t.lead_units_zh)})"), t.deadline, t.days_overdue,
                   _safe(STATUS[lang].get(t.status or "", t.status or ""))])
        ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
    ws.freeze_panes = f"A{header_row + 1}"
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 40

    keys = [k for k, *_ in COLUMNS]
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    for battle, rows in rows_by_battle(report):
        b = next(x for x in report.battles if x.id == battle)
        sheet = wb.create_sheet(title=f"{b.number} {b.name_zh}"[:31])
        sheet.append([_safe(battle_title(report, battle, lang))])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([labels[k] for k in keys])
        for col in range(1, len(keys) + 1):
            cell = sheet.cell(2, col)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for n, r in enumerate(rows, 1):
            values = cells(r, n, lang)
            sheet.append([_safe(values[k]) for k in keys])
            rownum = sheet.max_row
            for col, k in enumerate(keys, 1):
                cell = sheet.cell(rownum, col)
                if k in NUMBER_FORMATS and cell.value is not None:
                    cell.number_format = NUMBER_FORMATS[k]
                elif k in ("this_period", "ytd", "last_year", "projection") and cell.value is not None:
                    cell.number_format = "#,##0.00" if isinstance(cell.value, float) and not cell.value.is_integer() \
                        else "#,##0"
            sheet.cell(rownum, keys.index("light") + 1).fill = fills[r.light]
        sheet.freeze_panes = "D3"
        for col, k in enumerate(keys, 1):
            sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(k, 12)
    for sheet in wb.worksheets:  # circulars get printed: landscape, one page wide
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
