"""报送 → 审核 on a server store: what waits for the statistics office's review, per unit, and what it returned.

A figure a bureau's role enters is *submitted*; the office approves it or returns it with a reason (退回: 口径
不对); an approved figure is locked (a change is the office's revision, kept in history). Reports judge the
approved figures. On a SQLite store the office is the only writer and every figure is approved as recorded:
nothing waits. The store (liupi_cli.store_pg) keeps the decisions; this module only sorts and words them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.messages import Msg, msg
from liupi_cli.periods import Period, parse_period
from liupi_cli.store import Record


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


def in_period(items: list[ReviewItem], period: Period | None) -> list[ReviewItem]:
    """The figures a period's review covers (all when None): those for the same point of its year, whatever their
    grain (at June: June's monthly figures and the second quarter's; at December the year's too), and last year's
    figures for that point (recorded with --baseline beside them), as `liupi missing` owes them."""
    if period is None:
        return list(items)
    out = []
    for i in items:
        try:
            p = parse_period(i.period)
        except InputRefused:
            continue
        if p.months == period.months and p.year == period.year - (1 if i.baseline else 0):
            out.append(i)
    return out


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


def returned_reasons(items: list[ReviewItem]) -> dict[int, str]:
    """The figures the office returned, owed again: record id -> the reason (build_missing's ``returned``)."""
    return {i.id: i.reason or "" for i in items if i.status == "returned"}


@dataclass(frozen=True)
class Reviewed:
    """What a server store's review says of its figures, for a product built from every record (the plan's
    rhythm: 旬简报, 月通报, 季总结, 年终结账): each figure not approved, in force or not (record id -> "submitted"
    or "returned"), the reasons of those in force the office returned (owed again), and whether the submitted
    ones are shown, marked. Approved figures are the rest. A SQLite store has none of this (None)."""

    status: Mapping[int, str]
    returned: Mapping[int, str]
    include_submitted: bool = False

    def hidden(self, record_id: int) -> bool:
        status = self.status.get(record_id)
        return status == "returned" or (status == "submitted" and not self.include_submitted)

    def marks(self) -> dict[int, str]:
        """build_report's ``review`` for a product: the submitted figures shown."""
        if not self.include_submitted:
            return {}
        return {rid: status for rid, status in self.status.items() if status == "submitted"}

    def every_mark(self) -> dict[int, str]:
        """build_report's ``review`` for a unit's page, which judges every figure in force: each one not approved,
        "submitted" or "returned" (a superseded figure's id is in it too, and never the figure of a row)."""
        return dict(self.status)

    def judged(self, records: Iterable[Record]) -> list[Record]:
        """The records a product judges, as a report reads them: the approved figures (and the submitted ones
        when shown); of each pair the latest one kept is current. A figure kept that revised one left out now
        names the one kept before it (the pair's chain stays one line when a product looks back to a day), or,
        when there is none, still names the one it revised: it is a revision all the same."""
        records = list(records)
        by_id = {r.id: r for r in records}
        kept: list[Record] = []
        for r in records:
            if self.hidden(r.id):
                continue
            before = r.supersedes
            while before is not None and self.hidden(before) and before in by_id:
                before = by_id[before].supersedes
            kept.append(r if before == r.supersedes or before is None
                        else r.model_copy(update={"supersedes": before}))
        superseded = {r.supersedes for r in kept}
        return [r if r.current == (r.id not in superseded) else r.model_copy(update={"current": r.id not in superseded})
                for r in kept]
