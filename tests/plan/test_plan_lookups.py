"""How a plan finds what a user names: an indicator by id (full-width too) or Chinese name, a battle by id, number
or name, a unit by id, name or alias, a task by id; and what it says, with its suggestion, when nothing fits."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import FIXTURES, SHIPPED

from liupi_cli.errors import InputRefused, UnknownId
from liupi_cli.plan import check_plan, suggest


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


MINI, _ = check_plan(FIXTURES / "mini")
SHIPPED_PLAN, _ = check_plan(SHIPPED)


@pytest.mark.parametrize("lookup,given,found", [
    ("indicator_id", "城镇新增就业", "new_urban_jobs"), ("indicator_id", "ｇｄｐ_growth", "gdp_growth"),
    ("indicator_id", " gdp_growth ", "gdp_growth"), ("indicator_id", "county_rank", "county_rank"),
    ("battle_id", "2", "livelihood"), ("battle_id", "打好重点民生保障仗", "livelihood"),
    ("battle_id", "growth", "growth"),
    ("unit_id", "人社局", "rsj"), ("unit_id", "县人社局", "rsj"), ("unit_id", "yjj", "yjj"), ("task_id", "t3", "t3"),
], ids=plain_id)
def test_what_a_user_names_is_found(lookup, given, found):
    assert getattr(MINI, lookup)(given) == found


@pytest.mark.parametrize("lookup,given,message,hint", [
    ("indicator_id", "nosuch", "unknown indicator 'nosuch'", "`liupi targets` lists them"),
    ("indicator_id", "gdp_grwth", "unknown indicator 'gdp_grwth'", "did you mean gdp_growth?"),
    ("battle_id", "zzz", "unknown battle 'zzz'", "one of growth, livelihood"),
    ("battle_id", "growt", "unknown battle 'growt'", "did you mean growth?"),
    ("unit_id", "县人社", "unknown unit '县人社'", "did you mean 县人社局?"),
    ("unit_id", "zzz", "unknown unit 'zzz'",
     "units are listed under `units:` in targets.yaml (`liupi info` shows where)"),
    ("task_id", "t9", "unknown task 't9'", "`liupi tasks` lists them"),
    ("task_id", "tt1", "unknown task 'tt1'", "did you mean t1?"),
], ids=plain_id)
def test_a_name_the_plan_does_not_have_is_refused_with_a_suggestion(lookup, given, message, hint):
    with pytest.raises(UnknownId) as exc:
        getattr(MINI, lookup)(given)
    assert (exc.value.message, exc.value.hint) == (message, hint)


def test_a_name_two_indicators_share_asks_for_the_id_or_the_unit():
    with pytest.raises(InputRefused) as exc:
        SHIPPED_PLAN.indicator_id("社会消费品零售总额")
    assert (exc.value.message, exc.value.hint) == (
        "'社会消费品零售总额' is the name of 2 indicators",
        "use the id: retail_sales_growth, retail_sales_total; or write the figure with its unit")
    assert exc.value.message.text("zh") == "“社会消费品零售总额”是2个指标的名称"


def test_a_shared_name_in_one_unit_asks_for_the_id_only():
    twin = MINI.indicators["new_urban_jobs"].model_copy(update={"id": "new_urban_jobs_b"})
    plan = dataclasses.replace(MINI, indicators={**MINI.indicators, twin.id: twin}, _unit_names={},
                               _indicator_names={})
    assert plan.indicators_named("城镇新增就业") == ["new_urban_jobs", "new_urban_jobs_b"]
    with pytest.raises(InputRefused) as exc:
        plan.indicator_id("城镇新增就业")
    assert exc.value.hint == "use the id: new_urban_jobs, new_urban_jobs_b"


def test_a_typo_of_a_shared_name_suggests_it_saying_whose_it_is():
    with pytest.raises(UnknownId) as exc:
        SHIPPED_PLAN.indicator_id("社会消费品零售总")
    assert exc.value.hint == ("did you mean 社会消费品零售总额 (the name of 2 indicators: retail_sales_growth, "
                              "retail_sales_total)?")


def test_a_unit_s_name_for_its_id():
    assert (MINI.unit_name("rsj"), MINI.unit_name("nobody"), MINI.unit_name(None)) == ("县人社局", "nobody", None)


@pytest.mark.parametrize("given,names,found", [
    ("gdp_grwth", ["gdp_growth", "cpi"], ["gdp_growth"]),
    ("ab", ["abc", "zab", "q", "xxabxx"], ["zab", "abc"]),  # close ones first
    ("rsj", ["县人社局", "rsjj_x", "rs"], ["rs", "rsjj_x"]),
    ("人社", ["县人社局", "县财政局"], ["县人社局"]),  # no close match: a name that holds what was typed
    ("", ["a"], []),
    ("zzz", ["a", "b"], []),
    ("a", ["wa", "xa", "ya", "za"], ["za", "ya", "xa"]),  # at most three
], ids=plain_id)
def test_suggestions_for_a_name_not_found(given, names, found):
    assert suggest(given, {n: n for n in names}) == found
