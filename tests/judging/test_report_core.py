"""build_report per kind, with numbers worked by hand."""

import datetime as dt

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report import build_report
from liupi_cli.store import Record, TaskUpdate

PLAN = load_plan(MINI)
_ids = iter(range(1, 10_000))


def rec(indicator, period, value, baseline=False, supersedes=None):
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=baseline, value=value,
                  entered=str(value), entered_unit=None, unit=None, recorded_by="t", recorded_at="t", source=None,
                  note=None, supersedes=supersedes, batch=None)


def row(records, period="2023-06", ind=None, **kw):
    report = build_report(PLAN, records, parse_period(period), **kw)
    return {r.id: r for r in report.rows}[ind] if ind else report


@pytest.mark.parametrize("jobs,completion,gap,light,pace", [
    (1500, 46.9, -3.1, "yellow", 283.3333),  # 1,500 of 3,200 at June: 46.875% -> 46.9% vs 50.0%: 3.1 points behind
    (1000, 31.3, -18.7, "red", 366.6667),  # 31.25% rounds half up to 31.3; the gap is 31.3 - 50.0, as printed
    (1700, 53.1, 3.1, "green", 250.0),
    (1600, 50.0, 0.0, "green", 266.6667),  # exactly on schedule
    (1280, 40.0, -10.0, "yellow", 320.0),  # exactly at the yellow threshold
])
def test_cumulative_against_schedule(jobs, completion, gap, light, pace):
    r = row([rec("new_urban_jobs", "2023-06", jobs)], ind="new_urban_jobs")
    assert (r.completion, r.expected, r.gap, r.light) == (completion, 50.0, gap, light)
    assert r.remaining == 3200 - jobs
    assert r.monthly_pace_needed == pace  # (3200 - jobs) / 6 months left, to 4 decimals
    assert r.projection == jobs * 2
    assert r.gap_units == jobs - 1600


def test_cumulative_this_period_and_persistence():
    records = [rec("new_urban_jobs", "2023-05", 500), rec("new_urban_jobs", "2023-06", 700)]
    r = row(records, ind="new_urban_jobs")
    assert r.this_period == 200
    assert r.light == "red" and r.persistent  # red in May (15.6% vs 41.7%) and June (21.9% vs 50%)
    assert [p.period for p in r.series] == ["2023-05", "2023-06"]
    recovered = row(records + [rec("new_urban_jobs", "2023-07", 2000)], "2023-07", ind="new_urban_jobs")
    assert not recovered.persistent


def test_joint_january_february_release():
    r = row([rec("new_urban_jobs", "2023-02", 600)], "2023-02", ind="new_urban_jobs")
    assert (r.completion, r.expected) == (18.8, 16.7)  # 600 of 3,200 = 18.75% against 2/12
    assert r.light == "green"
    assert r.this_period == 600  # 1–2月 is the year's first period: this period is the year so far


def test_this_period_is_unknown_without_the_period_before():
    # March alone (no 1–2月 figure): March's own amount cannot be told apart, so it is left empty
    assert row([rec("new_urban_jobs", "2023-03", 800)], "2023-03", ind="new_urban_jobs").this_period is None
    # two months apart: not one period's amount either
    r = row([rec("new_urban_jobs", "2023-04", 800), rec("new_urban_jobs", "2023-06", 1500)], ind="new_urban_jobs")
    assert r.this_period is None


def test_missing_data_is_grey_never_zero():
    r = row([], ind="new_urban_jobs")
    assert (r.light, r.status, r.actual, r.completion) == ("grey", "no_data", None, None)


def test_a_stale_figure_is_judged_at_its_own_period_and_marked():
    r = row([rec("new_urban_jobs", "2023-04", 1100)], "2023-06", ind="new_urban_jobs")
    assert r.actual_period == "2023-04" and r.stale
    assert r.expected == 33.3  # 4/12, to 1 decimal
    assert "latest figure is for 2023-04" in r.notes


def test_quarterly_indicator_in_a_month_report_uses_its_latest_quarter():
    records = [rec("gdp_growth", "2023Q1", 8.4)]
    may = row(records, "2023-05", ind="gdp_growth")
    assert (may.actual, may.actual_period, may.stale) == (8.4, "2023Q1", False)
    assert "as of 2023Q1" in may.notes
    june = row(records, "2023-06", ind="gdp_growth")
    assert june.stale and "latest figure is for 2023Q1" in june.notes


@pytest.mark.parametrize("value,light,gap", [
    (8.0, "green", 0.0), (8.5, "green", 0.5), (7.0, "yellow", -1.0), (6.9, "red", -1.1), (-0.5, "red", -8.5)])
def test_growth_rate_gap_in_points(value, light, gap):
    r = row([rec("gdp_growth", "2023Q2", value)], ind="gdp_growth")
    assert r.gap == pytest.approx(gap)
    assert r.light == light


def test_annual_indicator_is_grey_until_the_year_report():
    records = [rec("rd_spending_growth", "2023", 14.2)]
    assert row(records, "2023-06", ind="rd_spending_growth").light == "grey"
    year = row(records, "2023", ind="rd_spending_growth")
    assert (year.light, year.met) == ("green", True)


@pytest.mark.parametrize("value,light", [(91, "green"), (90, "green"), (89.5, "yellow"), (88.9, "red")])
def test_level(value, light):
    assert row([rec("air_quality", "2023-06", value)], ind="air_quality").light == light


@pytest.mark.parametrize("value,light", [(5.5, "green"), (5.0, "green"), (6.05, "green"), (6.06, "yellow"),
                                         (6.5, "yellow"), (6.6, "yellow"), (6.61, "red")])
def test_ceiling_about(value, light):
    # 5.5%左右: the band is 10% of 5.5 = 0.55 point: up to 6.05 is about 5.5 (green, the mirror of a 左右
    # floor), a further 0.55 to 6.6 is yellow, beyond is red
    assert row([rec("urban_unemployment", "2023-06", value)], ind="urban_unemployment").light == light


@pytest.mark.parametrize("value,light", [(0, "green"), (1, "red")])
def test_zero_events(value, light):
    assert row([rec("major_accidents", "2023-06", value)], ind="major_accidents").light == light


def test_double_decline_needs_both_counts_below_last_year():
    records = [rec("accident_count", "2023-06", 4), rec("accident_count", "2022-06", 6, baseline=True),
               rec("accident_deaths", "2023-06", 3), rec("accident_deaths", "2022-06", 2, baseline=True)]
    rows = row(records)
    by = {r.id: r for r in rows.rows}
    # 6 → 4 declined, but deaths 2 → 3 did not: the pair failed, so accidents take the deaths' red
    assert (by["accident_count"].light, by["accident_count"].status, by["accident_count"].last_year) == (
        "red", "pair_not_declined", 6)
    assert by["accident_deaths"].light == "red"
    assert "双下降 not met at 2023-06: both counts must be below last year" in by["accident_count"].notes
    no_base = row([rec("accident_count", "2023-06", 4)], ind="accident_count")
    assert (no_base.light, no_base.status) == ("grey", "no_baseline")


@pytest.mark.parametrize("period,records,light,status", [
    ("2023-06", [], "grey", "not_due"),  # due 2023-08-31
    ("2023-08", [], "yellow", "due_soon"),
    ("2023-09", [], "red", "overdue"),
    ("2023-09", [("2023-08", 1)], "green", "done"),
])
def test_milestone(period, records, light, status):
    r = row([rec("power_project_start", p, v) for p, v in records], period, ind="power_project_start")
    assert (r.light, r.status) == (light, status)


@pytest.mark.parametrize("rank,light", [(10, "green"), (11, "red")])
def test_ranking(rank, light):
    assert row([rec("county_rank", "2023", rank)], "2023", ind="county_rank").light == light


def test_standard_raised():
    assert row([rec("urban_dibao_standard", "2023-04", 650)], ind="urban_dibao_standard").light == "green"
    assert row([rec("urban_dibao_standard", "2023-04", 620)], ind="urban_dibao_standard").light == "yellow"
    assert row([rec("urban_dibao_standard", "2023-04", 620)], "2023", ind="urban_dibao_standard").light == "red"


def test_conflicting_targets_show_the_judged_one_and_the_other():
    r = row([rec("industrial_va_growth", "2023-06", 9.7)], ind="industrial_va_growth")
    assert r.target == 9.5 and r.light == "green"
    assert [a.target for a in r.alternatives] == [10]
    assert any("the document also gives 10%" in n for n in r.notes)


def test_revised_figure_is_used_and_marked():
    first = rec("new_urban_jobs", "2023-06", 1500)
    second = rec("new_urban_jobs", "2023-06", 1700, supersedes=first.id)
    first = first.model_copy(update={"current": False})
    r = row([first, second], ind="new_urban_jobs")
    assert r.actual == 1700 and r.revised and "revised figure" in r.notes


def test_per_indicator_threshold_override(tmp_path):
    import shutil

    from liupi_cli.plan import load_plan

    shutil.copytree(MINI, tmp_path / "p")
    path = tmp_path / "p" / "targets.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  task: t2\n  source: 附件7-1 1\n",
        "  task: t2\n  source: 附件7-1 1\n  lights:\n    cumulative_yellow_points: 2\n")
    path.write_text(text, encoding="utf-8")
    plan = load_plan(tmp_path / "p")
    r = {x.id: x for x in build_report(plan, [rec("new_urban_jobs", "2023-06", 1500)],
                                       parse_period("2023-06")).rows}["new_urban_jobs"]
    assert r.light == "red"  # 3.1 points behind is beyond its own 2-point band


def test_summary_counts_laggards_and_overdue_tasks():
    records = [rec("new_urban_jobs", "2023-06", 1000), rec("gdp_growth", "2023Q2", 7.5),
               rec("major_accidents", "2023-06", 0)]
    updates = [TaskUpdate(id=1, task="t4", date=dt.date(2023, 5, 20), status="in_progress", percent=50, note=None,
                          recorded_by="t", recorded_at="t")]
    report = build_report(PLAN, records, parse_period("2023-06"), task_updates=updates)
    s = report.summary
    assert (s.overall.red, s.overall.yellow, s.overall.green, s.overall.total) == (1, 1, 1, 13)
    assert s.laggards == ["new_urban_jobs", "gdp_growth"]
    assert [(t.id, t.days_overdue, t.status) for t in s.tasks_overdue] == [("t4", 30, "in_progress")]
    assert [(c.key, c.overdue) for c in s.tasks_overdue_by_battle] == [("growth", 1)]
    assert [(c.key, c.overdue) for c in s.tasks_overdue_by_unit] == [("fgj", 1)]
    assert {c.key: c.red for c in s.by_battle} == {"growth": 0, "livelihood": 1}
    done = build_report(PLAN, records, parse_period("2023-06"), task_updates=updates + [
        TaskUpdate(id=2, task="t4", date=dt.date(2023, 6, 1), status="done", percent=100, note=None,
                   recorded_by="t", recorded_at="t")])
    assert done.summary.tasks_overdue == [] and done.summary.tasks_done == 1


def test_filters():
    records = [rec("new_urban_jobs", "2023-06", 1000), rec("gdp_growth", "2023Q2", 7.5)]
    assert [r.id for r in row(records, battle="livelihood", lights=["red"]).rows] == ["new_urban_jobs"]
    assert {r.id for r in row(records, unit="县应急管理局").rows} == {"major_accidents", "accident_count",
                                                                   "accident_deaths"}
    assert row(records, battle="livelihood").summary.tasks_total == 2


def test_the_report_never_reads_the_clock(monkeypatch):
    class Frozen(dt.date):
        @classmethod
        def today(cls):
            raise AssertionError("the core read the clock")

    monkeypatch.setattr(dt, "date", Frozen)
    assert row([], "2023-06").as_of.isoformat() == "2023-06-30"
