"""Words and number formats shared by every renderer, in English and Chinese.

The words themselves (lights, statuses, kinds, frequencies, the circular's columns…) are ids of the message
catalogue (``label.*`` in liupi_cli/messages_catalogue.py); this module reads them into the tables the
renderers look words up in."""

from __future__ import annotations

from liupi_cli.quantity import split_unit
from liupi_cli.report.model import Report, Row


def vocabulary(prefix: str) -> dict[str, dict[str, str]]:
    """The words under one id prefix of the catalogue, by language: ``vocabulary("label.light.")["zh"]["red"]``
    is 红灯. Every product reads its words from here, so each word is said the same way everywhere."""
    from liupi_cli.messages import LANGS
    from liupi_cli.messages_catalogue import CATALOGUE

    words: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for key, texts in CATALOGUE.items():
        if key.startswith(prefix):
            for lang, text in zip(LANGS, texts):
                words[lang][key.removeprefix(prefix)] = text
    return words


def said(id_: str, lang: str) -> str:
    """One word of the catalogue in ``lang``."""
    from liupi_cli.messages import msg

    return msg(id_).text(lang)


LIGHT_WORD = vocabulary("label.light.")  # red, yellow, green, grey: in this order (filters list them so)
LIGHT_COLOUR = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
LIGHT_FILL = {"green": "C8E6C9", "yellow": "FFF59D", "red": "FFCDD2", "grey": "E0E0E0"}
STATUS = vocabulary("label.status.")  # target_to_be_set: a new year's plan before its figure is written
# an overdue task's status (in_progress, blocked…) in words, as the products say it
TASK_STATUS = {lang: {**vocabulary("label.task_state.")[lang], **words} for lang, words in STATUS.items()}
KIND = vocabulary("label.kind.")
FREQ = vocabulary("label.frequency.")
# The monthly circular's columns (DOMAIN: 月通报), in order: (key, English, Chinese).
_COLUMN = vocabulary("label.column.")
COLUMNS = [(key, en, _COLUMN["zh"][key]) for key, en in _COLUMN["en"].items()]
WORDS = vocabulary("label.report.")
FILTER_NAME = vocabulary("label.filter.")
TARGET = vocabulary("label.target.")  # a target's words: to be set, 同比下降, a milestone's date, (stretch)
GAP = vocabulary("label.gap.")
NOTE = vocabulary("label.note.")

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
        return pts(row.gap) + GAP[lang]["points"]
    return f"{row.gap:+g}{row.unit or ''}" if row.gap else f"0{row.unit or ''}"  # in the indicator's own unit


def review_mark(row: Row, lang: str) -> str:
    """What follows a figure not approved yet on a server store (（待审）, （退回）); nothing for an approved one."""
    return said(f"review.mark.{row.review}", lang) if row.review else ""


def returned_mark(reason: str | None, lang: str) -> str:
    """What follows a figure owed again because the office returned it: （退回: 口径不对）; nothing otherwise."""
    if reason is None:
        return ""
    from liupi_cli.messages import msg

    text = msg("review.returned_mark", reason=reason).text(lang)
    return f"（{text}）" if lang == "zh" else f" ({text})"


def actual_figure(row: Row, lang: str = "en") -> str:
    """The latest figure in the indicator's own unit (158000万元 typed for a 亿元 target reads 15.80亿元);
    a milestone keeps the word it was recorded with (完成); marked when not approved yet."""
    if row.actual is None:
        return ""
    if row.kind == "milestone" and row.actual_entered:
        return row.actual_entered + review_mark(row, lang)
    return f"{num(row.actual, row.unit)}{row.unit or ''}{review_mark(row, lang)}"


def target_text(row: Row, lang: str) -> str:
    if row.status == "target_to_be_set":  # a new year's plan before its figure is written
        return TARGET[lang]["to_be_set"]
    if row.kind == "milestone":
        due = row.due.isoformat() if row.due else ""
        what = f"{num(row.target, row.unit)}{row.unit or ''} " if row.target else ""
        return TARGET[lang]["due"].format(what=what, due=due).strip()
    if row.kind == "double_decline":
        return TARGET[lang]["below_last_year"]
    if row.target is None:
        return row.qualifier or ""
    value = f"{row.target:g}{row.unit or ''}"  # a target is shown as the document states it
    if row.kind == "standard_raised" and row.baseline_standard is not None:
        value = f"{row.baseline_standard:g}→{value}"
    if lang == "zh":
        return zh_target(value, row.qualifier)
    return f"{COMPARATOR_SIGN[row.comparator]} {value}" + (TARGET[lang]["stretch"] if row.stretch else "")


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
_STATUS_OF = vocabulary("label.status_of.")
STATUS_BY_KIND = {lang: {tuple(key.split(".")): word for key, word in words.items()}
                  for lang, words in _STATUS_OF.items()}  # ("ceiling", "behind") -> 略高于目标（超出左右范围）


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
        parts.append(NOTE[lang]["gap"] + gap_text(row, lang))
    if row.persistent:
        parts.append(NOTE[lang]["persistent"])
    parts += row.notes_zh if lang == "zh" else row.notes
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def cells(row: Row, n: int, lang: str) -> dict[str, object]:
    """Raw (number or text) values of one row in the circular's columns."""
    growth = row.actual if row.kind == "growth_rate" else None
    values = {
        "no": n, "battle": row.battle_zh, "indicator": indicator_name(row, lang), "unit": row.unit or "",
        "lead": (row.lead_unit_zh or "") + ("*" if row.lead_from_battle else ""),
        "frequency": FREQ[lang][row.frequency], "target": target_text(row, lang), "this_period": row.this_period,
        "ytd": None if row.kind == "growth_rate" else row.actual, "last_year": row.last_year, "growth": growth,
        "completion": row.completion,
        "expected": row.expected, "gap_expected": row.gap if row.kind == "cumulative" else None,
        "gap_growth": row.gap if row.kind in ("growth_rate",) else None, "light": LIGHT_WORD[lang][row.light],
        "projection": row.projection, "note": note_text(row, lang, with_gap=True),
    }
    if row.review and row.actual is not None:  # a figure not approved yet: its cell is text, marked
        key = "growth" if growth is not None else "ytd"
        values[key] = cell_text(key, values[key], row) + review_mark(row, lang)
    return values


def cell_text(key: str, value: object, row: Row) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # already drawn (a figure marked as not approved yet)
        return value
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


def filters_text(report: Report, lang: str) -> str:
    """``Filters: battle=growth`` / ``筛选：战役=打好经济增长主动仗``."""
    parts = []
    for key, value in report.filters.items():
        if lang == "zh":
            if key == "battle":
                value = next((b.name_zh for b in report.battles if b.id == value), value)
            elif key == "unit":
                value = report.unit_name_zh or value
            elif key == "light":
                order = list(LIGHT_WORD["zh"])
                picked = sorted(value.split(","), key=lambda v: order.index(v) if v in order else len(order))
                value = "、".join(LIGHT_WORD["zh"].get(v, v) for v in picked)
        parts.append(f"{FILTER_NAME[lang].get(key, key)}={value}")
    return f"{WORDS[lang]['filters']}{colon(lang)}" + comma(lang).join(parts)


def comma(lang: str) -> str:
    """What stands between the items of a line: ``red 1, yellow 2``, ``红灯 1，黄灯 2`` (Chinese's full-width comma)."""
    return "，" if lang == "zh" else ", "


def colon(lang: str) -> str:
    """What follows a heading word before its value: ``Filters: …``, ``筛选：…`` (Chinese's full-width colon)."""
    return "：" if lang == "zh" else ": "


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
