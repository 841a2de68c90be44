"""Properties of judging, for every kind, in the year and at settlement (hypothesis).

1. A better figure never gives a worse light.
2. The light never changes when a figure is multiplied by 1 ± 1e-12 (float noise never moves a light).

Figures are drawn as offices publish them: whole counts, or decimals with up to 2 places.
"""

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from liupi_cli.models import Comparator, Frequency, Kind, LightThresholds
from liupi_cli.periods import Period
from liupi_cli.report.judge import Facts, compare, judge

COMPARATORS = {
    Kind.growth_rate: [Comparator.at_least, Comparator.about, Comparator.more_than, Comparator.at_most],
    Kind.level: [Comparator.at_least, Comparator.about, Comparator.more_than, Comparator.at_most],
    Kind.ceiling: [Comparator.at_most, Comparator.about],
    Kind.cumulative: [Comparator.at_least, Comparator.more_than, Comparator.at_most, Comparator.about],
    Kind.zero_events: [Comparator.at_most],
    Kind.double_decline: [Comparator.at_most],
    Kind.milestone: [Comparator.equal],
    Kind.ranking: [Comparator.at_most],
    Kind.standard_raised: [Comparator.at_least],
}
LOWER_IS_BETTER = {Kind.ceiling, Kind.zero_events, Kind.double_decline, Kind.ranking}
RANK = {"red": 0, "yellow": 1, "green": 2}
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)


def published(lo: float, hi: float):
    """A figure as published: 0, 1 or 2 decimal places."""
    return st.decimals(min_value=str(lo), max_value=str(hi), places=2, allow_nan=False,
                       allow_infinity=False).map(float)


def counts(hi: int = 500):
    return st.integers(0, hi).map(float)


def lower_is_better(f: Facts) -> bool:
    return f.kind in LOWER_IS_BETTER or (f.comparator is Comparator.at_most and f.kind is not Kind.milestone)


@st.composite
def facts(draw, kind=None) -> Facts:
    kind = kind or draw(st.sampled_from(list(Kind)))
    comparator = draw(st.sampled_from(COMPARATORS[kind]))
    settle = draw(st.booleans())
    months = 12 if settle and draw(st.booleans()) else draw(st.integers(2, 12))
    at = Period(2023, months, "month")
    report_months = 12 if settle else draw(st.integers(months, 12))
    as_of = Period(2023, report_months, "month").end
    th = LightThresholds(cumulative_yellow_points=draw(published(0, 30)), growth_yellow_points=draw(published(0, 5)),
                         level_yellow_points=draw(published(0, 5)), milestone_due_soon_days=draw(st.integers(0, 60)))
    target = last_year = due = None
    if kind is Kind.growth_rate:
        target, actual = draw(published(0, 30)), draw(published(-50, 100))
    elif kind in (Kind.level, Kind.ceiling):
        target, actual = draw(published(0.1, 100)), draw(published(0, 100))
    elif kind is Kind.cumulative:
        target, actual = draw(published(0.01, 100000)), draw(published(0, 200000))
    elif kind is Kind.zero_events:
        target, actual = 0.0, draw(counts(5))
    elif kind is Kind.double_decline:
        actual, last_year = draw(counts(50)), draw(counts(50))
    elif kind is Kind.milestone:
        target = draw(st.sampled_from([None, 1.0, 2.0, 3.0]))
        actual = draw(counts(5))
        due = dt.date(2023, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    elif kind is Kind.ranking:
        target, actual = float(draw(st.integers(1, 20))), float(draw(st.integers(1, 40)))
    else:
        target, actual = draw(published(1, 2000)), draw(published(0, 2000))
    return Facts(kind=kind, comparator=comparator, target=target, th=th, actual=actual, at=at, as_of=as_of,
                 last_year=last_year, due=due, frequency=Frequency.monthly, unit="u"), settle


def judged(f: Facts, settle: bool):
    if f.kind is Kind.milestone:  # done at the figure's period once the count reaches the target (as build does)
        f = dataclasses.replace(f, done_at=f.at if compare(f.actual, f.target or 1) >= 0 else None)
    return judge(f, settle)


@SETTINGS
@given(st.data())
def test_a_better_figure_never_gives_a_worse_light(data):
    f, settle = data.draw(facts())
    other = data.draw(counts(500) if f.kind in (Kind.zero_events, Kind.double_decline, Kind.milestone, Kind.ranking)
                      else published(-50 if f.kind is Kind.growth_rate else 0, 200000))
    if f.kind is Kind.ranking:
        other = max(other, 1.0)
    worse, better = sorted((f.actual, other), reverse=lower_is_better(f))
    a = judged(dataclasses.replace(f, actual=worse), settle)
    b = judged(dataclasses.replace(f, actual=better), settle)
    if a.light != "grey" and b.light != "grey":
        assert RANK[b.light] >= RANK[a.light], (worse, a, better, b)


@SETTINGS
@given(st.data())
def test_a_relative_1e_12_never_moves_a_light(data):
    f, settle = data.draw(facts())
    base = judged(f, settle)
    for factor in (1 + 1e-12, 1 - 1e-12):
        for field in ("actual", "target", "last_year"):
            value = getattr(f, field)
            if value is None:
                continue
            nudged = judged(dataclasses.replace(f, **{field: value * factor}), settle)
            assert (nudged.light, nudged.status) == (base.light, base.status), (field, factor, base, nudged)


@SETTINGS
@given(target=published(0.1, 100), actual=published(0, 200), kind=st.sampled_from([Kind.ceiling, Kind.level]),
       settle=st.booleans())
def test_a_左右_band_is_in_proportion_to_the_target(target, actual, kind, settle):
    """Ten times the target and ten times the figure get the same light: the band scales (no cap outside rates)."""
    f = Facts(kind=kind, comparator=Comparator.about, target=target, th=LightThresholds(), actual=actual,
              at=Period(2023, 12, "month"), as_of=Period(2023, 12, "month").end, unit="u")
    tenfold = dataclasses.replace(f, target=target * 10, actual=actual * 10)
    assert (judge(f, settle).light, judge(f, settle).status) == (judge(tenfold, settle).light,
                                                                 judge(tenfold, settle).status)


@SETTINGS
@given(actual=published(0, 5), over=published(0.91, 5), months=st.integers(2, 11), settle=st.booleans())
def test_a_year_to_date_cap_once_over_stays_broken(actual, over, months, settle):
    """Whatever the latest figure says, a cap broken in an earlier month is red and, at settlement, not met."""
    at = Period(2023, 12 if settle else months + 1, "month")
    f = Facts(kind=Kind.ceiling, comparator=Comparator.at_most, target=0.9, th=LightThresholds(), actual=actual,
              at=at, as_of=at.end, unit="‰", over_at=Period(2023, months, "month"), over_value=over)
    j = judge(f, settle)
    assert (j.light, j.status) == ("red", "broken")
    assert j.met is (False if settle else None)


@SETTINGS
@given(target=published(1, 10000), actual=published(0, 20000), months=st.integers(2, 12))
def test_a_stock_is_never_paced_or_projected(target, actual, months):
    at = Period(2023, months, "month")
    f = Facts(kind=Kind.cumulative, comparator=Comparator.at_least, target=target, th=LightThresholds(),
              actual=actual, at=at, as_of=at.end, unit="个", stock=True)
    j = judge(f)
    assert (j.expected, j.gap, j.projection, j.monthly_pace_needed) == (None, None, None, None)
    assert j.light in ("green", "grey") and (j.light == "green") == (compare(actual, target) >= 0)
