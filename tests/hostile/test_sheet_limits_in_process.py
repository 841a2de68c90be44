"""A task-list workbook's rows, columns and merged ranges against the limits of liupi_cli/safe_zip.py, checked
in process on hand-made sheets (the process-level cases are in test_round_two.py): column letters count as
Excel counts them (A = 1, Z = 26, AA = 27, SR = 512), and each refusal names the file it refused."""

from __future__ import annotations

import zipfile

import pytest

from liupi_cli import safe_zip
from liupi_cli.errors import InputRefused


def _workbook(path, cells: list[str], merges: list[str] = ()):
    rows = "".join(f'<c r="{ref}" t="n"><v>1</v></c>' for ref in cells)
    merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    sheet = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             f"{rows}</row></sheetData><mergeCells>{merged}</mergeCells></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.mark.parametrize("ref", ["A1", "Z1", "AA1", "SR1"])
def test_a_cell_up_to_column_512_is_accepted(tmp_path, ref):
    safe_zip.check_plan_document(_workbook(tmp_path / "t.xlsx", [ref]))


@pytest.mark.parametrize("ref,column", [("SS1", 513), ("ZZ1", 702), ("AAA1", 703)])
def test_a_cell_past_column_512_is_refused_with_its_column_number(tmp_path, ref, column):
    path = _workbook(tmp_path / "t.xlsx", ["A1", ref])
    with pytest.raises(InputRefused) as exc:
        safe_zip.check_plan_document(path)
    assert exc.value.message == (f"{path}: sheet1.xml: a cell at column ({column:,}) is over the limit of 512 "
                                 "for a plan document")


def test_a_cell_past_row_20000_is_refused_naming_the_file(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", ["A20001"])
    with pytest.raises(InputRefused) as exc:
        safe_zip.check_plan_document(path)
    assert exc.value.message == (f"{path}: sheet1.xml: a cell at row (20,001) is over the limit of 20,000 "
                                 "for a plan document")
    safe_zip.check_plan_document(_workbook(tmp_path / "ok.xlsx", ["A20000"]))


def test_merged_ranges_count_the_cells_they_cover(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_MERGED_CELLS", 26 * 2 + 2)
    # A1:Z2 covers 26 columns × 2 rows = 52 cells, AA1:AB1 two more: exactly at the limit
    safe_zip.check_plan_document(_workbook(tmp_path / "ok.xlsx", ["A1"], ["A1:Z2", "AA1:AB1"]))
    path = _workbook(tmp_path / "t.xlsx", ["A1"], ["A1:Z2", "AA1:AC1"])
    with pytest.raises(InputRefused) as exc:
        safe_zip.check_plan_document(path)
    assert exc.value.message.startswith(f"{path}: sheet1.xml: the cells covered by merged ranges (55) is over")


def test_a_member_that_inflates_over_200_times_is_refused_saying_how_much(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (8 * 1024 * 1024))
    member = zipfile.ZipFile(path).infolist()[0]
    ratio = member.file_size // member.compress_size
    assert ratio > 200
    with pytest.raises(InputRefused) as exc:
        safe_zip.check_table_file(path)
    assert exc.value.message == (f"{path}: xl/worksheets/sheet1.xml inflates {ratio} times (to 8 MB); refusing a "
                                 "likely zip bomb")
