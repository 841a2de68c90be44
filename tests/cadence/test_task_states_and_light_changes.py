"""A task's state on a day and the order tasks are listed in (cadence/timeline.py), and which lights moved between
two reports (cadence/change.py): done only while the latest report says done (reopened is not done), done late
only after a dated deadline, overdue longest first then the nearest deadline; a figure arriving is not progress,
a fall into red is newly red, nothing is newly red without a report before."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MINI

from liupi_cli.cadence.change import compare
from liupi_cli.cadence.timeline import task_timeline, updates_by_task
from liupi_cli.errors import InputRefused
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report.build import build_report

from .test_cadence import rec, upd

D = dt.date


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def _line(plan, updates, day, tid):
    return next(t for t in task_timeline(plan, updates, day) if t.id == tid)


def test_done_counts_from_the_first_of_the_last_run_of_done_reports(plan):
    ups = [upd("t1", "2023-06-01", "done", 100), upd("t1", "2023-06-10", "in_progress", 90),
           upd("t1", "2023-07-01", "done", 100), upd("t1", "2023-07-20", "done", 100)]
    t1 = _line(plan, ups, D(2023, 8, 1), "t1")
    assert (t1.state, t1.done_on, t1.status, t1.updated, t1.days_since_update) == (
        "done", D(2023, 7, 1), "done", D(2023, 7, 20), 12)
    reopened = _line(plan, ups, D(2023, 6, 20), "t1")  # reported done, then in progress again
    assert (reopened.state, reopened.done_on, reopened.percent, reopened.days_left) == ("open", None, 90, 72)
    late = _line(plan, [upd("t1", "2023-09-01", "done", 100)], D(2023, 9, 5), "t1")
    assert (late.state, late.done_on) == ("done_late", D(2023, 9, 1))
    on_the_day = _line(plan, [upd("t1", "2023-08-31", "done", 100)], D(2023, 9, 5), "t1")
    assert on_the_day.state == "done"


def test_an_ongoing_task_reported_done_is_still_ongoing(plan):
    t3 = _line(plan, [upd("t3", "2023-06-01", "done", 100)], D(2023, 6, 10), "t3")
    assert (t3.state, t3.deadline, t3.stale, t3.days_left) == ("ongoing", "ongoing", False, None)


def test_tasks_are_listed_overdue_longest_first_then_by_the_nearest_deadline_then_the_rest(plan):
    lines = task_timeline(plan, [upd("t2", "2023-06-01", "done", 100)], D(2023, 7, 15))
    assert [(t.id, t.state) for t in lines] == [("t4", "overdue"), ("t1", "open"), ("t3", "ongoing"),
                                                ("t2", "done")]
    assert lines[0].days_overdue == 45 and lines[1].days_left == 47
    later = task_timeline(plan, [], D(2023, 9, 15))
    assert [(t.id, t.days_overdue) for t in later[:2]] == [("t4", 107), ("t1", 15)]  # the longest overdue first


def test_the_lead_and_responsible_units_of_a_task(plan):
    t1 = _line(plan, [], D(2023, 6, 1), "t1")
    assert (t1.lead_units, t1.lead_units_zh, t1.deadline_text) == (["fgj"], ["县发改局"], "2023年8月底前")
    assert [t.id for t in task_timeline(plan, [], D(2023, 6, 1), unit="fgj")] == ["t4", "t1"]  # t4 due 31 May
    assert {t.id for t in task_timeline(plan, [], D(2023, 6, 1), unit="rsj")} == {"t1", "t2"}
    assert {t.id for t in task_timeline(plan, [], D(2023, 6, 1), battle="livelihood")} == {"t2", "t3"}


def test_an_unknown_status_filter_is_refused_naming_it_with_the_choices(plan):
    with pytest.raises(InputRefused) as e:
        task_timeline(plan, [], D(2023, 6, 1), status=["done", "finished", "abandoned"])
    assert e.value.message == "unknown task status: abandoned, finished"
    assert e.value.hint == "one of not_started, in_progress, done, blocked, none"
    assert task_timeline(plan, [], D(2023, 6, 1), status=["none", "done"])
    with pytest.raises(InputRefused) as e:
        task_timeline(plan, [], D(2023, 6, 1), status=["none", "finished"])
    assert e.value.message == "unknown task status: finished"  # none (no update yet) is a status to ask for


def test_updates_are_taken_in_date_order_up_to_the_day(plan):
    ups = [upd("t1", "2023-06-10", percent=40), upd("t1", "2023-06-01", percent=20),
           upd("t1", "2023-06-20", percent=60)]
    got = updates_by_task(ups, D(2023, 6, 10))
    assert [u.percent for u in got["t1"]] == [20, 40] and "t2" not in got
    assert _line(plan, ups, D(2023, 6, 15), "t1").percent == 40


def _report(plan, period, records):
    return build_report(plan, records, parse_period(period))


def test_which_lights_moved_between_two_reports(plan):
    may = _report(plan, "2023-05", [rec("urban_unemployment", "2023-05", 5.0), rec("new_urban_jobs", "2023-05", 300),
                                    rec("industrial_va_growth", "2023-05", 8.0)])
    june = _report(plan, "2023-06", [rec("urban_unemployment", "2023-06", 6.6), rec("new_urban_jobs", "2023-06", 1500),
                                     rec("industrial_va_growth", "2023-06", 7.0), rec("air_quality", "2023-06", 50)])
    ch = compare(may, june)
    lights = {r.id: r.light for r in may.rows}, {r.id: r.light for r in june.rows}
    assert (ch.period, ch.previous) == ("2023-06", "2023-05")
    assert {c.id: (c.before, c.after) for c in ch.up} == {"new_urban_jobs": ("red", "yellow")}
    assert {c.id: (c.before, c.after) for c in ch.down} == {"urban_unemployment": ("green", "yellow")}
    assert [(c.id, c.before) for c in ch.persistent_red] == [("industrial_va_growth", "red")]
    assert [(c.id, c.before, c.after) for c in ch.newly_red] == [("air_quality", "grey", "red")]  # grey to red
    assert "air_quality" not in {c.id for c in ch.down}  # a figure arriving is not a fall
    assert lights[0]["air_quality"] == "grey"
    jobs = next(c for c in ch.up if c.id == "new_urban_jobs")
    assert (jobs.name_zh, jobs.battle, jobs.lead_unit, jobs.lead_unit_zh) == ("城镇新增就业", "livelihood", "rsj",
                                                                             "县人社局")


def test_with_no_report_before_nothing_moved_and_nothing_is_newly_red(plan):
    june = _report(plan, "2023-06", [rec("air_quality", "2023-06", 50)])
    ch = compare(None, june)
    assert ch.previous is None and (ch.up, ch.down, ch.newly_red, ch.persistent_red) == ([], [], [], [])
    back_to_grey = compare(june, _report(plan, "2023-07", []))
    assert (back_to_grey.up, back_to_grey.down, back_to_grey.newly_red) == ([], [], [])
