"""Filtered listings of a plan's indicators and tasks, as typed rows."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from liupi_cli.models import Alternative, Kind
from liupi_cli.owners import indicator_units, task_units
from liupi_cli.plan import Plan


class IndicatorRow(BaseModel):
    id: str
    battle: str
    name_zh: str
    name_en: str
    kind: str
    comparator: str
    qualifier: str | None
    stretch: bool
    target: float | None
    baseline: float | None
    unit: str | None
    frequency: str
    due: dt.date | None
    lead_unit: str | None
    lead_unit_zh: str | None
    task: str | None
    source: str
    stated: str | None
    alternatives: list[Alternative]


class TaskRow(BaseModel):
    id: str
    battle: str
    source: str
    section: str | None
    title_zh: str
    summary: str | None
    lead_units: list[str]
    lead_units_zh: list[str]
    responsible_units: list[str]
    responsible_others: str | None
    deadline: dt.date | str | None
    deadline_text: str | None
    category: str | None
    indicators: list[str]


def _task_units(plan: Plan, task_id: str | None) -> tuple[str, ...]:
    """The units answering for an indicator's task: a target of a task a unit works on is listed for it too."""
    task = plan.tasks.get(task_id) if task_id else None
    return task_units(plan, task) if task else ()


def list_indicators(plan: Plan, battle: str | None = None, unit: str | None = None,
                    kind: str | None = None) -> list[IndicatorRow]:
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    kind_v = Kind(kind).value if kind else None
    rows = []
    for ind in plan.indicators.values():
        if battle_id and ind.battle != battle_id:
            continue
        if kind_v and ind.kind.value != kind_v:
            continue
        if unit_id and unit_id not in indicator_units(plan, ind) and unit_id not in _task_units(plan, ind.task):
            continue
        rows.append(IndicatorRow(
            id=ind.id, battle=ind.battle, name_zh=ind.name_zh, name_en=ind.name_en, kind=ind.kind.value,
            comparator=ind.comparator.value, qualifier=ind.qualifier, stretch=ind.stretch, target=ind.target,
            baseline=ind.baseline, unit=ind.unit, frequency=ind.frequency.value, due=ind.due,
            lead_unit=ind.lead_unit, lead_unit_zh=plan.unit_name(ind.lead_unit), task=ind.task,
            source=ind.source, stated=ind.stated, alternatives=ind.alternatives,
        ))
    return rows


def list_tasks(plan: Plan, battle: str | None = None, unit: str | None = None,
               kind: str | None = None) -> list[TaskRow]:
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    kind_v = Kind(kind).value if kind else None
    rows = []
    for task in plan.tasks.values():
        if battle_id and task.battle != battle_id:
            continue
        if unit_id and unit_id not in task_units(plan, task):
            continue
        if kind_v and not any(plan.indicators[i].kind.value == kind_v for i in task.indicators):
            continue
        rows.append(TaskRow(
            id=task.id, battle=task.battle, source=task.source, section=task.section, title_zh=task.title_zh,
            summary=task.summary, lead_units=task.lead_units,
            lead_units_zh=[plan.unit_name(u) or u for u in task.lead_units],
            responsible_units=task.responsible_units, responsible_others=task.responsible_others,
            deadline=task.deadline, deadline_text=task.deadline_text, category=task.category,
            indicators=task.indicators,
        ))
    return rows
