"""`liupi targets` and `liupi tasks` as rows: each filter (battle by id, number or name; unit by id, name or
alias; kind) keeps exactly the indicators or tasks it names, and each row carries the plan's fields."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from liupi_cli.errors import UnknownId
from liupi_cli.listing import list_indicators, list_tasks
from liupi_cli.plan import check_plan

PLAN, _ = check_plan(FIXTURES / "mini")
GROWTH = ["gdp_growth", "industrial_va_growth", "retail_sales_total", "rd_spending_growth", "power_project_start",
          "county_rank"]
RSJ = ["power_project_start", "new_urban_jobs", "urban_unemployment", "air_quality", "urban_dibao_standard"]


@pytest.mark.parametrize("filters,ids", [
    ({}, list(PLAN.indicators)),
    ({"battle": "growth"}, GROWTH), ({"battle": "1"}, GROWTH), ({"battle": "打好经济增长主动仗"}, GROWTH),
    ({"kind": "growth_rate"}, ["gdp_growth", "industrial_va_growth", "rd_spending_growth"]),
    ({"kind": "double_decline"}, ["accident_count", "accident_deaths"]),
    ({"battle": "livelihood", "kind": "growth_rate"}, []),
    # rsj leads two, answers (as its battle's lead) for two without a lead of their own, and is responsible for
    # task t1, whose target power_project_start is listed for it too
    ({"unit": "rsj"}, RSJ), ({"unit": "人社局"}, RSJ), ({"unit": "县人社局"}, RSJ),
    ({"unit": "yjj"}, ["major_accidents", "accident_count", "accident_deaths"]),
    ({"unit": "rsj", "kind": "ceiling"}, ["urban_unemployment"]),
])
def test_each_filter_keeps_the_indicators_it_names(filters, ids):
    assert [r.id for r in list_indicators(PLAN, **filters)] == ids


def test_an_indicator_without_a_lead_unit_answers_to_its_battle_s_lead():
    assert "air_quality" in [r.id for r in list_indicators(PLAN, unit="rsj", kind="level")]
    assert "gdp_growth" in [r.id for r in list_indicators(PLAN, unit="fgj", kind="growth_rate")]


def test_an_indicator_row_carries_the_plan_s_fields():
    [row] = [r for r in list_indicators(PLAN) if r.id == "power_project_start"]
    assert (row.battle, row.name_zh, row.name_en, row.kind, row.comparator, row.qualifier, row.stretch, row.target,
            row.unit, row.frequency, row.due, row.lead_unit, row.lead_unit_zh, row.task, row.source) == (
        "growth", "抽水蓄能项目开工", "Pumped-storage project start", "milestone", "equal", "争取", True, None, None,
        "once", dt.date(2023, 8, 31), "fgj", "县发改局", "t1", "附件2-1 二.1")
    [dibao] = [r for r in list_indicators(PLAN) if r.id == "urban_dibao_standard"]
    assert (dibao.baseline, dibao.target, dibao.unit, dibao.lead_unit, dibao.lead_unit_zh) == (600, 650, "元/月",
                                                                                             None, None)
    [va] = [r for r in list_indicators(PLAN) if r.id == "industrial_va_growth"]
    assert [(a.target, a.source) for a in va.alternatives] == [(10, "附件2 一")]


@pytest.mark.parametrize("filters,ids", [
    ({}, ["t1", "t2", "t3", "t4"]), ({"battle": "growth"}, ["t1", "t4"]), ({"battle": "2"}, ["t2", "t3"]),
    ({"unit": "rsj"}, ["t1", "t2"]), ({"unit": "县应急管理局"}, ["t3"]), ({"unit": "fgj"}, ["t1", "t4"]),
    ({"kind": "milestone"}, ["t1"]), ({"kind": "cumulative"}, ["t2"]), ({"kind": "ranking"}, []),
    ({"battle": "growth", "unit": "rsj"}, ["t1"]),
])
def test_each_filter_keeps_the_tasks_it_names(filters, ids):
    assert [r.id for r in list_tasks(PLAN, **filters)] == ids


def test_a_task_row_carries_the_plan_s_fields():
    rows = {r.id: r for r in list_tasks(PLAN)}
    t1, t3 = rows["t1"], rows["t3"]
    assert (t1.battle, t1.title_zh, t1.summary, t1.lead_units, t1.lead_units_zh, t1.responsible_units, t1.deadline,
            t1.deadline_text, t1.indicators, t1.source) == (
        "growth", "抓好重大项目建设", "Start the pumped-storage project.",
        ["fgj"], ["县发改局"], ["rsj"], dt.date(2023, 8, 31), "2023年8月底前", ["power_project_start"], "附件2-1 二.1")
    assert (t3.deadline, t3.responsible_others, t3.category) == ("ongoing", "各相关单位", None)
    assert rows["t2"].category == "省定重点民生实事"


@pytest.mark.parametrize("lister", [list_indicators, list_tasks])
@pytest.mark.parametrize("filters", [{"battle": "nosuch"}, {"unit": "nobody"}])
def test_a_filter_naming_nothing_in_the_plan_is_refused(lister, filters):
    with pytest.raises(UnknownId):
        lister(PLAN, **filters)


@pytest.mark.parametrize("lister", [list_indicators, list_tasks])
def test_an_unknown_kind_is_refused(lister):
    with pytest.raises(ValueError):
        lister(PLAN, kind="speed")
