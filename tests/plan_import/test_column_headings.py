"""Column headings as task lists write them (spaces inside, a word or two added) and the role each names; a
row is a table's header only when it names a task column and a unit, leader or date column."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.headings import header_of, heading_role


@pytest.mark.parametrize("text,role", [
    ("序号", "no"), ("编号", "no"), ("工 作 任 务", "task"), ("重点工作任务", "task"), ("工作事项", "item"),
    ("具体措施及要求", "measures"), ("工作举措及实施计划", "measures"), ("工作目标", "goal"), ("牵头单位", "lead"),
    ("牵头责任单位", "lead"), ("责任单位（配合）", "resp"), ("配合单位", "resp"), ("召集人", "leader"),
    ("完成时限", "deadline"), ("时限", "deadline"), ("类别", "category"), ("进展情况", "progress"), ("备注", "note"),
    ("这是一段很长很长的说明文字不是标题", None), ("", None), ("县交通局", None), ("牵头单位及其他有关配合单位", None),
])
def test_a_heading_s_role(text, role):
    assert heading_role(text) == role


@pytest.mark.parametrize("cells,roles", [
    (["序号", "工作任务", "牵头单位"], ["no", "task", "lead"]),
    (["工作目标", "责任领导"], ["goal", "leader"]),
    (["具体措施", "完成时限", "说明"], ["measures", "deadline", None]),
    (["序号", "工作任务", "备注"], None),  # no unit, leader or date column
    (["序号", "牵头单位", "完成时限"], None),  # no task column
    (["工作任务"], None),
])
def test_a_header_row_names_a_task_column_and_a_unit_or_date_column(cells, roles):
    cols = header_of(Row(cells, "r"))
    assert (cols.roles if cols else None) == roles
