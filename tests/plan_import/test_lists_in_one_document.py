"""Several task lists in one document: each 附件 label (alone, or followed by the list's title on the same
line, written with spaces or a long dash) starts a list of its own, in a Word file and inside a worksheet,
with its own ids, battle and line in the review; a title line alone names the list that follows."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from liupi_cli.plan_import import import_plan

HEADER = ("工作任务", "牵头单位", "完成时限")
ROADS = [HEADER, ("1.修建道路", "县交通局", "2024年6月底前"), ("2.维修桥梁", "县交通局", "长期坚持")]
SCHOOLS = [HEADER, ("1.新建学校", "县教育局", "2024年9月底前")]


def _docx(path: Path, parts: list) -> Path:
    d = docx.Document()
    for part in parts:
        if isinstance(part, str):
            d.add_paragraph(part)
            continue
        t = d.add_table(rows=len(part), cols=len(part[0]))
        for r, cells in enumerate(part):
            for c, text in enumerate(cells):
                t.cell(r, c).text = text
    d.save(str(path))
    return path


def _xlsx(path: Path, rows: list[tuple]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "清单"
    for r in rows:
        wb.active.append(list(r))
    wb.save(str(path))
    return path


def _lists(result) -> list[tuple]:
    return [(tl.label, tl.title, tl.prefix, [t.ref for t in tl.tasks]) for tl in result.lists]


def _ids(result) -> list[tuple[str, str, str]]:
    return [(t["id"], t["battle"], t["source"]) for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]]


@pytest.mark.parametrize("first_label", ["附件 2 — 1：某县交通重点工作任务清单", "附件2－1 某县交通重点工作任务清单"])
def test_labels_with_their_titles_start_a_list_each_in_a_word_file(tmp_path, first_label):
    doc = _docx(tmp_path / "a.docx", [first_label, ROADS, "附件3", "某县教育重点工作任务清单", SCHOOLS])
    result = import_plan([doc], tmp_path / "plan", year=2024)
    assert _lists(result) == [
        ("附件2-1", "某县交通重点工作任务清单", "a2-1", ["a.docx table 1 row 2", "a.docx table 1 row 3"]),
        ("附件3", "某县教育重点工作任务清单", "a3", ["a.docx table 2 row 2"]),
    ]
    assert _ids(result) == [("a2-1.1", "b1", "附件2-1 1"), ("a2-1.2", "b1", "附件2-1 2"), ("a3.1", "b2", "附件3 1")]
    lines = result.files["review"].splitlines()
    assert "| `a2-1.…` | a.docx | 附件2-1 某县交通重点工作任务清单 | 2 |" in lines
    assert "| `a3.…` | a.docx | 附件3 某县教育重点工作任务清单 | 1 |" in lines


@pytest.mark.parametrize("second", [[("附件2",), ("某县教育重点工作任务清单",)],
                                    [("附件2：某县教育重点工作任务清单",)]])
def test_a_label_inside_a_worksheet_ends_the_table_above_and_starts_another_list(tmp_path, second):
    rows = [("附件1",), ("某县交通重点工作任务清单",), *ROADS, *second, *SCHOOLS]
    result = import_plan([_xlsx(tmp_path / "b.xlsx", rows)], tmp_path / "plan", year=2024)
    at = 3 + len(ROADS) + len(second)  # the second header's row
    assert _lists(result) == [
        ("附件1", "某县交通重点工作任务清单", "a1", ["b.xlsx 清单!row 4", "b.xlsx 清单!row 5"]),
        ("附件2", "某县教育重点工作任务清单", "a2", [f"b.xlsx 清单!row {at + 1}"]),
    ]
    assert _ids(result) == [("a1.1", "b1", "附件1 1"), ("a1.2", "b1", "附件1 2"), ("a2.1", "b2", "附件2 1")]
    assert "used twice" not in result.files["review"] and "no number of its own" not in result.files["review"]


def test_a_title_line_inside_a_worksheet_s_table_is_read_as_a_row_of_it(tmp_path):
    rows = [("某县交通重点工作任务清单",), *ROADS, ("某县教育重点工作任务清单",), ("3.新建学校", "县教育局", "")]
    result = import_plan([_xlsx(tmp_path / "b.xlsx", rows)], tmp_path / "plan", year=2024)
    assert [(tl.title, len(tl.tasks)) for tl in result.lists] == [("某县交通重点工作任务清单", 3)]


def test_a_title_paragraph_between_two_tables_names_the_second_list(tmp_path):
    doc = _docx(tmp_path / "a.docx", ["某县交通重点工作任务清单", ROADS, "某县教育重点工作任务清单", SCHOOLS])
    result = import_plan([doc], tmp_path / "plan", year=2024)
    assert [(tl.label, tl.title, tl.ref) for tl in result.lists] == [
        (None, "某县交通重点工作任务清单", "a.docx table 1 row 1"),
        (None, "某县教育重点工作任务清单", "a.docx table 2 row 1"),
    ]
    assert [i for i, _, _ in _ids(result)] == ["mxjt.1", "mxjt.2", "mxjy.1"]  # each from its title


def test_a_table_broken_by_a_page_continues_its_list(tmp_path):
    doc = _docx(tmp_path / "a.docx", ["附件1", "某县交通重点工作任务清单", ROADS,
                                      [HEADER, ("3.整治河道", "县水利局", "2024年10月底前")]])
    result = import_plan([doc], tmp_path / "plan", year=2024)
    assert [(tl.label, [t.ref for t in tl.tasks]) for tl in result.lists] == [
        ("附件1", ["a.docx table 1 row 2", "a.docx table 1 row 3", "a.docx table 2 row 2"])]
    assert [i for i, _, _ in _ids(result)] == ["a1.1", "a1.2", "a1.3"]
