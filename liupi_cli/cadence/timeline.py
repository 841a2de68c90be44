"""Tasks on a timeline: each task's latest status as of a date, days overdue or days left.

Ongoing tasks (长期坚持/持续推进) are never overdue; they show days since their last update and are
flagged ``stale`` when none came in the last ``STALE_DAYS`` days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.models import Task
from liupi_cli.owners import task_leads, task_units
from liupi_cli.plan import Plan
from liupi_cli.store import TASK_STATUSES, TaskUpdate

STALE_DAYS = 30
TaskState = Literal["done", "done_late", "overdue", "due_soon", "open", "ongoing"]


class TaskLine(BaseModel):
    id: str
    battle: str
    title_zh: str
    lead_units: list[str]  # the battle's lead unit when the task names none
    lead_units_zh: list[str]
    deadline: dt.date | Literal["ongoing"] | None
    deadline_text: str | None
    status: str | None  # latest recorded status up to as_of (None: no update yet)
    percent: float | None
    updated: dt.date | None  # the date of that update
    done_on: dt.date | None  # when it was first reported done (and stayed done)
    state: TaskState
    days_overdue: int | None  # overdue: days past the deadline
    days_left: int | None  # dated and not done: days until the deadline (0 on the day)
    days_since_update: int | None
    stale: bool  # ongoing, and no update in the last STALE_DAYS days


def updates_by_task(updates: Iterable[TaskUpdate], as_of: dt.date) -> dict[str, list[TaskUpdate]]:
    out: dict[str, list[TaskUpdate]] = defaultdict(list)
    for u in sorted(updates, key=lambda u: (u.date, u.id)):
        if u.date <= as_of:
            out[u.task].append(u)
    return out


def task_line(plan: Plan, task: Task, history: list[TaskUpdate], as_of: dt.date, due_soon_days: int = 30) -> TaskLine:
    latest = history[-1] if history else None
    done_on = _done_on(history)
    dl = task.deadline
    state, days_overdue, days_left = _state(dl, done_on, as_of, due_soon_days)
    since = (as_of - latest.date).days if latest else None
    leads = task_leads(plan, task)
    return TaskLine(
        id=task.id, battle=task.battle, title_zh=task.title_zh, lead_units=leads,
        lead_units_zh=[plan.unit_name(u) or u for u in leads], deadline=dl, deadline_text=task.deadline_text,
        status=latest.status if latest else None, percent=latest.percent if latest else None,
        updated=latest.date if latest else None, done_on=done_on, state=state, days_overdue=days_overdue,
        days_left=days_left, days_since_update=since,
        stale=dl == "ongoing" and (since is None or since > STALE_DAYS),
    )


def _done_on(history: list[TaskUpdate]) -> dt.date | None:
    """When the task was first reported done and stayed done (None: its latest status is not done)."""
    done_on = None
    for u in reversed(history):
        if u.status != "done":
            break
        done_on = u.date
    return done_on


def _state(deadline: dt.date | str | None, done_on: dt.date | None, as_of: dt.date,
           due_soon_days: int) -> tuple[TaskState, int | None, int | None]:
    """The task's state as of ``as_of``, with its days overdue and days left (None where they do not apply):
    ongoing; done (late when after a dated deadline); overdue; due soon or open; open when undated."""
    if deadline == "ongoing":
        return "ongoing", None, None
    if done_on is not None:
        return ("done_late" if isinstance(deadline, dt.date) and done_on > deadline else "done"), None, None
    if not isinstance(deadline, dt.date):
        return "open", None, None
    if as_of > deadline:
        return "overdue", (as_of - deadline).days, None
    days_left = (deadline - as_of).days
    return ("due_soon" if days_left <= due_soon_days else "open"), None, days_left


ORDER = {"overdue": 0, "due_soon": 1, "open": 2, "ongoing": 3, "done_late": 4, "done": 5}


def task_timeline(plan: Plan, updates: Iterable[TaskUpdate], as_of: dt.date, *, battle: str | None = None,
                  unit: str | None = None, status: Iterable[str] | None = None, overdue: bool = False,
                  due_within: int | None = None) -> list[TaskLine]:
    """Every task (filtered) as of ``as_of``: overdue first (longest first), then by days left, then the rest.

    ``status`` keeps tasks whose latest status is one of these (``none``: no update yet);
    ``due_within`` keeps dated tasks not done whose deadline is within that many days.
    """
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    wanted = _statuses(status)
    soon = plan.settings.lights.milestone_due_soon_days
    hist = updates_by_task(updates, as_of)
    tasks = [t for t in plan.tasks.values()
             if (not battle_id or t.battle == battle_id) and (not unit_id or unit_id in task_units(plan, t))]
    lines = [line for line in (task_line(plan, t, hist.get(t.id, []), as_of, soon) for t in tasks)
             if _kept(line, wanted, overdue, due_within)]
    lines.sort(key=lambda t: (ORDER[t.state], -(t.days_overdue or 0),
                              t.days_left if t.days_left is not None else 10**6))
    return lines


def _statuses(status: Iterable[str] | None) -> set[str] | None:
    """The statuses asked for (``none``: no update yet), or None for all; an unknown one is refused."""
    wanted = set(status) if status else None
    if wanted and wanted - {*TASK_STATUSES, "none"}:
        raise InputRefused(msg("tasks.status_unknown", given=", ".join(sorted(wanted - {*TASK_STATUSES, "none"}))),
                           msg("unknown.hint.one_of", names=", ".join((*TASK_STATUSES, "none"))))
    return wanted


def _kept(line: TaskLine, wanted: set[str] | None, overdue: bool, due_within: int | None) -> bool:
    """Whether a task's line passes the filters on its status, on being overdue and on its days left."""
    if wanted and (line.status or "none") not in wanted:
        return False
    if overdue and line.state != "overdue":
        return False
    return due_within is None or (line.days_left is not None and line.days_left <= due_within)
