"""A task list imported into a plan with no battles becomes battle number 1, the next one number 2; a list's
lead unit is the one most of its tasks name first."""

from __future__ import annotations

from liupi_cli.plan_import.build import build
from liupi_cli.plan_import.outline import RawTask, TaskList


def _list(n: int, lead: str) -> TaskList:
    return TaskList(source=f"l{n}.csv", label=f"附件{n}", title=f"第{n}项重点工作任务清单", ref=f"l{n}.csv:1",
                    tasks=[RawTask(path=[1], source_path="1", title=f"任务{n}", ref=f"l{n}.csv:2", lead=lead),
                           RawTask(path=[2], source_path="2", title=f"任务{n}b", ref=f"l{n}.csv:3", lead=lead)])


def test_the_first_battle_of_an_empty_plan_is_number_one():
    out = build([_list(1, "县交通运输局"), _list(2, "县财政局")], [], [], [], 2024, None)
    assert [(b["id"], b["number"]) for b in out.battles] == [("b1", 1), ("b2", 2)]
    assert [b["lead_unit"] for b in out.battles] == ["jtysj", "czj"]
