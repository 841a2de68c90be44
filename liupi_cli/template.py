"""The fill-in sheet a bureau completes: one row per figure due for a period, read back by
``update --file`` (liupi_cli.figure_sheet reads either heading language).

Columns: 指标 (the name, beside the value cell) · 数值 (to fill) · 单位 · 期间 · 年度目标 · 来源 · 备注 ·
去年同期 (是 on the rows asking for last year's same-period figure of a 双下降 count) · 牵头单位 · id.
年度目标 and 牵头单位 are for the reader and ignored on import; the id decides which indicator a row is.
"""

from __future__ import annotations

import math

from liupi_cli.models import Indicator, Kind
from liupi_cli.periods import Period, period_for
from liupi_cli.plan import Plan
from liupi_cli.recording import due_indicators

# (column key, Chinese heading, English heading, width in characters)
COLUMNS = (
    ("name", "指标", "name_zh", 34),
    ("value", "数值", "value", 12),
    ("unit", "单位", "unit", 9),
    ("period", "期间", "period", 14),
    ("target", "年度目标", "target", 16),
    ("source", "来源", "source", 16),
    ("note", "备注", "note", 18),
    ("baseline", "去年同期", "baseline", 9),
    ("lead_unit", "牵头单位", "lead_unit", 24),
    ("id", "id", "id", 26),
)
_PREFIX_FREE = ("以上", "左右", "以内", "内", "前")  # qualifiers written after the figure

def period_text(p: Period, lang: str) -> str:
    """How the sheet writes a period: 2023年1-6月 / 2023年二季度 / 2023年 (zh), the key (en)."""
    if lang != "zh":
        return p.key
    if p.grain == "year":
        return f"{p.year}年"
    if p.grain == "quarter":
        return f"{p.year}年{'一二三四'[p.months // 3 - 1]}季度"
    return f"{p.year}年1-{p.months}月"


def target_text(ind: Indicator) -> str:
    """增长8%以上, 突破34亿元, 0起, 2023-08-31前: the target as the document words it, briefly."""
    if ind.kind is Kind.milestone:
        return f"{ind.due}前" if ind.due else ""
    if ind.target is None:
        return ""
    figure = ("增长" if ind.kind is Kind.growth_rate else "") + f"{ind.target:g}{ind.unit or ''}"
    q = ind.qualifier or ""
    if "…" in q:
        before, after = q.split("…", 1)
        return f"{before}{figure}{after}"
    return f"{figure}{q}" if q in _PREFIX_FREE else f"{q}{figure}"


def template_rows(plan: Plan, period: Period, lang: str = "zh", battle: str | None = None,
                  unit: str | None = None) -> list[dict[str, str]]:
    rows = []
    for ind in due_indicators(plan, period, battle, unit):
        own = period_for(ind.frequency, Period(plan.info.year, period.months, period.grain), plan.info.year)
        base = {"name": ind.name_zh, "value": "", "unit": ind.unit or "", "target": target_text(ind),
                "source": "", "note": "", "baseline": "",
                "lead_unit": plan.unit_name(ind.lead_unit or plan.battles[ind.battle].lead_unit) or "", "id": ind.id}
        rows.append({**base, "period": period_text(own, lang)})
        if ind.kind is Kind.double_decline:  # 双下降 needs last year's same-period figure too
            rows.append({**base, "period": period_text(own.previous_year(), lang), "target": "",
                         "baseline": "是" if lang == "zh" else "1"})
    return rows


def headings(lang: str) -> list[str]:
    return [zh if lang == "zh" else en for _, zh, en, _ in COLUMNS]


def template_csv(rows: list[dict[str, str]], lang: str) -> str:
    """The file's text: CSV lines ending in CRLF, as a CSV file holds it (render/csv_file: the byte-order mark
    first, so Excel and WPS open it with the Chinese intact)."""
    from liupi_cli.render.csv_file import csv_text, for_file

    return for_file(csv_text(headings(lang), ([r[key] for key, *_ in COLUMNS] for r in rows), newline="\r\n"))


def _display_width(text: str) -> float:
    """Column-width units a text takes at 11 points: a Chinese character about 1.7."""
    return sum(1.7 if ord(ch) > 0x2E7F else 1 for ch in text)


def template_xlsx(rows: list[dict[str, str]], lang: str, title: str) -> bytes:
    """One sheet, headings in row 1, value cells shaded and formatted as numbers (General: a typed
    6.1% becomes a percent cell, which import reads as 6.1), printed landscape one page wide."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from liupi_cli.render.workbook import append, finish, freeze, new_workbook, print_layout

    wb = new_workbook()
    ws = wb.active
    ws.title = "figures" if lang != "zh" else "数据填报"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    grey = Font(color="808080", size=9)
    append(ws, headings(lang))
    for c in ws[1]:
        c.font, c.fill, c.border = Font(bold=True), head_fill, border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    keys = [key for key, *_ in COLUMNS]
    for r in rows:
        append(ws, (r[k] for k in keys))
        n = ws.max_row
        for i, key in enumerate(keys, start=1):
            c = ws.cell(n, i)
            c.border = border
            c.alignment = Alignment(vertical="center", wrap_text=key == "name")
            if key == "value":
                c.value, c.fill, c.number_format = None, input_fill, "General"
            elif key == "period":
                c.number_format = "@"  # stays text: Excel must not turn it into a date
            elif key == "id":
                c.font = grey
    widths = {key: width for key, _, _, width in COLUMNS}
    widths["id"] = max([widths["id"], *(0.85 * len(r["id"]) + 2 for r in rows)])  # 9-point text
    for i, key in enumerate(keys, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths[key]
    for n, r in enumerate(rows, start=2):  # wrapped names need taller rows: spreadsheets do not all resize them
        lines = math.ceil(_display_width(r["name"]) / (widths["name"] - 1))
        if lines > 1:
            ws.row_dimensions[n].height = 15 * lines
    freeze(ws, 1, columns=1)  # the headings, and each row's name beside its value cell
    print_layout(ws, title, lang, "1:1", gridlines=False)  # the cells have their own borders
    return finish(wb)
