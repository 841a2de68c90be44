"""Who answers for what (liupi_cli/owners.py): the battle's lead unit owes a task that names no lead; a unit's
--unit listings and reports hold what it co-leads and the tasks it is responsible for; the 1–2月 list begins
in January. Each case worked out by hand on the mini plan."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import MINI, Run

from liupi_cli.cadence.missing import build_missing
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.listing import list_indicators, list_tasks
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report import build_report

from .test_cadence import upd


def _plan_dir(tmp_path, targets: tuple[str, str] | None = None, tasks: tuple[str, str] | None = None):
    dst = tmp_path / "plan"
    shutil.copytree(MINI, dst)
    for name, change in (("targets.yaml", targets), ("tasks.yaml", tasks)):
        if change:
            text = (dst / name).read_text(encoding="utf-8")
            assert change[0] in text
            (dst / name).write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    return dst


# -- 1–2月 begins in January -------------------------------------------------------------------------

def test_a_january_update_answers_for_the_joint_january_february_list():
    plan = load_plan(MINI)
    owed = build_missing(plan, [], [upd("t1", "2023-01-20")], parse_period("2023-02"))
    assert (owed.start.isoformat(), owed.end.isoformat()) == ("2023-01-01", "2023-02-28")
    fgj = next(u for u in owed.units if u.unit == "fgj")
    # fgj leads t1 (updated 20 January) and t4 (no update): only t4 is owed
    assert [t.id for t in fgj.tasks] == ["t4"] and (fgj.tasks_due, fgj.tasks_in) == (2, 1)
    # an update on the last day of the previous year does not answer for it
    late = build_missing(plan, [], [upd("t1", "2022-12-31")], parse_period("2023-02"))
    assert "t1" in [t.id for u in late.units for t in u.tasks]


def test_missing_month_2023_02_on_the_command_line(mini):
    run = Run(mini)
    assert run("task", "set", "t1", "--status", "in_progress", "--date", "2023-01-20").exit_code == 0
    r = run("missing", "--month", "2023-02", "--format", "json")
    assert r.exit_code == 0, r.stderr
    owed = {t["id"] for u in json.loads(r.stdout)["units"] for t in u["tasks"]}
    assert owed == {"t2", "t3", "t4"}  # every task but t1, whose January update counts


# -- a task without a lead unit is owed by its battle's lead unit -------------------------------------

@pytest.fixture
def leaderless(tmp_path):
    """t3 (battle livelihood, whose lead unit is rsj) with its lead unit yjj removed."""
    return load_plan(_plan_dir(tmp_path, tasks=("  lead_units: [yjj]\n", "")))


def test_the_battle_s_lead_unit_owes_a_task_with_no_lead(leaderless):
    assert leaderless.tasks["t3"].lead_units == []
    owed = build_missing(leaderless, [], [], parse_period("2023-06"))
    by_unit = {u.unit: [t.id for t in u.tasks] for u in owed.units}
    assert by_unit["rsj"] == ["t2", "t3"]
    assert "t3" not in by_unit.get("yjj", [])
    assert owed.tasks_missing == 4  # every task owed once, none by nobody
    done = build_missing(leaderless, [], [upd("t3", "2023-06-05")], parse_period("2023-06"))
    rsj = next(u for u in done.units if u.unit == "rsj")
    assert [t.id for t in rsj.tasks] == ["t2"] and (rsj.tasks_due, rsj.tasks_in) == (2, 1)


def test_the_battle_s_lead_unit_sees_the_task_on_its_page(leaderless):
    page = build_unit_page(leaderless, [], [], parse_period("2023-06"), "rsj")
    assert {t.task.id: t.role for t in page.tasks} == {"t2": "lead", "t3": "lead", "t1": "responsible"}
    assert [t.id for t in page.owes.tasks] == ["t2", "t3"]
    assert next(t for t in page.tasks if t.task.id == "t3").task.lead_units_zh == ["县人社局"]


def test_the_battle_s_lead_unit_is_named_on_an_overdue_task_with_no_lead(tmp_path):
    plan = load_plan(_plan_dir(tmp_path, tasks=("  lead_units: [fgj]\n  deadline: 2023-05-31\n",
                                                 "  deadline: 2023-05-31\n")))
    rep = build_report(plan, [], parse_period("2023-06"), unit="fgj")
    assert [(t.id, t.lead_units) for t in rep.summary.tasks_overdue] == [("t4", ["fgj"])]


# -- --unit: co-led indicators and tasks a unit is responsible for ------------------------------------

@pytest.fixture
def co_led(tmp_path):
    """retail_sales_total: lead fgj, co-lead rsj."""
    return _plan_dir(tmp_path, targets=("  lead_unit: fgj\n  source: 附件2 二\n",
                                        "  lead_unit: fgj\n  co_lead_units: [rsj]\n  source: 附件2 二\n"))


def test_targets_unit_lists_what_the_unit_co_leads(co_led):
    plan = load_plan(co_led)
    # rsj leads four, co-leads retail, and is responsible for t1, whose target is the power project's start
    assert {r.id for r in list_indicators(plan, unit="rsj")} == {
        "retail_sales_total", "new_urban_jobs", "urban_unemployment", "air_quality", "urban_dibao_standard",
        "power_project_start"}
    assert "retail_sales_total" in {r.id for r in build_report(plan, [], parse_period("2023-06"), unit="rsj").rows}
    r = Run(co_led)("targets", "--unit", "县人社局", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "retail_sales_total" in {row["id"] for row in json.loads(r.stdout)}


def test_report_unit_lists_overdue_tasks_the_unit_is_responsible_for(mini):
    """t1 (lead fgj, responsible rsj) is due 31 August: overdue in September, for rsj too."""
    plan = load_plan(mini)
    rep = build_report(plan, [], parse_period("2023-09"), unit="rsj")
    assert [t.id for t in rep.summary.tasks_overdue] == ["t1"]
    r = Run(mini)("report", "--month", "2023-09", "--unit", "rsj", "--format", "json")
    assert r.exit_code in (0, 6), r.stderr
    assert [t["id"] for t in json.loads(r.stdout)["summary"]["tasks_overdue"]] == ["t1"]


def test_every_unit_filter_follows_one_rule(co_led):
    """report, targets, tasks, the timeline and the unit page agree on what a unit answers for."""
    from liupi_cli.cadence.timeline import task_timeline

    plan = load_plan(co_led)
    for uid in plan.units:
        rep = build_report(plan, [], parse_period("2023-12"), unit=uid)
        listed = {r.id for r in list_indicators(plan, unit=uid)}
        assert {r.id for r in rep.rows} <= listed, uid
        tasks = {t.id for t in list_tasks(plan, unit=uid)}
        assert {t.id for t in task_timeline(plan, [], parse_period("2023-12").end, unit=uid)} == tasks, uid
        assert {t.id for t in rep.summary.tasks_overdue} <= tasks, uid
        page = build_unit_page(plan, [], [], parse_period("2023-06"), uid)
        assert {u.row.id for u in page.indicators} == {r.id for r in build_report(
            plan, [], parse_period("2023-06"), unit=uid).rows}, uid
