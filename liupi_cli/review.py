"""报送 → 审核 on a server store: what waits for the statistics office's review, per unit, and what it returned.

A figure a bureau's role enters is *submitted*; the office approves it or returns it with a reason (退回: 口径
不对); an approved figure is locked (a change is the office's revision, kept in history). Reports judge the
approved figures. On a SQLite store the office is the only writer and every figure is approved as recorded:
nothing waits. The store (liupi_cli.store_pg) keeps the decisions; this module only sorts and words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from liupi_cli.messages import Msg, msg


@dataclass(frozen=True)
class ReviewItem:
    """A figure in force with its review: submitted (waiting), returned (with the reason) or approved."""

    id: int
    indicator: str
    period: str
    baseline: bool
    entered: str
    recorded_by: str
    recorded_at: str
    unit: str | None  # the unit of the role that entered it (None: the office)
    status: str  # submitted | returned | approved
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None


@dataclass(frozen=True)
class UnitQueue:
    unit: str | None  # unit id
    name: str  # the unit's Chinese name, or the office's
    items: list[ReviewItem]


def in_period(items: list[ReviewItem], period_key: str | None) -> list[ReviewItem]:
    return [i for i in items if period_key is None or i.period == period_key]


def by_unit(plan, items: list[ReviewItem], unit: str | None = None) -> list[UnitQueue]:
    """The items per unit, units in the plan's order (the office's own last), each unit's items by id."""
    order = {u: n for n, u in enumerate(plan.units)}
    queues: dict[str | None, list[ReviewItem]] = {}
    for item in items:
        if unit is None or item.unit == unit:
            queues.setdefault(item.unit, []).append(item)
    keys = sorted(queues, key=lambda u: (u is None, order.get(u, len(order)), u or ""))
    return [UnitQueue(u, plan.unit_name(u) if u else msg("review.office"), queues[u]) for u in keys]


def returned_note(item: ReviewItem) -> Msg:
    """What a bureau is told of a figure the office sent back."""
    return msg("review.returned_note", reason=item.reason or "", id=item.indicator, period=item.period,
               entered=item.entered, record=item.id, by=item.reviewed_by or "", at=item.reviewed_at or "")


def review_marks(items: list[ReviewItem]) -> dict[int, str]:
    """What a report or a unit's page marks: record id -> "submitted" or "returned" (build_report's ``review``)."""
    return {i.id: i.status for i in items if i.status in ("submitted", "returned")}


def returned_reasons(items: list[ReviewItem]) -> dict[int, str]:
    """The figures the office returned, owed again: record id -> the reason (build_missing's ``returned``)."""
    return {i.id: i.reason or "" for i in items if i.status == "returned"}
