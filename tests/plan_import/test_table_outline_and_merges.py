"""A task table's outline and merged cells: numbered measures below a heading are tasks of their own, measures
numbered like the tasks stay the task's text, a numbered 工作事项 opens a level under its task while an
unnumbered one is the task's text, and cells merged down from the row above are taken and said in the
review (which ones, at which row)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import yaml

from liupi_cli.plan_import import import_plan

TITLE = ("某县2024年重点工作任务清单",)


def _csv(folder: Path, rows: list[tuple]):
    path = folder / "清单.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([TITLE, *rows])
    return import_plan([path], folder / "plan", year=2024)


def _raw(result) -> list[tuple]:
    return [(t.path, t.source_path, t.title, t.text, t.section) for tl in result.lists for t in tl.tasks]


def test_measures_numbered_like_the_tasks_stay_each_task_s_text(tmp_path):
    result = _csv(tmp_path, [
        ("工作任务", "具体措施", "牵头单位", "完成时限"),
        ("1.推进项目建设", "1.新开工项目20个。2.竣工项目10个", "县发改局", "2024年6月底前"),
        ("2.促进消费", "举办活动", "县商务局", "长期坚持"),
    ])
    assert _raw(result) == [([1], "1", "推进项目建设", "1.新开工项目20个。2.竣工项目10个", None),
                            ([2], "2", "促进消费", "举办活动", None)]


def test_measures_numbered_below_a_heading_are_tasks_of_their_own(tmp_path):
    result = _csv(tmp_path, [
        ("工作任务", "具体措施", "牵头单位", "完成时限"),
        ("一、推进项目建设", "", "", ""),
        ("", "1.新开工项目20个", "县发改局", "2024年6月底前"),
        ("", "2.竣工项目10个", "县住建局", "长期坚持"),
        ("二、促进消费", "", "", ""),
        ("", "1.举办活动", "县商务局", "长期坚持"),
    ])
    assert _raw(result) == [([1, 1], "一.1", "新开工项目20个", "", "推进项目建设"),
                            ([1, 2], "一.2", "竣工项目10个", "", "推进项目建设"),
                            ([2, 1], "二.1", "举办活动", "", "促进消费")]
    tasks = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    assert [(t["id"], t["section"], t["lead_units"]) for t in tasks] == [
        ("zdgzrw.1.1", "推进项目建设", ["fgj"]), ("zdgzrw.1.2", "推进项目建设", ["zjj"]),
        ("zdgzrw.2.1", "促进消费", ["swj"])]


def test_a_numbered_item_opens_a_level_and_an_unnumbered_one_is_the_task_s_text(tmp_path):
    result = _csv(tmp_path, [
        ("工作任务", "工作事项", "牵头单位", "完成时限"),
        ("1.推进项目建设", "新开工项目20个", "县发改局", "2024年6月底前"),
        ("2.促进消费", "（1）举办活动", "县商务局", "长期坚持"),
        ("", "（2）发放消费券", "县商务局", "长期坚持"),
        ("3.办实事", "新建书房", "县文旅局", "长期坚持"),
    ])
    assert _raw(result) == [([1], "1", "推进项目建设", "新开工项目20个", None),
                            ([2, 1], "2(1)", "举办活动", "", "促进消费"),
                            ([2, 2], "2(2)", "发放消费券", "", "促进消费"),
                            ([3], "3", "办实事", "新建书房", None)]
    assert [t["id"] for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]] == [
        "zdgzrw.1", "zdgzrw.2.1", "zdgzrw.2.2", "zdgzrw.3"]


def test_a_table_that_numbers_nothing_numbers_its_rows_and_says_so_at_the_first(tmp_path):
    result = _csv(tmp_path, [
        ("重点任务", "牵头单位", "完成时间"),
        ("修缮县城排水管网", "县住建局", "2024年10月底前"),
        ("", "", "2024年11月底前"),
        ("建设智慧停车场", "县城管局", "2024年12月底前"),
    ])
    assert [(t.path, t.title, t.deadline, t.refs) for tl in result.lists for t in tl.tasks] == [
        ([1], "修缮县城排水管网", "2024年10月底前", ["清单.csv line 3", "清单.csv line 4"]),
        ([2], "建设智慧停车场", "2024年12月底前", ["清单.csv line 5"])]
    assert [r for r in result.lists[0].notes if "numbers no task" in r[1]] == [
        ("清单.csv line 3", "the table numbers no task: tasks numbered by row, in order")]


def _merged_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    for r in [TITLE, ("序号", "工作任务", "工作事项", "牵头单位", "责任单位", "完成时限", "类型"),
              (1, "推进项目建设", "新开工项目20个", "县发改局", "县财政局", "2024年6月底前", "重点"),
              (None, None, "竣工项目10个", None, None, "2024年12月底前", None),
              (2, "促进消费", "举办活动", "县商务局", "县财政局", "长期坚持", "一般"),
              (3, "办实事", "新建书房", "县文旅局", "县财政局", "长期坚持", "一般")]:
        ws.append(list(r))
    for m in ["A3:A4", "B3:B4", "D3:D4", "E3:E4", "G3:G4", "E5:E6"]:
        ws.merge_cells(m)
    wb.save(str(path))
    return path


def test_cells_merged_down_are_taken_from_the_row_above_and_said_in_the_review(tmp_path):
    result = import_plan([_merged_xlsx(tmp_path / "m.xlsx")], tmp_path / "plan", year=2024)
    tasks = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    got = [(t["id"], t["title_zh"], t["lead_units"], t["responsible_units"], t["deadline_text"], t["category"])
           for t in tasks]
    assert got == [
        ("zdgzrw.1.1", "推进项目建设：新开工项目20个", ["fgj"], ["czj"], "2024年6月底前", "重点"),
        ("zdgzrw.1.2", "推进项目建设：竣工项目10个", ["fgj"], ["czj"], "2024年12月底前", "重点"),
        ("zdgzrw.2.1", "促进消费", ["swj"], ["czj"], "长期坚持", "一般"),
        ("zdgzrw.3.1", "办实事", ["wlj"], ["czj"], "长期坚持", "一般"),
    ]
    said = [(r.ref, r.message, r.task) for r in result.review if r.message.startswith("empty or merged")]
    assert said == [
        ("m.xlsx 清单!row 4", "empty or merged cell(s) lead, category, resp taken from the row above", "zdgzrw.1.2"),
        ("m.xlsx 清单!row 6", "empty or merged cell(s) resp taken from the row above", "zdgzrw.3.1"),
    ]


def test_a_sub_row_under_one_number_takes_its_empty_cells_from_the_row_above(tmp_path):
    result = _csv(tmp_path, [
        ("序号", "工作任务", "工作事项", "牵头单位", "完成时限", "类型"),
        ("1", "推进项目建设", "新开工项目20个", "县发改局", "2024年6月底前", "重点"),
        ("", "", "竣工项目10个", "", "", ""),
        ("", "", "完善项目库", "县住建局", "长期坚持", "一般"),
    ])
    got = [(t.path, t.lead, t.deadline, t.category, t.inherited) for tl in result.lists for t in tl.tasks]
    assert got == [([1, 1], "县发改局", "2024年6月底前", "重点", []),
                   ([1, 2], "县发改局", "2024年6月底前", "重点", ["lead", "deadline", "category"]),
                   ([1, 3], "县住建局", "长期坚持", "一般", [])]


def test_two_columns_numbered_alike_read_the_task_column_as_the_level_above(tmp_path):
    result = _csv(tmp_path, [
        ("工作任务", "工作事项", "牵头单位", "完成时限"),
        ("1.推进项目建设", "1.新开工项目20个", "县发改局", "2024年6月底前"),
        ("", "2.竣工项目10个", "县住建局", "长期坚持"),
        ("2.促进消费", "1.举办活动", "县商务局", "长期坚持"),
    ])
    assert [(p, s, t, sec) for p, s, t, _, sec in _raw(result)] == [
        ([1, 1], "一.1", "新开工项目20个", "推进项目建设"), ([1, 2], "一.2", "竣工项目10个", "推进项目建设"),
        ([2, 1], "二.1", "举办活动", "促进消费")]
    said = "numbers a heading in a column that uses another style: read as that column's level"
    assert result.lists[0].notes == [("清单.csv line 3", f"'1.' {said}"), ("清单.csv line 5", f"'2.' {said}")]


def test_items_under_a_number_below_a_heading_keep_the_heading_as_their_section(tmp_path):
    result = _csv(tmp_path, [
        ("序号", "工作任务", "工作事项", "牵头单位", "完成时限"),
        ("", "一、稳增长", "", "", ""),
        ("1", "推进项目建设", "新开工项目20个", "县发改局", "2024年6月底前"),
        ("", "", "竣工项目10个", "县住建局", "2024年12月底前"),
    ])
    assert [(t.path, t.title, t.section) for tl in result.lists for t in tl.tasks] == [
        ([1, 1, 1], "推进项目建设：新开工项目20个", "稳增长"), ([1, 1, 2], "推进项目建设：竣工项目10个", "稳增长")]


def test_line_breaks_in_a_measures_cell_stay_between_its_measures(tmp_path):
    result = _csv(tmp_path, [
        ("工作任务", "具体措施", "牵头单位", "完成时限"),
        ("1.推进项目建设", "新开工项目20个\n竣工项目10个", "县发改局", "2024年6月底前"),
    ])
    assert result.lists[0].tasks[0].text == "新开工项目20个\n竣工项目10个"
    assert yaml.safe_load(result.files["tasks.yaml"])["tasks"][0]["summary"] == "新开工项目20个；竣工项目10个"
