"""The 催报 list's rules (cadence/missing.py), case by case: which period a figure is owed for by frequency, what
counts as in (a current figure, not a baseline, not a returned one, a one-off's figure from earlier in the year),
a returned figure owed again with the office's reason, the filters by battle and by unit, and the order units are
listed in."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MINI

from liupi_cli.cadence.missing import build_missing, owed_period
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan

from .test_cadence import rec, upd


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


@pytest.mark.parametrize("indicator,period,owed", [
    ("new_urban_jobs", "2023-06", "2023-06"), ("new_urban_jobs", "2023-02", "2023-02"),
    ("new_urban_jobs", "2023Q2", "2023-06"), ("new_urban_jobs", "2023", "2023-12"),
    ("gdp_growth", "2023-06", "2023Q2"), ("gdp_growth", "2023-05", None), ("gdp_growth", "2023-03", "2023Q1"),
    ("gdp_growth", "2023Q3", "2023Q3"), ("gdp_growth", "2023", "2023Q4"),
    ("rd_spending_growth", "2023-12", None), ("rd_spending_growth", "2023Q4", None),
    ("rd_spending_growth", "2023", "2023"),
    ("power_project_start", "2023-08", "any"), ("power_project_start", "2023-07", None),
    ("power_project_start", "2023-09", None), ("power_project_start", "2023Q3", "any"),
    ("power_project_start", "2023", "any"), ("power_project_start", "2023Q2", None),
])
def test_the_period_a_figure_is_owed_for(plan, indicator, period, owed):
    assert owed_period(plan.indicators[indicator], parse_period(period)) == owed


def test_a_one_off_without_a_date_is_owed_in_december_and_in_the_year(plan):
    ind = plan.indicators["urban_dibao_standard"].model_copy(update={"due": None})
    assert owed_period(ind, parse_period("2023-12")) == "any"
    assert owed_period(ind, parse_period("2023-11")) is None
    assert owed_period(ind, parse_period("2023")) == "any"
    dated = ind.model_copy(update={"due": dt.date(2023, 3, 15)})
    assert owed_period(dated, parse_period("2023")) == "any"  # in the year's list whenever it fell due
    assert owed_period(dated, parse_period("2023-02")) is None  # 1–2月 covers January too, but not March


def _owed(m, unit: str) -> list[str]:
    return [f.id for u in m.units if u.unit == unit for f in u.figures]


def test_what_counts_as_in(plan):
    june = parse_period("2023-06")
    fresh = rec("new_urban_jobs", "2023-06", 1500)
    assert "new_urban_jobs" not in _owed(build_missing(plan, [fresh], [], june), "rsj")
    old = rec("new_urban_jobs", "2023-06", 1400, current=False)
    assert "new_urban_jobs" in _owed(build_missing(plan, [old], [], june), "rsj")  # superseded: not in
    base = rec("new_urban_jobs", "2023-06", 1400, baseline=True)
    assert "new_urban_jobs" in _owed(build_missing(plan, [base], [], june), "rsj")  # last year's: not this year's
    may = rec("new_urban_jobs", "2023-05", 1400)
    assert "new_urban_jobs" in _owed(build_missing(plan, [may], [], june), "rsj")


def test_a_one_off_is_in_once_any_figure_of_the_year_up_to_the_period_is(plan):
    aug = parse_period("2023-08")
    for period, counted in (("2023-08", True), ("2023-06", True), ("2023-09", False), ("2022-08", False)):
        m = build_missing(plan, [rec("power_project_start", period, 1)], [], aug)
        fgj = next(u for u in m.units if u.unit == "fgj")
        assert ("power_project_start" not in _owed(m, "fgj")) is counted, period
        assert (fgj.figures_due, fgj.figures_in) == (3, 1 if counted else 0)


def test_a_returned_figure_is_owed_again_with_the_office_s_reason(plan):
    june = parse_period("2023-06")
    back = rec("new_urban_jobs", "2023-06", 1500)
    m = build_missing(plan, [back], [], june, returned={back.id: "口径不符，请按统计局口径重报"})
    (owed,) = [f for u in m.units for f in u.figures if f.id == "new_urban_jobs"]
    assert (owed.period, owed.returned, owed.returned_record) == ("2023-06", "口径不符，请按统计局口径重报", back.id)
    rsj = next(u for u in m.units if u.unit == "rsj")
    assert rsj.figures_in == 0
    plain = build_missing(plan, [], [], june)
    (f,) = [f for u in plain.units for f in u.figures if f.id == "new_urban_jobs"]
    assert (f.returned, f.returned_record) == (None, None)
    # a one-off's returned figure, whatever its period, is the reason it is owed again
    project = rec("power_project_start", "2023-07", 1)
    m = build_missing(plan, [project], [], parse_period("2023-08"), returned={project.id: "未附开工证明"})
    (f,) = [f for u in m.units for f in u.figures if f.id == "power_project_start"]
    assert (f.period, f.returned, f.returned_record) == ("2023-08", "未附开工证明", project.id)


def test_the_filters_by_battle_and_by_unit(plan):
    june = parse_period("2023-06")
    m = build_missing(plan, [], [], june, battle="growth")
    assert m.filters == {"battle": "growth"}
    assert {f.id for u in m.units for f in u.figures} == {"gdp_growth", "industrial_va_growth", "retail_sales_total"}
    assert {t.id for u in m.units for t in u.tasks} == {"t1", "t4"}
    m = build_missing(plan, [], [], june, unit="rsj")
    assert m.filters == {"unit": "rsj"} and [u.unit for u in m.units] == ["rsj"]
    assert m.units[0].unit_zh == "县人社局"
    # a unit that owes nothing in the period is still listed, as complete
    m = build_missing(plan, [rec(i, "2023-06", 1) for i in ("major_accidents", "accident_count", "accident_deaths")],
                      [upd("t3", "2023-06-02")], june, unit="yjj")
    assert [(u.unit, u.complete) for u in m.units] == [("yjj", True)] and m.complete_units == ["yjj"]


def test_units_most_owed_first_then_by_id_complete_last(plan):
    m = build_missing(plan, [], [], parse_period("2023-06"))
    owed = [(u.unit, len(u.figures) + len(u.tasks)) for u in m.units]
    assert owed == sorted(owed, key=lambda x: (-x[1], x[0]))
    assert (m.figures_missing, m.tasks_missing) == (sum(len(u.figures) for u in m.units),
                                                    sum(len(u.tasks) for u in m.units))
    assert (m.period, m.start, m.end) == ("2023-06", dt.date(2023, 6, 1), dt.date(2023, 6, 30))
    assert (m.period_label_zh, m.plan_id) == ("2023年1–6月", "mini-2023")


def test_a_task_done_before_the_period_owes_nothing_and_one_done_inside_it_is_in(plan):
    june = parse_period("2023-06")
    m = build_missing(plan, [], [upd("t1", "2023-05-31", "done", 100)], june)
    assert "t1" not in {t.id for u in m.units for t in u.tasks}
    m = build_missing(plan, [], [upd("t1", "2023-06-30", "done", 100)], june)
    fgj = next(u for u in m.units if u.unit == "fgj")
    assert "t1" not in {t.id for t in fgj.tasks} and fgj.tasks_in == 1
    m = build_missing(plan, [], [upd("t1", "2023-05-02", "blocked")], june)
    (t1,) = [t for u in m.units for t in u.tasks if t.id == "t1"]
    assert (t1.status, t1.last_update) == ("blocked", dt.date(2023, 5, 2))
