"""Each imported task list's id namespace: a list imported before (same 附件 label and title, or the same file
when it names itself neither) finds its namespace again, a new list never takes one another list or the plan's
tasks hold (base-2, base-3…), --list-id names one list (numbered when the import holds several), and the
plan year is the one the titles state, not a date's year."""

from __future__ import annotations

from collections import Counter

import pytest

from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.plan_import.lists import ListEntry, assign, core_title, merged_entries, title_years
from liupi_cli.plan_import.outline import RawTask, TaskList


def _tl(label: str | None, title: str | None, source: str = "docs/清单.docx", tasks: int = 1) -> TaskList:
    raw = [RawTask(path=[k], source_path=str(k), title="t", ref="r") for k in range(1, tasks + 1)]
    return TaskList(source=source, label=label, title=title, ref="r", tasks=raw)


def _ids(entries: list[ListEntry]) -> list[str]:
    return [e.id for e in entries]


def test_each_new_list_names_itself_from_its_label_or_title():
    lists = [_tl("附件2-1", "交通任务清单"), _tl(None, "某县2024年优化营商环境重点任务清单"), _tl(None, None)]
    entries = assign(lists, [], set(), None)
    assert _ids(entries) == ["a2-1", "yhyshj", "l3"]
    assert [(e.file, e.label, e.title, e.tasks, e.battle) for e in entries][0] == (
        "清单.docx", "附件2-1", "交通任务清单", 1, None)


def test_a_single_list_that_names_itself_nothing_is_t():
    assert _ids(assign([_tl(None, None)], [], set(), None)) == ["t"]


def test_a_namespace_held_already_is_never_taken_again():
    known = [ListEntry("a2", "old.docx", "附件2", "别的清单")]
    entries = assign([_tl("附件2", "新的清单"), _tl("附件2", "又一个清单")], known, {"a2-2"}, None)
    assert _ids(entries) == ["a2-3", "a2-4"]


def test_the_same_list_again_finds_its_namespace_and_battle():
    known = [ListEntry("jt", "old.docx", "附件1", "交通任务清单", battle="roads"),
             ListEntry("jy", "old.docx", "附件2", "教育任务清单", battle="schools")]
    entries = assign([_tl("附件2", "教育任务清单", "new.docx"), _tl("附件1", "交通任务清单")], known, {"jt", "jy"},
                     None)
    assert [(e.id, e.battle, e.file) for e in entries] == [("jy", "schools", "new.docx"), ("jt", "roads", "清单.docx")]


def test_a_list_naming_itself_nothing_is_known_again_by_its_file_only():
    known = [ListEntry("t", "清单.docx", None, None)]
    assert _ids(assign([_tl(None, None)], known, {"t"}, None)) == ["t"]
    assert _ids(assign([_tl(None, None, "docs/另一个.docx")], known, {"t"}, None)) == ["t-2"]
    titled = [ListEntry("x", "清单.docx", None, "某清单")]
    assert _ids(assign([_tl(None, None)], titled, {"x"}, None)) == ["t"]


def test_a_label_s_namespace_held_by_another_recorded_list_is_not_taken():
    known = [ListEntry("a3", "old.docx", "附件3", "别的清单")]
    assert _ids(assign([_tl("附件3", "新的清单")], known, {"a3"}, None)) == ["a3-2"]


def test_a_plan_imported_before_lists_were_recorded_keeps_the_label_s_namespace():
    assert _ids(assign([_tl("附件3", "环境任务清单")], [], {"a3"}, None)) == ["a3"]
    assert _ids(assign([_tl(None, "环境任务清单")], [], {"hj"}, None)) == ["hj-2"]


@pytest.mark.parametrize("count,want", [(1, ["roads"]), (2, ["roads-1", "roads-2"])])
def test_a_list_id_given_names_the_lists_numbered_when_several(count, want):
    lists = [_tl(f"附件{k}", f"清单{k}") for k in range(1, count + 1)]
    assert _ids(assign(lists, [], set(), "roads")) == want


def test_a_list_id_given_finds_the_list_again_only_under_that_id():
    known = [ListEntry("roads", "清单.docx", "附件1", "清单1"), ListEntry("a1", "清单.docx", "附件1", "清单1")]
    assert _ids(assign([_tl("附件1", "清单1")], known, {"roads", "a1"}, "roads")) == ["roads"]
    assert _ids(assign([_tl("附件1", "清单1")], known, {"roads", "a1"}, "bridges")) == ["bridges"]
    assert _ids(assign([_tl("附件1", "清单1")], known[1:], {"a1"}, "a1")) == ["a1"]


def test_the_lists_file_counts_the_tasks_now_in_each_namespace():
    known = [ListEntry("a1", "old.docx", "附件1", "交通", 9, "roads")]
    new = [ListEntry("a2", "new.docx", "附件2", "教育", 0, None)]
    out = merged_entries(known, new, ["a1.1", "a1.2", "a2.1", "x.1"])
    assert out == [{"id": "a1", "file": "old.docx", "label": "附件1", "title": "交通", "tasks": 2, "battle": "roads"},
                   {"id": "a2", "file": "new.docx", "label": "附件2", "title": "教育", "tasks": 1, "battle": None}]


@pytest.mark.parametrize("title,core", [
    ("某某县2024年优化营商环境重点任务清单", "优化营商环境"),
    ("附件2-1：某县2024年交通重点工作任务分解表", "交通"),
    ("附件3 二〇二四年教育工作清单", "教育"),
    ("2024年县政府乡村振兴任务清单", "乡村振兴"),
    ("关于2024年民生实事项目安排表", "民生实事项目"),
    ("某市人民政府2024年《政府工作报告》重点工作责任分工", "《政府工作报告》重点工作责任分工"),  # all generic: kept
    ("任务清单", "任务清单"),
])
def test_a_title_s_own_words(title, core):
    assert core_title(title) == core


def test_the_plan_year_is_the_one_a_title_states_not_a_date_s():
    lists = [_tl(None, "某县2024年重点工作任务清单"), _tl(None, "二〇二四年民生实事清单"), _tl(None, None)]
    sheets = [Sheet("a.xlsx", "s", [Row(["2023年12月底前完成"], "r1"), Row(["二〇二三年十二月印发"], "r2"),
                                    Row(["2025年工作要点"], "r3"), Row(["a", "2026年"], "r4"),
                                    Row(["x"], "r5"), Row(["2027年计划"], "r6")])]
    assert title_years(lists, sheets) == Counter({2024: 2, 2025: 1})


def test_the_lists_file_read_back_keeps_only_entries_with_an_id():
    from liupi_cli.plan_import.lists import read_entries

    data = {"lists": [{"id": "a1", "file": "a.docx", "label": "附件1", "title": "交通", "tasks": 3, "battle": "roads"},
                      {"id": "a2", "battle": 7}, {"file": "x.docx"}, {"id": 5}, "a3"]}
    got = [(e.id, e.file, e.label, e.title, e.tasks, e.battle) for e in read_entries(data)]
    assert got == [("a1", "a.docx", "附件1", "交通", 0, "roads"), ("a2", "", None, None, 0, None)]
    assert read_entries(None) == [] and read_entries(["a1"]) == [] and read_entries({"lists": None}) == []
