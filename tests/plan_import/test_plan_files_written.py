"""The plan files an import writes besides the tasks: a new plan's block (its id, title, empty title_en, year
and the documents' file names), a plan started afresh keeping its own source file, a number used twice in a
document said with the task's source, a re-imported task taking the document's summary when it had none, and
what makes a plan the untouched skeleton of `liupi init --empty`."""

from __future__ import annotations

import sys

import pytest
import yaml

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.build import Built, build
from liupi_cli.plan_import.fresh import is_skeleton
from liupi_cli.plan_import.outline import RawTask, TaskList
from liupi_cli.plan_import.read_docx import read_docx
from liupi_cli.plan_import.writer import merge_tasks, targets_yaml
from liupi_cli.scaffold import create_workspace


def test_a_new_plan_s_block():
    built = Built(year=2024, title="某县2024年重点工作任务清单")
    data = yaml.safe_load(targets_yaml(None, None, built, None, None, ["docs/a.docx", "b.xlsx"]))
    assert data["plan"] == {"id": "plan-2024", "title_zh": "某县2024年重点工作任务清单", "title_en": "", "year": 2024,
                            "source_file": "a.docx, b.xlsx"}
    named = yaml.safe_load(targets_yaml(None, None, Built(year=2024), "xian-2024", "某县计划", ["a.docx"]))
    assert (named["plan"]["id"], named["plan"]["title_zh"]) == ("xian-2024", "某县计划")
    assert yaml.safe_load(targets_yaml(None, None, Built(year=2024), None, None, ["a.docx"]))["plan"]["title_zh"] \
        == "导入的计划"


@pytest.mark.parametrize("source_file,want", [(None, "a.docx"), ("", "a.docx"), ("县里的原件.docx", "县里的原件.docx")])
def test_a_plan_started_afresh_keeps_its_own_source_file(source_file, want):
    plan = {"id": "xian", "year": 2023, **({"source_file": source_file} if source_file is not None else {})}
    text = targets_yaml("# mine\n", {"plan": plan}, Built(year=2024), None, None, ["docs/a.docx"], force=True)
    data = yaml.safe_load(text)
    assert data["plan"] == {"id": "xian", "year": 2024, "source_file": want}
    assert "# mine" not in text


def test_an_existing_plan_gains_only_new_entries_and_keeps_its_comments():
    existing = {"plan": {"id": "xian", "year": 2024}, "units": [{"id": "czj", "name_zh": "县财政局"}]}
    built = Built(year=2024, units=[{"id": "czj", "name_zh": "县财政局"}, {"id": "jtj", "name_zh": "县交通局"}])
    text = targets_yaml("# mine\nplan: x\n# second\n", existing, built, None, None, ["a.docx"])
    assert text.startswith("# mine\n# second\n")
    assert [u["id"] for u in yaml.safe_load(text)["units"]] == ["czj", "jtj"]
    assert targets_yaml("# mine\n", existing, Built(year=2024), None, None, ["a.docx"]) is None


def test_a_number_used_twice_is_said_with_the_task_s_source():
    tasks = [RawTask(path=[1], source_path="1", title="修路", ref="a.csv line 2", lead="县交通局"),
             RawTask(path=[1], source_path="1", title="修桥", ref="a.csv line 3", lead="县交通局"),
             RawTask(path=[1], source_path="1", title="修渠", ref="a.csv line 4", lead="县交通局")]
    out = build([TaskList("a.csv", "附件1", "交通任务清单", "a.csv line 1", tasks=tasks)], [], [], [], 2024, None)
    assert [t["id"] for t in out.tasks] == ["a1.1", "a1.1-2", "a1.1-3"]
    said = [(r.ref, r.message, r.task) for r in out.review if "used twice" in r.message]
    assert said == [("a.csv line 3", "number 附件1 1 used twice: id a1.1-2", "a1.1"),
                    ("a.csv line 4", "number 附件1 1 used twice: id a1.1-3", "a1.1")]


def test_a_re_imported_task_takes_the_document_s_summary_and_note_only_when_it_had_none():
    doc = {"id": "a1.1", "battle": "roads", "source": "附件1 1", "title_zh": "修路", "summary": "新的说明",
           "note": "新的备注"}
    bare = {"id": "a1.1", "battle": "roads", "source": "附件1 1", "title_zh": "修路"}
    (t,), _ = merge_tasks([bare], [dict(doc)], [])
    assert (t["summary"], t["note"]) == ("新的说明", "新的备注")
    (t,), _ = merge_tasks([dict(bare, summary="自己的", note="自己的备注")], [dict(doc)], [])
    assert (t["summary"], t["note"]) == ("自己的", "自己的备注")


def test_the_untouched_skeleton_is_a_skeleton_and_a_changed_one_is_not(tmp_path):
    create_workspace(tmp_path / "ws", empty=True, year=2024)
    data = tmp_path / "ws" / "data"
    targets = yaml.safe_load((data / "targets.yaml").read_text(encoding="utf-8"))
    tasks = yaml.safe_load((data / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    assert targets["units"] and is_skeleton(targets, tasks)
    assert not is_skeleton(dict(targets, units=[]), tasks)
    assert not is_skeleton(dict(targets, units=targets["units"] + [{"id": "czj", "name_zh": "县财政局"}]), tasks)
    assert not is_skeleton(targets, tasks + [{"id": "t9", "title_zh": "县里的任务"}])
    assert not is_skeleton(None, tasks)


def test_without_python_docx_a_word_file_is_refused_with_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "a.docx"
    from docx import Document

    Document().save(str(path))
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(InputRefused) as exc:
        read_docx(path)
    assert str(path) in exc.value.message and exc.value.hint
    assert "python-docx" in exc.value.message + exc.value.hint
