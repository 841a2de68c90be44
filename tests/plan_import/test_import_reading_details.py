"""Details of reading a task list: outline numbers past twenty in Chinese, a 双下降 target made into its two
counts with their names, a target's subject kept whole, and a paragraph under a heading (not under a task)
added to no task."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.build import build
from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.numbering import int_to_cn
from liupi_cli.plan_import.outline import RawTask, TaskList
from liupi_cli.plan_import.paragraphs import read_paragraphs


@pytest.mark.parametrize("n,cn", [(1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
                                  (35, "三十五"), (99, "九十九")])
def test_outline_numbers_in_chinese(n, cn):
    assert int_to_cn(n) == cn


def _indicators(goal: str):
    tl = TaskList(source="a.csv", label="附件1", title="安全生产重点工作任务清单", ref="a.csv:1",
                  tasks=[RawTask(path=[1], source_path="1", title="抓好安全生产", ref="a.csv:2", lead="县应急管理局",
                                 goal=goal, text=goal)])
    return build([tl], [], [], [], 2024, None).indicators


def test_a_double_decline_target_becomes_its_two_counts_each_named():
    made = _indicators("生产安全事故起数和死亡人数实现“双下降”")
    got = [(i["id"], i["unit"], i["name_zh"], i["group"]) for i in made]
    assert got == [("a1.1.i1.events", "起", "抓好安全生产事故起数", "a1.1.i1"),
                   ("a1.1.i1.deaths", "人", "抓好安全生产死亡人数", "a1.1.i1")]


def test_a_target_s_subject_in_latin_letters_is_kept_whole():
    assert [i["name_zh"] for i in _indicators("全县XR产业产值增长10%")] == ["XR产业产值"]


def test_a_paragraph_under_a_heading_joins_no_task():
    texts = ["一、县财政局牵头重点工作", "注：以下任务按季度报送进展。",
             "1.加强财政收入征管。责任单位：县财政局、县税务局。完成时限：2024年12月底前。",
             "二、其他工作", "（补充说明）", "1.优化支出结构。责任单位：县财政局。"]
    tl = TaskList(source="a.docx", label=None, title=None, ref="a.docx")
    read_paragraphs(tl, [Row([t], f"p{i}", paragraph=True) for i, t in enumerate(texts)])
    assert [(t.title, t.resp, t.refs, t.section) for t in tl.tasks] == [
        ("加强财政收入征管", "县财政局、县税务局", ["p2"], "县财政局牵头重点工作"),
        ("优化支出结构", "县财政局", ["p5"], "其他工作")]
