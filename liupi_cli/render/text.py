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
    review_mark,
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


def actual_text(row: Row, report: Report, lang: str = "en") -> str:
    if row.actual is None:
        return ""
    text = f"{num(row.actual, row.unit)}{row.unit or ''}"
    if other_period(row, report):
        text += f" ({row.actual_period})"
    return text + review_mark(row, lang)


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
        Column(h["actual"], [actual_text(r, report, lang) for r in rows], priority=90),
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
    p = paint or (lambda text, _style: text)
    out = _head(report, lang, width, p, lead)
    collapse = not has_figures(report) and "light" not in report.filters
    hidden = 0
    for battle, rows in rows_by_battle(report):
        lines, grey = _battle(report, battle, rows, lang, width, paint, collapse)
        out += lines
        hidden += grey
    out.append("")
    out += _overdue(report, lang, width, p)
    out += _persistent(report, lang, width, p)
    out += _footnotes(report, lang, width, p, hidden)
    return "\n".join(out) + "\n"


def _head(report: Report, lang: str, width: int, p: Paint, lead: Sequence[str]) -> list[str]:
    """The heading (bold), the summary and context lines, then the ``lead`` lines."""
    out = [p(line, "bold") for line in wrap(heading(report, lang), width)]
    for line in (summary_line(report, lang), context_line(report, lang), *lead):
        out += wrap(line, width)
    return out


def _battle(report: Report, battle: str, rows: list[Row], lang: str, width: int, paint: Paint | None,
            collapse: bool) -> tuple[list[str], int]:
    """A battle's title and table; with ``collapse``, its grey rows counted in the title, not listed.
    Returns the lines and how many rows were left out."""
    p = paint or (lambda text, _style: text)
    shown = [r for r in rows if r.light != "grey"] if collapse else rows
    title = battle_title(report, battle, lang)
    if collapse:
        grey = len(rows) - len(shown)
        title += f" — {LIGHT_WORD[lang]['grey']} {grey}" if lang == "en" else f" — 灰灯{grey}个"
    out = [""] + [p(line, "bold") for line in wrap(title, width)]
    if shown:
        out += render_table(_columns(report, shown, lang, width), width, sep=1 if width < 100 else 2, paint=paint)
    return out, len(rows) - len(shown)


def _overdue(report: Report, lang: str, width: int, p: Paint) -> list[str]:
    """The overdue tasks on one line (the first eight named, with their days overdue), or none."""
    w = WORDS[lang]
    tasks = report.summary.tasks_overdue
    if not tasks:
        return [f"{w['overdue']}: {w['none']}"]
    days = "d" if lang == "en" else "天"
    items = ", ".join(f"{t.id} {t.title_zh} ({t.days_overdue}{days})" for t in tasks[:8])
    if len(tasks) > 8:
        items += f", … (+{len(tasks) - 8})"
    return [p(line, "bold") for line in wrap(f"{w['overdue']} ({len(tasks)}): {items}", width)]


def _persistent(report: Report, lang: str, width: int, p: Paint) -> list[str]:
    """The indicators red for several periods in a row, in red."""
    if not report.summary.persistent:
        return []
    names = {r.id: (r.name_zh if lang == "zh" else r.name_en) for r in report.rows}
    listed = ("、" if lang == "zh" else ", ").join(names.get(i, i) for i in report.summary.persistent)
    return [p(line, "red") for line in wrap(f"{WORDS[lang]['persistent']}: {listed}", width)]


def _footnotes(report: Report, lang: str, width: int, p: Paint, hidden: int) -> list[str]:
    """What a reader needs to read the table: grey rows left out, figures of another period, a lead unit
    taken from the battle."""
    out: list[str] = []
    if hidden:
        out += wrap(FOOT[lang]["grey"].format(n=hidden), width)
    if any(other_period(r, report) for r in report.rows if r.actual is not None):
        out += [p(line, "dim") for line in wrap(FOOT[lang]["period"], width)]
    if any(r.lead_from_battle for r in report.rows):
        out += [p(line, "dim") for line in wrap(FOOT[lang]["lead"], width)]
    return out
