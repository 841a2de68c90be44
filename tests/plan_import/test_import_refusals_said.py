"""Every refusal of `liupi plan import` before anything is written: one line naming the file or option and
what is wrong, and a hint saying what to do (a missing file, a folder or FIFO, a kind of file it cannot read,
a .doc or .wps to save as .docx, no task list in the files, no plan year, a bad --list-id, a plan folder whose
targets.yaml or tasks.yaml is not one)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liupi_cli.errors import InputRefused, PlanUnreadable, UsageProblem
from liupi_cli.plan_import import import_plan

TABLE = "工作任务,牵头单位,完成时限\n1.修建道路,县交通局,12月底前\n"
FILE_HINT = "give the path of a .docx, .xlsx or .csv file"


def _file(tmp_path: Path, name: str, text: str = TABLE) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("make,message,hint", [
    (lambda d: d / "missing.csv", "{p}: no such file", FILE_HINT),
    (lambda d: d, "{p}: not a regular file", FILE_HINT),
    (lambda d: _file(d, "清单.doc"), "{p}: cannot read .doc files", "save it as .docx from Word/WPS first"),
    (lambda d: _file(d, "清单.WPS"), "{p}: cannot read .wps files", "save it as .docx from Word/WPS first"),
    (lambda d: _file(d, "清单.pdf"), "{p}: cannot read .pdf files", "use .docx, .xlsx or .csv"),
    (lambda d: _file(d, "清单"), "{p}: cannot read a file with no extension", "use .docx, .xlsx or .csv"),
])
def test_a_file_it_cannot_read_is_refused_naming_it(tmp_path, make, message, hint):
    p = make(tmp_path)
    with pytest.raises(InputRefused) as exc:
        import_plan([p], tmp_path / "plan", year=2024)
    assert (exc.value.message, exc.value.hint) == (message.format(p=p), hint)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_unread(tmp_path):
    p = tmp_path / "清单.csv"
    os.mkfifo(p)
    with pytest.raises(InputRefused) as exc:
        import_plan([p], tmp_path / "plan", year=2024)
    assert (exc.value.message, exc.value.hint) == (f"{p}: not a regular file", FILE_HINT)


def test_files_with_no_task_list_are_refused_naming_each(tmp_path):
    a, b = _file(tmp_path, "a.csv", "说明,备注\n一些文字,其他\n"), _file(tmp_path, "b.csv", "只有一行\n")
    with pytest.raises(InputRefused) as exc:
        import_plan([a, b], tmp_path / "plan", year=2024)
    assert exc.value.message == f"no task list found in {a}, {b}"
    assert exc.value.hint.startswith("liupi looks for a table with headings such as 工作任务 and 牵头单位/责任单位")


def test_a_list_with_no_year_anywhere_is_refused_with_the_option_to_give(tmp_path):
    with pytest.raises(InputRefused) as exc:
        import_plan([_file(tmp_path, "a.csv")], tmp_path / "plan")
    assert (exc.value.message, exc.value.hint) == ("the plan year is not in the documents", "pass --year 2024")


@pytest.mark.parametrize("given", ["Roads", "1roads", "a" * 21, "路", "a b", ""])
def test_a_list_id_that_is_not_an_id_is_refused(tmp_path, given):
    with pytest.raises(UsageProblem) as exc:
        import_plan([_file(tmp_path, "a.csv")], tmp_path / "plan", year=2024, list_id=given)
    assert exc.value.message == f"--list-id {given!r} is not an id"
    assert exc.value.hint.startswith("lowercase ascii letters, digits, - and _, starting with a letter")


@pytest.mark.parametrize("given", ["r", "roads-2_b", "a" * 20])
def test_a_list_id_names_the_tasks(tmp_path, given):
    result = import_plan([_file(tmp_path, "a.csv")], tmp_path / "plan", year=2024, list_id=given)
    assert [e.id for e in result.entries] == [given] and result.built.tasks[0]["id"] == f"{given}.1"


@pytest.mark.parametrize("name,text,message,hint", [
    ("targets.yaml", "- a list\n", "not a targets file", "fix it or import into another folder with --out"),
    ("tasks.yaml", "tasks: {a: 1}\n", "not a tasks file", "fix it or import into another folder"),
])
def test_a_plan_folder_whose_files_are_not_plan_files_is_refused(tmp_path, name, text, message, hint):
    out = tmp_path / "plan"
    out.mkdir()
    (out / name).write_text(text, encoding="utf-8")
    with pytest.raises(PlanUnreadable) as exc:
        import_plan([_file(tmp_path, "a.csv")], out, year=2024)
    assert (exc.value.message, exc.value.hint) == (f"{out / name}: {message}", hint)


def test_empty_plan_files_are_read_as_no_plan_yet(tmp_path):
    out = tmp_path / "plan"
    out.mkdir()
    (out / "targets.yaml").write_text("", encoding="utf-8")
    (out / "tasks.yaml").write_text("", encoding="utf-8")
    (out / "imported-lists.yaml").write_text("", encoding="utf-8")
    result = import_plan([_file(tmp_path, "a.csv")], out, year=2024)
    assert [t["id"] for t in result.built.tasks] == ["t.1"]
