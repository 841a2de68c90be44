"""A June report of the small plan, figures worked by hand: each row's light, own-period figure, staleness and
notes; the 双下降 pair failing together; the summary's tallies, laggards (red first, most behind first), persistent
reds and overdue tasks; the filters; and the refusals of a period or a light the report cannot take."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from liupi_cli.errors import InputRefused, UsageProblem
from liupi_cli.periods import parse_period
from liupi_cli.plan import check_plan
from liupi_cli.report.build import build_report, check_period
from liupi_cli.store import Record, TaskUpdate

PLAN, _ = check_plan(FIXTURES / "mini")


def _records():
    made = []

    def r(iid, period, value, baseline=False, supersedes=None):
        made.append(Record(id=len(made) + 1, indicator=iid, period=period, value=value, entered=f"{value:g}",
                           entered_unit=None, unit=None, baseline=baseline, source=None, note=None, recorded_by="x",
                           recorded_at="t", supersedes=supersedes))

    r("new_urban_jobs", "2023-02", 400)
    r("new_urban_jobs", "2023-04", 1000)
    r("new_urban_jobs", "2023-05", 1300)  # June not in yet: stale
    r("retail_sales_total", "2023-05", 10)
    r("retail_sales_total", "2023-06", 12)
    r("gdp_growth", "2023Q1", 5)
    r("gdp_growth", "2023Q2", 6)
    r("accident_count", "2023-06", 4)
    r("accident_count", "2022-06", 5, baseline=True)
    r("accident_deaths", "2023-06", 3)
    r("accident_deaths", "2022-06", 3, baseline=True)
    r("air_quality", "2023-06", 95, supersedes=99)
    r("urban_unemployment", "2023-06", 5.0)
    return made


TASKS = [TaskUpdate(id=1, task="t4", date=dt.date(2023, 5, 20), status="in_progress", percent=50, note=None,
                    recorded_by="x", recorded_at="t"),
         TaskUpdate(id=2, task="t1", date=dt.date(2023, 6, 1), status="done", percent=None, note=None,
                    recorded_by="x", recorded_at="t"),
         TaskUpdate(id=3, task="t2", date=dt.date(2023, 7, 1), status="done", percent=None, note=None,
                    recorded_by="x", recorded_at="t")]  # after the report's period: not counted yet


@pytest.fixture(scope="module")
def june():
    return build_report(PLAN, _records(), parse_period("2023-06"), task_updates=TASKS)


# (id, light, status, period of the figure judged, its own period's figure, stale, persistent, revised, notes)
ROWS = [
    ("gdp_growth", "red", "far_behind", "2023Q2", None, False, True, False, ["as of 2023Q2"]),
    ("retail_sales_total", "red", "far_behind", "2023-06", 2.0, False, True, False, []),
    ("rd_spending_growth", "grey", "no_data", None, None, False, False, False,
     ["annual figure: published after the year ends"]),
    ("power_project_start", "grey", "not_due", None, None, False, False, False, []),
    ("new_urban_jobs", "yellow", "behind", "2023-05", 300.0, True, False, False, ["latest figure is for 2023-05"]),
    ("urban_unemployment", "green", "met", "2023-06", None, False, False, False, []),
    ("air_quality", "green", "met", "2023-06", None, False, False, True, ["revised figure"]),
    ("accident_count", "yellow", "pair_not_declined", "2023-06", None, False, False, False,
     ["双下降 not met at 2023-06: both counts must be below last year"]),
    ("accident_deaths", "yellow", "not_declined", "2023-06", None, False, False, False,
     ["双下降 not met at 2023-06: both counts must be below last year"]),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_each_row_of_the_june_report(june, row):
    iid, *expected = row
    got = next(r for r in june.rows if r.id == iid)
    assert [got.light, got.status, got.actual_period, got.this_period, got.stale, got.persistent, got.revised,
            got.notes] == expected


def test_chinese_notes_say_the_same(june):
    rows = {r.id: r for r in june.rows}
    assert rows["gdp_growth"].notes_zh == ["截至2023年二季度"]
    assert rows["new_urban_jobs"].notes_zh == ["最新数据为2023年1–5月"]
    assert rows["accident_count"].notes_zh == ["2023年1–6月未实现双下降"]
    assert rows["industrial_va_growth"].notes_zh == ["按总体方案二(一)考核；文件另有10%（附件2 一）"]
    assert rows["industrial_va_growth"].notes == ["judged against main 二(一); the document also gives 10%（附件2 一）"]


def test_the_summary_of_the_june_report(june):
    s = june.summary
    assert (s.overall.red, s.overall.yellow, s.overall.green, s.overall.grey, s.overall.total) == (2, 3, 2, 6, 13)
    assert [(c.key, c.red, c.yellow, c.green, c.grey, c.total) for c in s.by_battle] == [
        ("growth", 2, 0, 0, 4, 6), ("livelihood", 0, 3, 2, 2, 7)]
    assert [(c.key, c.name_zh, c.red, c.yellow) for c in s.by_unit] == [
        ("fgj", "县发改局", 2, 0), ("yjj", "县应急管理局", 0, 2), ("rsj", "县人社局", 0, 1)]
    assert s.laggards == ["retail_sales_total", "gdp_growth", "new_urban_jobs", "accident_count", "accident_deaths"]
    assert s.persistent == ["gdp_growth", "retail_sales_total"]
    assert [(o.id, o.days_overdue, o.status, o.percent, o.lead_units_zh) for o in s.tasks_overdue] == [
        ("t4", 30, "in_progress", 50.0, ["县发改局"])]
    assert [(c.key, c.overdue) for c in s.tasks_overdue_by_battle] == [("growth", 1)]
    assert [(c.key, c.name_zh, c.overdue) for c in s.tasks_overdue_by_unit] == [("fgj", "县发改局", 1)]
    assert (s.tasks_done, s.tasks_total) == (1, 4)
    assert (june.elapsed, june.settlement, june.filters, june.unit_name_zh) == (50.0, False, {}, None)
    assert (june.period, june.period_label_zh, june.period_label_en, june.grain, june.as_of) == (
        "2023-06", "2023年1–6月", "2023-06", "month", dt.date(2023, 6, 30))


def test_the_filters_keep_their_rows_tasks_and_counts():
    rep = build_report(PLAN, _records(), parse_period("2023-06"), task_updates=TASKS, battle="2", unit="人社局",
                       lights=["green", "yellow"])
    assert [r.id for r in rep.rows] == ["new_urban_jobs", "urban_unemployment", "air_quality"]
    assert rep.filters == {"battle": "livelihood", "unit": "rsj", "light": "green,yellow"}
    assert rep.unit_name_zh == "县人社局"
    assert [b.id for b in rep.battles] == ["livelihood"]
    assert (rep.summary.tasks_total, rep.summary.tasks_done, rep.summary.tasks_overdue) == (1, 0, [])


def test_a_year_end_report_settles_and_counts_the_last_day_as_passed():
    dibao = Record(id=99, indicator="urban_dibao_standard", period="2023-06", value=650, entered="650",
                   entered_unit=None, unit=None, baseline=False, source=None, note=None, recorded_by="x",
                   recorded_at="t", supersedes=None)
    rep = build_report(PLAN, [*_records(), dibao], parse_period("2023-12"), task_updates=TASKS)
    assert rep.settlement and rep.elapsed == 100.0
    rows = {r.id: r for r in rep.rows}
    assert rows["retail_sales_total"].notes == ["no year-end figure (latest 2023-06)"]
    assert (rows["urban_dibao_standard"].status, rows["urban_dibao_standard"].met) == ("met", True)
    assert rows["urban_dibao_standard"].notes == ["figure for 2023-06, 6 months before 2023-12"]
    assert rows["urban_dibao_standard"].notes_zh == ["数据为2023年1–6月，早于本期6个月"]
    assert rows["accident_count"].notes[-1] == "双下降 cannot be settled: no year-end figures for both counts"
    assert rows["accident_count"].notes_zh[-1] == "缺两项年末数据，无法判断是否实现双下降"
    assert [o.id for o in rep.summary.tasks_overdue] == ["t4"]  # t2 (due 12-31) reported done on 07-01


def test_a_pair_that_declined_says_so():
    records = [Record(id=i, indicator=iid, period=p, value=v, entered=f"{v:g}", entered_unit=None, unit=None,
                      baseline=b, source=None, note=None, recorded_by="x", recorded_at="t", supersedes=None)
               for i, (iid, p, v, b) in enumerate([("accident_count", "2023-06", 4, False),
                                                   ("accident_count", "2022-06", 5, True),
                                                   ("accident_deaths", "2023-06", 0, False),
                                                   ("accident_deaths", "2022-06", 0, True)], start=1)]
    rows = {r.id: r for r in build_report(PLAN, records, parse_period("2023-06")).rows}
    assert rows["accident_count"].notes == ["双下降 met at 2023-06: both counts below last year (or 0 both years)"]
    assert rows["accident_deaths"].notes_zh == ["2023年1–6月实现双下降（含两年均为零）"]
    assert (rows["accident_count"].light, rows["accident_deaths"].status) == ("green", "zero_both_years")


def test_a_report_outside_the_plan_year_or_with_an_unknown_light_is_refused():
    with pytest.raises(UsageProblem) as exc:
        check_period(PLAN, parse_period("2024-06"))
    assert exc.value.message == "report period 2024-06 is outside the plan year 2023"
    assert exc.value.hint.startswith("the plan covers 2023: e.g. --month 2023-06 or --year 2023")
    check_period(PLAN, parse_period("2023Q4"))
    with pytest.raises(InputRefused) as exc:
        build_report(PLAN, [], parse_period("2023-06"), lights=["green", "purple", "blue"])
    assert exc.value.message == "unknown light(s): blue, purple"


def test_a_linked_target_red_twice_is_persistent_against_the_other_s_figures():
    import dataclasses

    linked = PLAN.indicators["industrial_va_growth"].model_copy(update={"linked_to": "gdp_growth"})
    plan = dataclasses.replace(PLAN, indicators={**PLAN.indicators, linked.id: linked}, _unit_names={},
                               _indicator_names={})

    def rec(i, iid, period, value):
        return Record(id=i, indicator=iid, period=period, value=value, entered=f"{value:g}", entered_unit=None,
                      unit=None, baseline=False, source=None, note=None, recorded_by="x", recorded_at="t",
                      supersedes=None)

    records = [rec(1, "industrial_va_growth", "2023-05", 6), rec(2, "industrial_va_growth", "2023-06", 6.5)]
    row = next(r for r in build_report(plan, records, parse_period("2023-06")).rows if r.id == linked.id)
    assert (row.target, row.light, row.persistent, row.linked_to) == (8, "red", True, "gdp_growth")
    assert row.notes[0] == "no GDP figure for 2023-06: judged against its target (8%)"
    assert row.notes_zh[0] == "地区生产总值2023年1–6月暂无数据，按其目标8%考核"
