"""How a task table's columns reach the plan: a 备注 cell is the task's note (never part of its title), a
工作事项 under one 序号 joins the group's title only when the group has several, a 进展情况 cell is kept as a
note, and every reading of a column the import was unsure of is one review line naming the first row under
the header."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from liupi_cli.plan_import import import_plan


def _csv(folder: Path, rows: list[tuple], name: str = "清单.csv") -> Path:
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _import(folder: Path, rows: list[tuple], **kw):
    return import_plan([_csv(folder, rows)], folder / "plan", year=2024, **kw)


def _tasks(result) -> dict[str, dict]:
    return {t["id"]: t for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]}


def _review(result) -> list[tuple[str, str, str | None]]:
    return [(r.ref, r.message, r.task) for r in result.review]


HEAD = ("某县2024年重点工作任务清单",)


def test_a_note_column_is_the_task_s_note_and_never_its_title(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("工作任务", "牵头单位", "完成时限", "备注"),
        ("一、稳增长", "", "", ""),
        ("1.推进项目建设", "县发改局", "2024年6月底前", "省级考核"),
        ("2.促进消费", "县商务局", "长期坚持", "市级考核"),
        ("3.办好民生实事", "县民政局", "长期坚持", ""),
    ])
    got = [(t["title_zh"], t.get("note")) for t in _tasks(result).values()]
    assert got == [("推进项目建设", "省级考核"), ("促进消费", "市级考核"), ("办好民生实事", None)]


def test_items_under_one_number_join_its_title_and_keep_their_own_notes(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("序号", "工作任务", "工作事项", "牵头单位", "完成时限", "备注"),
        ("1", "推进项目建设", "（1）新开工项目20个", "县发改局", "2024年6月底前", "重点"),
        ("", "", "（2）竣工项目10个", "县住建局", "2024年12月底前", ""),
        ("2", "促进消费", "举办促消费活动", "县商务局", "长期坚持", "市级考核"),
    ])
    tasks = _tasks(result)
    got = [(i, t["title_zh"], t.get("note")) for i, t in tasks.items()]
    assert got == [
        ("zdgzrw.1.1", "推进项目建设：新开工项目20个", "重点"),
        ("zdgzrw.1.2", "推进项目建设：竣工项目10个", None),
        ("zdgzrw.2.1", "促进消费", "市级考核"),  # one item under 2: the group's title alone
    ]
    assert tasks["zdgzrw.2.1"]["summary"] == "举办促消费活动"
    assert tasks["zdgzrw.1.2"]["summary"] == "竣工项目10个"


def test_a_progress_column_is_kept_before_the_note_and_said_once_in_the_review(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("序号", "工作任务", "牵头单位", "完成时限", "进展情况", "备注"),
        ("1", "推进项目建设", "县发改局", "2024年6月底前", "已开工5个", "重点"),
        ("2", "促进消费", "县商务局", "长期坚持", "", ""),
    ])
    tasks = _tasks(result)
    assert tasks["zdgzrw.1"]["note"] == "进展情况：已开工5个；重点"
    assert "note" not in tasks["zdgzrw.2"]
    notes = [r for r in _review(result) if "进展情况" in r[1]]
    assert notes == [("清单.csv line 3", "进展情况 column read as progress notes only; record progress with "
                      "`liupi task`", None)]


def test_without_a_lead_column_the_first_responsible_unit_leads_said_at_the_first_row(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("序号", "工作任务", "责任单位", "完成时限"),
        ("1", "推进项目建设", "县发改局、县住建局", "2024年6月底前"),
        ("2", "促进消费", "县商务局", "长期坚持"),
    ])
    tasks = _tasks(result)
    assert (tasks["zdgzrw.1"]["lead_units"], tasks["zdgzrw.1"]["responsible_units"]) == (["fgj"], ["zjj"])
    assert tasks["zdgzrw.2"]["lead_units"] == ["swj"] and "responsible_units" not in tasks["zdgzrw.2"]
    notes = [r for r in _review(result) if "牵头单位 column" in r[1]]
    assert notes == [("清单.csv line 3", "no 牵头单位 column: the first unit named under 责任单位 is taken as "
                      "the lead", None)]


def test_with_a_lead_column_an_empty_lead_is_asked_for_not_taken_from_the_responsible(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("序号", "工作任务", "牵头单位", "责任单位", "完成时限"),
        ("1", "推进项目建设", "", "县发改局、县住建局", "2024年6月底前"),
    ])
    t = _tasks(result)["zdgzrw.1"]
    assert "lead_units" not in t and t["responsible_units"] == ["fgj", "zjj"]
    assert ("清单.csv line 3", "no lead unit (牵头单位 empty): name one", "zdgzrw.1") in _review(result)
    assert not [r for r in _review(result) if "牵头单位 column" in r[1]]


def test_a_row_before_the_first_task_is_skipped_and_quoted_to_sixty_characters(tmp_path):
    words = ("说明：本表按月更新，各单位于每月二十五日前报送进展情况，"
             "逾期未报的由县督查室通报并纳入年度考核，请各单位认真对照落实，确保各项任务按期完成")
    assert len(words) > 61
    result = _import(tmp_path, [
        HEAD,
        ("序号", "工作任务", "牵头单位", "完成时限"),
        ("", words, "", ""),
        ("1", "推进项目建设", "县发改局", "2024年6月底前"),
    ])
    skipped = [r for r in _review(result) if r[1].startswith("row before")]
    assert skipped == [("清单.csv line 3", "row before the first numbered task skipped: " + words[:60], None)]
    assert list(_tasks(result)) == ["zdgzrw.1"]


def test_a_row_without_a_number_adds_to_the_task_above_and_says_which(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("工作任务", "具体措施", "牵头单位", "完成时限"),
        ("一、稳增长", "", "", ""),
        ("1.推进项目建设", "新开工项目20个", "县发改局", ""),
        ("", "竣工项目10个", "", "2024年12月底前"),
        ("2.促进消费", "举办活动", "县商务局", "长期坚持"),
    ])
    tasks = _tasks(result)
    t = tasks["zdgzrw.1.1"]
    assert t["summary"] == "新开工项目20个；竣工项目10个"
    assert t["deadline_text"] == "2024年12月底前"  # the cell the task's own row left empty
    assert tasks["zdgzrw.1.2"]["summary"] == "举办活动"
    assert ("清单.csv line 5", "row has no number of its own: read as part of the task above (一.1)", None) \
        in _review(result)
    raw = result.lists[0].tasks[0]
    assert raw.refs == ["清单.csv line 4", "清单.csv line 5"]
    assert (raw.path, raw.source_path, raw.title, raw.section) == ([1, 1], "一.1", "推进项目建设", "稳增长")


def test_a_continuation_row_does_not_overwrite_a_cell_the_task_has(tmp_path):
    result = _import(tmp_path, [
        HEAD,
        ("工作任务", "具体措施", "牵头单位", "完成时限"),
        ("1.推进项目建设", "新开工项目20个", "县发改局", "2024年6月底前"),
        ("", "竣工项目10个", "县住建局", "2024年12月底前"),
    ])
    t = _tasks(result)["zdgzrw.1"]
    assert (t["lead_units"], t["deadline_text"]) == (["fgj"], "2024年6月底前")
    assert t["summary"] == "新开工项目20个；竣工项目10个"
