"""Which battle an imported list's tasks go to: the one --battle names (by id, number or name) or a new one
of that id, else the battle whose 附件 number or name the list carries, else a new battle named from the
list's title (the county and the 任务清单 words left out) or, for a list that names itself nothing, 任务清单
and its place; and the plan year guessed from the deadlines when nothing gives it, said in the review."""

from __future__ import annotations

import pytest

from liupi_cli.models import Battle
from liupi_cli.plan_import.build import build
from liupi_cli.plan_import.outline import RawTask, TaskList

BATTLES = [Battle(id="roads", number=1, name_zh="交通", name_en="", lead_unit="jtj", source="附件1",
                  attachment="附件1"),
           Battle(id="edu", number=2, name_zh="教育强县", name_en="", lead_unit="jyj", source="附件2")]


def _tl(label: str | None, title: str | None, deadline: str = "2024年6月底前", lead: str = "县交通局") -> TaskList:
    return TaskList("a.csv", label, title, "a.csv line 1",
                    tasks=[RawTask(path=[1], source_path="1", title="修路", ref="a.csv line 2", lead=lead,
                                   deadline=deadline)])


@pytest.mark.parametrize("given", ["edu", "2", "教育强县"])
def test_a_battle_named_by_id_number_or_name_takes_the_list(given):
    out = build([_tl("附件1", "x")], [], list(BATTLES), [], 2024, given)
    assert out.tasks[0]["battle"] == "edu" and out.battles == []


def test_a_battle_named_that_the_plan_lacks_is_made_with_that_id():
    out = build([_tl("附件1", "交通任务清单")], [], list(BATTLES), [], 2024, "bridges")
    assert out.battles == [{"id": "bridges", "number": 3, "name_zh": "交通", "name_en": "", "lead_unit": "jtj",
                            "attachment": "附件1", "source": "附件1"}]
    said = [r.message for r in out.review if r.message.startswith("new battle")]
    assert said == ["new battle bridges (交通) for this list: check its id, name_en and lead unit (jtj, the unit "
                    "leading most tasks)"]


@pytest.mark.parametrize("label,title,battle", [("附件1", "x", "roads"), ("附件1-3", "x", "roads"),
                                                ("附件12", "x", None), (None, "某县教育强县任务清单", "edu")])
def test_a_list_goes_to_the_battle_its_number_or_name_says(label, title, battle):
    out = build([_tl(label, title)], [], list(BATTLES), [], 2024, None)
    assert out.tasks[0]["battle"] == (battle or "b1")


@pytest.mark.parametrize("title,label,name", [
    ("双牌县打好交通任务清单", None, "打好交通"),
    ("某县2024年优化营商环境重点任务清单", None, "优化营商环境"),
    (None, "附件5", "附件5"),
    (None, None, "任务清单1"),
])
def test_a_new_battle_is_named_from_the_list(title, label, name):
    out = build([_tl(label, title)], [], [], [], 2024, None)
    (b,) = out.battles
    assert (b["id"], b["number"], b["name_zh"]) == ("b1", 1, name)
    assert b["source"] == (label or "a.csv line 1")


def test_untitled_lists_are_named_by_their_place():
    out = build([_tl(None, None), _tl(None, None, lead="县教育局")], [], [], [], 2024, None)
    assert [(b["id"], b["name_zh"], b["lead_unit"]) for b in out.battles] == [("b1", "任务清单1", "jtj"),
                                                                             ("b2", "任务清单2", "jyj")]


def test_a_list_with_no_lead_unit_gets_a_battle_to_be_decided():
    out = build([_tl(None, "交通任务清单", lead="")], [], [], [], 2024, None)
    assert out.battles[0]["lead_unit"] == "tbd"


def test_the_year_the_deadlines_name_most_is_the_plan_year_said_in_the_review():
    lists = [_tl(None, None, "2023年12月底前"), _tl(None, None, "2023年6月底前"), _tl(None, None, "2024年1月底前")]
    out = build(lists, [], [], [], None, None)
    assert out.year == 2023
    assert (out.review[0].ref, out.review[0].message) == (
        "a.csv line 1", "plan year not given: 2023 (the year the document names most); pass --year to set it")
    assert build([_tl(None, None, "长期坚持")], [], [], [], None, None).year is None
