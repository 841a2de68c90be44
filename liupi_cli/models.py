"""Pydantic models of a plan: the plan itself, battles, units, indicators, tasks.

These validate what ``data/targets.yaml`` and ``data/tasks.yaml`` hold. Each
indicator kind enforces the fields it needs (see ``Indicator._per_kind``).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from liupi_cli.frequency import Frequency  # noqa: F401 - re-exported: models name every plan type
from liupi_cli.kinds import Kind, kinds_with  # Kind re-exported: models name every plan type
from liupi_cli.messages import Msg, msg

ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
# No county figure is this large or (other than 0) this small; beyond them a ratio such as the
# completion rate would overflow to infinity, which JSON cannot carry.
FIGURE_LIMIT = 1e15
FIGURE_FLOOR = 1e-6


def _magnitude(value: float | None) -> float | None:
    if value is not None and value != 0 and not FIGURE_FLOOR <= abs(value) <= FIGURE_LIMIT:
        raise ValueError(msg("model.figure_range", value=f"{value:g}", low=f"{FIGURE_FLOOR:g}",
                             high=f"{FIGURE_LIMIT:g}"))
    return value


class Strict(BaseModel):
    # allow_inf_nan=False: .nan, .inf or 1e309 as a target is an error, never a figure to judge by
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Comparator(str, Enum):
    at_least = "at_least"  # 以上, 不低于, 突破, 达
    more_than = "more_than"  # 超过, 超: strictly more than
    about = "about"
    at_most = "at_most"
    equal = "equal"


class LightThresholds(Strict):
    """How far behind still counts as yellow. Points are percentage points."""

    cumulative_yellow_points: float = Field(10.0, ge=0)
    growth_yellow_points: float = Field(1.0, ge=0)
    level_yellow_points: float = Field(1.0, ge=0)
    milestone_due_soon_days: int = Field(30, ge=0)
    # 左右: the band either side of the figure, a share of the target, at most the cap (in points, for %
    # and ‰ figures); yellow a further band out. See docs/judging.md for why 0.1 and 1.
    about_band: float = Field(0.1, ge=0, le=1)
    about_band_cap_points: float = Field(1.0, ge=0)


class LightOverrides(Strict):
    """Per-indicator thresholds; what is left out comes from the plan's settings."""

    cumulative_yellow_points: float | None = Field(None, ge=0)
    growth_yellow_points: float | None = Field(None, ge=0)
    level_yellow_points: float | None = Field(None, ge=0)
    milestone_due_soon_days: int | None = Field(None, ge=0)
    about_band: float | None = Field(None, ge=0, le=1)
    about_band_cap_points: float | None = Field(None, ge=0)


class PrescoreWeights(Strict):
    """The pre-score (绩效预评分): points per light and per task outcome, and how the two parts mix.

    A unit's score = indicator_share × its indicator part + (1 − indicator_share) × its task part, where
    the indicator part is Σ(weight × points for the light) ÷ Σ weight and the task part is the mean of its
    judged tasks' points. A part with nothing judged drops out and the other part is the score.
    """

    green: float = Field(100.0, ge=0)
    yellow: float = Field(60.0, ge=0)
    red: float = Field(0.0, ge=0)
    grey: float | None = Field(None, ge=0)  # None: grey (no figure, not due) is left out; a number counts it
    unreported: float = Field(0.0, ge=0)  # a milestone nobody reported on at settlement (未报), a term apart
    task_done_on_time: float = Field(100.0, ge=0)
    task_done_late: float = Field(60.0, ge=0)
    task_overdue: float = Field(0.0, ge=0)
    indicator_share: float = Field(0.7, ge=0, le=1)


class Settings(Strict):
    # factories, not instances: an instance made here would build the models' validators at import
    lights: LightThresholds = Field(default_factory=LightThresholds)
    prescore: PrescoreWeights = Field(default_factory=PrescoreWeights)


class PlanInfo(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title_zh: str
    title_en: str
    doc_no: str | None = None
    issuer: str | None = None
    year: int = Field(ge=2000, le=2100)
    issued: dt.date | None = None
    source_file: str | None = None


class Unit(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None


class Battle(Strict):
    id: str = Field(pattern=ID_PATTERN)
    number: int = Field(ge=1, le=99)
    name_zh: str
    name_en: str
    convener: str | None = None
    lead_unit: str
    responsible_units: list[str] = Field(default_factory=list)
    responsible_others: str | None = None
    attachment: str | None = None
    source: str


class Alternative(Strict):
    """Another value the document gives the same indicator elsewhere."""

    target: float | None = None
    comparator: Comparator
    qualifier: str | None = None
    stretch: bool = False
    unit: str | None = None
    source: str
    stated: str | None = None
    note: str | None = None

    _target = field_validator("target")(_magnitude)


class Indicator(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str
    name_en: str
    battle: str
    kind: Kind
    comparator: Comparator
    qualifier: str | None = None
    stretch: bool = False
    target: float | None = None
    unit: str | None = None
    baseline: float | None = None
    frequency: Frequency
    due: dt.date | None = None
    lead_unit: str | None = None
    co_lead_units: list[str] = Field(default_factory=list)
    source: str
    stated: str | None = None
    also_in: list[str] = Field(default_factory=list)
    task: str | None = None
    group: str | None = None
    note: str | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    judged_because: str | None = None
    lights: LightOverrides | None = None
    prescore_weight: float | None = Field(None, ge=0)  # this indicator's weight in the pre-score (default 1)
    # Figures the plan will state but has not yet (a new year's plan before its targets are decided):
    # judged grey "target to be set", listed by `liupi check` as warnings, never an error.
    to_be_set: list[Literal["target", "due"]] = Field(default_factory=list)
    # judging (docs/judging.md): a stock gets no 序时进度 and no projection; a year-to-date ceiling once over
    # its cap stays over; a linked target is judged against another indicator's figure for the same period
    stock: bool = False
    year_to_date: bool = False
    linked_to: str | None = None

    _figures = field_validator("target", "baseline")(_magnitude)

    @model_validator(mode="after")
    def _per_kind(self) -> Indicator:
        """The fields this kind needs, then the values it allows."""
        need = _needed(self)
        if need:
            raise ValueError(msg("model.needs", kind=self.kind.value, fields=", ".join(need)))
        _to_be_set_allowed(self)
        _values_allowed(self)
        return self

    @property
    def target_to_be_set(self) -> bool:
        """The figure it is judged by is still to be set: a target not yet written, or a milestone's date."""
        return ("target" in self.to_be_set and self.target is None) or ("due" in self.to_be_set and self.due is None)


def _needed(ind: Indicator) -> list[str]:
    """The fields an indicator of its kind needs and lacks (a target or a date to be set is not lacking)."""
    k, need, pending = ind.kind, [], set(ind.to_be_set)
    if k in _NEEDS_TARGET and ind.target is None and "target" not in pending:
        need.append("target")
    if k in _NEEDS_UNIT and not ind.unit:
        need.append("unit")
    if k is Kind.standard_raised and ind.baseline is None:
        need.append("baseline")
    if k is Kind.double_decline and not ind.group:
        need.append("group")
    if k is Kind.milestone and ind.due is None and "due" not in pending:
        need.append("due")
    return need


def _to_be_set_allowed(ind: Indicator) -> None:
    """Only a milestone has a date to be set; a 双下降 has no target to set."""
    pending = set(ind.to_be_set)
    if "due" in pending and ind.kind is not Kind.milestone:
        raise ValueError(msg("model.due_only_milestone"))
    if "target" in pending and ind.kind is Kind.double_decline:
        raise ValueError(msg("model.double_decline_to_be_set"))


def _values_allowed(ind: Indicator) -> None:
    """The unit, target, comparator and options each kind allows (in this order: the first wrong one is said)."""
    k = ind.kind
    if k is Kind.growth_rate and ind.unit != "%":
        raise ValueError(msg("model.growth_unit", unit=repr(ind.unit)))
    if k is Kind.cumulative and ind.target is not None and ind.target <= 0:
        raise ValueError(msg("model.cumulative_positive"))
    if k is Kind.ceiling and ind.comparator not in (Comparator.at_most, Comparator.about):
        raise ValueError(msg("model.ceiling_comparator"))
    if k is Kind.zero_events and ind.target not in (None, 0):
        raise ValueError(msg("model.zero_events"))
    if k is Kind.double_decline and ind.target is not None:
        raise ValueError(msg("model.double_decline_target"))
    if k is Kind.ranking and ind.target is not None and (ind.target < 1 or ind.target != int(ind.target)):
        raise ValueError(msg("model.ranking"))
    _options_allowed(ind)
    if k is Kind.standard_raised and ind.baseline is not None and ind.target is not None:
        if ind.target <= ind.baseline:
            raise ValueError(msg("model.standard_up", baseline=f"{ind.baseline:g}", target=f"{ind.target:g}"))


def _options_allowed(ind: Indicator) -> None:
    """stock for a cumulative, year_to_date for a ceiling, a link to another indicator."""
    k = ind.kind
    if ind.stock and k is not Kind.cumulative:
        raise ValueError(msg("model.stock"))
    if ind.year_to_date and k is not Kind.ceiling:
        raise ValueError(msg("model.year_to_date"))
    if ind.linked_to is not None and ind.linked_to == ind.id:
        raise ValueError(msg("model.self_link"))


_NEEDS_TARGET = kinds_with("needs_target")
_NEEDS_UNIT = kinds_with("needs_unit")


def _date_part_wrong(exc: ValueError) -> Msg:
    """Which part of a date written as YYYY-MM-DD does not exist (2023-13-01, 2023-06-31)."""
    said = str(exc)
    if said.startswith("month must be in 1..12"):
        return msg("model.deadline.no_month")
    if said.startswith("day is out of range for month"):
        return msg("model.deadline.no_day")
    return msg("model.deadline.other", detail=said)


Deadline = dt.date | Literal["ongoing"] | None
# A carried task's deadline moved into the new year by `liupi plan next` ends its deadline_text with this
# until the office confirms the date (by taking it out of deadline_text): `liupi tasks` flags it till then.
MOVED_TO_CONFIRM = "（顺延，待确认）"


def deadline_to_confirm(deadline_text: str | None) -> bool:
    return bool(deadline_text) and deadline_text.endswith(MOVED_TO_CONFIRM)  # type: ignore[union-attr]


class Task(Strict):
    id: str = Field(pattern=ID_PATTERN)
    battle: str
    source: str
    section: str | None = None
    section_lead: str | None = None
    title_zh: str
    summary: str | None = None
    lead_units: list[str] = Field(default_factory=list)
    responsible_units: list[str] = Field(default_factory=list)
    responsible_others: str | None = None
    deadline: Deadline = None
    deadline_text: str | None = None
    category: str | None = None
    indicators: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, v: object) -> object:
        if isinstance(v, str) and v != "ongoing":
            try:
                return dt.date.fromisoformat(v)
            except ValueError as exc:
                why = _date_part_wrong(exc) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else ""  # 2023-06-31
                raise ValueError(msg("model.deadline", given=v, why=why)) from None
        return v

