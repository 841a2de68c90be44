"""A filled table applied to next year's plan: what is marked to be set is set (and no longer marked), a row
saying what the plan says already is unchanged, an unknown id is listed, a row changing what is decided is
refused at its line with its hint and then nothing at all changes, and a table for another year is refused
whole naming the years."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import FillCell, FillProblem, apply_fill


def _g(**kw) -> dict:
    return dict(dict(id="gdp", name_zh="地区生产总值", name_en="", battle="b", kind="growth_rate",
                     comparator="at_least", unit="%", frequency="annual", source="s"), **kw)


def _m(**kw) -> dict:
    return dict(dict(id="road", name_zh="通车", name_en="", battle="b", kind="milestone", comparator="equal",
                     frequency="once", source="s"), **kw)


PLAN = {"plan": {"id": "p", "year": 2024},
        "indicators": [_g(to_be_set=["target"]), _g(id="done", target=7, stated="7%"), _m(to_be_set=["due"]),
                       _m(id="road2", due="2024-06-30")]}
HINT = "change a decided target in targets.yaml by hand; `liupi plan fill` is for the workspace `liupi plan next` made"


def test_what_is_marked_is_set_and_what_is_decided_already_is_unchanged():
    plan = copy.deepcopy(PLAN)
    res = apply_fill(plan, [FillCell(2, "gdp", "8%", ""), FillCell(3, "done", "7", ""),
                            FillCell(4, "road", "", "2024年9月底前"), FillCell(5, "nope", "1", ""),
                            FillCell(6, "road2", "", "2024-06-30")], "f.csv")
    assert (res.set, res.unchanged, res.unknown, res.problems) == (["gdp", "road"], ["done", "road2"], ["nope"], [])
    gdp, done, road, road2 = plan["indicators"]
    assert gdp == _g(target=8, stated="8%") and "to_be_set" not in gdp
    assert road == _m(due=dt.date(2024, 9, 30))
    assert (done, road2) == (PLAN["indicators"][1], PLAN["indicators"][3])


def test_a_row_changing_what_is_decided_is_refused_and_nothing_changes():
    plan = copy.deepcopy(PLAN)
    res = apply_fill(plan, [FillCell(2, "gdp", "8%", ""), FillCell(3, "done", "9%", ""),
                            FillCell(6, "road2", "", "2024-08-30")], "f.csv")
    assert res.problems == [
        FillProblem(3, "f.csv:3: done: its target is already decided (7%): the table fills only what is marked to "
                       "be set", HINT, "done: its target is already decided (7%): the table fills only what is "
                                       "marked to be set"),
        FillProblem(6, "f.csv:6: road2: its due is already decided (2024-06-30): the table fills only what is "
                       "marked to be set", HINT, "road2: its due is already decided (2024-06-30): the table fills "
                                             "only what is marked to be set")]
    assert res.set == [] and plan == PLAN


def test_a_milestone_with_its_target_still_to_set_keeps_that_mark():
    plan = {"plan": {"year": 2024}, "indicators": [_m(to_be_set=["due"], target=3)]}
    plan["indicators"][0]["to_be_set"] = ["due", "target"]
    res = apply_fill(plan, [FillCell(2, "road", "", "2024-10-31")], "f.csv")
    assert res.set == ["road"] and plan["indicators"][0]["to_be_set"] == ["target"]


@pytest.mark.parametrize("years,said,other", [(["2023", "2022"], "2022, 2023", "2022"), (["2025"], "2025", "2025")])
def test_a_table_for_another_year_is_refused_whole(years, said, other):
    cells = [FillCell(k, "gdp", "8%", "", y) for k, y in enumerate(years, 2)] + [FillCell(9, "gdp", "8%", "", "2024")]
    with pytest.raises(InputRefused) as exc:
        apply_fill(copy.deepcopy(PLAN), cells, "f.csv")
    assert (exc.value.message, exc.value.hint) == (
        f"f.csv is for {said}, but this plan is for 2024: nothing was changed",
        f"run it in the {other} workspace that `liupi plan next --year {other}` made")
