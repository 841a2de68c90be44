"""The per-kind judging functions called directly, at their edges, with numbers worked by hand.

Thresholds are the defaults (cumulative 10 points, growth and level 1 point, milestones 30 days).
"""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.models import Alternative, Comparator, Frequency, Kind, LightThresholds
from liupi_cli.periods import parse_period
from liupi_cli.report.judge import Facts, compare, days_late, fixed, judge

TH = LightThresholds()


def facts(kind, comparator="at_least", target=None, actual=None, at="2023-06", as_of=None, **kw) -> Facts:
    period = parse_period(at) if at else None
    return Facts(kind=Kind(kind), comparator=Comparator(comparator), target=target, th=TH, actual=actual, at=period,
                 as_of=as_of or (period.end if period else dt.date(2023, 6, 30)), **kw)


@pytest.mark.parametrize("actual,light,status,gap", [
    (10, "green", "met", 0.0), (3, "green", "met", -7.0), (11, "red", "not_met", 1.0), (10.00004, "green", "met", 0.0),
])
def test_ranking(actual, light, status, gap):
    j = judge(facts("ranking", "at_most", target=10, actual=actual))
    assert (j.light, j.status, j.gap, j.met) == (light, status, gap, None)


def test_ranking_without_a_numeric_target_is_grey():
    j = judge(facts("ranking", "at_most", target=None, actual=4))
    assert (j.light, j.status, j.gap) == ("grey", "no_target", None)
    assert judge(facts("ranking", "at_most", target=None, actual=4, at="2023"), settle=True).met is None


@pytest.mark.parametrize("actual,light,status,met", [(10, "green", "met", True), (11, "red", "not_met", False)])
def test_ranking_at_settlement(actual, light, status, met):
    j = judge(facts("ranking", "at_most", target=10, actual=actual, at="2023", frequency=Frequency.annual), settle=True)
    assert (j.light, j.status, j.met) == (light, status, met)


def _stretch(actual, alternatives, stretch=True, unit="%"):
    return judge(facts("growth_rate", target=10, actual=actual, at="2023-12", stretch=stretch, unit=unit,
                       alternatives=tuple(Alternative(**a) for a in alternatives)), settle=True)


BASE8 = {"target": 8, "comparator": "at_least", "source": "附件2 一"}


def test_a_stretch_target_missed_with_its_base_reached_is_yellow_with_both_named():
    j = _stretch(9, [BASE8])
    assert (j.light, j.status, j.met) == ("yellow", "stretch_missed", False)
    assert j.notes[-1] == ("base 8% (附件2 一) reached; the 力争 figure 10% not",
                           "完成基本目标8%（附件2 一），未完成力争目标10%")


@pytest.mark.parametrize("actual,alternatives,stretch,light,status", [
    (10, [BASE8], True, "green", "met"),  # the stretch target itself reached
    (8, [BASE8], True, "yellow", "stretch_missed"),  # exactly the base
    (7.9, [BASE8], True, "red", "not_met"),  # neither
    (9, [BASE8], False, "red", "not_met"),  # not a 力争 target: another figure is no consolation
    (9, [{**BASE8, "unit": "亿元"}], True, "red", "not_met"),  # a figure in another unit is not a base
    (9, [{**BASE8, "unit": "%"}], True, "yellow", "stretch_missed"),  # the same unit, written out
    (9, [{**BASE8, "target": None}], True, "red", "not_met"),  # no figure
    (9, [{**BASE8, "target": None}, BASE8], True, "yellow", "stretch_missed"),  # the next one counts
    (9, [{**BASE8, "target": 9.5}, BASE8], True, "yellow", "stretch_missed"),
    (9, [{**BASE8, "target": 9, "comparator": "more_than"}], True, "red", "not_met"),  # its own comparator
])
def test_stretch_bases(actual, alternatives, stretch, light, status):
    j = _stretch(actual, alternatives, stretch)
    assert (j.light, j.status) == (light, status)


@pytest.mark.parametrize("due,done_at,late", [
    (dt.date(2023, 6, 30), "2023-06", None),  # recorded for its due month: on time
    (dt.date(2023, 6, 15), "2023-06", None),
    (dt.date(2023, 6, 30), "2023-05", None),
    (dt.date(2023, 6, 30), "2023-07", 31),  # done date 07-31
    (dt.date(2023, 6, 15), "2023-07", 46),
    (dt.date(2023, 1, 15), "2022-12", None),
    (dt.date(2023, 12, 31), "2023", None),
    (None, "2023-07", None),
])
def test_days_late(due, done_at, late):
    f = facts("milestone", "equal", actual=1, at=done_at, due=due, done_at=parse_period(done_at))
    assert days_late(f) == late


def test_days_late_needs_a_done_period():
    assert days_late(facts("milestone", "equal", due=dt.date(2023, 6, 30), done_at=None)) is None


@pytest.mark.parametrize("due,as_of,light,status", [
    (dt.date(2023, 7, 30), dt.date(2023, 6, 30), "yellow", "due_soon"),  # 30 days
    (dt.date(2023, 7, 31), dt.date(2023, 6, 30), "grey", "not_due"),  # 31 days
    (dt.date(2023, 6, 30), dt.date(2023, 6, 30), "yellow", "due_soon"),  # due today
    (dt.date(2023, 6, 29), dt.date(2023, 6, 30), "red", "overdue"),
])
def test_milestone_not_done(due, as_of, light, status):
    j = judge(facts("milestone", "equal", actual=None, at=None, as_of=as_of, due=due))
    assert (j.light, j.status) == (light, status)


def test_an_undated_milestone_is_due_at_year_end():
    j = judge(facts("milestone", "equal", actual=None, at=None, as_of=dt.date(2023, 12, 1), due=None))
    assert (j.light, j.status) == ("yellow", "due_soon")  # 30 days before 12-31
    j = judge(facts("milestone", "equal", actual=None, at=None, as_of=dt.date(2023, 11, 30), due=None))
    assert (j.light, j.status) == ("grey", "not_due")


def test_a_milestone_done_late_says_by_how_much():
    j = judge(facts("milestone", "equal", actual=1, at="2023-08", due=dt.date(2023, 6, 30),
                    done_at=parse_period("2023-08")))
    assert (j.light, j.status, j.days_late) == ("yellow", "done_late", 62)
    assert j.notes == (("done 62 days late (recorded for 2023-08, due 2023-06-30)",
                        "逾期62天完成（2023年8月报完成，时限2023-06-30）"),)


def test_a_milestone_count_shows_its_completion():
    j = judge(facts("milestone", "equal", target=4, actual=3, at="2023-06", due=dt.date(2023, 12, 31)))
    assert j.completion == 75.0


def test_no_year_end_figure_names_the_latest():
    j = judge(facts("level", target=90, actual=91, at="2023-06"), settle=True)
    assert (j.light, j.status, j.met) == ("grey", "no_year_end_figure", None)
    assert j.notes[-1] == ("no year-end figure (latest 2023-06)", "无年末数据（最新为2023年1–6月）")


def test_a_once_figure_settles_whenever_recorded():
    j = judge(facts("standard_raised", target=650, actual=650, at="2023-04", frequency=Frequency.once), settle=True)
    assert (j.light, j.status, j.met) == ("green", "met", True)


def test_a_broken_zero_tolerance_target_names_when():
    j = judge(facts("zero_events", "at_most", target=0, actual=0, at="2023-06", peak=2,
                    peak_at=parse_period("2023-03")))
    assert (j.light, j.status, j.gap) == ("red", "broken", 2.0)
    assert j.notes == (("broken at 2023-03 (2); a year-to-date count cannot go back down",
                        "2023年1–3月已发生2起，年内累计数不会减少"),)


@pytest.mark.parametrize("x,places,rounded", [(0.05, 1, 0.1), (-0.05, 1, -0.1), (0.04999, 1, 0.0), (-0.0, 1, 0.0),
                                              (46.875, 1, 46.9), (1.00005, 4, 1.0001), (2.5, 0, 3.0)])
def test_fixed_rounds_half_up(x, places, rounded):
    assert fixed(x, places) == rounded
    assert str(fixed(x, places)) != "-0.0"


def test_fixed_passes_missing_and_infinite_through():
    assert fixed(None) is None
    assert fixed(float("inf")) == float("inf")


@pytest.mark.parametrize("a,b,places,result", [(1.00004, 1.0, 4, 0), (1.00006, 1.0, 4, 1), (0.94, 1.0, 1, -1),
                                               (0.96, 1.0, 1, 0)])
def test_compare_after_rounding(a, b, places, result):
    assert compare(a, b, places) == result


def test_a_stretch_note_for_a_target_without_a_unit():
    j = _stretch(9, [BASE8], unit=None)
    assert j.notes[-1] == ("base 8 (附件2 一) reached; the 力争 figure 10 not",
                           "完成基本目标8（附件2 一），未完成力争目标10")


def test_a_double_decline_settles_as_met_not_declined():
    j = judge(facts("double_decline", "at_most", actual=4, at="2023-12", last_year=6), settle=True)
    assert (j.light, j.status, j.met, j.gap) == ("green", "met", True, -2.0)
    j = judge(facts("double_decline", "at_most", actual=6, at="2023-12", last_year=6), settle=True)
    assert (j.light, j.status, j.met) == ("red", "not_met", False)


def test_a_one_off_cap_settles_on_the_amount_not_the_pace():
    """600 recorded once in June under a cap of 1000: its pace (1200 a year) is red in the year, but the
    settlement asks whether the amount stayed under the cap, and it did."""
    f = facts("cumulative", "at_most", target=1000, actual=600, at="2023-06", frequency=Frequency.once)
    assert (judge(f).light, judge(f).status, judge(f).projection) == ("red", "broken", 1200.0)
    assert (judge(f, settle=True).light, judge(f, settle=True).status, judge(f, settle=True).met) == (
        "green", "met", True)


def test_an_undated_milestone_not_done_at_settlement_is_not_met():
    f = facts("milestone", "equal", actual=0, at="2023-09", as_of=dt.date(2023, 12, 31), due=None)
    j = judge(f, settle=True)
    assert (j.light, j.status, j.met) == ("red", "not_met", False)


def test_an_undated_milestone_nobody_reported_on_is_unreported_at_settlement():
    """未报 is not 未完成: red (still owed) but met is not decided, and it is counted apart."""
    f = facts("milestone", "equal", actual=None, at=None, as_of=dt.date(2023, 12, 31), due=None)
    j = judge(f, settle=True)
    assert (j.light, j.status, j.met) == ("red", "unreported", None)


def test_a_milestone_due_after_the_year_cannot_be_settled():
    f = facts("milestone", "equal", actual=None, at=None, as_of=dt.date(2023, 12, 31), due=dt.date(2024, 3, 31))
    j = judge(f, settle=True)
    assert (j.light, j.status, j.met) == ("grey", "not_due", None)


def test_a_raised_standard_not_yet_reached_is_behind():
    j = judge(facts("standard_raised", target=650, actual=620, at="2023-06", frequency=Frequency.once))
    assert (j.light, j.status, j.gap, j.met) == ("yellow", "behind", -30.0, None)
    j = judge(facts("standard_raised", target=650, actual=650.00001, at="2023-06", frequency=Frequency.once))
    assert (j.light, j.status, j.gap) == ("green", "met", 0.0)


@pytest.mark.parametrize("actual,light", [(5.5, "green"), (6.05, "green"), (6.06, "yellow"), (6.6, "yellow"),
                                          (6.61, "red")])
def test_a_左右_ceiling_band_is_a_share_of_the_target(actual, light):
    """5.5%左右: the band is 10% of 5.5 = 0.55 point (under the 1-point cap), whatever the level and growth
    points say: green to 6.05, yellow a further 0.55 to 6.6, red beyond."""
    th = LightThresholds(growth_yellow_points=1, level_yellow_points=2)
    f = Facts(kind=Kind.ceiling, comparator=Comparator.about, target=5.5, th=th, actual=actual,
              at=parse_period("2023-06"), as_of=dt.date(2023, 6, 30), unit="%")
    assert judge(f).light == light


@pytest.mark.parametrize("actual,light", [(11, "green"), (10.0, "green"), (9.99, "yellow"), (9.0, "yellow"),
                                          (8.99, "red")])
def test_a_左右_growth_band_is_capped_at_one_point(actual, light):
    """11%左右: 10% of 11 is 1.1 points, capped at 1 (about_band_cap_points): green from 10, yellow from 9."""
    f = Facts(kind=Kind.growth_rate, comparator=Comparator.about, target=11, th=TH, actual=actual,
              at=parse_period("2023-06"), as_of=dt.date(2023, 6, 30), unit="%")
    assert judge(f).light == light


@pytest.mark.parametrize("band,cap,actual,light", [
    (0.05, 1.0, 5.8, "yellow"),  # 5% of 5.5 = 0.275: 5.8 is 0.3 over, in the second band (to 6.05)
    (0.05, 1.0, 5.775, "green"),
    (0.1, 0.3, 5.8, "green"),  # the cap: 0.55 capped to 0.3 point
    (0.1, 0.3, 5.81, "yellow"),
])
def test_the_左右_band_and_its_cap_are_settings(band, cap, actual, light):
    th = LightThresholds(about_band=band, about_band_cap_points=cap)
    f = Facts(kind=Kind.ceiling, comparator=Comparator.about, target=5.5, th=th, actual=actual,
              at=parse_period("2023-06"), as_of=dt.date(2023, 6, 30), unit="%")
    assert judge(f).light == light


@pytest.mark.parametrize("actual,met", [(135, True), (134.9, False), (150, True)])
def test_a_左右_amount_is_met_within_a_tenth_under(actual, met):
    """150亩左右 at year end: 10% of 150 = 15亩, no cap for a unit that is not a rate: 135 is about 150."""
    f = Facts(kind=Kind.cumulative, comparator=Comparator.about, target=150, th=TH, actual=actual,
              at=parse_period("2023"), as_of=dt.date(2023, 12, 31), unit="亩", frequency=Frequency.annual)
    assert judge(f, settle=True).met is met


@pytest.mark.parametrize("actual,target,light,status,gap", [
    (0.0, 0.5, "yellow", "behind", -0.5),  # no growth is not negative growth: the bands decide
    (0.5, 0.5, "green", "met", 0.0),
    (-0.1, 0.0, "red", "far_behind", -0.1),  # a fall against a target of 0
    (-0.1, -2.0, "green", "met", 1.9),  # a fall is allowed when the target itself is one
    (0.4, 0.5, "yellow", "behind", -0.1),
])
def test_growth_near_zero(actual, target, light, status, gap):
    j = judge(facts("growth_rate", target=target, actual=actual))
    assert (j.light, j.status, j.gap) == (light, status, gap)


@pytest.mark.parametrize("comparator,actual,light,status,gap", [
    ("at_most", 5.0, "green", "met", -0.5), ("at_most", 5.5, "green", "met", 0.0),
    ("at_most", 5.6, "red", "broken", 0.1), ("about", 6.05, "green", "met", 0.55),
    ("about", 6.5, "yellow", "behind", 1.0), ("about", 6.6, "yellow", "behind", 1.1),
    ("about", 6.7, "red", "broken", 1.2),
])
def test_ceiling_statuses_and_gaps(comparator, actual, light, status, gap):
    j = judge(facts("ceiling", comparator, target=5.5, actual=actual))
    assert (j.light, j.status, j.gap) == (light, status, gap)


@pytest.mark.parametrize("kind,actual,light,status", [("growth_rate", 6, "red", "broken"),
                                                      ("growth_rate", 5, "green", "met"),
                                                      ("level", 6, "red", "broken"), ("level", 4, "green", "met")])
def test_a_growth_rate_or_level_at_most_is_a_ceiling(kind, actual, light, status):
    j = judge(facts(kind, "at_most", target=5, actual=actual))
    assert (j.light, j.status) == (light, status)


@pytest.mark.parametrize("target,actual,light,status", [(0, 0, "green", "met"), (None, 0, "green", "met"),
                                                        (2, 1, "green", "met"), (2, 3, "red", "broken"),
                                                        (None, 1, "red", "broken")])
def test_zero_events_against_its_target(target, actual, light, status):
    j = judge(facts("zero_events", "at_most", target=target, actual=actual))
    assert (j.light, j.status, j.gap) == (light, status, float(actual))


@pytest.mark.parametrize("actual,light,status,met", [(1000, "green", "met", True), (999, "green", "met", True),
                                                     (1000.5, "red", "not_met", False)])
def test_a_cumulative_cap_at_settlement(actual, light, status, met):
    j = judge(facts("cumulative", "at_most", target=1000, actual=actual, at="2023-12"), settle=True)
    assert (j.light, j.status, j.met) == (light, status, met)


@pytest.mark.parametrize("actual,light,status", [(600, "green", "on_track"), (601, "red", "broken")])
def test_a_cumulative_cap_in_the_year_is_judged_by_its_pace(actual, light, status):
    j = judge(facts("cumulative", "at_most", target=1200, actual=actual, at="2023-06"))
    assert (j.light, j.status) == (light, status)


@pytest.mark.parametrize("actual,light,status,met", [(10, "green", "met", True), (11, "red", "not_met", False),
                                                     (9, "red", "not_met", False)])
def test_an_exact_cumulative_target_at_settlement(actual, light, status, met):
    j = judge(facts("cumulative", "equal", target=10, actual=actual, at="2023-12"), settle=True)
    assert (j.light, j.status, j.met) == (light, status, met)


@pytest.mark.parametrize("actual,at,light,status", [
    (1200, "2023-03", "green", "met"),  # the annual target reached early
    (700, "2023-06", "green", "ahead"), (600, "2023-06", "green", "on_track"),
    (480, "2023-06", "yellow", "behind"), (479, "2023-06", "red", "far_behind"),
])
def test_cumulative_statuses(actual, at, light, status):
    j = judge(facts("cumulative", target=1200, actual=actual, at=at))
    assert (j.light, j.status) == (light, status)


def test_a_judgement_copied_with_changes_keeps_the_rest_and_refuses_a_field_it_has_not():
    import dataclasses

    from liupi_cli.report.judge import Judgement

    j = Judgement("yellow", "behind", gap=-3.0, notes=(("a", "甲"),))
    assert j.but(light="red") == Judgement("red", "behind", gap=-3.0, notes=(("a", "甲"),)) and j.light == "yellow"
    every = {f.name: getattr(Judgement("green", "met", met=True, days_late=2), f.name)
             for f in dataclasses.fields(Judgement)}
    assert j.but(**every) == Judgement("green", "met", met=True, days_late=2)  # every field at once
    with pytest.raises(TypeError, match="^Judgement has no field colour$"):
        j.but(light="red", colour="red")
    with pytest.raises(dataclasses.FrozenInstanceError):
        j.but(light="red").light = "green"  # a copy is as frozen as the original
