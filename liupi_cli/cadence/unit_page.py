"""One bureau's page: the indicators it leads and co-leads, its tasks, what it still owes, its pre-score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel

from liupi_cli.cadence.missing import UnitOwes, build_missing
from liupi_cli.cadence.prescore import Score, build_prescore
from liupi_cli.cadence.timeline import TaskLine, task_timeline
from liupi_cli.periods import Period
from liupi_cli.plan import Plan
from liupi_cli.report.model import Count, Row
from liupi_cli.store import Record, TaskUpdate


class UnitRow(BaseModel):
    role: Literal["lead", "co_lead"]
    row: Row


class UnitTask(BaseModel):
    role: Literal["lead", "responsible"]
    task: TaskLine


class UnitPage(BaseModel):
    plan_id: str
    unit: str
    unit_zh: str
    period: str
    period_label_zh: str
    period_label_en: str
    as_of: dt.date
    lights: Count  # the indicators it leads
    indicators: list[UnitRow]
    tasks: list[UnitTask]
    owes: UnitOwes
    prescore: Score | None


def build_unit_page(plan: Plan, records: Iterable[Record], task_updates: Iterable[TaskUpdate], period: Period,
                    unit: str, *, review: Mapping[int, str] | None = None,
                    returned: Mapping[int, str] | None = None) -> UnitPage:
    """The unit's page at ``period``. On a server store the page judges every figure in force: ``review`` marks
    those not approved yet (record id -> "submitted" or "returned", as build_report's), and ``returned`` (record
    id -> the office's reason, as build_missing's) lists a returned figure as still owed, with the reason."""
    from liupi_cli.report import build_report

    uid = plan.unit_id(unit)
    records, task_updates = list(records), list(task_updates)
    rep = build_report(plan, records, period, task_updates=task_updates, unit=uid, review=review)
    rows = [UnitRow(role="lead" if r.lead_unit == uid else "co_lead", row=r) for r in rep.rows]
    lines = task_timeline(plan, task_updates, period.end, unit=uid)
    tasks = [UnitTask(role="lead" if uid in t.lead_units else "responsible", task=t) for t in lines]
    tasks.sort(key=lambda t: t.role != "lead")  # its own tasks first, each group in timeline order
    led = [r.row for r in rows if r.role == "lead"]
    counts = Count(key=uid, name_zh=plan.unit_name(uid) or uid)
    for r in led:
        setattr(counts, r.light, getattr(counts, r.light) + 1)
        counts.total += 1
    owes = build_missing(plan, records, task_updates, period, unit=uid, returned=returned).units[0]
    scores = build_prescore(plan, rep.model_copy(update={"rows": led}), [t.task for t in tasks if t.role == "lead"])
    mine = next((s for s in scores.by_unit if s.key == uid), None)
    return UnitPage(plan_id=plan.info.id, unit=uid, unit_zh=plan.unit_name(uid) or uid, period=period.key,
                    period_label_zh=period.label_zh, period_label_en=period.label_en, as_of=period.end,
                    lights=counts, indicators=rows, tasks=tasks, owes=owes, prescore=mine)
