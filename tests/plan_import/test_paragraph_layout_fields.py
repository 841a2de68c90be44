"""The numbered-paragraph layout read field by field: each task's place in the outline (一.1 in the plan's
source), its title and the rest of its text, its keyed fields (several 责任单位 keys joined, the fields in the
paragraphs after it), who leads written as a sentence (部门分工：…牵头，…配合 / （…牵头，…负责）), and the
section's heading read as a lead unit or as a leader's post."""

from __future__ import annotations

import docx
import pytest
import yaml

from liupi_cli.plan_import import import_plan
from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.outline import TaskList
from liupi_cli.plan_import.paragraphs import read_paragraphs

LINES = [
    "附件1",
    "某县2024年重点工作任务分解",
    "一、县财政局牵头重点工作",
    "1.深化预算管理制度改革。推进零基预算。责任单位：县财政局、县税务局。配合单位：县审计局。完成时限：2024年6月底前。",
    "2.加强国有资产管理。部门分工：县财政局牵头，县国资中心配合。",
    "二、张某某县长主抓重点工作",
    "1.推进乡村振兴（县农业农村局牵头，各乡镇按职责分工负责）",
    "2.抓好安全生产。",
    "责任单位：县应急局",
    "时间节点：长期坚持",
]


def _read(lines: list[str]) -> TaskList:
    tl = TaskList(source="p.docx", label="附件1", title=None, ref="p1")
    read_paragraphs(tl, [Row([t], f"p{i}", paragraph=True) for i, t in enumerate(lines, 1)])
    return tl


def test_each_task_s_fields_from_its_paragraph_and_the_ones_after_it():
    got = [(t.path, t.source_path, t.title, t.text, t.section, t.section_lead, t.lead, t.resp, t.leader,
            t.deadline, t.lead_from_resp, t.refs) for t in _read(LINES).tasks]
    assert got == [
        ([1, 1], "一.1", "深化预算管理制度改革", "推进零基预算。", "县财政局牵头重点工作", "县财政局", "",
         "县财政局、县税务局、县审计局", "", "2024年6月底前", True, ["p4"]),
        ([1, 2], "一.2", "加强国有资产管理", "", "县财政局牵头重点工作", "县财政局", "县财政局", "县国资中心", "",
         "", False, ["p5"]),
        ([2, 1], "二.1", "推进乡村振兴", "", "张某某县长主抓重点工作", None, "县农业农村局", "各乡镇",
         "张某某县长", "", False, ["p7"]),
        ([2, 2], "二.2", "抓好安全生产", "", "张某某县长主抓重点工作", None, "", "县应急局", "张某某县长",
         "长期坚持", True, ["p8", "p9", "p10"]),
    ]


def test_the_plan_names_each_task_by_its_list_and_its_place_in_the_outline(tmp_path):
    d = docx.Document()
    for line in LINES:
        d.add_paragraph(line)
    d.save(str(tmp_path / "p.docx"))
    result = import_plan([tmp_path / "p.docx"], tmp_path / "plan", year=2024)
    tasks = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    assert [(t["id"], t["source"], t.get("section_lead"), t.get("note")) for t in tasks] == [
        ("a1.1.1", "附件1 一.1", "czj", None),
        ("a1.1.2", "附件1 一.2", "czj", None),
        ("a1.2.1", "附件1 二.1", None, "牵头领导：张某某县长"),
        ("a1.2.2", "附件1 二.2", None, "牵头领导：张某某县长"),
    ]
    first = tasks[0]
    assert (first["lead_units"], first["responsible_units"], first["summary"]) == (["czj"], ["swj", "sjj"],
                                                                                 "推进零基预算。")
    assert tasks[2]["responsible_others"] == "各乡镇"


def test_a_task_outside_any_heading_has_no_section():
    (t,) = _read(["1.修建道路。牵头单位：县交通局。"]).tasks
    assert (t.path, t.source_path, t.section, t.section_lead, t.lead, t.lead_from_resp) == (
        [1], "1", None, None, "县交通局", False)


@pytest.mark.parametrize("heading,section_lead,leader", [
    ("一、县财政局牵头重点工作", "县财政局", ""),
    ("一、县财政局总牵头的重点任务", "县财政局", ""),
    ("一、王某某副县长分管工作", None, "王某某副县长"),
    ("一、李某某同志联系重点工作", None, "李某某同志"),
    ("一、稳增长", None, ""),
])
def test_a_section_heading_names_a_lead_unit_or_a_leader(heading, section_lead, leader):
    (t,) = _read([heading, "1.修建道路。责任单位：县交通局。"]).tasks
    assert (t.section_lead, t.leader) == (section_lead, leader)
    assert t.section == heading[2:]


def test_a_task_s_own_leader_is_not_replaced_by_the_section_s():
    (t,) = _read(["一、张某某县长主抓重点工作", "1.修建道路。牵头领导：李某某。责任单位：县交通局。"]).tasks
    assert t.leader == "李某某"


def test_the_text_after_a_field_s_value_stays_the_task_s_text():
    (t,) = _read(["1.修建道路。责任单位：县交通局。全年完成20公里。完成时间：2024年10月底前"]).tasks
    assert (t.title, t.resp, t.deadline, t.text) == ("修建道路", "县交通局", "2024年10月底前", "全年完成20公里。")


def test_paragraphs_with_no_fields_at_all_are_no_tasks():
    assert _read(["一、稳增长", "1.修建道路。", "2.维修桥梁。"]).tasks == []


def test_an_unnumbered_paragraph_before_any_task_is_dropped():
    tl = _read(["说明：责任单位：各乡镇。", "1.修建道路。责任单位：县交通局。"])
    assert [(t.resp, t.refs) for t in tl.tasks] == [("县交通局", ["p2"])]


def test_who_shares_the_work_is_read_without_the_punctuation_around_it():
    (t,) = _read(["1.加强国有资产管理。部门分工：县财政局牵头，县国资中心，按职责分工负责。"]).tasks
    assert (t.lead, t.resp, t.title) == ("县财政局", "县国资中心", "加强国有资产管理")
