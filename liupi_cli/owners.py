"""Who answers for an indicator or a task: the one rule behind every ``--unit`` filter (report, targets,
tasks, the task timeline, the unit page, the figures a unit is asked for) and behind who owes an update.

- An indicator's lead unit is the one it names, else its battle's lead unit (附件1's 牵头单位). A unit
  answers for an indicator it leads or co-leads (共同牵头).
- A task's lead units are the ones it names, else its battle's lead unit: a task without a named lead is
  still owed by someone. A unit answers for a task it leads, is responsible for (责任单位), or leads the
  section of (总牵头).
"""

from __future__ import annotations

from liupi_cli.models import Indicator, Task
from liupi_cli.plan import Plan


def indicator_lead(plan: Plan, ind: Indicator) -> str:
    return ind.lead_unit or plan.battles[ind.battle].lead_unit


def indicator_units(plan: Plan, ind: Indicator) -> tuple[str, ...]:
    """The lead unit first, then the co-leads."""
    return (indicator_lead(plan, ind), *ind.co_lead_units)


def task_leads(plan: Plan, task: Task) -> list[str]:
    return list(task.lead_units) or [plan.battles[task.battle].lead_unit]


def task_units(plan: Plan, task: Task) -> tuple[str, ...]:
    """The lead units first, then the responsible units and the section's lead."""
    return (*task_leads(plan, task), *task.responsible_units, *([task.section_lead] if task.section_lead else []))
