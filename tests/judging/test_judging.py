"""Judging rules at their boundaries, with the numbers worked by hand in the names and comments.

The mini plan has one indicator of every kind; the plan used here adds the comparators and shapes
it lacks: 超过 (more_than) on a cumulative count and on a 力争 level, a 力争 target with a lower
figure elsewhere in the document, and a milestone due 2023-12-31.
"""

import datetime as dt
import json
import shutil

import pytest
from conftest import MINI

from liupi_cli.errors import UsageProblem
from liupi_cli.models import Kind, LightThresholds
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report import build_report, check_period
from liupi_cli.report.judge import Facts, compare, fixed, judge
from liupi_cli.store import Record

EXTRA = """
- id: e_license_types
  name_zh: 可应用的电子证照类
  name_en: Usable electronic licence types
  battle: livelihood
  kind: cumulative
  comparator: more_than
  qualifier: 超过
  target: 35
  unit: 类
  frequency: monthly
  source: 附件7-1 2
- id: services_contribution
  name_zh: 服务业对经济增长贡献率
  name_en: Services contribution to growth
  battle: growth
  kind: level
  comparator: more_than
  qualifier: 力争…超过
  stretch: true
  target: 35
  unit: "%"
  frequency: annual
  source: main 三(一)
- id: merchant_firms
  name_zh: 湘商回归新注册企业
  name_en: Returning-merchant firms
  battle: growth
  kind: cumulative
  comparator: at_least
  qualifier: 力争…达
  stretch: true
  target: 10
  unit: 家
  frequency: monthly
  source: 附件2-1 三.3
  alternatives:
  - target: 5
    comparator: at_least
    qualifier: 争取…达
    stretch: true
    source: main 三(一)
  judged_because: the stricter figure
- id: parking_platform
  name_zh: 建成智慧停车平台
  name_en: Smart parking platform built
  battle: livelihood
  kind: milestone
  comparator: equal
  frequency: once
  due: 2023-12-31
  source: 附件7-1 4
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan") / "mini"
    shutil.copytree(MINI, root)
    path = root / "targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + EXTRA.lstrip("\n"), encoding="utf-8")
    return load_plan(root)


_ids = iter(range(1, 100_000))


def rec(indicator, period, value, baseline=False):
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=baseline, value=value,
                  entered=str(value), entered_unit=None, unit=None, recorded_by="t", recorded_at="t", source=None,
                  note=None, supersedes=None, batch=None)


def report(plan, records, period):
    return build_report(plan, records, parse_period(period))


def one(plan, records, period, ind):
    return {r.id: r for r in report(plan, records, period).rows}[ind]


# --- one rounding rule ------------------------------------------------------------------------------

def test_rounding_is_half_up_at_fixed_places_and_ignores_float_noise():
    assert fixed(100 * 5.1 / 34, 1) == 15.0  # 14.999999999999998 in binary
    assert fixed(6.9 - 8) == -1.1  # -1.0999999999999996
    assert fixed(0.25, 1) == 0.3 and fixed(-0.25, 1) == -0.3  # 四舍五入, not banker's rounding
    assert fixed(39.95 * (1 - 1e-12), 1) == 40.0  # a relative 1e-12 below a half is still the half
    assert fixed(2616611.1234) == 2616611.1234  # 万元 keep their 4 decimals
    assert str(fixed(-0.00001)) == "0.0"  # no "-0.0"
    assert compare(0.1 + 0.2, 0.3) == 0 and compare(16.66, 100 * 2 / 12, 1) == 0


def test_51000万元_of_34亿元_at_march_is_exactly_10_points_behind_so_yellow(run):
    # 5.1亿元 / 34亿元 = 15.0% against 3/12 = 25.0%: 10.0 points behind, the edge of the yellow band.
    assert run("update", "retail_sales_total", "51000万元", "--period", "2023-03").exit_code == 0
    assert run("update", "gdp_growth", "6.9%", "--period", "2023Q1").exit_code == 0
    doc = json.loads(run("report", "--month", "2023-03", "-f", "json").stdout)
    r = {x["id"]: x for x in doc["rows"]}
    assert (r["retail_sales_total"]["completion"], r["retail_sales_total"]["expected"]) == (15.0, 25.0)
    assert (r["retail_sales_total"]["gap"], r["retail_sales_total"]["light"]) == (-10.0, "yellow")
    assert r["gdp_growth"]["gap"] == -1.1  # 6.9 - 8, never -1.0999999999999996
    csv = run("report", "--month", "2023-03", "-f", "csv").stdout
    assert "-1.1," in csv and "-1.0999" not in csv and "-10.000000" not in csv


@pytest.mark.parametrize("jobs,completion,gap,light", [
    (533, 16.7, 0.0, "green"),  # 533 / 3200 = 16.656% -> 16.7% against 2/12 = 16.7%: on schedule, not "behind by 0.01"
    (532, 16.6, -0.1, "yellow"),  # 16.625% -> 16.6%: 0.1 points behind
])
def test_a_figure_shown_as_16_7_against_16_7_is_on_schedule(plan, jobs, completion, gap, light):
    r = one(plan, [rec("new_urban_jobs", "2023-02", jobs)], "2023-02", "new_urban_jobs")
    assert (r.completion, r.expected, r.gap, r.light) == (completion, 16.7, gap, light)


@pytest.mark.parametrize("jobs,gap,light", [
    (1280, -10.0, "yellow"),  # 1,280 / 3,200 = 40.0% at June: exactly 10 points behind
    (1278, -10.1, "red"),  # 39.94% -> 39.9%: 10.1 behind
    (1278.4, -10.0, "yellow"),  # 39.95% rounds half up to 40.0%
])
def test_cumulative_yellow_band_edge(plan, jobs, gap, light):
    r = one(plan, [rec("new_urban_jobs", "2023-06", jobs)], "2023-06", "new_urban_jobs")
    assert (r.gap, r.light) == (gap, light)


# --- 超过 is strictly more than -------------------------------------------------------------------

@pytest.mark.parametrize("value,light,status", [
    (35, "yellow", "behind"),  # 超过35%: exactly 35 is not more than 35
    (35.1, "green", "met"),
    (34, "yellow", "behind"),  # 1 point under: the yellow band
    (33.9, "red", "far_behind"),
])
def test_more_than_a_level_at_year_end(plan, value, light, status):
    r = one(plan, [rec("services_contribution", "2023", value)], "2023-11", "services_contribution")
    assert r.light == "grey"  # an annual figure, not in a November report
    r = judge(Facts.of(plan.indicators["services_contribution"], LightThresholds(), actual=value,
                       at=parse_period("2023"), as_of=dt.date(2023, 12, 31)))
    assert (r.light, r.status, r.met) == (light, status, None)


def test_more_than_35_types_exactly_35_at_settlement_is_not_met(plan):
    at_35 = one(plan, [rec("e_license_types", "2023-12", 35)], "2023", "e_license_types")
    assert (at_35.light, at_35.status, at_35.met) == ("red", "not_met", False)
    at_36 = one(plan, [rec("e_license_types", "2023-12", 36)], "2023", "e_license_types")
    assert (at_36.light, at_36.status, at_36.met) == ("green", "met", True)
    june = one(plan, [rec("e_license_types", "2023-06", 35)], "2023-06", "e_license_types")
    assert (june.light, june.status, june.met) == ("green", "ahead", None)  # 100% at June is ahead of 50%


# --- settlement is binary ---------------------------------------------------------------------------

@pytest.mark.parametrize("period,settlement", [("2023", True), ("2023-12", True), ("2023Q4", True),
                                               ("2023-11", False), ("2023Q3", False)])
def test_a_period_ending_in_december_is_the_settlement(plan, period, settlement):
    assert report(plan, [], period).settlement is settlement


def test_undone_milestone_due_12_31_is_not_met_and_red_at_settlement(plan):
    nov = one(plan, [], "2023-11", "parking_platform")  # 31 days before 12-31: beyond the 30-day window
    assert (nov.light, nov.status, nov.met) == ("grey", "not_due", None)
    for period in ("2023", "2023-12"):
        r = one(plan, [rec("parking_platform", "2023-11", 0)], period, "parking_platform")  # reported: not done
        assert (r.light, r.status, r.met) == ("red", "not_met", False)
        # nobody reported on it: 未报, red (still owed) but not counted as 未完成
        r = one(plan, [], period, "parking_platform")
        assert (r.light, r.status, r.met) == ("red", "unreported", None)
    done = one(plan, [rec("parking_platform", "2023-12", 1)], "2023", "parking_platform")
    assert (done.light, done.status, done.met) == ("green", "done", True)


@pytest.mark.parametrize("jobs,light,status,met", [
    (3200, "green", "met", True),  # 100%
    (3199, "red", "not_met", False),  # 99.97% shows as 100.0% but the target is not reached
    (1472, "red", "not_met", False),  # 46% of the annual amount at year end: not met, not "behind schedule"
])
def test_cumulative_at_year_end_is_met_or_not(plan, jobs, light, status, met):
    r = one(plan, [rec("new_urban_jobs", "2023-12", jobs)], "2023", "new_urban_jobs")
    assert (r.light, r.status, r.met) == (light, status, met)


@pytest.mark.parametrize("firms,light,status,note", [
    (10, "green", "met", None),
    (7, "yellow", "stretch_missed", "base 5家 (main 三(一)) reached; the 力争 figure 10家 not"),
    (5, "yellow", "stretch_missed", "base 5家 (main 三(一)) reached; the 力争 figure 10家 not"),  # exactly the base
    (4, "red", "not_met", None),
])
def test_stretch_target_is_yellow_when_only_the_base_is_reached(plan, firms, light, status, note):
    r = one(plan, [rec("merchant_firms", "2023-12", firms)], "2023", "merchant_firms")
    assert (r.light, r.status, r.met) == (light, status, firms >= 10)
    if note:
        assert note in r.notes and "完成基本目标5家（main 三(一)），未完成力争目标10家" in r.notes_zh


def test_a_figure_one_month_stale_cannot_settle_the_year(plan):
    r = one(plan, [rec("new_urban_jobs", "2023-11", 3300)], "2023", "new_urban_jobs")
    assert (r.light, r.status, r.met) == ("grey", "no_year_end_figure", None)
    assert "no year-end figure (latest 2023-11)" in r.notes
    assert "无年末数据（最新为2023年1–11月）" in r.notes_zh
    assert not any(n.startswith("latest figure is for") for n in r.notes)  # said once
    q3 = one(plan, [rec("gdp_growth", "2023Q3", 9.0)], "2023", "gdp_growth")
    assert (q3.status, q3.met) == ("no_year_end_figure", None)
    assert "no year-end figure (latest 2023Q3)" in q3.notes


def test_met_is_never_set_before_settlement(plan):
    records = [rec("urban_dibao_standard", "2023-04", 650), rec("new_urban_jobs", "2023-05", 3300),
               rec("air_quality", "2023-05", 95), rec("power_project_start", "2023-05", 1),
               rec("major_accidents", "2023-05", 1)]
    rows = report(plan, records, "2023-05").rows
    assert {r.id: r.light for r in rows if r.actual is not None} == {
        "urban_dibao_standard": "green", "new_urban_jobs": "green", "air_quality": "green",
        "power_project_start": "green", "major_accidents": "red"}
    assert all(r.met is None for r in rows)
    settled = {r.id: r.met for r in report(plan, records, "2023").rows}
    assert settled["urban_dibao_standard"] is True  # a one-off figure settles the year
    assert settled["air_quality"] is None and settled["major_accidents"] is False


# --- milestones done late ---------------------------------------------------------------------------

@pytest.mark.parametrize("done_in,report_at,light,status,days_late", [
    ("2023-08", "2023-09", "green", "done", None),  # due 2023-08-31, recorded for August: on time
    ("2023-09", "2023-09", "yellow", "done_late", 30),  # recorded for September: done 09-30, 30 days late
    ("2023-09", "2023-08", "yellow", "due_soon", None),  # the August report does not see September's record
])
def test_milestone_done_late_is_yellow_with_the_days(plan, done_in, report_at, light, status, days_late):
    r = one(plan, [rec("power_project_start", done_in, 1)], report_at, "power_project_start")
    assert (r.light, r.status, r.days_late) == (light, status, days_late)
    if days_late:
        assert f"done {days_late} days late (recorded for {done_in}, due 2023-08-31)" in r.notes


def test_milestone_done_late_is_not_met_on_time_at_settlement(plan):
    r = one(plan, [rec("power_project_start", "2023-09", 1)], "2023", "power_project_start")
    assert (r.light, r.status, r.met, r.days_late) == ("yellow", "done_late", False, 30)
    assert "not met on time" in r.notes and "未按时完成" in r.notes_zh
    assert "逾期30天完成（2023年9月报完成，时限2023-08-31）" in r.notes_zh


@pytest.mark.parametrize("due,done_in,late", [
    (dt.date(2023, 11, 15), "2023-11", None),  # recorded in the due month: on time (liupi knows months, not days)
    (dt.date(2023, 11, 15), "2023-12", 46),  # the month after: 12-31 is 46 days after 11-15
    (dt.date(2023, 11, 30), "2023-12", 31),  # one month late: 31 days
])
def test_days_late_count_from_the_due_date_to_the_end_of_the_month_recorded(plan, due, done_in, late):
    ind = plan.indicators["power_project_start"].model_copy(update={"due": due})
    j = judge(Facts.of(ind, LightThresholds(), actual=1, at=parse_period(done_in), as_of=dt.date(2023, 12, 31),
                       done_at=parse_period(done_in)))
    assert j.days_late == late and j.status == ("done" if late is None else "done_late")


# --- zero tolerance: broken stays broken --------------------------------------------------------------

def test_a_broken_zero_tolerance_target_stays_broken_for_the_year(plan):
    records = [rec("major_accidents", "2023-03", 1), rec("major_accidents", "2023-06", 0)]  # 0 given with --force
    feb = one(plan, records, "2023-02", "major_accidents")
    assert feb.light == "grey"  # nothing recorded by February
    june = one(plan, records, "2023-06", "major_accidents")
    assert (june.light, june.status, june.actual, june.gap) == ("red", "broken", 0, 1)
    assert "broken at 2023-03 (1); a year-to-date count cannot go back down" in june.notes
    year = one(plan, records, "2023", "major_accidents")  # no December figure, yet March settles it
    assert (year.light, year.status, year.met) == ("red", "broken", False)
    clean = one(plan, [rec("major_accidents", "2023-06", 0)], "2023", "major_accidents")
    assert (clean.status, clean.met) == ("no_year_end_figure", None)  # zero in June proves nothing for the year


# --- 双下降 at one period -------------------------------------------------------------------------------

def test_double_decline_pair_compares_both_counts_at_the_same_period(plan):
    records = [rec("accident_count", "2023-06", 5), rec("accident_count", "2022-06", 6, baseline=True),
               rec("accident_count", "2023-09", 9), rec("accident_count", "2022-09", 7, baseline=True),
               rec("accident_deaths", "2023-06", 3), rec("accident_deaths", "2022-06", 4, baseline=True)]
    rows = {r.id: r for r in report(plan, records, "2023-09").rows}
    count, deaths = rows["accident_count"], rows["accident_deaths"]
    assert (count.actual_period, count.light) == ("2023-09", "red")  # 9 against 7: its own latest
    assert (deaths.actual_period, deaths.light) == ("2023-06", "green")
    # the pair: June is the latest period with both counts: 5 < 6 and 3 < 4
    for r in (count, deaths):
        assert [n for n in r.notes if "双下降" in n] == ["双下降 met at 2023-06: both counts below last year"]
        assert "2023年1–6月实现双下降" in r.notes_zh
    year = {r.id: r for r in report(plan, records, "2023").rows}
    assert "双下降 cannot be settled: no year-end figures for both counts" in year["accident_count"].notes


def test_double_decline_equal_to_last_year_is_yellow_not_declined(plan):
    r = one(plan, [rec("accident_count", "2023-06", 6), rec("accident_count", "2022-06", 6, baseline=True)],
            "2023-06", "accident_count")
    assert (r.light, r.status, r.gap) == ("yellow", "not_declined", 0)


# --- reports are for the plan's year -------------------------------------------------------------------

@pytest.mark.parametrize("period", ["2026-10", "9999", "2022Q4", "0000-06"])
def test_a_period_outside_the_plan_year_is_refused(plan, period):
    with pytest.raises(UsageProblem, match="outside the plan year 2023"):
        check_period(plan, parse_period(period))
    check_period(plan, parse_period("2023-06"))  # the plan's own year passes


@pytest.mark.parametrize("args,shown", [(["--month", "2026-10"], "2026-10"), (["--year", "9999"], "9999"),
                                        (["--month", "0000-06"], "0000-06")])
def test_cli_refuses_a_report_outside_the_plan_year_in_one_line(run, args, shown):
    result = run("report", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"error: report period {shown} is outside the plan year 2023"
    assert "Traceback" not in result.stderr


# --- every kind has its rule -------------------------------------------------------------------------

def test_every_kind_has_a_rule():
    from liupi_cli.report.judge import RULES

    assert set(RULES) == set(Kind)


def test_a_task_due_12_31_and_not_done_is_overdue_at_settlement(plan):
    # the mini plan's t2 is due 2023-12-31: not overdue in November, overdue by 0 days once the year is closed
    due_12_31 = {t.id for t in plan.tasks.values() if t.deadline == dt.date(2023, 12, 31)}
    assert due_12_31, "the mini plan needs a task due 2023-12-31"
    november = {t.id for t in report(plan, [], "2023-11").summary.tasks_overdue}
    year = {t.id: t.days_overdue for t in report(plan, [], "2023").summary.tasks_overdue}
    assert not due_12_31 & november
    assert {i: year[i] for i in due_12_31} == {i: 0 for i in due_12_31}


def test_settlement_golden(run):
    """The year-end settlement of the mini plan, locked: met/not met per row, the stale figures unsettled."""
    import os
    from pathlib import Path

    from conftest import FIXTURES

    assert run("update", "--file", str(FIXTURES / "mini-actuals.csv")).exit_code == 0
    for args in (["new_urban_jobs", "3000", "--period", "2023-12"],  # 93.8%: not met
                 ["retail_sales_total", "35亿元", "--period", "2023-12"],  # 102.9%: met
                 ["gdp_growth", "7.5%", "--period", "2023Q4"],  # 0.5 below 8%: not met
                 ["power_project_start", "done", "--period", "2023-09"],  # due 08-31: 30 days late
                 ["rd_spending_growth", "13%", "--period", "2023"]):  # exactly 13%: met
        assert run("update", *args).exit_code == 0
    result = run("report", "--year", "2023", "--format", "json")
    assert result.exit_code == 0, result.stderr
    path = Path(__file__).parent.parent / "golden" / "report-2023.json"
    if os.environ.get("LIUPI_UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8"), "report-2023.json differs (LIUPI_UPDATE_GOLDEN=1)"
    rows = {r["id"]: (r["light"], r["status"], r["met"]) for r in json.loads(result.stdout)["rows"]}
    assert rows == {
        "gdp_growth": ("red", "not_met", False), "industrial_va_growth": ("grey", "no_year_end_figure", None),
        "retail_sales_total": ("green", "met", True), "rd_spending_growth": ("green", "met", True),
        "power_project_start": ("yellow", "done_late", False), "county_rank": ("grey", "no_data", None),
        "new_urban_jobs": ("red", "not_met", False), "urban_unemployment": ("grey", "no_year_end_figure", None),
        "air_quality": ("grey", "no_year_end_figure", None), "major_accidents": ("red", "broken", False),
        "accident_count": ("grey", "no_year_end_figure", None),
        "accident_deaths": ("grey", "no_year_end_figure", None), "urban_dibao_standard": ("green", "met", True)}


def test_every_shipped_target_worded_超过_or_超_is_judged_strictly():
    import re

    from conftest import SHIPPED

    shipped = load_plan(SHIPPED)
    strict = set()
    for ind in shipped.indicators.values():
        worded = ind.target is not None and re.search(rf"超过?{re.escape(f'{ind.target:g}')}(?![\d.])",
                                                      ind.stated or "")
        if worded or "超" in (ind.qualifier or ""):
            strict.add(ind.id)
    assert strict == {"services_contribution", "xiangshang_investment", "digital_economy_gdp_share",
                      "usable_e_license_types"}  # not park_project_over_1bn: "1个以上…超过10亿元"
    assert {shipped.indicators[i].comparator.value for i in strict} == {"more_than"}
    assert {i.id for i in shipped.indicators.values() if i.comparator.value == "more_than"} == strict


@pytest.mark.parametrize("value,light,status,met", [
    (5.5, "green", "met", True),  # 5.5%左右: at the bound
    (6.05, "green", "met", True),  # the band is 10% of the target: 0.55 point over is still about 5.5
    (6.5, "red", "not_met", False),  # 18% over 5.5 is not "about" it: yellow in the year, not met at year end
    (7.6, "red", "not_met", False),
])
def test_ceiling_at_settlement(plan, value, light, status, met):
    r = one(plan, [rec("urban_unemployment", "2023-12", value)], "2023", "urban_unemployment")
    assert (r.light, r.status, r.met) == (light, status, met)
