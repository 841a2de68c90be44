"""Judging one indicator's figure: one small function per kind, each returning a typed ``Judgement``.

Two modes. In the year (``settle=False``) a row says how a target is progressing: ahead, behind,
due soon. At the year-end settlement (年终结账: ``settle=True``, a report whose period ends in
December) it says met or not met, and nothing in between except where the document itself gives a
middle (a 力争 target whose lower figure was reached) or a milestone done, but late.

One rounding rule: every judged figure is rounded half up (四舍五入) to a fixed number of decimals
before it is compared or emitted, and every comparison goes through ``compare``. The figure is read
at 11 significant digits first: what lies below is binary noise (a relative 1e-12 never moves a
light). Percentages of the target, 序时进度 and the points between them keep ``PCT_PLACES`` (1, as
circulars print them); everything in the indicator's own unit keeps ``PLACES`` (4: 1万元 in 亿元).
A threshold therefore never depends on binary float noise: 5.1亿元 of 34亿元 at March is 15.0%
against 25.0%, exactly 10.0 points behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from liupi_cli.models import Alternative, Comparator, Frequency, Indicator, Kind, LightThresholds
from liupi_cli.periods import Period
from liupi_cli.report.model import Light

PLACES = 4  # figures in the indicator's unit: gaps, amounts remaining, projections, paces
PCT_PLACES = 1  # % of the target, 序时进度, and points between them
DIGITS = 11  # significant digits a figure is read at before rounding: beyond them is float noise
_QUANTUM = {p: Decimal(1).scaleb(-p) for p in range(0, 9)}

Notes = tuple[tuple[str, str], ...]  # (English, Chinese)


@functools.lru_cache(maxsize=1 << 16)  # a pure function, asked about the same figures and thresholds again and again
def fixed(x: float | None, places: int = PLACES) -> float | None:
    """``x`` rounded half up to ``places`` decimals (the one rounding rule); -0.0 becomes 0.0."""
    if x is None or not math.isfinite(x):
        return x
    return float(Decimal(f"{x:.{DIGITS}g}").quantize(_QUANTUM[places], rounding=ROUND_HALF_UP)) + 0.0


def compare(a: float, b: float, places: int = PLACES) -> int:
    """-1, 0 or 1: ``a`` against ``b`` once both are rounded to ``places``. Every threshold uses this."""
    x, y = fixed(a, places), fixed(b, places)
    return (x > y) - (x < y)  # type: ignore[operator]


@dataclass(frozen=True)
class Facts:
    """What a judgement is made from. ``actual`` is the latest figure up to the report's period."""

    kind: Kind
    comparator: Comparator
    target: float | None
    th: LightThresholds
    actual: float | None
    at: Period | None  # the period of ``actual``
    as_of: dt.date  # the report period's last day
    last_year: float | None = None  # double_decline: last year's figure at ``at``
    peak: float | None = None  # zero_events: the highest year-to-date count of the year so far
    peak_at: Period | None = None
    due: dt.date | None = None  # milestones
    done_at: Period | None = None  # milestones: the first period recorded as done
    frequency: Frequency = Frequency.monthly
    stretch: bool = False
    alternatives: tuple[Alternative, ...] = ()
    unit: str | None = None
    target_to_be_set: bool = False  # a new year's plan before its target (or milestone date) is written
    stock: bool = False  # cumulative: a count on a list or an extent completed; no 序时进度, no projection
    over_at: Period | None = None  # a year-to-date cap: the first period its figure went over the cap
    over_value: float | None = None  # ... and that figure

    @classmethod
    def of(cls, ind: Indicator, th: LightThresholds, **kw) -> Facts:
        kw.setdefault("target", ind.target)  # a linked target passes the figure it is judged against
        return cls(kind=ind.kind, comparator=ind.comparator, th=th, due=ind.due, frequency=ind.frequency,
                   stretch=ind.stretch, alternatives=tuple(ind.alternatives), unit=ind.unit, stock=ind.stock,
                   target_to_be_set=ind.target_to_be_set, **kw)

    @property
    def year_end(self) -> bool:
        """The figure can settle the year: it covers the whole year, or the indicator reports once."""
        return self.frequency is Frequency.once or (self.at is not None and self.at.months == 12)


@dataclass(frozen=True)
class Judgement:
    light: Light
    status: str
    met: bool | None = None  # set only at settlement
    completion: float | None = None
    expected: float | None = None
    gap: float | None = None
    gap_units: float | None = None
    remaining: float | None = None
    monthly_pace_needed: float | None = None
    projection: float | None = None
    days_late: int | None = None
    notes: Notes = ()

    def but(self, **kw) -> Judgement:
        """A copy with ``kw`` changed: ``dataclasses.replace`` without its walk over the fields (at the
        settlement nearly every row is judged twice, once in the year, once to settle)."""
        if not kw.keys() <= _JUDGEMENT_FIELDS:
            raise TypeError(f"Judgement has no field {sorted(kw.keys() - _JUDGEMENT_FIELDS)[0]}")
        copy = object.__new__(Judgement)
        copy.__dict__.update(self.__dict__, **kw)
        return copy


_JUDGEMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Judgement))


GREY_NO_DATA = Judgement("grey", "no_data")
GREY_TO_BE_SET = Judgement("grey", "target_to_be_set")  # never a light: nothing to judge the figure against
RATE_UNITS = ("%", "‰")  # figures whose 左右 band is capped in points


def about_band(f: Facts) -> float:
    """The 左右 band either side of the target: ``about_band`` × |target|, at most ``about_band_cap_points``
    for a rate (% or ‰). 11%左右 keeps 1 point (10% of 11 is 1.1, capped); 5.5%左右 gets 0.55 point."""
    band = f.th.about_band * abs(f.target or 0.0)
    return min(band, f.th.about_band_cap_points) if f.unit in RATE_UNITS else band


def _over_cap(f: Facts) -> Judgement | None:
    """A year-to-date cap (森林火灾受害率 0.9‰以内, a capped amount) once over stays over: red from then on."""
    if f.over_at is None or f.over_value is None:
        return None
    over, cap = f"{f.over_value:g}{f.unit or ''}", f"{f.target:g}{f.unit or ''}"
    return Judgement("red", "broken", gap=fixed(f.over_value - (f.target or 0.0)), notes=((
        f"over the cap since {f.over_at.key} ({over} against {cap}); a year-to-date figure cannot come back under",
        f"自{f.over_at.label_zh}起超出上限（{over}，上限{cap}），年内累计数不会回落"),))


def _beyond(f: Facts, a: float, b: float) -> bool:
    """``a`` satisfies the target's comparator against ``b`` (about counts as at least)."""
    c = compare(a, b)
    if f.comparator is Comparator.more_than:
        return c > 0
    if f.comparator is Comparator.at_most:
        return c <= 0
    if f.comparator is Comparator.equal:
        return c == 0
    return c >= 0


# --- one function per kind: in-year progress ------------------------------------------------------

def cumulative(f: Facts) -> Judgement:
    """Completion % of the annual target against 序时进度 (months ÷ 12) at the figure's period."""
    if f.stock:
        return _over_cap(f) or stock(f)
    actual, target, months = f.actual, f.target, f.at.months  # type: ignore[union-attr]
    completion = fixed(100 * actual / target, PCT_PLACES)
    expected = fixed(100 * months / 12, PCT_PLACES)
    gap = fixed(completion - expected, PCT_PLACES)
    remaining = fixed(max(target - actual, 0.0))
    figures = dict(completion=completion, expected=expected, gap=gap,
                   gap_units=fixed(actual - target * months / 12), remaining=remaining,
                   monthly_pace_needed=fixed(remaining / (12 - months)) if months < 12 else None,
                   projection=fixed(actual / months * 12))
    if f.comparator is Comparator.at_most:  # a cap on a year-to-date amount: judged by its pace
        if (over := _over_cap(f)) is not None:
            return over.but(**figures)
        ok = compare(figures["projection"], target) <= 0
        return Judgement("green" if ok else "red", "on_track" if ok else "broken", **figures)
    if reached_amount(f):
        return Judgement("green", "met", **figures)
    if compare(gap, 0, PCT_PLACES) >= 0:
        return Judgement("green", "ahead" if compare(gap, 0, PCT_PLACES) > 0 else "on_track", **figures)
    if compare(gap, -f.th.cumulative_yellow_points, PCT_PLACES) >= 0:
        return Judgement("yellow", "behind", **figures)
    return Judgement("red", "far_behind", **figures)


def stock(f: Facts) -> Judgement:
    """A stock (projects on a list, an area completed) moves in steps, not by the month: no 序时进度, no
    projection. Reached: green; not yet: grey ``under_way`` with its completion, until the settlement."""
    completion = fixed(100 * f.actual / f.target, PCT_PLACES)  # type: ignore[operator]
    remaining = fixed(max(f.target - f.actual, 0.0))  # type: ignore[operator]
    if reached_amount(f):
        return Judgement("green", "met", completion=completion, remaining=remaining)
    return Judgement("grey", "under_way", completion=completion, remaining=remaining)


def reached_amount(f: Facts) -> bool:
    """A year's amount reached: at least the target (超过: above; 左右: within the band under it)."""
    if f.comparator is Comparator.about:
        return compare(f.actual, f.target - about_band(f)) >= 0  # type: ignore[operator]
    return _beyond(f, f.actual, f.target)  # type: ignore[arg-type]


def _floor(f: Facts) -> Judgement:
    """growth_rate and level, at least a target (左右: from the band below, yellow a further band; 超过:
    strictly above)."""
    tol = f.th.growth_yellow_points if f.kind is Kind.growth_rate else f.th.level_yellow_points
    if f.comparator is Comparator.about:
        tol = about_band(f)
    gap = fixed(f.actual - f.target)
    green_from = -tol if f.comparator is Comparator.about else 0.0
    above = compare(gap, green_from)
    if f.kind is Kind.growth_rate and compare(f.actual, 0) < 0 <= compare(f.target, 0):
        return Judgement("red", "far_behind", gap=gap)  # negative growth is red whatever the bands say
    if above > 0 or (above == 0 and f.comparator is not Comparator.more_than):
        return Judgement("green", "met", gap=gap)
    if compare(gap, green_from - tol) >= 0:
        return Judgement("yellow", "behind", gap=gap)
    return Judgement("red", "far_behind", gap=gap)


def _ceiling(f: Facts) -> Judgement:
    """At or under a bound. 左右 is ``_floor``'s mirror: up to the band over is about the bound (green,
    met at settlement, as a 左右 floor is green from the band under), a further band is yellow. A
    year-to-date ceiling once over its cap stays red."""
    if (over := _over_cap(f)) is not None:
        return over
    tol = about_band(f)
    gap = fixed(f.actual - f.target)
    green_to = tol if f.comparator is Comparator.about else 0.0
    if compare(gap, green_to) <= 0:
        return Judgement("green", "met", gap=gap)
    if f.comparator is Comparator.about and compare(gap, green_to + tol) <= 0:
        return Judgement("yellow", "behind", gap=gap)
    return Judgement("red", "broken", gap=gap)


def growth_or_level(f: Facts) -> Judgement:
    return _ceiling(f) if f.comparator is Comparator.at_most else _floor(f)


def ceiling(f: Facts) -> Judgement:
    return _ceiling(f)


def zero_events(f: Facts) -> Judgement:
    """Any event breaks it, and a broken target stays broken: judged on the year's highest count."""
    peak = f.actual if f.peak is None else max(f.peak, f.actual)
    ok = compare(peak, f.target or 0) <= 0
    notes: Notes = ()
    if compare(peak, f.actual) > 0 and f.peak_at is not None:
        notes = ((f"broken at {f.peak_at.key} ({peak:g}); a year-to-date count cannot go back down",
                  f"{f.peak_at.label_zh}已发生{peak:g}起，年内累计数不会减少"),)
    return Judgement("green" if ok else "red", "met" if ok else "broken", gap=fixed(peak), notes=notes)


def double_decline(f: Facts) -> Judgement:
    """Below last year's figure for the same period."""
    if f.last_year is None:
        return Judgement("grey", "no_baseline")
    c = compare(f.actual, f.last_year)
    gap = fixed(f.actual - f.last_year)
    if c == 0 and compare(f.actual, 0) == 0:  # nothing last year, nothing this year: nothing left to decline
        return Judgement("green", "zero_both_years", gap=gap)
    if c < 0:
        return Judgement("green", "declined", gap=gap)
    return Judgement("yellow" if c == 0 else "red", "not_declined", gap=gap)


def ranking(f: Facts) -> Judgement:
    if f.target is None:
        return Judgement("grey", "no_target")
    ok = compare(f.actual, f.target) <= 0
    return Judgement("green" if ok else "red", "met" if ok else "not_met", gap=fixed(f.actual - f.target))


def standard_raised(f: Facts) -> Judgement:
    gap = fixed(f.actual - f.target)
    if compare(f.actual, f.target) >= 0:
        return Judgement("green", "met", gap=gap)
    return Judgement("yellow", "behind", gap=gap)


def days_late(f: Facts) -> int | None:
    """Days a milestone was done after its due date, or None if on time (or not done).

    liupi knows the month a milestone was recorded done, not the day: its done date is the last
    day of that period, and a milestone recorded for its due date's month (or earlier) is on time.
    """
    done, due = f.done_at, f.due
    if done is None or due is None or (done.year, done.months) <= (due.year, due.month):
        return None
    return (done.end - due).days


def milestone(f: Facts) -> Judgement:
    """Done by its date; done late; overdue; due soon; or not due yet."""
    completion = fixed(100 * f.actual / f.target, PCT_PLACES) if f.target and f.actual is not None else None
    due = f.due or dt.date(f.as_of.year, 12, 31)
    if f.done_at is not None:
        late = days_late(f)
        if late is None:
            return Judgement("green", "done", completion=completion)
        return Judgement("yellow", "done_late", completion=completion, days_late=late,
                         notes=((f"done {late} days late (recorded for {f.done_at.key}, due {due.isoformat()})",
                                 f"逾期{late}天完成（{f.done_at.year}年{f.done_at.months}月报完成，时限{due.isoformat()}）"),))
    if f.as_of > due:
        return Judgement("red", "overdue", completion=completion)
    if compare((due - f.as_of).days, f.th.milestone_due_soon_days, 0) <= 0:
        return Judgement("yellow", "due_soon", completion=completion)
    return Judgement("grey", "not_due", completion=completion)


def settle_milestone(f: Facts, j: Judgement) -> Judgement:
    """At settlement a milestone is done by its date (met), done late (not met on time) or not done."""
    if j.status == "done":
        return j.but(met=True)
    if j.status == "done_late":
        return j.but(met=False, notes=j.notes + (("not met on time", "未按时完成"),))
    due = f.due or dt.date(f.as_of.year, 12, 31)
    if due <= f.as_of and f.actual is None:  # nobody reported on it: 未报, kept apart from 未完成
        return j.but(light="red", status="unreported", met=None)
    if due <= f.as_of:
        return j.but(light="red", status="not_met", met=False)
    return j  # due after the year: not due, cannot be settled


@dataclass(frozen=True)
class Rule:
    progress: Callable[[Facts], Judgement]  # in the year
    reached: Callable[[Facts], bool] | None = None  # at settlement; None: the in-year light is green
    settle: Callable[[Facts, Judgement], Judgement] | None = None  # its own settlement instead of settle()
    needs_figure: bool = True  # grey "no_data" without a figure
    broken_is_final: bool = False  # a broken status in any period settles the year as not met


RULES: dict[Kind, Rule] = {
    Kind.growth_rate: Rule(growth_or_level),
    Kind.cumulative: Rule(cumulative, reached=reached_amount),
    Kind.level: Rule(growth_or_level),
    Kind.ceiling: Rule(ceiling),
    Kind.zero_events: Rule(zero_events, broken_is_final=True),
    Kind.double_decline: Rule(double_decline),
    Kind.milestone: Rule(milestone, settle=settle_milestone, needs_figure=False),
    Kind.ranking: Rule(ranking),
    Kind.standard_raised: Rule(standard_raised),
}
UNSETTLED = {"no_data", "no_baseline", "no_target", "target_to_be_set"}
MET_AS_SUCH = {"zero_both_years"}  # met at the settlement, and the status says which way


def judge(f: Facts, settle: bool = False) -> Judgement:
    """The light, status and figures for one indicator; ``settle`` for the year-end settlement."""
    if f.target_to_be_set:
        return GREY_TO_BE_SET
    rule = RULES[f.kind]
    if rule.needs_figure and (f.actual is None or f.at is None):
        return GREY_NO_DATA
    progress = rule.progress(f)
    if not settle:
        return progress
    return rule.settle(f, progress) if rule.settle else settle_year(f, rule, progress)


def _reached(f: Facts, rule: Rule) -> bool:
    return rule.reached(f) if rule.reached else rule.progress(f).light == "green"


def settle_year(f: Facts, rule: Rule, j: Judgement) -> Judgement:
    """年终结账: met or not met, from figures that cover the whole year."""
    if j.status in UNSETTLED:
        return j
    if j.status == "broken" and (rule.broken_is_final or f.over_at is not None):
        return j.but(met=False)  # broken stays broken, whichever period broke it
    if not f.year_end:
        return j.but(light="grey", status="no_year_end_figure", met=None, notes=j.notes + (
            (f"no year-end figure (latest {f.at.key})", f"无年末数据（最新为{f.at.label_zh}）"),))
    if _reached(f, rule):  # met; a status that says how it was met (0 both years) is kept
        return j.but(light="green", status=j.status if j.status in MET_AS_SUCH else "met", met=True)
    base = _stretch_base(f, rule)
    if base is not None:
        return j.but(light="yellow", status="stretch_missed", met=False, notes=j.notes + (
            (f"base {_figure(base.target, f.unit)} ({base.source}) reached; the 力争 figure "
             f"{_figure(f.target, f.unit)} not", f"完成基本目标{_figure(base.target, f.unit)}（{base.source}），"
             f"未完成力争目标{_figure(f.target, f.unit)}"),))
    return j.but(light="red", status="not_met", met=False)


def _stretch_base(f: Facts, rule: Rule) -> Alternative | None:
    """For a 力争 target not reached: a less demanding figure the document also gives, if reached."""
    if not f.stretch:
        return None
    for alt in f.alternatives:
        if alt.target is None or (alt.unit and alt.unit != f.unit):
            continue  # no figure, or one in another unit
        other = dataclasses.replace(f, target=alt.target, comparator=alt.comparator, stretch=False)
        if _reached(other, rule):
            return alt
    return None


def _figure(value: float | None, unit: str | None) -> str:
    return f"{value:g}{unit or ''}" if value is not None else "—"
