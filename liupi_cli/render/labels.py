"""Words and number formats shared by every renderer, in English and Chinese."""

from __future__ import annotations

from liupi_cli.quantity import split_unit
from liupi_cli.report.model import Report, Row

LIGHT_WORD = {
    "en": {"green": "GREEN", "yellow": "YELLOW", "red": "RED", "grey": "GREY"},
    "zh": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "grey": "灰灯"},
}
LIGHT_COLOUR = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
LIGHT_FILL = {"green": "C8E6C9", "yellow": "FFF59D", "red": "FFCDD2", "grey": "E0E0E0"}

STATUS = {
    "en": {"ahead": "ahead of schedule", "on_track": "on schedule", "behind": "behind", "far_behind": "far behind",
           "met": "met", "not_met": "not met", "broken": "broken", "no_data": "no data yet", "not_due": "not due yet",
           "due_soon": "due soon", "overdue": "overdue", "done": "done", "declined": "below last year",
           "not_declined": "not below last year", "no_baseline": "no last-year figure",
           "no_target": "no numeric target", "done_late": "done late", "no_year_end_figure": "cannot be settled",
           "stretch_missed": "base met, 力争 figure not", "under_way": "under way (a stock: no pace)",
           "zero_both_years": "0 both years (nothing to decline)", "unreported": "unreported",
           "pair_not_declined": "below last year alone"},
    "zh": {"ahead": "超序时进度", "on_track": "符合序时进度", "behind": "低于序时进度", "far_behind": "严重滞后",
           "met": "达标", "not_met": "未达标", "broken": "突破目标", "no_data": "暂无数据", "not_due": "未到期",
           "due_soon": "即将到期", "overdue": "逾期", "done": "已完成", "declined": "同比下降",
           "not_declined": "未实现同比下降", "no_baseline": "缺去年同期数", "no_target": "无量化目标",
           "done_late": "逾期完成", "no_year_end_figure": "无法结账", "stretch_missed": "完成基本目标，未完成力争目标",
           "under_way": "推进中（不计序时进度）", "zero_both_years": "两年均为零（无可下降）", "unreported": "未报",
           "pair_not_declined": "单项同比下降"},
}
# a new year's plan before its figure is written (see docs/next-year.md)
STATUS["en"]["target_to_be_set"], STATUS["zh"]["target_to_be_set"] = "target to be set", "目标待定"
FREQ = {"en": {"monthly": "monthly", "quarterly": "quarterly", "annual": "annual", "once": "once"},
        "zh": {"monthly": "月度", "quarterly": "季度", "annual": "年度", "once": "一次性"}}
# The monthly circular's columns (DOMAIN: 月通报), in order.
COLUMNS = [
    ("no", "No.", "序号"), ("battle", "Battle", "战役"), ("indicator", "Indicator", "指标"), ("unit", "Unit", "单位"),
    ("lead", "Lead unit", "牵头单位"), ("frequency", "Frequency", "频率"), ("target", "Annual target", "年度目标"),
    ("this_period", "This period", "本期"), ("ytd", "Year to date", "累计"),
    ("last_year", "Same period last year", "去年同期"),
    ("growth", "YTD growth %", "累计增长%"), ("completion", "% of annual target", "完成年度目标%"),
    ("expected", "Time elapsed %", "序时进度%"), ("gap_expected", "Gap to schedule (pts)", "与序时进度差(百分点)"),
    ("gap_growth", "Gap to growth target (pts)", "与增长目标差(百分点)"), ("light", "Light", "灯"),
    ("projection", "Year-end projection", "年末预计"), ("note", "Note", "备注"),
]

WORDS = {
    "en": {"title": "Gap-to-target report", "period": "Period", "as_of": "as of", "elapsed": "Time elapsed (序时进度)",
           "summary": "Summary", "overall": "All indicators", "by_battle": "By battle", "by_unit": "By lead unit",
           "laggards": "Furthest behind", "persistent": "Red two periods running", "overdue": "Overdue tasks",
           "task": "Task", "deadline": "Deadline", "days": "Days overdue", "status": "Status", "none": "none",
           "settlement": "Year-end settlement", "met": "Met", "not_met": "Not met", "unknown": "Cannot tell",
           "tasks_done": "tasks done", "filters": "Filters", "count": "Count", "share": "Share",
           "progress_chart": "Progress against time elapsed", "trend_chart": "Growth trend against target",
           "total": "total", "id": "id"},
    "zh": {"title": "目标任务进度通报", "period": "统计期", "as_of": "截至", "elapsed": "序时进度",
           "summary": "总体情况", "overall": "全部指标", "by_battle": "分战役", "by_unit": "分牵头单位",
           "laggards": "滞后指标", "persistent": "连续两期红灯", "overdue": "逾期任务",
           "task": "任务", "deadline": "完成时限", "days": "逾期天数", "status": "状态", "none": "无",
           "settlement": "年终结账", "met": "完成", "not_met": "未完成", "unknown": "无法判断",
           "tasks_done": "项任务已完成", "filters": "筛选", "count": "个数", "share": "占比",
           "progress_chart": "累计进度与序时进度", "trend_chart": "增速走势与目标", "total": "合计",
           "id": "编号"},
}

COMPARATOR_SIGN = {"at_least": "≥", "more_than": ">", "about": "≈", "at_most": "≤", "equal": "="}


def decimals(unit: str | None) -> int:
    """Rates to 1 decimal, amounts (元 and its multiples) to 2, counts as whole numbers where they are whole."""
    if unit in ("%", "‰"):
        return 1
    _, base = split_unit(unit)
    return 2 if base.endswith("元") else -1


def places_needed(value: float, at_least: int, at_most: int = 4) -> int:
    """Decimals to show ``value`` as it was judged: the unit's ``at_least``, more when the figure has
    them (9.46 against 9.5 must not print 9.5 next to a yellow light), never more than ``at_most``."""
    text = f"{value:.{at_most}f}".rstrip("0")
    return max(at_least, len(text.partition(".")[2]))


def num(value: float | None, unit: str | None = None, places: int | None = None) -> str:
    """A figure to the unit's decimals (rates 1, 元 amounts 2, counts whole), or more when it has more."""
    if value is None:
        return ""
    d = decimals(unit) if places is None else places
    return f"{value:,.{places_needed(value, max(d, 0))}f}"


def pts(value: float | None) -> str:
    """Points to 1 decimal, or more when the gap has more: a gap of −0.04 is never shown as −0.0."""
    if value is None:
        return ""
    return "0.0" if value == 0 else f"{value:+.{places_needed(value, 1)}f}"  # no gap has no sign


def gap_text(row: Row, lang: str) -> str:
    """The gap with what it is measured in: points between two percentages, else the indicator's unit."""
    if row.gap is None:
        return ""
    if row.kind in ("cumulative", "growth_rate") or row.unit == "%":  # a difference of two % is in points
        return pts(row.gap) + (" pts" if lang == "en" else "个百分点")
    return f"{row.gap:+g}{row.unit or ''}" if row.gap else f"0{row.unit or ''}"  # in the indicator's own unit


def actual_figure(row: Row) -> str:
    """The latest figure in the indicator's own unit (158000万元 typed for a 亿元 target reads 15.80亿元);
    a milestone keeps the word it was recorded with (完成)."""
    if row.actual is None:
        return ""
    if row.kind == "milestone" and row.actual_entered:
        return row.actual_entered
    return f"{num(row.actual, row.unit)}{row.unit or ''}"


def target_text(row: Row, lang: str) -> str:
    if row.status == "target_to_be_set":  # a new year's plan before its figure is written
        return "to be set" if lang == "en" else "待定"
    if row.kind == "milestone":
        due = row.due.isoformat() if row.due else ""
        what = f"{num(row.target, row.unit)}{row.unit or ''} " if row.target else ""
        return f"{what}{'by ' if lang == 'en' else ''}{due}{'前' if lang == 'zh' else ''}".strip()
    if row.kind == "double_decline":
        return "below last year" if lang == "en" else "同比下降"
    if row.target is None:
        return row.qualifier or ""
    value = f"{row.target:g}{row.unit or ''}"  # a target is shown as the document states it
    if row.kind == "standard_raised" and row.baseline_standard is not None:
        value = f"{row.baseline_standard:g}→{value}"
    if lang == "zh":
        return zh_target(value, row.qualifier)
    return f"{COMPARATOR_SIGN[row.comparator]} {value}" + (" (stretch)" if row.stretch else "")


SUFFIX_WORDS = ("以上", "左右", "以内", "以下", "内", "前")  # 6个工作日内, not 内6个工作日


def zh_target(value: str, qualifier: str | None) -> str:
    """Place the qualifier as Chinese writes it: 8%以上, 突破34亿元, 争取达5家, 力争35%以上."""
    if not qualifier:
        return value
    pre, _, post = qualifier.partition("…") if "…" in qualifier else ("", "", qualifier)
    if post.endswith(SUFFIX_WORDS):
        return f"{pre}{value}{post}"
    return f"{pre}{post}{value}"


def indicator_name(row: Row, lang: str) -> str:
    return row.name_zh if lang == "zh" else f"{row.name_en} {row.name_zh}"


# "behind" means behind schedule only for cumulative amounts; for the other kinds it means below the target
# (growth rates, levels) or over a 左右 ceiling by more than its band (ceilings). The circular must not say
# 低于序时进度 of a rate that has no schedule.
STATUS_BY_KIND = {
    "en": {("ceiling", "behind"): "slightly over (beyond the 左右 band)",
           ("growth_rate", "behind"): "below target", ("growth_rate", "far_behind"): "far below target",
           ("level", "behind"): "below target", ("level", "far_behind"): "far below target"},
    "zh": {("ceiling", "behind"): "略高于目标（超出左右范围）",
           ("growth_rate", "behind"): "低于目标", ("growth_rate", "far_behind"): "明显低于目标",
           ("level", "behind"): "低于目标", ("level", "far_behind"): "明显低于目标"},
}


def status_text(status: str | None, lang: str, kind: str | None = None) -> str:
    if kind and (kind, status) in STATUS_BY_KIND[lang]:
        return STATUS_BY_KIND[lang][(kind, status)]
    return STATUS[lang].get(status or "", status or "—")


# Kinds whose gap to the target has no column of the circular (only growth and 序时进度 gaps have one): the
# 备注 gives it, as the terminal table's gap column does (城镇调查失业率 6.6 against 5.5左右: +1.1个百分点).
GAP_IN_NOTE = ("level", "ceiling", "standard_raised", "ranking")


def note_text(row: Row, lang: str, with_gap: bool = False) -> str:
    parts = [status_text(row.status, lang, row.kind)]
    if with_gap and row.kind in GAP_IN_NOTE and row.gap:  # none when on the target
        parts.append(("gap " if lang == "en" else "与目标差") + gap_text(row, lang))
    if row.persistent:
        parts.append("persistent red" if lang == "en" else "连续红灯")
    parts += row.notes_zh if lang == "zh" else row.notes
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def cells(row: Row, n: int, lang: str) -> dict[str, object]:
    """Raw (number or text) values of one row in the circular's columns."""
    growth = row.actual if row.kind == "growth_rate" else None
    return {
        "no": n, "battle": row.battle_zh, "indicator": indicator_name(row, lang), "unit": row.unit or "",
        "lead": (row.lead_unit_zh or "") + ("*" if row.lead_from_battle else ""),
        "frequency": FREQ[lang][row.frequency], "target": target_text(row, lang), "this_period": row.this_period,
        "ytd": None if row.kind == "growth_rate" else row.actual, "last_year": row.last_year, "growth": growth,
        "completion": row.completion,
        "expected": row.expected, "gap_expected": row.gap if row.kind == "cumulative" else None,
        "gap_growth": row.gap if row.kind in ("growth_rate",) else None, "light": LIGHT_WORD[lang][row.light],
        "projection": row.projection, "note": note_text(row, lang, with_gap=True),
    }


def cell_text(key: str, value: object, row: Row) -> str:
    if value is None:
        return ""
    if key in ("this_period", "ytd", "last_year", "projection"):
        text = num(value, row.unit)  # type: ignore[arg-type]
        if key == "ytd" and row.actual_period:
            text += f" ({row.actual_period})"
        return text
    if key in ("growth", "completion", "expected"):
        return num(value, "%")  # type: ignore[arg-type]
    if key in ("gap_expected", "gap_growth"):
        return pts(value)  # type: ignore[arg-type]
    return str(value)


def heading(report: Report, lang: str) -> str:
    w = WORDS[lang]
    label = report.period_label_zh if lang == "zh" else report.period_label_en
    title = report.plan_title_zh if lang == "zh" else f"{report.plan_title_en} ({report.plan_title_zh})"
    extra = f" · {w['settlement']}" if report.settlement else ""
    return f"{title} — {w['title']} {label}{extra}"


def context_line(report: Report, lang: str) -> str:
    """The date, 序时进度 and filters (the counts are in ``summary_line``)."""
    w = WORDS[lang]
    s = f"{w['as_of']} {report.as_of.isoformat()} · {w['elapsed']} {report.elapsed:.1f}%"
    return s + (f" · {filters_text(report, lang)}" if report.filters else "")


def subheading(report: Report, lang: str) -> str:
    w = WORDS[lang]
    c = report.summary.overall
    lights = " · ".join(f"{LIGHT_WORD[lang][k]} {getattr(c, k)}" for k in ("red", "yellow", "green", "grey"))
    s = (f"{w['as_of']} {report.as_of.isoformat()} · {w['elapsed']} {report.elapsed:.1f}% · {lights} "
         f"({w['total']} {c.total})")
    if report.filters:
        s += f" · {filters_text(report, lang)}"
    return s


FILTER_NAME = {"en": {"battle": "battle", "unit": "unit", "light": "light"},
               "zh": {"battle": "战役", "unit": "牵头单位", "light": "灯"}}


def filters_text(report: Report, lang: str) -> str:
    """``Filters: battle=growth`` / ``筛选: 战役=打好经济增长主动仗``."""
    parts = []
    for key, value in report.filters.items():
        if lang == "zh":
            if key == "battle":
                value = next((b.name_zh for b in report.battles if b.id == value), value)
            elif key == "unit":
                value = next((c.name_zh for c in report.summary.by_unit if c.key == value), value)
            elif key == "light":
                order = list(LIGHT_WORD["zh"])
                picked = sorted(value.split(","), key=lambda v: order.index(v) if v in order else len(order))
                value = "、".join(LIGHT_WORD["zh"].get(v, v) for v in picked)
        parts.append(f"{FILTER_NAME[lang].get(key, key)}={value}")
    sep = "，" if lang == "zh" else ", "
    return f"{WORDS[lang]['filters']}: " + sep.join(parts)


def summary_line(report: Report, lang: str) -> str:
    """The one-line summary printed on stderr and at the top of the table. With filters the counts are of
    the rows shown, and the line says so (a circular filtered to red must not read as "0 grey")."""
    c = report.summary.overall
    overdue = len(report.summary.tasks_overdue)
    pending = sum(1 for r in report.rows if r.status == "target_to_be_set")  # a new plan's targets not yet set
    if lang == "zh":
        line = (f"{report.period_label_zh}：红灯{c.red}个，黄灯{c.yellow}个，绿灯{c.green}个，灰灯{c.grey}个"
                f"（无数据或未到期{f'，其中目标待定{pending}个' if pending else ''}）；逾期任务{overdue}项")
        return line + f"（仅计所示：{filters_text(report, lang)}）" if report.filters else line
    line = (f"{report.period}: {c.red} red, {c.yellow} yellow, {c.green} green, {c.grey} grey (no data or not due"
            f"{f'; {pending} target(s) to be set' if pending else ''}); {overdue} task(s) overdue")
    return line + f" (counting only the rows shown: {filters_text(report, lang)})" if report.filters else line


def has_figures(report: Report) -> bool:
    """Whether any row shown has a recorded figure (a first run has none)."""
    return any(r.actual is not None for r in report.rows)


def battle_title(report: Report, battle: str, lang: str) -> str:
    b = next(b for b in report.battles if b.id == battle)
    return f"{b.number}. {b.name_zh}" if lang == "zh" else f"{b.number}. {b.name_en} · {b.name_zh}"


def rows_by_battle(report: Report) -> list[tuple[str, list[Row]]]:
    out = []
    for b in report.battles:
        rows = [r for r in report.rows if r.battle == b.id]
        if rows:
            out.append((b.id, rows))
    return out
