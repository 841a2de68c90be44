"""The four products of the plan's rhythm (总体方案 四(三)): 旬简报, 月通报, 季总结, 年终结账.

Each is a typed model built from (plan, records, task updates, period); the renderers draw them. On a server
store each also takes what the review says (liupi_cli.review.Reviewed): the products judge the approved figures
as `liupi report` does, the submitted ones too when asked (marked), and a returned figure is owed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from liupi_cli.cadence.change import Change, compare
from liupi_cli.cadence.dekads import Dekad, period_start, previous_period
from liupi_cli.cadence.missing import MissingList, build_missing
from liupi_cli.cadence.prescore import Prescore, build_prescore
from liupi_cli.cadence.timeline import TaskLine, task_line, task_timeline, updates_by_task
from liupi_cli.models import Kind
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.report.model import Report
from liupi_cli.review import Reviewed
from liupi_cli.store import Record, TaskUpdate


class RecordedFigure(BaseModel):
    id: str
    name_zh: str
    period: str
    entered: str
    recorded_on: dt.date
    recorded_by: str
    lead_unit_zh: str | None
    revised: bool
    # a server store's figure shown before it is approved (--include-submitted); left out of JSON when not
    review: Literal["submitted"] | None = Field(default=None, exclude_if=lambda v: v is None)


class TaskMove(BaseModel):
    id: str
    title_zh: str
    lead_units_zh: list[str]
    date: dt.date
    status: str
    percent: float | None
    before_status: str | None
    before_percent: float | None


class MilestoneDue(BaseModel):
    id: str
    name_zh: str
    due: dt.date
    lead_unit_zh: str | None


class DekadBrief(BaseModel):
    product: Literal["dekad"] = "dekad"
    plan_id: str
    key: str
    label_zh: str
    label_en: str
    start: dt.date
    end: dt.date
    report_period: str | None  # the month whose figures are compared (being collected); None in January, February
    recorded: list[RecordedFigure]  # figures recorded in these days
    tasks_moved: list[TaskMove]  # task updates dated in these days
    became_overdue: list[TaskLine]  # tasks whose deadline passed in these days, not done
    milestones_overdue: list[MilestoneDue]  # milestones whose due date passed in these days, no figure by the end
    change: Change | None  # lights of report_period as known at the end of this dekad vs the previous one


class MonthCircular(BaseModel):
    product: Literal["month"] = "month"
    key: str
    report: Report
    change: Change
    missing: MissingList
    tasks_overdue: list[TaskLine]


class QuarterSummary(BaseModel):
    product: Literal["quarter"] = "quarter"
    key: str
    report: Report
    change: Change
    prescore: Prescore


class Settled(BaseModel):
    key: str
    name_zh: str
    met: int
    not_met: int  # reported, and not met (未完成)
    unreported: int = 0  # milestones past due that nobody reported on (未报), kept apart from not_met
    unknown: int  # no figure, or the figure cannot settle it


class YearSettlement(BaseModel):
    product: Literal["year"] = "year"
    key: str
    report: Report
    by_battle: list[Settled]
    by_unit: list[Settled]
    overall: Settled
    prescore: Prescore


Product = DekadBrief | MonthCircular | QuarterSummary | YearSettlement


def known_by(records: Iterable[Record], day: dt.date) -> list[Record]:
    """The records as they stood at the end of ``day``: later entries and later revisions undone."""
    cut = day.isoformat()
    kept = [r for r in records if r.recorded_at[:10] <= cut]
    superseded = {r.supersedes for r in kept if r.supersedes is not None}
    return [r.model_copy(update={"current": r.id not in superseded}) for r in kept]


def has_figures(records: Iterable[Record], period: Period) -> bool:
    """Is any figure recorded for this period itself (for a quarter: its months; for a year: any)?"""
    first = period_start(period).month
    for r in records:
        if r.current and not r.baseline:
            p = parse_period(r.period)
            if p.year == period.year and first <= p.months <= period.months:
                return True
    return False


def _report(plan: Plan, records: list[Record], updates: list[TaskUpdate], period: Period,
            review: Reviewed | None = None) -> Report:
    from liupi_cli.report import build_report

    return build_report(plan, records, period, task_updates=updates, review=review.marks() if review else None)


def judged(records: Iterable[Record], review: Reviewed | None) -> list[Record]:
    """The records a product judges: all of them on a SQLite store; on a server store what its review shows."""
    return review.judged(records) if review else list(records)


def dekad_brief(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate], dekad: Dekad,
                review: Reviewed | None = None) -> DekadBrief:
    """The 旬报: the lights' change since the dekad before, the figures recorded and the tasks moved in the
    dekad, the tasks that became overdue and the milestones passed without a figure."""
    records, updates = judged(records, review), list(task_updates)
    rp = dekad.report_period
    change = None
    if rp is not None:
        now = _report(plan, known_by(records, dekad.end), updates, rp, review)
        then = _report(plan, known_by(records, dekad.previous().end), updates, rp, review)
        change = compare(then, now)
    hist = updates_by_task(updates, dekad.end)
    return DekadBrief(plan_id=plan.info.id, key=dekad.key, label_zh=dekad.label_zh, label_en=dekad.label_en,
                      start=dekad.start, end=dekad.end, report_period=rp.key if rp else None,
                      recorded=_recorded_in(plan, records, dekad, review.marks() if review else {}),
                      tasks_moved=_moved_in(plan, hist, dekad), became_overdue=_overdue_in(plan, hist, dekad),
                      milestones_overdue=_milestones_passed(plan, records, dekad), change=change)


def _recorded_in(plan: Plan, records: list[Record], dekad: Dekad, marks: dict[int, str]) -> list[RecordedFigure]:
    """The figures recorded during the dekad (by the day they were recorded), in the order recorded; a submitted
    one shown is marked."""
    recorded = []
    for r in sorted(records, key=lambda r: (r.recorded_at, r.id)):
        day = dt.date.fromisoformat(r.recorded_at[:10])
        if dekad.contains(day) and not r.baseline and r.indicator in plan.indicators:
            ind = plan.indicators[r.indicator]
            lead = ind.lead_unit or plan.battles[ind.battle].lead_unit
            recorded.append(RecordedFigure(id=r.indicator, name_zh=ind.name_zh, period=r.period, entered=r.entered,
                                           recorded_on=day, recorded_by=r.recorded_by,
                                           lead_unit_zh=plan.unit_name(lead), revised=r.supersedes is not None,
                                           review=marks.get(r.id)))
    return recorded


def _moved_in(plan: Plan, hist: dict[str, list[TaskUpdate]], dekad: Dekad) -> list[TaskMove]:
    """The tasks updated during the dekad: the latest update in it, and where they stood before it."""
    moved = []
    for task in plan.tasks.values():
        h = hist.get(task.id, [])
        inside = [u for u in h if dekad.contains(u.date)]
        if not inside:
            continue
        prior = [u for u in h if u.date < dekad.start]
        last, first_before = inside[-1], (prior[-1] if prior else None)
        moved.append(TaskMove(id=task.id, title_zh=task.title_zh,
                              lead_units_zh=[plan.unit_name(u) or u for u in task.lead_units], date=last.date,
                              status=last.status, percent=last.percent,
                              before_status=first_before.status if first_before else None,
                              before_percent=first_before.percent if first_before else None))
    return moved


def _overdue_in(plan: Plan, hist: dict[str, list[TaskUpdate]], dekad: Dekad) -> list[TaskLine]:
    """The tasks whose deadline passed during the dekad and that are overdue at its end."""
    overdue = []
    for task in plan.tasks.values():
        dl = task.deadline
        if isinstance(dl, dt.date) and dekad.start <= dl + dt.timedelta(days=1) <= dekad.end:
            line = task_line(plan, task, hist.get(task.id, []), dekad.end)
            if line.state == "overdue":
                overdue.append(line)
    return overdue


def _milestones_passed(plan: Plan, records: list[Record], dekad: Dekad) -> list[MilestoneDue]:
    """The milestones whose date passed during the dekad with no figure known by its end."""
    known = {r.indicator for r in known_by(records, dekad.end) if r.current and not r.baseline}
    return [MilestoneDue(id=ind.id, name_zh=ind.name_zh, due=ind.due,
                         lead_unit_zh=plan.unit_name(ind.lead_unit or plan.battles[ind.battle].lead_unit))
            for ind in plan.indicators.values()
            if ind.kind is Kind.milestone and ind.due
            and dekad.start <= ind.due + dt.timedelta(days=1) <= dekad.end
            and ind.id not in known]


def _with_change(plan: Plan, records: list[Record], updates: list[TaskUpdate], period: Period,
                 review: Reviewed | None = None):
    """The period's report and its change since the previous period of the same grain."""
    rep = _report(plan, records, updates, period, review)
    prev = previous_period(period)
    return rep, compare(_report(plan, records, updates, prev, review) if prev else None, rep)


def month_circular(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate],
                   period: Period, review: Reviewed | None = None) -> MonthCircular:
    """The 月通报. Its 未报 list reads every figure in force as `liupi missing` does: a submitted figure is
    reported; a returned one is owed again, with the office's reason."""
    records, updates = list(records), list(task_updates)
    rep, change = _with_change(plan, judged(records, review), updates, period, review)
    overdue = task_timeline(plan, updates, period.end, overdue=True)
    missing = build_missing(plan, records, updates, period, returned=review.returned if review else None)
    return MonthCircular(key=period.key, report=rep, change=change, missing=missing, tasks_overdue=overdue)


def quarter_summary(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate],
                    period: Period, review: Reviewed | None = None) -> QuarterSummary:
    records, updates = judged(records, review), list(task_updates)
    rep, change = _with_change(plan, records, updates, period, review)
    return QuarterSummary(key=period.key, report=rep, change=change,
                          prescore=build_prescore(plan, rep, task_timeline(plan, updates, period.end)))


def _settled(key: str, name: str, rows) -> Settled:
    rows = list(rows)
    met = sum(1 for r in rows if r.met is True)
    not_met = sum(1 for r in rows if r.met is False)
    unreported = sum(1 for r in rows if r.status == "unreported")
    return Settled(key=key, name_zh=name, met=met, not_met=not_met, unreported=unreported,
                   unknown=len(rows) - met - not_met - unreported)


def year_settlement(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate],
                    period: Period, review: Reviewed | None = None) -> YearSettlement:
    """The 年终结账: a milestone whose figure was returned (or waits, unless shown) is 未报 like one nobody
    reported on."""
    records, updates = judged(records, review), list(task_updates)
    rep = _report(plan, records, updates, period, review)
    # the settlement judges tasks once the year is over: one due on 31 December and not done is overdue
    lines = task_timeline(plan, updates, period.end + dt.timedelta(days=1))
    battles = sorted(plan.battles.values(), key=lambda b: b.number)
    units = sorted({r.lead_unit for r in rep.rows if r.lead_unit})
    by_unit = [_settled(u, plan.unit_name(u) or u, (r for r in rep.rows if r.lead_unit == u)) for u in units]
    by_unit.sort(key=lambda s: (-s.not_met, -s.unreported, -s.unknown, s.key))
    return YearSettlement(
        key=period.key, report=rep,
        by_battle=[_settled(b.id, b.name_zh, (r for r in rep.rows if r.battle == b.id)) for b in battles],
        by_unit=by_unit, overall=_settled("all", "全部", rep.rows), prescore=build_prescore(plan, rep, lines))


def build_product(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate],
                  when: Dekad | Period, review: Reviewed | None = None) -> Product:
    """The product for ``when``; ``review``: a server store's (None: a SQLite store, every figure approved)."""
    if isinstance(when, Dekad):
        return dekad_brief(plan, records, task_updates, when, review)
    return {"month": month_circular, "quarter": quarter_summary, "year": year_settlement}[when.grain](
        plan, records, task_updates, when, review)


def is_empty(product: Product, records: Iterable[Record], task_updates: Iterable[TaskUpdate]) -> bool:
    """No figure at all for the product's period (a 旬简报: nothing recorded and no task moved in its days)."""
    if isinstance(product, DekadBrief):
        return not product.recorded and not product.tasks_moved
    return not has_figures(records, parse_period(product.key))
