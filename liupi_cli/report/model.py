"""The report model. JSON output is this model dumped; every other format renders it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from liupi_cli.models import Alternative

Light = Literal["green", "yellow", "red", "grey"]
LIGHTS: tuple[Light, ...] = ("red", "yellow", "green", "grey")


class _Model(BaseModel):
    # validators are built on first use, not at import: a command that never validates or dumps a
    # report model (the table is rendered from attributes) does not pay for them
    model_config = ConfigDict(defer_build=True)


class Point(_Model):
    period: str
    months: int
    value: float


class Row(_Model):
    id: str
    battle: str
    battle_zh: str
    name_zh: str
    name_en: str
    kind: str
    unit: str | None
    comparator: str
    qualifier: str | None
    stretch: bool
    frequency: str
    target: float | None  # the judged target (a linked target: the other indicator's figure, or its target)
    baseline_standard: float | None  # standard_raised: the old standard
    due: dt.date | None
    actual: float | None
    actual_entered: str | None
    actual_period: str | None
    stale: bool  # the latest figure is for an earlier period than the report's
    # a server store's figure not yet approved (docs/server.md): submitted (a report shows it only when asked,
    # marked), or returned (a unit's page, which judges every figure in force). None: approved, and then the
    # field is left out of JSON and CSV altogether, as on a SQLite store
    review: Literal["submitted", "returned"] | None = Field(default=None, exclude_if=lambda v: v is None)
    this_period: float | None  # cumulative: this period's own amount (YTD minus the previous YTD)
    last_year: float | None  # last year's same-period figure, where recorded (--baseline)
    # Judged figures are rounded half up (judge.py): %, 序时进度 and points to 1 decimal, the rest to 4.
    completion: float | None  # cumulative / milestone counts: % of the annual target
    expected: float | None  # 序时进度 at the figure's period, %
    gap: float | None  # points: completion - expected (cumulative), actual - target (growth, level, ceiling)
    gap_units: float | None  # cumulative: actual - target × expected, in the indicator's unit
    remaining: float | None  # cumulative: target - actual
    monthly_pace_needed: float | None  # cumulative: remaining ÷ months left
    projection: float | None  # cumulative: year-end value at the current pace
    light: Light
    status: str  # ahead, on_track, behind, far_behind, met, not_met, broken, no_data, not_due, due_soon,
    #              overdue, done, done_late, declined, not_declined, no_baseline, no_target,
    #              target_to_be_set (grey: a new plan's figure not yet written),
    #              no_year_end_figure, stretch_missed, under_way (a stock not reached yet), zero_both_years
    #              (双下降 with 0 last year and 0 this), pair_not_declined (双下降: this count declined, the
    #              other did not: the pair's light), unreported (settlement: a milestone nobody reported on)
    persistent: bool  # red for two or more consecutive reported periods
    met: bool | None  # set only at the year-end settlement: met or not (None: cannot tell, or not settling)
    days_late: int | None = None  # milestones done late: days after the due date (see judge.days_late)
    revised: bool  # the figure shown replaced an earlier one
    lead_unit: str | None
    lead_unit_zh: str | None
    lead_from_battle: bool  # the document names no lead for it; the battle's lead unit is shown
    group: str | None
    source: str
    alternatives: list[Alternative]
    judged_because: str | None
    notes: list[str]
    notes_zh: list[str]
    series: list[Point]
    linked_to: str | None = None  # judged against this indicator's figure for the same period (基本同步)
    stock: bool = False  # a stock (a count on a list, an extent completed): no 序时进度, no projection


class Count(_Model):
    key: str
    name_zh: str
    red: int = 0
    yellow: int = 0
    green: int = 0
    grey: int = 0
    total: int = 0

    def share(self, light: str) -> float:
        return 100 * getattr(self, light) / self.total if self.total else 0.0


class OverdueTask(_Model):
    id: str
    battle: str
    title_zh: str
    lead_units: list[str]
    lead_units_zh: list[str]
    deadline: dt.date
    days_overdue: int
    status: str | None  # latest recorded status, if any
    percent: float | None


class OverdueCount(_Model):
    key: str
    name_zh: str
    overdue: int


class Summary(_Model):
    overall: Count
    by_battle: list[Count]
    by_unit: list[Count]
    laggards: list[str]  # row ids, red first, most behind first
    persistent: list[str]
    tasks_overdue: list[OverdueTask]
    tasks_overdue_by_battle: list[OverdueCount]
    tasks_overdue_by_unit: list[OverdueCount]
    tasks_done: int
    tasks_total: int


class BattleRef(_Model):
    id: str
    number: int
    name_zh: str
    name_en: str


class Report(_Model):
    plan_id: str
    plan_title_zh: str
    plan_title_en: str
    doc_no: str | None
    period: str
    period_label_zh: str
    period_label_en: str
    grain: str  # month | quarter | year
    as_of: dt.date
    elapsed: float  # 序时进度 at the report's period, %
    settlement: bool  # the year-end settlement (年终结账): the period ends in December
    filters: dict[str, str]
    # the filtered unit's Chinese name, for the filter line (no row may be left to name it); left out of JSON
    # when there is no unit filter
    unit_name_zh: str | None = Field(default=None, exclude_if=lambda v: v is None)
    battles: list[BattleRef]
    summary: Summary
    rows: list[Row]
