"""Judging at the edges the other judging tests leave open, with numbers worked by hand: half a point
ahead, a yellow band given to two decimals, a milestone's completion in every state, a figure without
its period."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.models import Comparator, Kind, LightThresholds
from liupi_cli.periods import parse_period
from liupi_cli.report.judge import GREY_NO_DATA, Facts, judge


def facts(kind, target, actual, at="2023-06", th=None, as_of=None, **kw) -> Facts:
    period = parse_period(at) if at else None
    return Facts(kind=Kind(kind), comparator=Comparator.at_least, target=target, th=th or LightThresholds(),
                 actual=actual, at=period, as_of=as_of or (period.end if period else dt.date(2023, 6, 30)), **kw)


@pytest.mark.parametrize("actual, status, completion, gap", [
    (606, "ahead", 50.5, 0.5),  # 606 of 1200 at June: 50.5% against 50.0%, half a point ahead
    (600, "on_track", 50.0, 0.0),
])
def test_half_a_point_ahead_of_the_schedule_is_ahead(actual, status, completion, gap):
    j = judge(facts("cumulative", 1200, actual))
    assert (j.light, j.status, j.completion, j.expected, j.gap) == ("green", status, completion, 50.0, gap)


@pytest.mark.parametrize("actual, light", [(449, "yellow"), (448, "red")])
def test_a_yellow_band_given_to_two_decimals_is_read_at_one_like_the_points(actual, light):
    # 449 of 1000 at June: 44.9% against 50.0%, 5.1 points behind; a band of 5.05 points reads 5.1
    th = LightThresholds(cumulative_yellow_points=5.05)
    j = judge(facts("cumulative", 1000, actual, th=th))
    assert (j.light, j.gap) == (light, round(actual / 10 - 50, 1))


# a milestone of 3 stages with 1 done (33.3%), due 2023-09-30
@pytest.mark.parametrize("as_of, done_at, light, status, days_late", [
    (dt.date(2023, 9, 30), "2023-09", "green", "done", None),
    (dt.date(2023, 10, 31), "2023-10", "yellow", "done_late", 31),  # done in October: Oct 31 - Sep 30
    (dt.date(2023, 10, 31), None, "red", "overdue", None),
    (dt.date(2023, 9, 15), None, "yellow", "due_soon", None),  # 15 days to go, within 30
    (dt.date(2023, 6, 30), None, "grey", "not_due", None),  # 92 days to go
])
def test_a_milestones_completion_is_kept_in_every_state(as_of, done_at, light, status, days_late):
    f = facts("milestone", 3, 1, at="2023-06", as_of=as_of, due=dt.date(2023, 9, 30),
              done_at=parse_period(done_at) if done_at else None)
    j = judge(f)
    assert (j.light, j.status, j.completion, j.days_late) == (light, status, 33.3, days_late)


@pytest.mark.parametrize("actual, at", [(None, "2023-06"), (600, None)])
def test_a_figure_or_its_period_missing_is_no_data(actual, at):
    assert judge(facts("cumulative", 1200, actual, at=at)) == GREY_NO_DATA
    assert judge(facts("cumulative", 1200, actual, at=at), settle=True) == GREY_NO_DATA
