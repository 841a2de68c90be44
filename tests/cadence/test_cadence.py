"""The plan's rhythm, core level: dekads, tasks on a timeline, the 催报 list, the unit page, the four
products, month-over-month change and the pre-score, all with fixed dates and hand-worked numbers."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import (
    Dekad,
    last_complete_dekad,
    last_complete_month,
    last_complete_quarter,
    parse_dekad,
)
from liupi_cli.cadence.missing import build_missing
from liupi_cli.cadence.products import dekad_brief, is_empty, month_circular, quarter_summary, year_settlement
from liupi_cli.cadence.timeline import task_timeline
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.errors import InputRefused
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import load_plan
from liupi_cli.store import Record, TaskUpdate

D = dt.date
_ids = itertools.count(1)


def rec(indicator: str, period: str, value: float, on: str = "2023-07-05", supersedes: int | None = None,
        baseline: bool = False, current: bool = True) -> Record:
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=baseline, value=value,
                  entered=f"{value:g}", entered_unit=None, unit=None, recorded_by="统计局",
                  recorded_at=f"{on}T09:00:00+08:00", source=None, note=None, supersedes=supersedes, batch=None,
                  current=current)


def upd(task: str, on: str, status: str = "in_progress", percent: float | None = None) -> TaskUpdate:
    return TaskUpdate(id=next(_ids), task=task, date=D.fromisoformat(on), status=status, percent=percent, note=None,
                      recorded_by="x", recorded_at=f"{on}T09:00:00+08:00")


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


# -- dekads -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("key,start,end", [
    ("2023-06-1", D(2023, 6, 1), D(2023, 6, 10)),
    ("2023-06-2", D(2023, 6, 11), D(2023, 6, 20)),
    ("2023-06-3", D(2023, 6, 21), D(2023, 6, 30)),
    ("2023-02-3", D(2023, 2, 21), D(2023, 2, 28)),
    ("2024-02-3", D(2024, 2, 21), D(2024, 2, 29)),
    ("2023-07-3", D(2023, 7, 21), D(2023, 7, 31)),
])
def test_dekad_boundaries(key, start, end):
    d = parse_dekad(key)
    assert (d.start, d.end, d.key) == (start, end, key)
    assert d.contains(start) and d.contains(end)
    assert not d.contains(start - dt.timedelta(days=1)) and not d.contains(end + dt.timedelta(days=1))


def test_dekad_labels_and_previous():
    assert parse_dekad("2023-06-2").label_zh == "2023年6月中旬"
    assert parse_dekad("2023-06-1").previous() == Dekad(2023, 5, 3)
    assert parse_dekad("2023-01-1").previous() == Dekad(2022, 12, 3)
    assert parse_dekad("2023-06-3").report_period == Period(2023, 5, "month")  # June collects May's figures
    assert parse_dekad("2023-03-1").report_period == Period(2023, 2, "month")  # the joint 1–2月 release, in March
    # January collects December (last year's plan) and February collects January, never published alone
    assert parse_dekad("2023-01-2").report_period is None and parse_dekad("2023-02-3").report_period is None
    for bad in ("2023-06-4", "2023-13-1", "2023-06"):
        with pytest.raises(InputRefused):
            parse_dekad(bad)


@pytest.mark.parametrize("today,dekad", [
    (D(2023, 6, 21), "2023-06-2"), (D(2023, 6, 20), "2023-06-1"), (D(2023, 6, 11), "2023-06-1"),
    (D(2023, 6, 10), "2023-05-3"), (D(2023, 6, 1), "2023-05-3"), (D(2023, 1, 1), "2022-12-3"),
])
def test_last_complete_dekad(today, dekad):
    assert last_complete_dekad(today).key == dekad


@pytest.mark.parametrize("today,period", [
    (D(2023, 7, 21), "2023-06"), (D(2023, 7, 1), "2023-06"), (D(2023, 3, 1), "2023-02"),
    (D(2023, 2, 10), "2022-12"), (D(2023, 1, 5), "2022-12"),
])
def test_last_complete_month(today, period):
    assert last_complete_month(today).key == period


def test_last_complete_quarter():
    assert last_complete_quarter(D(2023, 7, 21)).key == "2023Q2"
    assert last_complete_quarter(D(2023, 6, 30)).key == "2023Q1"
    assert last_complete_quarter(D(2023, 2, 1)).key == "2022Q4"


# -- tasks on a timeline ----------------------------------------------------------------------------

def _line(lines, tid):
    return next(t for t in lines if t.id == tid)


def test_overdue_days_left_and_due_soon(plan):
    lines = task_timeline(plan, [upd("t1", "2023-05-10", percent=20)], D(2023, 6, 30))
    t4 = _line(lines, "t4")  # deadline 2023-05-31, never updated
    assert (t4.state, t4.days_overdue, t4.days_left, t4.status) == ("overdue", 30, None, None)
    t1 = _line(lines, "t1")  # deadline 2023-08-31
    assert (t1.state, t1.days_left, t1.days_overdue, t1.percent, t1.updated) == ("open", 62, None, 20, D(2023, 5, 10))
    assert t1.days_since_update == 51
    assert lines[0].id == "t4"  # overdue first
    # due soon: within milestone_due_soon_days (30) of the deadline, boundary included
    assert _line(task_timeline(plan, [], D(2023, 8, 1)), "t1").state == "due_soon"  # 30 days left
    assert _line(task_timeline(plan, [], D(2023, 7, 31)), "t1").state == "open"  # 31 days left
    # on the deadline day it is not yet overdue; the day after it is, by one day
    assert _line(task_timeline(plan, [], D(2023, 5, 31)), "t4").days_left == 0
    assert _line(task_timeline(plan, [], D(2023, 6, 1)), "t4").days_overdue == 1


def test_done_on_time_and_late(plan):
    ups = [upd("t4", "2023-05-20", percent=80), upd("t4", "2023-06-10", "done", 100),
           upd("t1", "2023-08-01", "done", 100)]
    lines = task_timeline(plan, ups, D(2023, 9, 30))
    t4 = _line(lines, "t4")
    assert (t4.state, t4.done_on, t4.days_overdue) == ("done_late", D(2023, 6, 10), None)
    assert _line(lines, "t1").state == "done"
    # an update dated after as_of is not seen
    assert _line(task_timeline(plan, ups, D(2023, 6, 9)), "t4").state == "overdue"


def test_ongoing_never_overdue_and_stale_after_30_days(plan):
    ups = [upd("t3", "2023-05-31")]
    t3 = _line(task_timeline(plan, ups, D(2023, 6, 30)), "t3")
    assert (t3.state, t3.days_overdue, t3.days_left) == ("ongoing", None, None)
    assert (t3.days_since_update, t3.stale) == (30, False)
    t3 = _line(task_timeline(plan, ups, D(2023, 7, 1)), "t3")
    assert (t3.days_since_update, t3.stale) == (31, True)
    assert _line(task_timeline(plan, [], D(2023, 12, 31)), "t3").stale  # never updated


def test_timeline_filters(plan):
    ups = [upd("t1", "2023-05-10", percent=20), upd("t2", "2023-06-20", "done", 100)]
    day = D(2023, 6, 30)
    assert [t.id for t in task_timeline(plan, ups, day, overdue=True)] == ["t4"]
    assert [t.id for t in task_timeline(plan, ups, day, due_within=62)] == ["t1"]
    assert task_timeline(plan, ups, day, due_within=61) == []
    assert [t.id for t in task_timeline(plan, ups, day, status=["none"])] == ["t4", "t3"]
    assert [t.id for t in task_timeline(plan, ups, day, status=["done"])] == ["t2"]
    assert [t.id for t in task_timeline(plan, ups, day, unit="县人社局")] == ["t1", "t2"]  # responsible for t1
    with pytest.raises(InputRefused):
        task_timeline(plan, ups, day, status=["finished"])


# -- who owes what ----------------------------------------------------------------------------------

def _june_records():
    return [
        # yjj: everything in (a complete unit)
        rec("major_accidents", "2023-06", 0), rec("accident_count", "2023-06", 3), rec("accident_deaths", "2023-06", 1),
        # fgj: part in; GDP only for Q1, retail only for May
        rec("industrial_va_growth", "2023-06", 9), rec("gdp_growth", "2023Q1", 7.5),
        rec("retail_sales_total", "2023-05", 5),
        # rsj: nothing for June (an empty unit); a figure for May does not answer for June
        rec("new_urban_jobs", "2023-05", 1500),
    ]


def _june_updates():
    return [upd("t3", "2023-06-01"),  # first day of the period: counts
            upd("t4", "2023-05-20", "done", 100),  # done before June: owes nothing
            upd("t1", "2023-05-10", percent=20),  # last update in May: owes June's
            upd("t2", "2023-07-01", percent=50)]  # after June: does not count


def test_missing_list_complete_and_empty_units(plan):
    m = build_missing(plan, _june_records(), _june_updates(), parse_period("2023-06"))
    assert [u.unit for u in m.units] == ["rsj", "fgj", "yjj"]  # most owed first, complete last
    rsj, fgj, yjj = m.units
    assert [f.id for f in rsj.figures] == ["new_urban_jobs", "urban_unemployment", "air_quality"]
    assert [t.id for t in rsj.tasks] == ["t2"] and (rsj.figures_due, rsj.figures_in) == (3, 0)
    assert [(f.id, f.period) for f in fgj.figures] == [("gdp_growth", "2023Q2"), ("retail_sales_total", "2023-06")]
    assert [(t.id, t.last_update) for t in fgj.tasks] == [("t1", D(2023, 5, 10))]
    assert (fgj.figures_due, fgj.figures_in, fgj.tasks_due, fgj.tasks_in) == (3, 1, 1, 0)
    assert yjj.complete and (yjj.figures_due, yjj.figures_in, yjj.tasks_due, yjj.tasks_in) == (3, 3, 1, 1)
    assert (m.figures_missing, m.tasks_missing, m.complete_units) == (5, 2, ["yjj"])
    assert m.model_dump()["units"][2]["complete"] is True


def test_missing_lag_model(plan):
    may = build_missing(plan, [], [], parse_period("2023-05"))
    owed = {f.id for u in may.units for f in u.figures}
    assert "gdp_growth" not in owed and "industrial_va_growth" in owed  # quarterly only at quarter-end months
    assert not {"rd_spending_growth", "county_rank"} & owed  # annual only in the year list
    year = build_missing(plan, [], [], parse_period("2023"))
    owed = {(f.id, f.period) for u in year.units for f in u.figures}
    assert {("rd_spending_growth", "2023"), ("county_rank", "2023"), ("gdp_growth", "2023Q4"),
            ("industrial_va_growth", "2023-12"), ("power_project_start", "2023")} <= owed
    aug = build_missing(plan, [], [], parse_period("2023-08"))
    assert "power_project_start" in {f.id for u in aug.units for f in u.figures}  # a one-off, due in August
    done = build_missing(plan, [rec("power_project_start", "2023-07", 1)], [], parse_period("2023-08"))
    assert "power_project_start" not in {f.id for u in done.units for f in u.figures}


def test_missing_for_one_unit_that_owes_nothing(plan):
    m = build_missing(plan, _june_records(), _june_updates(), parse_period("2023-06"), unit="县应急管理局")
    assert [u.unit for u in m.units] == ["yjj"] and m.complete_units == ["yjj"]


# -- change, products ------------------------------------------------------------------------------

def _two_months():
    return [
        # new_urban_jobs (3200): May 1500 = 46.9% vs 41.7%: green; June 1550 = 48.4% vs 50% (−1.6 points): yellow
        rec("new_urban_jobs", "2023-05", 1500), rec("new_urban_jobs", "2023-06", 1550),
        # retail (34亿): May 5 = 14.7% vs 41.7%, June 6 = 17.6% vs 50%: red both (persistent)
        rec("retail_sales_total", "2023-05", 5), rec("retail_sales_total", "2023-06", 6),
        # industrial growth (9.5): May 8.0 (−1.5, red), June 9.0 (−0.5, yellow): up
        rec("industrial_va_growth", "2023-05", 8.0), rec("industrial_va_growth", "2023-06", 9.0),
        # unemployment ceiling 5.5 左右: May 5.0 green, June 7.8 (2.3 over: beyond the band and the yellow
        # point after it) red: down and newly red
        rec("urban_unemployment", "2023-05", 5.0), rec("urban_unemployment", "2023-06", 7.8),
    ]


def test_month_circular_change_since_last_month(plan):
    c = month_circular(plan, _two_months(), [], parse_period("2023-06"))
    ch = c.change
    assert ch.previous == "2023-05"
    assert {x.id: (x.before, x.after) for x in ch.down} == {"new_urban_jobs": ("green", "yellow"),
                                                           "urban_unemployment": ("green", "red")}
    assert [(x.id, x.before, x.after) for x in ch.up] == [("industrial_va_growth", "red", "yellow")]
    assert [x.id for x in ch.newly_red] == ["urban_unemployment"]
    assert [x.id for x in ch.persistent_red] == ["retail_sales_total"]
    assert [t.id for t in c.tasks_overdue] == ["t4"]
    assert c.missing == build_missing(plan, _two_months(), [], parse_period("2023-06"))
    assert not is_empty(c, _two_months(), [])
    assert is_empty(month_circular(plan, _two_months(), [], parse_period("2023-07")), _two_months(), [])
    # 1–2月 has nothing before it
    assert month_circular(plan, [], [], parse_period("2023-02")).change.previous is None


def test_a_january_or_february_dekad_shows_no_indicator_progress(plan):
    """1–2月 figures are reported in March: a dekad before that has no period to show lights for, even
    when a 1–2月 figure was typed early (it is listed as recorded, not judged)."""
    early = [rec("new_urban_jobs", "2023-02", 500, on="2023-02-15")]
    for key in ("2023-01-1", "2023-02-2", "2023-02-3"):
        b = dekad_brief(plan, early, [], parse_dekad(key))
        assert (b.report_period, b.change) == (None, None)
    b = dekad_brief(plan, early, [], parse_dekad("2023-02-2"))
    assert [r.id for r in b.recorded] == ["new_urban_jobs"]
    from liupi_cli.render.cadence_doc import product_doc

    doc = product_doc(b, "zh")
    assert "指标进度 暂无（1–2月数据3月报送）" in doc.lines[0]
    assert not any("指标亮灯" in s.title for s in doc.sections)
    march = dekad_brief(plan, early, [], parse_dekad("2023-03-1"))
    assert march.report_period == "2023-02" and march.change is not None


def test_a_fall_into_red_is_listed_once_in_the_change_section(plan):
    from liupi_cli.render.cadence_doc import change_section

    ch = month_circular(plan, _two_months(), [], parse_period("2023-06")).change
    assert "urban_unemployment" in {c.id for c in ch.down} & {c.id for c in ch.newly_red}  # in both lists
    rows = change_section(ch, "zh").rows
    assert [r[0] for r in rows if r[1] == "urban_unemployment"] == ["新增红灯"]
    assert [r[1] for r in rows].count("new_urban_jobs") == 1


def test_dekad_brief(plan):
    first = rec("new_urban_jobs", "2023-05", 1000, on="2023-06-05")  # 31.3% vs 41.7%: red
    records = [first.model_copy(update={"current": False}),
               rec("new_urban_jobs", "2023-05", 1500, on="2023-06-11", supersedes=first.id),  # revised: green
               rec("retail_sales_total", "2023-05", 15, on="2023-06-10"),  # day 10: the first dekad
               rec("industrial_va_growth", "2023-05", 9.6, on="2023-06-21")]  # day 21: the third
    ups = [upd("t1", "2023-05-10", percent=20), upd("t1", "2023-06-20", percent=40)]
    b = dekad_brief(plan, records, ups, parse_dekad("2023-06-2"))
    assert (b.start, b.end, b.report_period) == (D(2023, 6, 11), D(2023, 6, 20), "2023-05")
    assert [(r.id, r.entered, r.revised) for r in b.recorded] == [("new_urban_jobs", "1500", True)]
    assert [(m.id, m.before_percent, m.percent) for m in b.tasks_moved] == [("t1", 20, 40)]
    assert [(c.id, c.before, c.after) for c in b.change.up] == [("new_urban_jobs", "red", "green")]
    assert b.became_overdue == []
    b1 = dekad_brief(plan, records, ups, parse_dekad("2023-06-1"))
    assert [t.id for t in b1.became_overdue] == ["t4"]  # deadline 31 May: overdue from 1 June
    assert [r.id for r in b1.recorded] == ["new_urban_jobs", "retail_sales_total"]
    assert [r.lead_unit_zh for r in b1.recorded] == ["县人社局", "县发改局"]  # who to ask about each figure
    assert is_empty(dekad_brief(plan, records, ups, parse_dekad("2023-07-1")), records, ups)
    # the power project is due 31 August: past due from 1 September, unless reported done by then
    assert [m.id for m in dekad_brief(plan, records, ups, parse_dekad("2023-09-1")).milestones_overdue] == [
        "power_project_start"]
    assert dekad_brief(plan, records, ups, parse_dekad("2023-08-3")).milestones_overdue == []
    done = [*records, rec("power_project_start", "2023-08", 1, on="2023-09-02")]
    assert dekad_brief(plan, done, ups, parse_dekad("2023-09-1")).milestones_overdue == []


# -- the pre-score -----------------------------------------------------------------------------------

def _scored_plan(tmp_path, grey: str = "") -> object:
    import shutil

    dst = tmp_path / "plan"
    shutil.copytree(MINI, dst)
    t = (dst / "targets.yaml").read_text(encoding="utf-8")
    t = t.replace("    milestone_due_soon_days: 30\n", "    milestone_due_soon_days: 30\n" + grey, 1)
    t = t.replace("  frequency: quarterly\n  source: main 二(一)\n",
                  "  frequency: quarterly\n  source: main 二(一)\n  prescore_weight: 2\n", 1)
    t = t.replace("  lead_unit: fgj\n  source: 附件2 二\n",
                  "  lead_unit: fgj\n  co_lead_units: [rsj]\n  source: 附件2 二\n", 1)
    (dst / "targets.yaml").write_text(t, encoding="utf-8")
    return load_plan(dst)


Q2 = [rec("gdp_growth", "2023Q2", 8.5),  # ≥8: green, weight 2
      rec("industrial_va_growth", "2023-06", 9.0),  # 9.5 − 0.5: yellow
      rec("retail_sales_total", "2023-06", 6),  # 17.6% vs 50%: red
      rec("new_urban_jobs", "2023-06", 1700)]  # 53.1% vs 50%: green
Q2_TASKS = [upd("t4", "2023-06-10", "done", 100),  # deadline 31 May: done late
            upd("t2", "2023-06-15", percent=50)]  # deadline 31 Dec: not judged yet


def test_prescore_worked_by_hand(tmp_path):
    plan = _scored_plan(tmp_path)
    q = quarter_summary(plan, Q2, Q2_TASKS, parse_period("2023Q2"))
    fgj = next(s for s in q.prescore.by_unit if s.key == "fgj")
    # fgj leads gdp (green 100 × weight 2), industrial (yellow 60 × 1), retail (red 0 × 1); rd_spending,
    # county_rank (annual) and the power project (not due) are grey and left out:
    #   indicators (100×2 + 60×1 + 0×1) ÷ 4 = 260 ÷ 4 = 65
    # tasks: t4 done late 60; t1 not due yet, not judged: 60 ÷ 1 = 60
    #   score 0.7 × 65 + 0.3 × 60 = 45.5 + 18 = 63.5
    assert (fgj.indicator_sum, fgj.indicator_weight, fgj.indicator_part) == (260, 4, 65)
    assert (fgj.task_sum, fgj.task_count, fgj.task_part, fgj.score) == (60, 1, 60, 63.5)
    assert fgj.working == "indicators (100×2 + 60×1 + 0×1) ÷ 4 = 65; tasks (60×1) ÷ 1 = 60; 0.7×65 + 0.3×60 = 63.5"
    growth = next(s for s in q.prescore.by_battle if s.key == "growth")
    assert growth.score == 63.5  # every growth indicator and task is fgj's
    rsj = next(s for s in q.prescore.by_unit if s.key == "rsj")
    # rsj: new_urban_jobs green 100; the rest grey; t2 not judged -> the indicator part alone
    assert (rsj.indicator_part, rsj.task_part, rsj.score) == (100, None, 100)


def test_prescore_with_grey_scored_zero(tmp_path):
    plan = _scored_plan(tmp_path, grey="  prescore:\n    grey: 0\n    indicator_share: 0.5\n")
    q = quarter_summary(plan, Q2, Q2_TASKS, parse_period("2023Q2"))
    fgj = next(s for s in q.prescore.by_unit if s.key == "fgj")
    # now the three grey indicators count 0 each: (200 + 60 + 0 + 0 + 0 + 0) ÷ 7 = 37.142857…
    # score 0.5 × 37.142857 + 0.5 × 60 = 18.571429 + 30 = 48.571429 -> 48.57
    assert (fgj.indicator_weight, fgj.indicator_part, fgj.score) == (7, 37.14, 48.57)
    assert fgj.working.startswith("indicators (100×2 + 60×1 + 0×4) ÷ 7 = 37.14;")


def test_unit_page(tmp_path):
    plan = _scored_plan(tmp_path)
    page = build_unit_page(plan, Q2, Q2_TASKS, parse_period("2023-06"), "县人社局")
    roles = {u.row.id: u.role for u in page.indicators}
    assert roles == {"retail_sales_total": "co_lead", "new_urban_jobs": "lead", "urban_unemployment": "lead",
                     "air_quality": "lead", "urban_dibao_standard": "lead"}
    assert (page.lights.green, page.lights.grey, page.lights.total) == (1, 3, 4)  # co-led rows not counted
    assert [(t.role, t.task.id) for t in page.tasks] == [("lead", "t2"), ("responsible", "t1")]
    assert [f.id for f in page.owes.figures] == ["urban_unemployment", "air_quality"]
    assert page.owes.tasks == []  # t2 was updated on 15 June
    assert page.prescore is not None and page.prescore.score == 100



def test_the_unit_page_states_targets_as_the_document_does(tmp_path):
    """The target column is the target as written (3200人, 5.5%以内), not a bare number that a
    spreadsheet right-aligns against the next column's figure."""
    from liupi_cli.render.cadence_doc import unit_doc

    plan = _scored_plan(tmp_path)
    page = build_unit_page(plan, Q2, Q2_TASKS, parse_period("2023-06"), "县人社局")
    for lang, jobs in (("zh", "3200人"), ("en", "≥ 3200人")):
        doc = unit_doc(page, lang)
        section = doc.sections[0]
        col = section.columns.index("目标" if lang == "zh" else "Target")
        cells = {row[1]: row[col] for row in section.rows}
        assert cells["new_urban_jobs"] == jobs
        assert all(isinstance(v, str) for v in cells.values())
    zh = {row[1]: row[3] for row in unit_doc(page, "zh").sections[0].rows}
    assert zh["urban_unemployment"] == "5.5%左右"  # the mini plan: ceiling, about 5.5, qualifier 左右


def test_the_circular_states_figures_in_the_target_s_unit_and_gaps_with_theirs(plan):
    """158000万元 typed for a target in 亿元 is shown as 15.80亿元 beside 34亿元; a gap says what it is in."""
    from liupi_cli.render.cadence_doc import report_section

    records = [rec("retail_sales_total", "2023-06", 15.8).model_copy(update={"entered": "158000万元"}),
               rec("new_urban_jobs", "2023-06", 1550), rec("urban_unemployment", "2023-06", 5.4)]
    rep = month_circular(plan, records, [], parse_period("2023-06")).report
    for lang, points in (("zh", "个百分点"), ("en", " pts")):
        sec = report_section(rep, lang)
        col = {name: k for k, name in enumerate(sec.columns)}
        rows = {r[2]: r for r in sec.rows}
        actual, gap = col["最新数据" if lang == "zh" else "Latest figure"], col["差距" if lang == "zh" else "Gap"]
        assert rows["retail_sales_total"][actual] == "15.80亿元"
        # 15.8 of 34 = 46.5% against 50.0%: 3.5 points behind; 1550 of 3200 = 48.4%: 1.6 behind
        assert (rows["retail_sales_total"][gap], rows["new_urban_jobs"][gap]) == (f"-3.5{points}", f"-1.6{points}")
        assert rows["urban_unemployment"][gap] == f"-0.1{points}"  # 5.4 − 5.5, two percentages

def test_year_settlement(plan):
    records = [rec("new_urban_jobs", "2023-12", 3300), rec("retail_sales_total", "2023-12", 30)]
    y = year_settlement(plan, records, [], parse_period("2023"))
    rsj = next(s for s in y.by_unit if s.key == "rsj")
    fgj = next(s for s in y.by_unit if s.key == "fgj")
    assert rsj.met == 1 and rsj.met + rsj.not_met + rsj.unreported + rsj.unknown == 4
    assert fgj.not_met >= 1 and fgj.met + fgj.not_met + fgj.unreported + fgj.unknown == 6
    # power_project_start (fgj, due 08-31) has no record at all: 未报, not 未完成
    assert fgj.unreported == 1 and y.overall.unreported == 1
    assert y.overall.met + y.overall.not_met + y.overall.unreported + y.overall.unknown == 13
    assert {r.id for r in y.report.rows if r.met is False} >= {"retail_sales_total"}
    assert y.prescore.period == "2023"
    # once the year is over, t2 (due 31 December, never reported done) counts as overdue for rsj
    rsj_score = next(s for s in y.prescore.by_unit if s.key == "rsj")
    assert [(p.id, p.outcome, p.points) for p in rsj_score.parts if p.what == "task"] == [("t2", "overdue", 0)]


def test_every_word_is_there_in_both_languages():
    from liupi_cli.render.cadence_doc import LIGHT, STATUS, W

    assert W["en"].keys() == W["zh"].keys()
    assert STATUS["en"].keys() == STATUS["zh"].keys() and LIGHT["en"].keys() == LIGHT["zh"].keys()
