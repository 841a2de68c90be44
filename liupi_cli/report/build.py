"""build_report(plan, records, period) -> Report: a pure function; dates come in, nothing reads the clock.

How each kind is judged (see the README, "How progress is judged"):
- cumulative: completion % of the annual target against 序时进度 (months ÷ 12) at the figure's period.
- growth_rate / level: the figure against the target, in points.
- ceiling: at or under the bound; 左右 (about) gives the yellow band above it.
- zero_events: any event breaks it. double_decline: below last year's same period.
- milestone: done, not yet due, due soon, overdue (as of the period's last day).
- ranking: position at or above the target. standard_raised: the new standard reached.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from liupi_cli.models import Comparator, Frequency, Indicator, Kind, LightThresholds
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.report.model import LIGHTS, BattleRef, Count, OverdueCount, OverdueTask, Point, Report, Row, Summary
from liupi_cli.store import Record, TaskUpdate


def thresholds(plan: Plan, ind: Indicator) -> LightThresholds:
    base = plan.settings.lights
    if ind.lights is None:
        return base
    return base.model_copy(update={k: v for k, v in ind.lights.model_dump().items() if v is not None})


class _Series:
    """One indicator's current figures (and last year's), keyed by period."""

    def __init__(self, records: list[Record]):
        self.actual: dict[Period, Record] = {}
        self.baseline: dict[Period, Record] = {}
        for r in records:
            if r.current:
                (self.baseline if r.baseline else self.actual)[parse_period(r.period)] = r

    def upto(self, period: Period) -> list[tuple[Period, Record]]:
        items = [(p, r) for p, r in self.actual.items() if p.year == period.year and p.months <= period.months]
        return sorted(items, key=lambda pr: pr[0].months)


def _expected_period(freq: Frequency, period: Period) -> int | None:
    """Months covered by the latest figure an indicator of this frequency can have by this period."""
    if freq is Frequency.quarterly:
        return period.months // 3 * 3 or None
    if freq is Frequency.annual:
        return 12 if period.months == 12 else None
    if freq is Frequency.once:
        return None  # a one-off figure stays current once recorded
    return period.months


def _judge(ind: Indicator, th: LightThresholds, actual: float | None, at: Period | None, as_of: dt.date,
           last_year: float | None, settlement: bool) -> dict:
    """The light, status and gap figures for one figure of one indicator."""
    k, cmp_, target = ind.kind, ind.comparator, ind.target
    out: dict = dict(completion=None, expected=None, gap=None, gap_units=None, remaining=None,
                     monthly_pace_needed=None, projection=None, met=None)
    if k is Kind.milestone:
        done = actual is not None and actual >= (target if target else 1)
        if target and actual is not None:
            out["completion"] = 100 * actual / target
        if done:
            return {**out, "light": "green", "status": "done", "met": True}
        due = ind.due or dt.date(as_of.year, 12, 31)
        if as_of > due:
            return {**out, "light": "red", "status": "overdue", "met": False if settlement else None}
        if (due - as_of).days <= th.milestone_due_soon_days:
            return {**out, "light": "yellow", "status": "due_soon"}
        return {**out, "light": "grey", "status": "not_due"}
    if actual is None or at is None:
        return {**out, "light": "grey", "status": "no_data"}
    if k is Kind.cumulative:
        months = at.months
        out["completion"] = 100 * actual / target
        out["expected"] = 100 * months / 12
        out["gap"] = out["completion"] - out["expected"]
        out["gap_units"] = actual - target * months / 12
        out["remaining"] = max(target - actual, 0.0)
        out["monthly_pace_needed"] = out["remaining"] / (12 - months) if months < 12 else None
        out["projection"] = actual / months * 12
        if cmp_ is Comparator.at_most:
            ok = out["projection"] <= target
            return {**out, "light": "green" if ok else "red", "status": "on_track" if ok else "broken",
                    "met": (actual <= target) if settlement else None}
        met = actual >= target
        if met:
            light, status = "green", "met"
        elif out["gap"] >= 0:
            light, status = "green", "ahead" if out["gap"] > 0 else "on_track"
        elif out["gap"] >= -th.cumulative_yellow_points:
            light, status = "yellow", "behind"
        else:
            light, status = "red", "far_behind"
        return {**out, "light": light, "status": status, "met": met if settlement else None}
    if k in (Kind.growth_rate, Kind.level) and cmp_ is not Comparator.at_most:
        tol = th.growth_yellow_points if k is Kind.growth_rate else th.level_yellow_points
        gap = actual - target
        out["gap"] = gap
        green_from = -tol if cmp_ is Comparator.about else 0.0
        if k is Kind.growth_rate and actual < 0 and target >= 0:
            light, status = "red", "far_behind"  # negative growth is red whatever the bands say
        elif gap >= green_from:
            light, status = "green", "met"
        elif gap >= green_from - tol:
            light, status = "yellow", "behind"
        else:
            light, status = "red", "far_behind"
        return {**out, "light": light, "status": status, "met": (light == "green") if settlement else None}
    if k in (Kind.ceiling, Kind.growth_rate, Kind.level):  # at or under a bound
        tol = th.growth_yellow_points if k is Kind.growth_rate else th.level_yellow_points
        gap = actual - target
        out["gap"] = gap
        if gap <= 0:
            light, status = "green", "met"
        elif cmp_ is Comparator.about and gap <= tol:
            light, status = "yellow", "behind"
        else:
            light, status = "red", "broken"
        return {**out, "light": light, "status": status, "met": (light == "green") if settlement else None}
    if k is Kind.zero_events:
        ok = actual <= (target or 0)
        return {**out, "gap": actual, "light": "green" if ok else "red", "status": "met" if ok else "broken",
                "met": ok if settlement else None}
    if k is Kind.double_decline:
        if last_year is None:
            return {**out, "light": "grey", "status": "no_baseline"}
        out["gap"] = actual - last_year
        if actual < last_year:
            return {**out, "light": "green", "status": "declined", "met": True if settlement else None}
        light = "yellow" if actual == last_year else "red"
        return {**out, "light": light, "status": "not_declined", "met": False if settlement else None}
    if k is Kind.ranking:
        if target is None:
            return {**out, "light": "grey", "status": "no_target"}
        ok = actual <= target
        return {**out, "gap": actual - target, "light": "green" if ok else "red",
                "status": "met" if ok else "not_met", "met": ok if settlement else None}
    if k is Kind.standard_raised:
        out["gap"] = actual - target
        if actual >= target:
            return {**out, "light": "green", "status": "met", "met": True}
        if settlement:
            return {**out, "light": "red", "status": "not_met", "met": False}
        return {**out, "light": "yellow", "status": "behind"}
    raise AssertionError(f"unhandled kind {k}")  # pragma: no cover - every Kind is handled above


def _row(plan: Plan, ind: Indicator, series: _Series, period: Period) -> Row:
    th = thresholds(plan, ind)
    settlement = period.months == 12
    history = series.upto(period)
    freq = ind.frequency
    notes: list[tuple[str, str]] = []  # (English, Chinese)
    latest = history[-1] if history else None
    if freq is Frequency.annual and period.months < 12:
        latest = None
        notes.append(("annual figure: published after the year ends", "年度数据，年后发布"))
    at, rec = latest if latest else (None, None)
    actual = rec.value if rec else None
    last_year_rec = series.baseline.get(at.previous_year()) if at else None
    if last_year_rec is None and at is None:
        last_year_rec = series.baseline.get(Period(period.year - 1, period.months, "month"))
    last_year = last_year_rec.value if last_year_rec else None
    as_of = period.end
    judged = _judge(ind, th, actual, at, as_of, last_year, settlement)

    # persistence: red at each of the last two reported periods
    persistent = False
    if len(history) >= 2 and ind.kind is not Kind.milestone:
        prior_at, prior = history[-2]
        prior_ly = series.baseline.get(prior_at.previous_year())
        prior_light = _judge(ind, th, prior.value, prior_at, prior_at.end,
                             prior_ly.value if prior_ly else None, False)["light"]
        persistent = judged["light"] == "red" and prior_light == "red"

    this_period = None
    if ind.kind is Kind.cumulative and at is not None and len(history) >= 2:
        prev_at, prev = history[-2]
        step = 3 if at.grain == "quarter" else 1
        if at.months - prev_at.months == step or (at.months == 3 and prev_at.months == 2):
            this_period = actual - prev.value

    expected_months = _expected_period(freq, period)
    stale = bool(at and expected_months and at.months < expected_months)
    if stale:
        notes.append((f"latest figure is for {at.key}", f"最新数据为{at.label_zh}"))
    if at and not stale and at.grain == "quarter" and period.grain == "month":
        notes.append((f"as of {at.key}", f"截至{at.label_zh}"))
    if ind.alternatives:
        others = "、".join(f"{a.target:g}{a.unit or ind.unit or ''}（{a.source}）" if a.target is not None
                          else f"—（{a.source}）" for a in ind.alternatives)
        notes.append((f"judged against {ind.source}; the document also gives {others}",
                      _zh_source(f"按{ind.source}考核；文件另有{others}")))
    if rec and rec.supersedes:
        notes.append(("revised figure", "数据已修订"))
    if ind.kind is Kind.milestone and rec is None and judged["status"] == "overdue":
        notes.append(("no record of completion", "未报完成"))

    lead = ind.lead_unit or plan.battles[ind.battle].lead_unit
    return Row(
        id=ind.id, battle=ind.battle, battle_zh=plan.battles[ind.battle].name_zh, name_zh=ind.name_zh,
        name_en=ind.name_en, kind=ind.kind.value, unit=ind.unit, comparator=ind.comparator.value,
        qualifier=ind.qualifier, stretch=ind.stretch, frequency=freq.value, target=ind.target,
        baseline_standard=ind.baseline, due=ind.due, actual=actual, actual_entered=rec.entered if rec else None,
        actual_period=at.key if at else None, stale=stale, this_period=this_period, last_year=last_year,
        persistent=persistent, revised=bool(rec and rec.supersedes), lead_unit=lead,
        lead_unit_zh=plan.unit_name(lead), lead_from_battle=ind.lead_unit is None, group=ind.group,
        source=ind.source, alternatives=ind.alternatives, judged_because=ind.judged_because,
        notes=[en for en, _ in notes], notes_zh=[zh for _, zh in notes],
        series=[Point(period=p.key, months=p.months, value=r.value) for p, r in history],
        **judged,
    )


def _zh_source(text: str) -> str:
    """Sources say `main 二(一)` for the overall plan; Chinese readers know it as 总体方案."""
    return text.replace("main ", "总体方案")


def _pair_notes(rows: list[Row]) -> None:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.kind == "double_decline" and r.group:
            groups[r.group].append(r)
    for members in groups.values():
        if len(members) == 2 and all(m.status in ("declined", "not_declined") for m in members):
            both = all(m.status == "declined" for m in members)
            for m in members:
                m.notes.append("双下降 met: both counts below last year" if both
                               else "双下降 not met: both counts must be below last year")
                m.notes_zh.append("实现双下降" if both else "未实现双下降")


def _count(key: str, name: str, rows: Iterable[Row]) -> Count:
    c = Count(key=key, name_zh=name)
    for r in rows:
        setattr(c, r.light, getattr(c, r.light) + 1)
        c.total += 1
    return c


def _task_state(updates: list[TaskUpdate], as_of: dt.date) -> dict[str, TaskUpdate]:
    latest: dict[str, TaskUpdate] = {}
    for u in sorted(updates, key=lambda u: (u.date, u.id)):
        if u.date <= as_of:
            latest[u.task] = u
    return latest


def build_report(plan: Plan, records: Iterable[Record], period: Period, *, task_updates: Iterable[TaskUpdate] = (),
                 battle: str | None = None, unit: str | None = None,
                 lights: Iterable[str] | None = None) -> Report:
    by_indicator: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_indicator[r.indicator].append(r)
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    wanted = set(lights) if lights else None
    if wanted and not wanted <= set(LIGHTS):
        from liupi_cli.errors import InputRefused

        raise InputRefused(f"unknown light(s): {', '.join(sorted(wanted - set(LIGHTS)))}",
                           "choose from red, yellow, green, grey")

    battle_order = {b.id: b.number for b in plan.battles.values()}
    rows = [_row(plan, ind, _Series(by_indicator.get(ind.id, [])), period) for ind in plan.indicators.values()]
    _pair_notes(rows)
    rows = [r for r in rows
            if (not battle_id or r.battle == battle_id)
            and (not unit_id or unit_id in (r.lead_unit, *plan.indicators[r.id].co_lead_units))
            and (not wanted or r.light in wanted)]
    rows.sort(key=lambda r: battle_order[r.battle])

    as_of = period.end
    state = _task_state(list(task_updates), as_of)
    tasks = [t for t in plan.tasks.values()
             if (not battle_id or t.battle == battle_id)
             and (not unit_id or unit_id in (*t.lead_units, *t.responsible_units))]
    overdue = []
    for t in tasks:
        st = state.get(t.id)
        if isinstance(t.deadline, dt.date) and t.deadline < as_of and not (st and st.status == "done"):
            overdue.append(OverdueTask(
                id=t.id, battle=t.battle, title_zh=t.title_zh, lead_units=t.lead_units,
                lead_units_zh=[plan.unit_name(u) or u for u in t.lead_units], deadline=t.deadline,
                days_overdue=(as_of - t.deadline).days, status=st.status if st else None,
                percent=st.percent if st else None))
    overdue.sort(key=lambda o: (-o.days_overdue, o.id))
    ob: dict[str, int] = defaultdict(int)
    ou: dict[str, int] = defaultdict(int)
    for o in overdue:
        ob[o.battle] += 1
        for u in o.lead_units:
            ou[u] += 1

    order = {"red": 0, "yellow": 1}
    laggards = sorted((r for r in rows if r.light in order),
                      key=lambda r: (order[r.light], r.gap if r.gap is not None else 0.0, r.id))
    units = sorted({r.lead_unit for r in rows if r.lead_unit})
    by_unit = [_count(u, plan.unit_name(u) or u, [r for r in rows if r.lead_unit == u]) for u in units]
    by_unit.sort(key=lambda c: (-c.red, -c.yellow, c.key))
    summary = Summary(
        overall=_count("all", "全部", rows),
        by_battle=[_count(b.id, b.name_zh, [r for r in rows if r.battle == b.id])
                   for b in sorted(plan.battles.values(), key=lambda b: b.number)
                   if not battle_id or b.id == battle_id],
        by_unit=by_unit,
        laggards=[r.id for r in laggards],
        persistent=[r.id for r in rows if r.persistent],
        tasks_overdue=overdue,
        tasks_overdue_by_battle=[OverdueCount(key=b, name_zh=plan.battles[b].name_zh, overdue=n)
                                 for b, n in sorted(ob.items(), key=lambda kv: battle_order[kv[0]])],
        tasks_overdue_by_unit=[OverdueCount(key=u, name_zh=plan.unit_name(u) or u, overdue=n)
                               for u, n in sorted(ou.items(), key=lambda kv: (-kv[1], kv[0]))],
        tasks_done=sum(1 for t in tasks if (s := state.get(t.id)) and s.status == "done"),
        tasks_total=len(tasks),
    )
    filters = {k: v for k, v in (("battle", battle_id), ("unit", unit_id),
                                 ("light", ",".join(sorted(wanted)) if wanted else None)) if v}
    return Report(
        plan_id=plan.info.id, plan_title_zh=plan.info.title_zh, plan_title_en=plan.info.title_en,
        doc_no=plan.info.doc_no, period=period.key, period_label_zh=period.label_zh,
        period_label_en=period.label_en, grain=period.grain, as_of=as_of, elapsed=100 * period.elapsed,
        settlement=period.grain == "year", filters=filters, summary=summary, rows=rows,
        battles=[BattleRef(id=b.id, number=b.number, name_zh=b.name_zh, name_en=b.name_en)
                 for b in sorted(plan.battles.values(), key=lambda b: b.number)
                 if not battle_id or b.id == battle_id],
    )
