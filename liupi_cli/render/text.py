"""The report as fixed-width text (the terminal table and .txt files).

One line per indicator where the width allows; at 80 columns the least important columns (note,
progress bar, 序时进度, lead unit) give way first and long names wrap between words. Colour is
applied by the caller through ``paint(text, style)`` after the layout, so it never changes widths.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from liupi_cli.periods import parse_period
from liupi_cli.render.labels import (
    LIGHT_WORD,
    WORDS,
    battle_title,
    context_line,
    gap_text,
    has_figures,
    heading,
    note_text,
    num,
    rows_by_battle,
    summary_line,
    target_text,
)
from liupi_cli.render.textgrid import Column, render_table, wrap
from liupi_cli.report.model import Report, Row

Paint = Callable[[str, "str | None"], str]

HEAD = {
    "en": {"light": "Light", "indicator": "Indicator", "target": "Target", "actual": "Actual",
           "completion": "Done", "bar": "Progress", "expected": "Expected", "gap": "Gap", "lead": "Lead unit",
           "note": "Note"},
    "zh": {"light": "灯", "indicator": "指标", "target": "年度目标", "actual": "实际", "completion": "完成",
           "bar": "进度", "expected": "序时进度", "gap": "差距", "lead": "牵头单位", "note": "备注"},
}
FOOT = {
    "en": {"lead": "* lead unit of the battle (the document names none for this target)",
           "period": "Actual: the figure's period is shown in brackets when it is not the report's.",
           "grey": "{n} indicator(s) have no figure yet and are not listed; `--light grey` lists them."},
    "zh": {"lead": "* 该指标未明确牵头单位，显示所属战役牵头单位",
           "period": "实际：数据期与通报期不同时在括号中注明。",
           "grey": "{n}个指标暂无数据，未逐项列出；加 --light grey 可列出。"},
}


def bar(row: Row, cols: int = 10) -> str:
    if row.completion is None:
        return ""
    # rounded down: only a target reached fills the bar (98.5% of a target not met shows a gap)
    filled = max(0, min(cols, math.floor(row.completion / 100 * cols)))
    return "█" * filled + "░" * (cols - filled)


def other_period(row: Row, report: Report) -> bool:
    """The figure is for another period than the report's: a May figure in June, or a quarter's figure
    in a month report. 2023-12 and 2023Q4 in the year's report (2023-06 in 2023Q2's) end with it: they
    are the report's own period."""
    if not row.actual_period or row.actual_period == report.period:
        return False
    return report.grain == "month" or parse_period(row.actual_period).end != report.as_of


def actual_text(row: Row, report: Report) -> str:
    if row.actual is None:
        return ""
    text = f"{num(row.actual, row.unit)}{row.unit or ''}"
    if other_period(row, report):
        text += f" ({row.actual_period})"
    return text


def _columns(report: Report, rows: list[Row], lang: str, cols: int) -> list[Column]:
    h = HEAD[lang]
    en = lang == "en"
    names = [r.name_zh if not en else (f"{r.name_en} {r.name_zh}" if cols >= 120 else r.name_en) for r in rows]
    return [
        Column(h["light"], [LIGHT_WORD[lang][r.light] + (" !" if r.persistent else "") for r in rows],
               priority=100, styles=[r.light for r in rows]),
        Column(h["indicator"], names, priority=99, wrap=True, min_width=16, max_width=50,
               max_lines=0 if cols >= 120 else 2),
        Column(h["target"], [target_text(r, lang) for r in rows], priority=80, wrap=True, min_width=6,
               max_width=20, max_lines=2),
        Column(h["actual"], [actual_text(r, report) for r in rows], priority=90),
        Column(h["completion"], [num(r.completion, "%") + "%" if r.completion is not None else "" for r in rows],
               priority=70, align="right"),
        Column(h["bar"], [bar(r) for r in rows], priority=20),
        Column(h["expected"], [f"{r.expected:.1f}%" if r.expected is not None else "" for r in rows],
               priority=30, align="right"),
        Column(h["gap"], [gap_text(r, lang) for r in rows], priority=75, align="right"),
        Column(h["lead"], [(r.lead_unit_zh or "") + ("*" if r.lead_from_battle else "") for r in rows],
               priority=60, wrap=True, min_width=10, max_width=16, max_lines=2),
        Column(h["note"], [note_text(r, lang) for r in rows], priority=10, wrap=True, min_width=16, max_width=60,
               max_lines=3),
    ]


def to_text(report: Report, lang: str = "en", width: int = 100, paint: Paint | None = None,
            lead: Sequence[str] = ()) -> str:
    """The whole report as text lines ``width`` columns wide.

    ``lead``: lines shown right after the summary (the CLI's next-step advice on a first run).
    With no figure at all for the period, grey rows are counted rather than listed (unless the
    report was filtered by light)."""
    w = WORDS[lang]
    p = paint or (lambda text, _style: text)
    out: list[str] = [p(line, "bold") for line in wrap(heading(report, lang), width)]
    out += wrap(summary_line(report, lang), width)
    out += wrap(context_line(report, lang), width)
    for line in lead:
        out += wrap(line, width)
    collapse = not has_figures(report) and "light" not in report.filters
    hidden = 0
    any_lead_star = any(r.lead_from_battle for r in report.rows)
    any_period = any(other_period(r, report) for r in report.rows if r.actual is not None)
    for battle, rows in rows_by_battle(report):
        shown = [r for r in rows if r.light != "grey"] if collapse else rows
        hidden += len(rows) - len(shown)
        title = battle_title(report, battle, lang)
        if collapse:
            grey = len(rows) - len(shown)
            title += f" — {LIGHT_WORD[lang]['grey']} {grey}" if lang == "en" else f" — 灰灯{grey}个"
        out += [""] + [p(line, "bold") for line in wrap(title, width)]
        if shown:
            out += render_table(_columns(report, shown, lang, width), width, sep=1 if width < 100 else 2,
                                paint=paint)
    s = report.summary
    out.append("")
    if s.tasks_overdue:
        days = "d" if lang == "en" else "天"
        items = ", ".join(f"{t.id} {t.title_zh} ({t.days_overdue}{days})" for t in s.tasks_overdue[:8])
        more = len(s.tasks_overdue) - 8
        if more > 0:
            items += f", … (+{more})"
        out += [p(line, "bold") for line in wrap(f"{w['overdue']} ({len(s.tasks_overdue)}): {items}", width)]
    else:
        out.append(f"{w['overdue']}: {w['none']}")
    if s.persistent:
        names = {r.id: (r.name_zh if lang == "zh" else r.name_en) for r in report.rows}
        listed = ("、" if lang == "zh" else ", ").join(names.get(i, i) for i in s.persistent)
        out += [p(line, "red") for line in wrap(f"{w['persistent']}: {listed}", width)]
    if hidden:
        out += wrap(FOOT[lang]["grey"].format(n=hidden), width)
    if any_period:
        out += [p(line, "dim") for line in wrap(FOOT[lang]["period"], width)]
    if any_lead_star:
        out += [p(line, "dim") for line in wrap(FOOT[lang]["lead"], width)]
    return "\n".join(out) + "\n"
