"""Who owes what (催报): per lead unit, the figures due for a period that are not recorded, and the tasks
with no progress update in it.

When a figure is due (the lag model; the statistics office chases last month's figures before the 18th):
- monthly indicators: every month's figure (1–2月 together), for the month itself; in a quarter or year
  list, for its last month;
- quarterly indicators: at quarter-end months (March, June, September, December) and in quarter lists;
- annual indicators: only in the year list (`--year`), since they come out after the year ends;
- one-off indicators (milestones, a raised standard): in the period holding their due date (undated: the
  year list), and any figure recorded up to the period settles them.
Only the current figure for that exact period counts: an older figure does not answer for this one. On a
server store, a figure the statistics office returned (退回, with a reason) does not count either: it is owed
again, listed with the reason, until its unit records it anew (docs/server.md).

Tasks: every task not done before the period began owes at least one progress update dated inside it.
The lead unit owes (the battle's lead unit when none is named). A unit owing nothing is listed as complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field, computed_field

from liupi_cli.cadence.dekads import period_start
from liupi_cli.cadence.timeline import updates_by_task
from liupi_cli.models import Frequency, Indicator
from liupi_cli.owners import indicator_lead, task_leads
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.store import Record, TaskUpdate


class OwedFigure(BaseModel):
    id: str
    name_zh: str
    name_en: str
    battle: str
    frequency: str
    period: str  # the period key the figure is owed for
    target_to_be_set: bool = False  # owed all the same; its target is not decided yet (a new year's plan)
    # the office returned the figure recorded (退回): the reason, and the record returned; left out of JSON when not
    returned: str | None = Field(default=None, exclude_if=lambda v: v is None)
    returned_record: int | None = Field(default=None, exclude_if=lambda v: v is None)


class OwedTask(BaseModel):
    id: str
    title_zh: str
    battle: str
    status: str | None  # latest status before the period (None: never updated)
    last_update: dt.date | None


class UnitOwes(BaseModel):
    unit: str
    unit_zh: str
    figures_due: int
    figures_in: int
    tasks_due: int
    tasks_in: int
    figures: list[OwedFigure]
    tasks: list[OwedTask]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def complete(self) -> bool:
        return not self.figures and not self.tasks


class MissingList(BaseModel):
    plan_id: str
    period: str
    period_label_zh: str
    period_label_en: str
    start: dt.date
    end: dt.date
    filters: dict[str, str]
    units: list[UnitOwes]  # most owed first; complete units last
    figures_missing: int
    tasks_missing: int
    complete_units: list[str]


def owed_period(ind: Indicator, period: Period) -> str | None:
    """The period key a figure of this indicator is owed for in this period's list, or None (not due)."""
    f = ind.frequency
    if f is Frequency.monthly:
        return Period(period.year, period.months, "month").key
    if f is Frequency.quarterly:
        return Period(period.year, period.months, "quarter").key if period.months % 3 == 0 else None
    if f is Frequency.annual:
        return str(period.year) if period.grain == "year" else None
    due = ind.due or dt.date(period.year, 12, 31)
    return "any" if period_start(period) <= due <= period.end or (period.grain == "year" and due.year == period.year) \
        else None


def _recorded(records: Iterable[Record], period: Period, returned: Mapping[int, str]
              ) -> tuple[set[tuple[str, str]], set[str], dict[tuple[str, str], Record]]:
    """The current figures recorded: (indicator, period key) pairs, and the indicators with any figure in the
    year up to the period (what settles a one-off indicator); a returned figure is in neither, and is kept by
    (indicator, period key) to say why it is owed again."""
    have: set[tuple[str, str]] = set()
    have_any: set[str] = set()
    sent_back: dict[tuple[str, str], Record] = {}
    for r in records:
        if r.current and not r.baseline and r.id in returned:
            sent_back[(r.indicator, r.period)] = r
        elif r.current and not r.baseline:
            have.add((r.indicator, r.period))
            p = parse_period(r.period)
            if p.year == period.year and p.months <= period.months:
                have_any.add(r.indicator)
    return have, have_any, sent_back


class _Ledger:
    """What each unit owes, a unit's entry opened when it first owes (or answers) something."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.units: dict[str, UnitOwes] = {}

    def slot(self, uid: str) -> UnitOwes:
        if uid not in self.units:
            self.units[uid] = UnitOwes(unit=uid, unit_zh=self.plan.unit_name(uid) or uid, figures_due=0,
                                       figures_in=0, tasks_due=0, tasks_in=0, figures=[], tasks=[])
        return self.units[uid]


def _owe_figures(plan: Plan, ledger: _Ledger, records: Iterable[Record], period: Period, battle_id: str | None,
                 unit_id: str | None, returned: Mapping[int, str]) -> None:
    """Each indicator's figure due in the period, counted in or owed by its lead unit (a returned one owed again,
    with the office's reason)."""
    have, have_any, sent_back = _recorded(records, period, returned)
    for ind in plan.indicators.values():
        if battle_id and ind.battle != battle_id:
            continue
        lead = indicator_lead(plan, ind)
        if unit_id and lead != unit_id:
            continue
        u = ledger.slot(lead)
        key = owed_period(ind, period)
        if key is None:
            continue
        u.figures_due += 1
        if (key == "any" and ind.id in have_any) or (ind.id, key) in have:
            u.figures_in += 1
            continue
        u.figures.append(_owed(ind, key, period, sent_back, returned))


def _owed(ind: Indicator, key: str, period: Period, sent_back: dict[tuple[str, str], Record],
          returned: Mapping[int, str]) -> OwedFigure:
    """An indicator's figure owed for ``key`` (a period key, or "any" for a one-off: this period), with the office's
    reason when the figure recorded was returned."""
    back = sent_back.get((ind.id, key)) if key != "any" else next(
        (r for (i, _), r in sent_back.items() if i == ind.id), None)  # a one-off: its figure returned, any period
    return OwedFigure(id=ind.id, name_zh=ind.name_zh, name_en=ind.name_en, battle=ind.battle,
                      frequency=ind.frequency.value, period=period.key if key == "any" else key,
                      target_to_be_set=ind.target_to_be_set, returned=returned[back.id] if back else None,
                      returned_record=back.id if back else None)


def _owe_tasks(plan: Plan, ledger: _Ledger, task_updates: Iterable[TaskUpdate], start: dt.date, end: dt.date,
               battle_id: str | None, unit_id: str | None) -> None:
    """Each task not done before the period began: an update dated inside it, counted in or owed by each lead."""
    task_updates = list(task_updates)
    before = updates_by_task(task_updates, start - dt.timedelta(days=1))
    upto = updates_by_task(task_updates, end)
    for task in plan.tasks.values():
        if battle_id and task.battle != battle_id:
            continue
        prior = before.get(task.id, [])
        if prior and prior[-1].status == "done":
            continue
        inside = [x for x in upto.get(task.id, []) if x.date >= start]
        for lead in task_leads(plan, task):
            if unit_id and lead != unit_id:
                continue
            u = ledger.slot(lead)
            u.tasks_due += 1
            if inside:
                u.tasks_in += 1
            else:
                u.tasks.append(OwedTask(id=task.id, title_zh=task.title_zh, battle=task.battle,
                                        status=prior[-1].status if prior else None,
                                        last_update=prior[-1].date if prior else None))


def build_missing(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate], period: Period, *,
                  battle: str | None = None, unit: str | None = None,
                  returned: Mapping[int, str] | None = None) -> MissingList:
    """The 催报 list for ``period``: per lead unit the figures and task updates owed, most owed first.

    ``returned``: a server store's figures the office returned, record id -> reason
    (liupi_cli.review.returned_reasons); each is owed again, its reason in its row. None or empty: a SQLite
    store, where nothing is returned."""
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    start, end = period_start(period), period.end
    ledger = _Ledger(plan)
    _owe_figures(plan, ledger, records, period, battle_id, unit_id, returned or {})
    _owe_tasks(plan, ledger, task_updates, start, end, battle_id, unit_id)
    if unit_id:
        ledger.slot(unit_id)
    listed = sorted(ledger.units.values(), key=lambda u: (u.complete, -(len(u.figures) + len(u.tasks)), u.unit))
    filters = {k: v for k, v in (("battle", battle_id), ("unit", unit_id)) if v}
    return MissingList(
        plan_id=plan.info.id, period=period.key, period_label_zh=period.label_zh, period_label_en=period.label_en,
        start=start, end=end, filters=filters, units=listed,
        figures_missing=sum(len(u.figures) for u in listed), tasks_missing=sum(len(u.tasks) for u in listed),
        complete_units=[u.unit for u in listed if u.complete],
    )
