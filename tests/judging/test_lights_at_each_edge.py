"""Each kind's light at the figure on each edge of its bands and one step beyond, worked by hand with the default
thresholds (cumulative 10 points, growth and level 1 point, 左右 a tenth of the target at most 1 point, due soon 30
days); then the year-end settlement's met / not met for each kind."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.models import Alternative, Comparator, Frequency, Kind, LightThresholds
from liupi_cli.periods import parse_period
from liupi_cli.report.judge import Facts, judge


def facts(kind, target, actual, at="2023-06", comparator="at_least", as_of=None, **kw) -> Facts:
    period = parse_period(at) if at else None
    return Facts(kind=Kind(kind), comparator=Comparator(comparator), target=target, th=LightThresholds(),
                 actual=actual, at=period, as_of=as_of or (period.end if period else dt.date(2023, 6, 30)), **kw)


# (kind, comparator, target, unit, actual, light, status, gap)
BANDS = [
    ("growth_rate", "at_least", 8, "%", 8, "green", "met", 0.0),
    ("growth_rate", "at_least", 8, "%", 7, "yellow", "behind", -1.0),
    ("growth_rate", "at_least", 8, "%", 6.9999, "red", "far_behind", -1.0001),
    ("growth_rate", "at_least", 0, "%", -0.1, "red", "far_behind", -0.1),  # negative growth: red
    ("growth_rate", "at_least", 2, "%", -0.5, "red", "far_behind", -2.5),
    ("growth_rate", "at_least", -5, "%", -1, "green", "met", 4.0),  # a fall planned: smaller falls are fine
    ("growth_rate", "more_than", 8, "%", 8, "yellow", "behind", 0.0),  # 超过: 8 is not more than 8
    ("growth_rate", "more_than", 8, "%", 8.0001, "green", "met", 0.0001),
    ("growth_rate", "about", 8, "%", 7.2, "green", "met", -0.8),  # band 0.8
    ("growth_rate", "about", 8, "%", 7.1, "yellow", "behind", -0.9),
    ("growth_rate", "about", 8, "%", 6.4, "yellow", "behind", -1.6),
    ("growth_rate", "about", 8, "%", 6.3, "red", "far_behind", -1.7),
    ("growth_rate", "about", 11, "%", 10, "green", "met", -1.0),  # band 1.1 capped at 1 point
    ("growth_rate", "about", 11, "%", 9.9, "yellow", "behind", -1.1),
    ("growth_rate", "about", 11, "%", 9, "yellow", "behind", -2.0),
    ("growth_rate", "about", 11, "%", 8.9, "red", "far_behind", -2.1),
    ("level", "at_least", 90, "%", 89, "yellow", "behind", -1.0),
    ("level", "at_least", 90, "%", 88.9, "red", "far_behind", -1.1),
    ("level", "at_least", -3, "%", -3.5, "yellow", "behind", -0.5),  # a level may be below 0 without the growth rule
    ("level", "about", 100, "人", 90, "green", "met", -10.0),  # no cap outside % and ‰: band 10
    ("level", "about", 100, "人", 80, "yellow", "behind", -20.0),
    ("level", "about", 100, "人", 79, "red", "far_behind", -21.0),
    ("level", "at_most", 30, "分钟", 30, "green", "met", 0.0),  # a level kept under a bound is a ceiling
    ("level", "at_most", 30, "分钟", 31, "red", "broken", 1.0),
    ("ceiling", "at_most", 5.5, "%", 5.5, "green", "met", 0.0),
    ("ceiling", "at_most", 5.5, "%", 5.5001, "red", "broken", 0.0001),
    ("ceiling", "about", 5.5, "%", 6.05, "green", "met", 0.55),  # band 0.55
    ("ceiling", "about", 5.5, "%", 6.06, "yellow", "behind", 0.56),
    ("ceiling", "about", 5.5, "%", 6.6, "yellow", "behind", 1.1),
    ("ceiling", "about", 5.5, "%", 6.61, "red", "broken", 1.11),
    ("ceiling", "about", 20, "‰", 21, "green", "met", 1.0),  # band 2 capped at 1 point for ‰ too
    ("ceiling", "about", 20, "‰", 21.1, "yellow", "behind", 1.1),
    ("ranking", "at_most", 10, "位", 10, "green", "met", 0.0),
    ("ranking", "at_most", 10, "位", 11, "red", "not_met", 1.0),
    ("standard_raised", "at_least", 650, "元/月", 650, "green", "met", 0.0),
    ("standard_raised", "at_least", 650, "元/月", 649, "yellow", "behind", -1.0),
    ("zero_events", "at_most", 0, "起", 0, "green", "met", 0.0),
    ("zero_events", "at_most", 0, "起", 1, "red", "broken", 1.0),
]


@pytest.mark.parametrize("kind,comparator,target,unit,actual,light,status,gap", BANDS,
                         ids=[f"{b[0]}-{b[1]}-{b[2]}-{b[4]}" for b in BANDS])
def test_a_kind_s_light_at_each_edge_of_its_bands(kind, comparator, target, unit, actual, light, status, gap):
    j = judge(facts(kind, target, actual, comparator=comparator, unit=unit))
    assert (j.light, j.status, j.gap) == (light, status, gap)


# cumulative, 1200 for the year, at June: 序时进度 50%
@pytest.mark.parametrize("actual,light,status,completion,gap,remaining,pace,projection,gap_units", [
    (600, "green", "on_track", 50.0, 0.0, 600.0, 100.0, 1200.0, 0.0),
    (480, "yellow", "behind", 40.0, -10.0, 720.0, 120.0, 960.0, -120.0),
    (479, "red", "far_behind", 39.9, -10.1, 721.0, 120.1667, 958.0, -121.0),
    (1200, "green", "met", 100.0, 50.0, 0.0, 0.0, 2400.0, 600.0),
    (1300, "green", "met", 108.3, 58.3, 0.0, 0.0, 2600.0, 700.0),
])
def test_a_cumulative_target_against_the_schedule(actual, light, status, completion, gap, remaining, pace,
                                                  projection, gap_units):
    j = judge(facts("cumulative", 1200, actual))
    assert (j.light, j.status, j.completion, j.expected, j.gap, j.remaining, j.monthly_pace_needed, j.projection,
            j.gap_units) == (light, status, completion, 50.0, gap, remaining, pace, projection, gap_units)


def test_in_december_no_pace_is_needed_any_more():
    j = judge(facts("cumulative", 1200, 1100, at="2023-12"))
    assert (j.expected, j.remaining, j.monthly_pace_needed, j.projection) == (100.0, 100.0, None, 1100.0)


@pytest.mark.parametrize("actual,light,status", [(600, "green", "on_track"), (601, "red", "broken")])
def test_a_capped_amount_is_judged_by_its_pace(actual, light, status):
    j = judge(facts("cumulative", 1200, actual, comparator="at_most"))
    assert (j.light, j.status, j.projection) == (light, status, actual * 2.0)


@pytest.mark.parametrize("actual,light,status", [(40, "green", "met"), (39, "grey", "under_way")])
def test_a_stock_has_no_schedule_only_reached_or_under_way(actual, light, status):
    j = judge(facts("cumulative", 40, actual, stock=True))
    assert (j.light, j.status, j.completion, j.remaining, j.expected, j.projection) == (
        light, status, round(100 * actual / 40, 1), 40.0 - actual, None, None)


@pytest.mark.parametrize("actual,last_year,light,status,gap", [
    (4, 5, "green", "declined", -1.0), (5, 5, "yellow", "not_declined", 0.0), (6, 5, "red", "not_declined", 1.0),
    (0, 0, "green", "zero_both_years", 0.0), (3, None, "grey", "no_baseline", None),
])
def test_a_double_decline_against_last_year(actual, last_year, light, status, gap):
    j = judge(facts("double_decline", None, actual, comparator="at_most", last_year=last_year))
    assert (j.light, j.status, j.gap) == (light, status, gap)


def test_a_ranking_without_a_target_is_not_judged():
    j = judge(facts("ranking", None, 3, comparator="at_most"))
    assert (j.light, j.status) == ("grey", "no_target")


def test_an_event_stays_counted_after_the_count_is_corrected_down():
    j = judge(facts("zero_events", 0, 0, comparator="at_most", peak=1, peak_at=parse_period("2023-03")))
    assert (j.light, j.status, j.gap) == ("red", "broken", 1.0)
    assert j.notes == (("broken at 2023-03 (1); a year-to-date count cannot go back down",
                        "2023年1–3月已发生1起，年内累计数不会减少"),)


DUE = dt.date(2023, 8, 31)


@pytest.mark.parametrize("as_of,done_at,light,status,days_late", [
    (dt.date(2023, 7, 31), None, "grey", "not_due", None),  # 31 days before
    (dt.date(2023, 8, 1), None, "yellow", "due_soon", None),  # 30 days before
    (dt.date(2023, 8, 31), None, "yellow", "due_soon", None),
    (dt.date(2023, 9, 1), None, "red", "overdue", None),
    (dt.date(2023, 9, 30), "2023-08", "green", "done", None),
    (dt.date(2023, 9, 30), "2023-06", "green", "done", None),
    (dt.date(2023, 9, 30), "2023-09", "yellow", "done_late", 30),
    (dt.date(2023, 12, 31), "2023-12", "yellow", "done_late", 122),
])
def test_a_milestone_by_its_date(as_of, done_at, light, status, days_late):
    f = facts("milestone", None, None, at=None, comparator="equal", as_of=as_of, due=DUE,
              done_at=parse_period(done_at) if done_at else None, frequency=Frequency.once)
    j = judge(f)
    assert (j.light, j.status, j.days_late) == (light, status, days_late)
    if days_late:
        assert j.notes[0][0] == f"done {days_late} days late (recorded for {done_at}, due 2023-08-31)"


# -- the year-end settlement ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,comparator,target,actual,light,status,met", [
    ("cumulative", "at_least", 1200, 1200, "green", "met", True),
    ("cumulative", "at_least", 1200, 1199, "red", "not_met", False),
    ("cumulative", "more_than", 1200, 1200, "red", "not_met", False),
    ("cumulative", "about", 1000, 900, "green", "met", True),  # 左右: from the band under
    ("cumulative", "about", 1000, 899, "red", "not_met", False),
    ("growth_rate", "at_least", 8, 7, "red", "not_met", False),  # yellow in the year, not met at the end
    ("growth_rate", "at_least", 8, 8, "green", "met", True),
    ("ceiling", "about", 5.5, 6.05, "green", "met", True),
    ("standard_raised", "at_least", 650, 649, "red", "not_met", False),
])
def test_at_settlement_a_target_is_met_or_not(kind, comparator, target, actual, light, status, met):
    unit = "%" if kind in ("growth_rate", "ceiling") else "亿元"  # 左右 of an amount: a tenth, not capped
    j = judge(facts(kind, target, actual, at="2023-12", comparator=comparator, unit=unit), settle=True)
    assert (j.light, j.status, j.met) == (light, status, met)


def test_a_stretch_target_missed_with_its_base_reached_is_yellow():
    base = Alternative(target=1000, comparator=Comparator.at_least, source="附件2")
    f = facts("cumulative", 1200, 1100, at="2023-12", stretch=True, alternatives=(base,), unit="亿元")
    j = judge(f, settle=True)
    assert (j.light, j.status, j.met) == ("yellow", "stretch_missed", False)
    assert j.notes[-1] == ("base 1000亿元 (附件2) reached; the 力争 figure 1200亿元 not",
                           "完成基本目标1000亿元（附件2），未完成力争目标1200亿元")
    other_unit = Alternative(target=1000, comparator=Comparator.at_least, source="附件2", unit="万元")
    j = judge(facts("cumulative", 1200, 1100, at="2023-12", stretch=True, alternatives=(other_unit,), unit="亿元"),
              settle=True)
    assert (j.light, j.status) == ("red", "not_met")
    j = judge(facts("cumulative", 1200, 900, at="2023-12", stretch=True, alternatives=(base,), unit="亿元"),
              settle=True)
    assert (j.light, j.status) == ("red", "not_met")


def test_without_a_year_end_figure_nothing_is_settled():
    j = judge(facts("growth_rate", 8, 9, at="2023Q3", unit="%"), settle=True)
    assert (j.light, j.status, j.met) == ("grey", "no_year_end_figure", None)
    assert j.notes[-1] == ("no year-end figure (latest 2023Q3)", "无年末数据（最新为2023年三季度）")


def test_an_event_earlier_in_the_year_settles_it_as_not_met():
    j = judge(facts("zero_events", 0, 0, at="2023-12", comparator="at_most", peak=1,
                    peak_at=parse_period("2023-05")), settle=True)
    assert (j.light, j.status, j.met) == ("red", "broken", False)


def test_nothing_both_years_is_met_and_says_so():
    j = judge(facts("double_decline", None, 0, at="2023-12", comparator="at_most", last_year=0), settle=True)
    assert (j.light, j.status, j.met) == ("green", "zero_both_years", True)


@pytest.mark.parametrize("done_at,actual,due,light,status,met", [
    ("2023-08", 1.0, DUE, "green", "done", True),
    ("2023-10", 1.0, DUE, "yellow", "done_late", False),
    (None, None, DUE, "red", "unreported", None),
    (None, 0.0, DUE, "red", "not_met", False),
    (None, 0.0, dt.date(2024, 6, 30), "grey", "not_due", None),
])
def test_a_milestone_at_settlement(done_at, actual, due, light, status, met):
    f = facts("milestone", None, actual, at="2023-12", comparator="equal", due=due, frequency=Frequency.once,
              done_at=parse_period(done_at) if done_at else None)
    j = judge(f, settle=True)
    assert (j.light, j.status, j.met) == (light, status, met)
    if status == "done_late":
        assert j.notes[-1] == ("not met on time", "未按时完成")


def test_a_count_s_share_of_each_light():
    from liupi_cli.report.model import Count

    c = Count(key="growth", name_zh="经济增长", red=1, yellow=1, green=2, grey=0, total=4)
    assert [c.share(light) for light in ("red", "yellow", "green", "grey")] == [25.0, 25.0, 50.0, 0.0]
    assert Count(key="x", name_zh="x").share("red") == 0.0  # nothing judged: no share, no division by zero
