"""build_report(plan, records, period) -> Report: a pure function; dates come in, nothing reads the clock.

This module gathers each indicator's figures (indexed once), asks ``judge.py`` for the light and
status, and adds notes, the 双下降 pair notes, the overdue tasks and the summary counts. How each
kind is judged, in the year and at the year-end settlement, lives in ``judge.py`` (see the README,
"How progress is judged").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from liupi_cli.errors import InputRefused, UsageProblem
from liupi_cli.gcpause import paused_gc
from liupi_cli.messages import msg
from liupi_cli.models import Battle, Comparator, Frequency, Indicator, Kind, LightThresholds, Task
from liupi_cli.owners import indicator_units, task_leads, task_units
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.report.judge import Facts, compare, fixed, judge
from liupi_cli.report.model import LIGHTS, BattleRef, Count, OverdueCount, OverdueTask, Report, Row, Summary
from liupi_cli.store import Record, TaskUpdate


def thresholds(plan: Plan, ind: Indicator) -> LightThresholds:
    base = plan.settings.lights
    if ind.lights is None:
        return base
    return base.model_copy(update={k: v for k, v in ind.lights.model_dump().items() if v is not None})


class _Series:
    """One indicator's current figures (and last year's), keyed by period."""

    def __init__(self, records: list[Record], periods: dict[str, Period]):
        self.actual: dict[Period, Record] = {}
        self.baseline: dict[Period, Record] = {}
        for r in records:
            if r.current:
                p = periods.get(r.period) or periods.setdefault(r.period, parse_period(r.period))
                (self.baseline if r.baseline else self.actual)[p] = r
        # sorted once for upto (stable: periods of one length keep the order they were stored in)
        self._by_months = sorted(self.actual.items(), key=lambda pr: pr[0].months)

    def upto(self, period: Period) -> list[tuple[Period, Record]]:
        """The figures of ``period``'s year up to it, oldest first (periods of one length in the order stored)."""
        return [(p, r) for p, r in self._by_months if p.year == period.year and p.months <= period.months]


def _expected_period(freq: Frequency, period: Period) -> int | None:
    """Months covered by the latest figure an indicator of this frequency can have by this period."""
    if freq is Frequency.quarterly:
        return period.months // 3 * 3 or None
    if freq is Frequency.annual:
        return 12 if period.months == 12 else None
    if freq is Frequency.once:
        return None  # a one-off figure stays current once recorded
    return period.months


def _is_year_to_date_cap(ind: Indicator) -> bool:
    """A cap on a figure that only grows through the year: once over, nothing later brings it back."""
    return ind.target is not None and ((ind.kind is Kind.ceiling and ind.year_to_date)
                                       or (ind.kind is Kind.cumulative and ind.comparator is Comparator.at_most))


def _facts(ind: Indicator, th: LightThresholds, history: list[tuple[Period, Record]], series: _Series,
           as_of: dt.date, target: float | None = None) -> Facts:
    """What the latest figure of ``history`` (figures up to a period, oldest first) is judged from."""
    at, rec = history[-1] if history else (None, None)
    last_year = series.baseline.get(at.previous_year()) if at else None
    peak = peak_at = done_at = over_at = over_value = None
    if ind.kind is Kind.zero_events and history:
        peak_at, top = max(history, key=lambda pr: (pr[1].value, -pr[0].months))  # the earliest highest count
        peak = top.value
    if ind.kind is Kind.milestone:
        need = ind.target or 1
        done_at = next((p for p, r in history if compare(r.value, need) >= 0), None)
    if _is_year_to_date_cap(ind):
        over_at, over = next(((p, r) for p, r in history if compare(r.value, ind.target) > 0), (None, None))
        over_value = over.value if over else None
    return Facts.of(ind, th, actual=rec.value if rec else None, at=at, as_of=as_of,
                    last_year=last_year.value if last_year else None, peak=peak, peak_at=peak_at, done_at=done_at,
                    over_at=over_at, over_value=over_value, target=ind.target if target is None else target)


def _linked_target(plan: Plan, ind: Indicator, series: dict[str, _Series], at: Period | None
                   ) -> tuple[float | None, tuple[str, str] | None]:
    """A linked target (居民收入增长与经济增长基本同步): the other indicator's figure for the same period when
    recorded, else its target; the note says which."""
    other = plan.indicators.get(ind.linked_to) if ind.linked_to else None
    if other is None or at is None:
        return None, None
    rec = series[other.id].actual.get(at)
    if rec is not None:
        return rec.value, (f"judged against {other.name_en}'s figure for {at.key} ({rec.value:g}{other.unit or ''})",
                           f"按{other.name_zh}{at.label_zh}实际{rec.value:g}{other.unit or ''}考核")
    return other.target, (f"no {other.name_en} figure for {at.key}: judged against its target "
                          f"({_num(other.target)}{other.unit or ''})",
                          f"{other.name_zh}{at.label_zh}暂无数据，按其目标{_num(other.target)}{other.unit or ''}考核")


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _period_notes(at: Period | None, period: Period, stale: bool, status: str, settle: bool) -> list[tuple[str, str]]:
    """Where the figure judged is not the report period's own: stale; at the settlement, its period and age (a
    June standard judged at year end); a quarter's figure in a month report."""
    if at is None:
        return []
    if stale and status != "no_year_end_figure":  # that status's own note names the latest period
        return [(f"latest figure is for {at.key}", f"最新数据为{at.label_zh}")]
    if settle and at.months < period.months and status not in ("no_year_end_figure", "done", "done_late"):
        months = period.months - at.months  # a done milestone's note already says when
        return [(f"figure for {at.key}, {months} month{'s' if months > 1 else ''} before {period.key}",
                 f"数据为{at.label_zh}，早于本期{months}个月")]
    if not stale and at.grain == "quarter" and period.grain == "month":
        return [(f"as of {at.key}", f"截至{at.label_zh}")]
    return []


def _persistent(plan: Plan, ind: Indicator, th: LightThresholds, history: list[tuple[Period, Record]],
                series: dict[str, _Series], light: str) -> bool:
    """Red at each of the last two reported periods (a milestone is never persistent)."""
    if light != "red" or len(history) < 2 or ind.kind is Kind.milestone:
        return False
    prior_at = history[-2][0]
    prior_target, _ = _linked_target(plan, ind, series, prior_at)
    return judge(_facts(ind, th, history[:-1], series[ind.id], prior_at.end, prior_target)).light == "red"


def _this_period(ind: Indicator, history: list[tuple[Period, Record]]) -> float | None:
    """A cumulative figure's own period: the year so far at the year's first period, else the difference from
    the period before when that is the one just before."""
    if ind.kind is not Kind.cumulative or not history:
        return None
    at, rec = history[-1]
    if at.months == (3 if at.grain == "quarter" else 2):
        return fixed(rec.value)  # the year's first period (1–2月, Q1): this period is the year so far
    if len(history) >= 2:
        prev_at, prev = history[-2]
        step = 3 if at.grain == "quarter" else 1
        if at.months - prev_at.months == step or (at.months == 3 and prev_at.months == 2):
            return fixed(rec.value - prev.value)
    return None


def _row_notes(ind: Indicator, rec: Record | None, status: str) -> list[tuple[str, str]]:
    """Notes about the indicator and its figure: other targets in the document, a revision, a milestone
    with no record of completion."""
    notes: list[tuple[str, str]] = []
    if ind.alternatives:
        others = "、".join(f"{a.target:g}{a.unit or ind.unit or ''}（{a.source}）" if a.target is not None
                          else f"无数值的表述（{a.source}）" for a in ind.alternatives)  # not a dash for a value
        notes.append((f"judged against {ind.source}; the document also gives "
                      + others.replace("无数值的表述", "a wording without a figure"),
                      _zh_source(f"按{ind.source}考核；文件另有{others}")))
    if rec and rec.supersedes:
        notes.append(("revised figure", "数据已修订"))
    if ind.kind is Kind.milestone and rec is None and status in ("overdue", "not_met"):
        notes.append(("no record of completion", "未报完成"))
    return notes


def _row(plan: Plan, ind: Indicator, all_series: dict[str, _Series], period: Period, settle: bool,
         review: Mapping[int, str]) -> Row:
    """One indicator's row at ``period``: its latest figure judged, with the figures and notes around it (and its
    review, when the figure is not approved yet)."""
    th = thresholds(plan, ind)
    series = all_series[ind.id]
    history = series.upto(period)
    freq = ind.frequency
    notes: list[tuple[str, str]] = []  # (English, Chinese)
    if freq is Frequency.annual and period.months < 12:
        history = []
        notes.append(("annual figure: published after the year ends", "年度数据，年后发布"))
    at, rec = history[-1] if history else (None, None)
    target, link_note = _linked_target(plan, ind, all_series, at)
    notes += [link_note] if link_note else []
    facts = _facts(ind, th, history, series, period.end, target)
    judged = judge(facts, settle)
    last_year = facts.last_year
    if at is None and (ly := series.baseline.get(Period(period.year - 1, period.months, "month"))):
        last_year = ly.value  # shown for reference beside a missing figure
    persistent = _persistent(plan, ind, th, history, all_series, judged.light)
    this_period = _this_period(ind, history)
    expected_months = _expected_period(freq, period)
    stale = bool(at and expected_months and at.months < expected_months)
    notes += _period_notes(at, period, stale, judged.status, settle)
    notes += judged.notes
    notes += _row_notes(ind, rec, judged.status)

    battle = plan.battles[ind.battle]
    lead = ind.lead_unit or battle.lead_unit
    return Row(
        id=ind.id, battle=ind.battle, battle_zh=battle.name_zh, name_zh=ind.name_zh,
        name_en=ind.name_en, kind=ind.kind.value, unit=ind.unit, comparator=ind.comparator.value,
        qualifier=ind.qualifier, stretch=ind.stretch, frequency=freq.value, target=facts.target,
        linked_to=ind.linked_to, stock=ind.stock,
        baseline_standard=ind.baseline, due=ind.due, actual=rec.value if rec else None,
        actual_entered=rec.entered if rec else None, actual_period=at.key if at else None, stale=stale,
        this_period=this_period, last_year=last_year, persistent=persistent, revised=bool(rec and rec.supersedes),
        review=review.get(rec.id) if rec else None,
        lead_unit=lead, lead_unit_zh=plan.unit_name(lead), lead_from_battle=ind.lead_unit is None, group=ind.group,
        source=ind.source, alternatives=ind.alternatives, judged_because=ind.judged_because,
        notes=[en for en, _ in notes], notes_zh=[zh for _, zh in notes],
        series=[{"period": p.key, "months": p.months, "value": r.value} for p, r in history],  # Points, by the Row
        light=judged.light, status=judged.status, met=judged.met, completion=judged.completion,
        expected=judged.expected, gap=judged.gap, gap_units=judged.gap_units, remaining=judged.remaining,
        monthly_pace_needed=judged.monthly_pace_needed, projection=judged.projection, days_late=judged.days_late,
    )


def _zh_source(text: str) -> str:
    """Sources say `main 二(一)` for the overall plan; Chinese readers know it as 总体方案."""
    return text.replace("main ", "总体方案")


def _pair_notes(plan: Plan, rows: dict[str, Row], series: dict[str, _Series], period: Period, settle: bool) -> None:
    """双下降: both counts below last year's, compared at one period (the latest where both are known)."""
    for members in _pairs(plan):
        a, b = (series[m] for m in members)
        at = _pair_period(a, b, period)
        note = _pair_note(a, b, at, settle)
        if note is None:
            continue
        if note[2]:  # not met: the pair fails together
            _fail_pair([rows[m] for m in members])
        for m in members:
            rows[m].notes.append(note[0])
            rows[m].notes_zh.append(note[1])


def _pairs(plan: Plan) -> list[list[str]]:
    """The 双下降 groups of exactly two counts, by their ids."""
    groups: dict[str, list[str]] = defaultdict(list)
    for ind in plan.indicators.values():
        if ind.kind is Kind.double_decline and ind.group:
            groups[ind.group].append(ind.id)
    return [members for members in groups.values() if len(members) == 2]


def _pair_period(a: _Series, b: _Series, period: Period) -> Period | None:
    """The latest period up to ``period`` where both counts and both of last year's are known."""
    return next((p for p, _ in reversed(a.upto(period))
                 if p in b.actual and p.previous_year() in a.baseline and p.previous_year() in b.baseline), None)


def _pair_note(a: _Series, b: _Series, at: Period | None, settle: bool) -> tuple[str, str, bool] | None:
    """The pair's note (English, Chinese, and whether the target was missed), or None when there is nothing to
    say (no period with both counts, before the settlement)."""
    if settle and (at is None or at.months < 12):
        return ("双下降 cannot be settled: no year-end figures for both counts",
                "缺两项年末数据，无法判断是否实现双下降", False)
    if at is None:
        return None
    if not all(_declined(s.actual[at].value, s.baseline[at.previous_year()].value) for s in (a, b)):
        return (f"双下降 not met at {at.key}: both counts must be below last year", f"{at.label_zh}未实现双下降", True)
    zero = any(compare(s.actual[at].value, 0) == compare(s.baseline[at.previous_year()].value, 0) == 0
               for s in (a, b))  # a count at 0 in both years
    return (f"双下降 met at {at.key}: both counts below last year{' (or 0 both years)' if zero else ''}",
            f"{at.label_zh}实现双下降{'（含两年均为零）' if zero else ''}", False)


def _fail_pair(pair: list[Row]) -> None:
    """The target is the pair: a count that declined alone is not green, it takes the other's light."""
    worst = "red" if any(r.light == "red" for r in pair) else "yellow"
    for r in pair:
        if r.light == "green":
            r.light, r.status = worst, "pair_not_declined"
            r.met = False if r.met is not None else None


def _declined(now: float, last_year: float) -> bool:
    """Below last year's figure, or 0 in both years (nothing left to decline)."""
    return compare(now, last_year) < 0 or compare(now, 0) == compare(last_year, 0) == 0


def _count(key: str, name: str, lights: Counter[tuple[str, str]], of: str) -> Count:
    """The rows of ``of`` (a battle, a unit, or "all") by light, tallied beforehand in ``lights``."""
    n = {light: lights[(of, light)] for light in LIGHTS}
    return Count(key=key, name_zh=name, **n, total=sum(n.values()))


def _task_state(updates: list[TaskUpdate], as_of: dt.date) -> dict[str, TaskUpdate]:
    latest: dict[str, TaskUpdate] = {}
    for u in sorted(updates, key=lambda u: (u.date, u.id)):
        if u.date <= as_of:
            latest[u.task] = u
    return latest


def check_period(plan: Plan, period: Period) -> None:
    """A report is for the plan's year: refuse any other period (UsageProblem, exit 2)."""
    year = plan.info.year
    if period.year != year:
        shown = f"{period.year:04d}{period.key[len(str(period.year)):]}"  # 0000-06, not 0-06
        raise UsageProblem(msg("period.report_outside", key=shown, year=year),
                           msg("period.report_outside.hint", year=year))


def _wanted_lights(lights: Iterable[str] | None) -> set[str] | None:
    """The lights asked for (``--light``), refused when one is not a light."""
    wanted = set(lights) if lights else None
    if wanted and not wanted <= set(LIGHTS):
        raise InputRefused(msg("option.lights_unknown", given=", ".join(sorted(wanted - set(LIGHTS)))),
                           msg("option.lights.hint"))
    return wanted


def _all_rows(plan: Plan, records: Iterable[Record], period: Period, settle: bool,
              review: Mapping[int, str]) -> dict[str, Row]:
    """Every indicator's row, its figures indexed once, with the 双下降 pair notes added."""
    by_indicator: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_indicator[r.indicator].append(r)
    periods: dict[str, Period] = {}  # each stored period key parsed once
    series = {ind.id: _Series(by_indicator.get(ind.id, []), periods) for ind in plan.indicators.values()}
    all_rows = {ind.id: _row(plan, ind, series, period, settle, review) for ind in plan.indicators.values()}
    _pair_notes(plan, all_rows, series, period, settle)
    return all_rows


def _shown_rows(plan: Plan, all_rows: dict[str, Row], battle_id: str | None, unit_id: str | None,
                wanted: set[str] | None, battle_order: dict[str, int]) -> list[Row]:
    """The rows the filters keep (battle, unit answering for it, light), in the battles' order."""
    rows = [r for r in all_rows.values()
            if (not battle_id or r.battle == battle_id)
            and (not unit_id or unit_id in indicator_units(plan, plan.indicators[r.id]))
            and (not wanted or r.light in wanted)]
    rows.sort(key=lambda r: battle_order[r.battle])
    return rows


def _overdue(plan: Plan, tasks: list[Task], state: dict[str, TaskUpdate], as_of: dt.date,
             settle: bool) -> list[OverdueTask]:
    """Tasks with a date deadline passed and not reported done, the longest overdue first."""
    overdue = []
    for t in tasks:
        st = state.get(t.id)
        if not isinstance(t.deadline, dt.date) or (st and st.status == "done"):
            continue
        if t.deadline < as_of or (settle and t.deadline == as_of):  # at settlement 12-31 has passed too
            overdue.append(OverdueTask(
                id=t.id, battle=t.battle, title_zh=t.title_zh, lead_units=task_leads(plan, t),
                lead_units_zh=[plan.unit_name(u) or u for u in task_leads(plan, t)], deadline=t.deadline,
                days_overdue=(as_of - t.deadline).days, status=st.status if st else None,
                percent=st.percent if st else None))
    overdue.sort(key=lambda o: (-o.days_overdue, o.id))
    return overdue


def _overdue_counts(plan: Plan, overdue: list[OverdueTask], battle_order: dict[str, int]
                    ) -> tuple[list[OverdueCount], list[OverdueCount]]:
    """Overdue tasks counted by battle (in the battles' order) and by lead unit (most first)."""
    ob: dict[str, int] = defaultdict(int)
    ou: dict[str, int] = defaultdict(int)
    for o in overdue:
        ob[o.battle] += 1
        for u in o.lead_units:
            ou[u] += 1
    by_battle = [OverdueCount(key=b, name_zh=plan.battles[b].name_zh, overdue=n)
                 for b, n in sorted(ob.items(), key=lambda kv: battle_order[kv[0]])]
    by_unit = [OverdueCount(key=u, name_zh=plan.unit_name(u) or u, overdue=n)
               for u, n in sorted(ou.items(), key=lambda kv: (-kv[1], kv[0]))]
    return by_battle, by_unit


def _summary(plan: Plan, rows: list[Row], shown_battles: list[Battle], tasks: list[Task],
             state: dict[str, TaskUpdate], overdue: list[OverdueTask], battle_order: dict[str, int]) -> Summary:
    """The counts by light (overall, per battle, per lead unit), the laggards and the tasks' tally."""
    # one pass over the rows, counted in plain counters (a model's attribute set per row costs more)
    tally = Counter((r.battle, r.light) for r in rows)
    by_lead = Counter((r.lead_unit, r.light) for r in rows if r.lead_unit)
    overall = _count("all", "全部", Counter(("all", r.light) for r in rows), "all")
    per_battle = {b.id: _count(b.id, b.name_zh, tally, b.id) for b in shown_battles}
    leads = dict.fromkeys(r.lead_unit for r in rows if r.lead_unit)  # in the rows' order, each once
    by_unit = sorted((_count(u, plan.unit_name(u) or u, by_lead, u) for u in leads),
                     key=lambda c: (-c.red, -c.yellow, c.key))
    order = {"red": 0, "yellow": 1}
    laggards = sorted((r for r in rows if r.light in order),
                      key=lambda r: (order[r.light], r.gap if r.gap is not None else 0.0, r.id))
    overdue_by_battle, overdue_by_unit = _overdue_counts(plan, overdue, battle_order)
    return Summary(
        overall=overall,
        by_battle=[per_battle[b.id] for b in shown_battles],
        by_unit=by_unit,
        laggards=[r.id for r in laggards],
        persistent=[r.id for r in rows if r.persistent],
        tasks_overdue=overdue,
        tasks_overdue_by_battle=overdue_by_battle,
        tasks_overdue_by_unit=overdue_by_unit,
        tasks_done=sum(1 for t in tasks if (s := state.get(t.id)) and s.status == "done"),
        tasks_total=len(tasks),
    )


@paused_gc()
def build_report(plan: Plan, records: Iterable[Record], period: Period, *, task_updates: Iterable[TaskUpdate] = (),
                 battle: str | None = None, unit: str | None = None,
                 lights: Iterable[str] | None = None, review: Mapping[int, str] | None = None) -> Report:
    """The report at ``period``; one whose period ends in December is the year-end settlement.

    Callers check ``period`` with ``check_period`` first. Linear in indicators, records and tasks:
    records are indexed by indicator once, counts are tallied in one pass over the rows. The steps:
    the filters read, every row built and judged, the rows kept by the filters, the overdue tasks,
    the summary.

    ``review`` marks figures a server store holds that are not approved yet: record id -> "submitted" or
    "returned" (liupi_cli.review.Reviewed's marks); a row whose figure is one of them says so (``Row.review``).
    None or empty (a SQLite store, where every figure is approved as recorded): no row is marked.
    """
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    wanted = _wanted_lights(lights)
    settle = period.months == 12
    battle_order = {b.id: b.number for b in plan.battles.values()}
    all_rows = _all_rows(plan, records, period, settle, review or {})
    rows = _shown_rows(plan, all_rows, battle_id, unit_id, wanted, battle_order)

    as_of = period.end
    state = _task_state(list(task_updates), as_of)
    tasks = [t for t in plan.tasks.values()
             if (not battle_id or t.battle == battle_id)
             and (not unit_id or unit_id in task_units(plan, t))]
    overdue = _overdue(plan, tasks, state, as_of, settle)
    shown_battles = [b for b in sorted(plan.battles.values(), key=lambda b: b.number)
                     if not battle_id or b.id == battle_id]
    summary = _summary(plan, rows, shown_battles, tasks, state, overdue, battle_order)
    filters = {k: v for k, v in (("battle", battle_id), ("unit", unit_id),
                                 ("light", ",".join(sorted(wanted)) if wanted else None)) if v}
    return Report(
        plan_id=plan.info.id, plan_title_zh=plan.info.title_zh, plan_title_en=plan.info.title_en,
        doc_no=plan.info.doc_no, period=period.key, period_label_zh=period.label_zh,
        period_label_en=period.label_en, grain=period.grain, as_of=as_of, elapsed=fixed(100 * period.elapsed, 1),
        settlement=settle, filters=filters, summary=summary, rows=rows,
        unit_name_zh=plan.units[unit_id].name_zh if unit_id in plan.units else None,
        battles=[BattleRef(id=b.id, number=b.number, name_zh=b.name_zh, name_en=b.name_en) for b in shown_battles],
    )
