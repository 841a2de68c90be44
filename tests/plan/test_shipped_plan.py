"""The bundled 2023 Shuangpai plan: nothing dropped, every conflict named, every quote real."""

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHIPPED, seed_text

from liupi_cli.plan import check_plan, load_plan

# Counted when the plan was transcribed (see the README's "The bundled plan").
TASKS_PER_ATTACHMENT = {"附件2-1": 34, "附件3-1": 11, "附件4-1": 56, "附件5-1": 44, "附件6-1": 14, "附件7-1": 31}
INDICATORS = 289
CONFLICTS = {"industrial_va_growth", "services_va_growth", "hitech_va_growth", "trade_growth",
             "xiangshang_firms", "major_accidents", "new_hidden_debt", "fdi_flagship_project",
             "new_specialized_smes"}


@pytest.fixture(scope="module")
def plan():
    return load_plan(SHIPPED)


def test_six_battles_with_their_lead_units(plan):
    assert [b.id for b in sorted(plan.battles.values(), key=lambda b: b.number)] == [
        "growth", "innovation", "environment", "risk", "safety", "livelihood"]
    leads = {b.id: plan.units[b.lead_unit].name_zh for b in plan.battles.values()}
    assert leads == {"growth": "县发改局", "innovation": "县科工信局", "environment": "县政府办（优化办）",
                     "risk": "县财政局", "safety": "县应急管理局", "livelihood": "县人社局"}


def test_every_task_list_attachment_and_its_count(plan):
    counts = Counter(t.source.split()[0] for t in plan.tasks.values())
    assert dict(counts) == TASKS_PER_ATTACHMENT


def test_indicator_count_and_every_battle_has_targets(plan):
    assert len(plan.indicators) == INDICATORS
    assert {i.battle for i in plan.indicators.values()} == set(plan.battles)
    assert {i.kind.value for i in plan.indicators.values()} >= {
        "growth_rate", "cumulative", "level", "ceiling", "zero_events", "double_decline", "milestone",
        "ranking", "standard_raised"}


def test_headline_targets_are_carried_exactly(plan):
    ind = plan.indicators
    assert (ind["gdp_growth"].target, ind["gdp_growth"].qualifier, ind["gdp_growth"].frequency.value) == (
        8, "以上", "quarterly")
    assert (ind["new_urban_jobs"].target, ind["new_urban_jobs"].unit) == (3200, "人")
    assert (ind["urban_unemployment"].target, ind["urban_unemployment"].comparator.value) == (5.5, "about")
    assert (ind["forest_fire_rate"].target, ind["forest_fire_rate"].unit) == (0.9, "‰")
    assert (ind["urban_dibao_standard"].baseline, ind["urban_dibao_standard"].target) == (600, 650)
    assert (ind["retail_sales_total"].target, ind["retail_sales_total"].unit) == (34, "亿元")


def test_check_passes_and_names_each_conflict(plan):
    checked, problems = check_plan(SHIPPED)
    assert checked is not None
    assert not [p for p in problems if p.severity == "error"]
    warned = {p.message.split(":")[0] for p in problems if "conflicting targets" in p.message}
    assert warned == CONFLICTS
    iva = plan.indicators["industrial_va_growth"]
    assert (iva.target, iva.source) == (9.5, "main 二(一)")
    assert [(a.target, a.source) for a in iva.alternatives] == [(10, "附件2 一")]


def test_every_unit_reference_resolves_by_name_or_alias(plan):
    assert plan.unit_id("县发改局") == "fgj"
    assert plan.unit_id("县医保局") == plan.unit_id("县医疗保障局")


def test_every_stated_clause_is_in_the_source_document(plan):
    flat = re.sub(r"\s+", "", seed_text())
    missing = []
    for ind in plan.indicators.values():
        for stated in [ind.stated, *(a.stated for a in ind.alternatives)]:
            for part in (stated or "").split("…"):
                if part and re.sub(r"\s+", "", part) not in flat:
                    missing.append((ind.id, part))
    assert missing == []


def test_every_task_title_is_in_the_source_document(plan):
    flat = re.sub(r"\s+", "", seed_text())
    missing = [t.id for t in plan.tasks.values() if re.sub(r"\s+", "", t.title_zh.split("：")[0]) not in flat]
    assert missing == []


def test_installed_package_carries_the_plan():
    from liupi_cli.workspace import bundled_data_dir

    assert (bundled_data_dir() / "targets.yaml").is_file()
    assert Path(bundled_data_dir(), "tasks.yaml").is_file()


def test_indicators_per_battle(plan):
    assert dict(Counter(i.battle for i in plan.indicators.values())) == {
        "growth": 76, "innovation": 26, "environment": 57, "risk": 20, "safety": 60, "livelihood": 50}


def test_a_chinese_name_shared_by_two_indicators_asks_for_the_id(plan):
    from liupi_cli.errors import InputRefused

    with pytest.raises(InputRefused, match="is the name of 2 indicators") as exc:
        plan.indicator_id("社会消费品零售总额")
    assert "retail_sales_growth" in exc.value.hint and "retail_sales_total" in exc.value.hint
