"""A unit's page (cadence/unit_page.py) and the 旬简报's lists (cadence/products.py): a unit's own indicators and
tasks first, its lights counted from the indicators it leads only, its pre-score from what it leads; the figures
recorded in a 旬 by the day they were recorded (baselines left out, revisions marked), each task's latest move in
the 旬 against where it stood before, and the tasks whose deadline passed in the 旬 and are still not done."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import parse_dekad
from liupi_cli.cadence.products import dekad_brief
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan

from .test_cadence import rec, upd


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def test_a_unit_page_counts_the_lights_of_what_it_leads(plan):
    records = [rec("new_urban_jobs", "2023-06", 1500), rec("urban_unemployment", "2023-06", 7.8),
               rec("air_quality", "2023-06", 95)]
    page = build_unit_page(plan, records, [], parse_period("2023-06"), "县人社局")
    assert (page.unit, page.unit_zh, page.period, page.period_label_en) == ("rsj", "县人社局", "2023-06", "2023-06")
    assert str(page.as_of) == "2023-06-30"
    assert [(u.role, u.row.id) for u in page.indicators] == [("lead", "new_urban_jobs"),
                                                             ("lead", "urban_unemployment"), ("lead", "air_quality"),
                                                             ("lead", "urban_dibao_standard")]
    c = page.lights
    assert (c.key, c.red, c.yellow, c.green, c.grey, c.total) == ("rsj", 1, 1, 1, 1, 4)
    assert [(t.role, t.task.id) for t in page.tasks] == [("lead", "t2"), ("responsible", "t1")]
    assert page.owes.unit == "rsj" and page.prescore.key == "rsj"
    assert page.prescore.task_count == 0  # t2 is open: nothing judged; t1 is not its own


def test_a_unit_s_pre_score_counts_only_the_tasks_it_leads(plan):
    ups = [upd("t1", "2023-06-01", "done", 100), upd("t2", "2023-06-05", "done", 100)]
    page = build_unit_page(plan, [rec("new_urban_jobs", "2023-06", 3300)], ups, parse_period("2023-06"), "rsj")
    assert page.prescore.task_count == 1 and [p.id for p in page.prescore.parts if p.what == "task"] == ["t2"]
    assert page.prescore.indicator_part == 100 and page.prescore.score == 100
    empty = build_unit_page(plan, [], [], parse_period("2023-06"), "yjj")
    assert empty.prescore is not None and empty.prescore.score is None
    assert empty.prescore.working == "nothing judged"


def test_the_dekad_lists_what_was_recorded_in_it_in_order(plan):
    first = rec("new_urban_jobs", "2023-05", 1000, on="2023-06-12")
    records = [rec("retail_sales_total", "2023-05", 15, on="2023-06-15"), first,
               rec("new_urban_jobs", "2023-05", 1100, on="2023-06-18", supersedes=first.id),
               rec("accident_count", "2022-05", 6, on="2023-06-13", baseline=True),
               rec("industrial_va_growth", "2023-05", 9.6, on="2023-06-21"),
               rec("gdp_growth", "2023Q1", 7.5, on="2023-06-10")]
    b = dekad_brief(plan, records, [], parse_dekad("2023-06-2"))
    assert [(r.id, r.entered, str(r.recorded_on), r.revised) for r in b.recorded] == [
        ("new_urban_jobs", "1000", "2023-06-12", False), ("retail_sales_total", "15", "2023-06-15", False),
        ("new_urban_jobs", "1100", "2023-06-18", True)]
    assert [(r.lead_unit_zh, r.recorded_by, r.period, r.name_zh) for r in b.recorded][0] == (
        "县人社局", "统计局", "2023-05", "城镇新增就业")
    gdp = dekad_brief(plan, records, [], parse_dekad("2023-06-1")).recorded
    assert [(r.id, r.lead_unit_zh) for r in gdp] == [("gdp_growth", "县发改局")]  # the battle's lead unit


def test_the_dekad_shows_each_task_s_latest_move_against_where_it_stood(plan):
    ups = [upd("t1", "2023-05-20", "in_progress", 20), upd("t1", "2023-06-12", "in_progress", 30),
           upd("t1", "2023-06-19", "blocked", 35), upd("t2", "2023-06-15", "not_started"),
           upd("t3", "2023-06-25", percent=10)]
    b = dekad_brief(plan, [], ups, parse_dekad("2023-06-2"))
    moves = [(m.id, m.status, m.percent, m.before_status, m.before_percent, str(m.date)) for m in b.tasks_moved]
    assert moves == [("t1", "blocked", 35, "in_progress", 20, "2023-06-19"),
                     ("t2", "not_started", None, None, None, "2023-06-15")]
    assert b.tasks_moved[0].lead_units_zh == ["县发改局"] and b.tasks_moved[0].title_zh == "抓好重大项目建设"


def test_the_dekad_lists_tasks_whose_deadline_passed_in_it_and_are_not_done(plan):
    first = dekad_brief(plan, [], [], parse_dekad("2023-06-1"))  # t4 due 31 May: overdue from 1 June
    assert [(t.id, t.days_overdue) for t in first.became_overdue] == [("t4", 10)]
    assert dekad_brief(plan, [], [], parse_dekad("2023-05-3")).became_overdue == []
    assert dekad_brief(plan, [], [], parse_dekad("2023-06-2")).became_overdue == []
    done = dekad_brief(plan, [], [upd("t4", "2023-06-05", "done", 100)], parse_dekad("2023-06-1"))
    assert done.became_overdue == []
    sept = dekad_brief(plan, [], [], parse_dekad("2023-09-1"))  # t1 due 31 August
    assert [t.id for t in sept.became_overdue] == ["t1"]


def test_the_records_as_they_stood_on_a_day():
    from liupi_cli.cadence.products import known_by

    first = rec("new_urban_jobs", "2023-05", 1000, on="2023-06-05")
    second = rec("new_urban_jobs", "2023-05", 1100, on="2023-06-12", supersedes=first.id)
    later = rec("retail_sales_total", "2023-05", 15, on="2023-06-13")
    assert [(r.id, r.current) for r in known_by([first, second, later], parse_dekad("2023-06-1").end)] == [
        (first.id, True)]  # the revision of the 12th undone
    on_the_12th = known_by([first, second, later], dt.date(2023, 6, 12))
    assert [(r.id, r.current) for r in on_the_12th] == [(first.id, False), (second.id, True)]


@pytest.mark.parametrize("recorded,period,has", [("2023-06", "2023-06", True), ("2023-05", "2023-06", False),
                                                 ("2023-04", "2023Q2", True), ("2023-03", "2023Q2", False),
                                                 ("2023Q2", "2023Q2", True), ("2023-02", "2023", True),
                                                 ("2022-12", "2023", False), ("2023-07", "2023Q2", False)])
def test_a_period_has_figures_when_one_is_recorded_for_it(recorded, period, has):
    from liupi_cli.cadence.products import has_figures

    assert has_figures([rec("new_urban_jobs", recorded, 1)], parse_period(period)) is has
    assert not has_figures([rec("new_urban_jobs", recorded, 1, baseline=True)], parse_period(period))
    assert not has_figures([rec("new_urban_jobs", recorded, 1, current=False)], parse_period(period))
