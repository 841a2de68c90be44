"""A list imported again: it goes back to the battle it was given before (not a new one) even when its title
changed, lists.yaml keeps that battle, and a task with no lead unit is named in the review by its id."""

from __future__ import annotations

from liupi_cli.models import Battle
from liupi_cli.plan_import.build import ReviewItem, build
from liupi_cli.plan_import.lists import ListEntry, read_entries
from liupi_cli.plan_import.outline import RawTask, TaskList

BATTLES = [Battle(id="roads", number=1, name_zh="交通", name_en="", lead_unit="jtj", source="附件1"),
           Battle(id="other", number=2, name_zh="其他", name_en="", lead_unit="jtj", source="附件2")]


def _list() -> TaskList:
    return TaskList(source="a.csv", label="附件3", title="全新的标题任务清单", ref="a.csv:1",
                    tasks=[RawTask(path=[1], source_path="1", title="修建道路", ref="a.csv:2", lead="", resp="")])


def test_a_list_imported_again_goes_to_the_battle_it_was_given_before():
    again = build([_list()], [], list(BATTLES), [], 2024, None, owned=["roads"])
    assert [t["battle"] for t in again.tasks] == ["roads"] and again.battles == []
    first = build([_list()], [], list(BATTLES), [], 2024, None, owned=[None])
    assert [(b["id"], b["number"]) for b in first.battles] == [("b1", 3)]


def test_a_task_with_no_lead_unit_is_named_in_the_review():
    out = build([_list()], [], list(BATTLES), [], 2024, None, owned=["roads"])
    assert ReviewItem("a.csv:2", "no lead unit (牵头单位 empty): name one", "a3.1") in out.review


def test_lists_yaml_keeps_the_battle_a_list_went_to():
    entry = ListEntry("l3", "a.csv", "附件3", "全新的标题任务清单", 1, "roads")
    (back,) = read_entries({"lists": [entry.as_yaml()]})
    assert (back.id, back.file, back.label, back.title, back.battle) == ("l3", "a.csv", "附件3", "全新的标题任务清单",
                                                                         "roads")
