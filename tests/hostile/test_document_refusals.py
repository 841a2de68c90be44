"""Every refusal of a table file or a plan document (liupi_cli/safe_zip.py) is one line naming the file and
what is wrong with it, the number against its limit, and a hint saying what to do. The limits are lowered in
process so that each case is a few hundred bytes; each is also checked one step inside its limit."""

from __future__ import annotations

import os
import random
import zipfile

import pytest

from liupi_cli import safe_zip
from liupi_cli.errors import InputRefused

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TOO_MANY_HINT = "a task list is a few hundred rows: split the document, or check it is the right file"
DOCUMENT_HINT = "check it is the task list; save it again from Word, Excel or WPS"


def _zip(path, members: dict[str, str | bytes], method=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _docx(path, rows=0, paragraphs=0, span=None):
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr></w:tc>' if span else "<w:tc></w:tc>"
    body = "<w:p/>" * paragraphs + "<w:tbl>" + f"<w:tr>{cell}</w:tr>" * rows + "</w:tbl>"
    return _zip(path, {"[Content_Types].xml": "<Types/>",
                       "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>"})


def _sheet(path, cells=("A1",), merges=(), name="sheet1.xml"):
    row = "".join(f'<c r="{ref}"><v>1</v></c>' for ref in cells)
    merged = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    return _zip(path, {f"xl/worksheets/{name}": f"<worksheet><sheetData><row>{row}</row></sheetData>"
                                                 f"<mergeCells>{merged}</mergeCells></worksheet>"})


def _refused(check, path) -> tuple[str, str | None]:
    with pytest.raises(InputRefused) as exc:
        check(path)
    return exc.value.message, exc.value.hint


@pytest.fixture
def small(monkeypatch):
    """Limits small enough to reach by hand: 3 rows, 4 paragraphs, 5 columns, 6 merged cells."""
    for name, value in (("MAX_DOCUMENT_ROWS", 3), ("MAX_PARAGRAPHS", 4), ("MAX_COLUMNS", 5), ("MAX_MERGED_CELLS", 6)):
        monkeypatch.setattr(safe_zip, name, value)


# (how the document is made, what is said about it: the part after "{path}: ")
OVER = [
    (lambda p: _docx(p, rows=4), "the number of table rows (4) is over the limit of 3 for a plan document"),
    (lambda p: _docx(p, paragraphs=5), "the number of paragraphs (5) is over the limit of 4 for a plan document"),
    (lambda p: _docx(p, rows=1, span=6), "a table cell spans columns (6) is over the limit of 5 for a plan document"),
    (lambda p: _sheet(p, ["A4"]), "sheet1.xml: a cell at row (4) is over the limit of 3 for a plan document"),
    (lambda p: _sheet(p, ["F1"]), "sheet1.xml: a cell at column (6) is over the limit of 5 for a plan document"),
    (lambda p: _sheet(p, merges=["A1:A4"]),
     "sheet1.xml: a merged range reaching row (4) is over the limit of 3 for a plan document"),
    (lambda p: _sheet(p, merges=["A4:A1"]),
     "sheet1.xml: a merged range reaching row (4) is over the limit of 3 for a plan document"),
    (lambda p: _sheet(p, merges=["A1:F1"]),
     "sheet1.xml: a merged range reaching column (6) is over the limit of 5 for a plan document"),
    (lambda p: _sheet(p, merges=["F1:A1"]),
     "sheet1.xml: a merged range reaching column (6) is over the limit of 5 for a plan document"),
    (lambda p: _sheet(p, merges=["A1:C3"]),
     "sheet1.xml: the cells covered by merged ranges (9) is over the limit of 6 for a plan document"),
    (lambda p: _sheet(p, merges=["A1:B2", "C1:C1", "D1:D1", "E1:E2"]),
     "sheet1.xml: the cells covered by merged ranges (8) is over the limit of 6 for a plan document"),
    (lambda p: _sheet(p, merges=["C3:A1"]),
     "sheet1.xml: the cells covered by merged ranges (9) is over the limit of 6 for a plan document"),
    (lambda p: _sheet(p, ["A4"], name="任务.xml"),
     "任务.xml: a cell at row (4) is over the limit of 3 for a plan document"),
]

WITHIN = [
    lambda p: _docx(p, rows=3),
    lambda p: _docx(p, paragraphs=4),
    lambda p: _docx(p, rows=1, span=5),
    lambda p: _sheet(p, ["A3", "E1"]),
    lambda p: _sheet(p, merges=["A1:A3"]),
    lambda p: _sheet(p, merges=["A1:E1"]),
    lambda p: _sheet(p, merges=["A1:B3"]),
    lambda p: _sheet(p, merges=["E3:D1"]),
    lambda p: _sheet(p, merges=["A1", "A1:B2", "C1:D1"]),  # a one-cell ref is no range
]


@pytest.mark.parametrize(("make", "said"), OVER)
def test_a_document_over_a_limit_is_refused_naming_the_file_the_count_and_the_limit(tmp_path, small, make, said):
    path = make(tmp_path / "t.docx")
    assert _refused(safe_zip.check_plan_document, path) == (f"{path}: {said}", TOO_MANY_HINT)


@pytest.mark.parametrize("make", WITHIN)
def test_a_document_at_each_limit_is_accepted(tmp_path, small, make):
    safe_zip.check_plan_document(make(tmp_path / "t.xlsx"))


def test_the_limits_a_county_office_meets(tmp_path):
    assert (safe_zip.MAX_DOCUMENT_ROWS, safe_zip.MAX_PARAGRAPHS, safe_zip.MAX_COLUMNS, safe_zip.MAX_MERGED_CELLS) == \
        (20_000, 200_000, 512, 200_000)
    path = _docx(tmp_path / "t.docx", rows=1, span=513)
    assert _refused(safe_zip.check_plan_document, path)[0] == \
        f"{path}: a table cell spans columns (513) is over the limit of 512 for a plan document"
    safe_zip.check_plan_document(_docx(tmp_path / "ok.docx", rows=2, paragraphs=3, span=512))


def test_numbers_are_written_with_thousands_separators(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_PARAGRAPHS", 1234)
    path = _docx(tmp_path / "t.docx", paragraphs=1235)
    assert _refused(safe_zip.check_plan_document, path)[0] == \
        f"{path}: the number of paragraphs (1,235) is over the limit of 1,234 for a plan document"


def test_a_missing_file_or_a_folder_is_refused_with_the_plan_documents_hint(tmp_path):
    missing = tmp_path / "任务清单.docx"
    assert _refused(safe_zip.check_plan_document, missing) == (f"{missing}: file not found", DOCUMENT_HINT)
    assert _refused(safe_zip.check_table_file, missing) == (
        f"{missing}: file not found", "check the name and the folder you run liupi in (a relative path starts there)")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert _refused(safe_zip.check_plan_document, folder) == (f"{folder}: not a regular file", DOCUMENT_HINT)
    assert _refused(safe_zip.check_table_file, folder) == (f"{folder}: not a regular file",
                                                           "give a .csv or .xlsx file")


def test_a_damaged_zip_is_refused_as_not_a_readable_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    message, hint = _refused(safe_zip.check_table_file, path)
    assert message.startswith(f"{path}: not a readable xlsx file (") and message.endswith(")")
    assert hint == "open it in a spreadsheet and save it again as .xlsx"
    assert _refused(safe_zip.check_plan_document, path) == (message, DOCUMENT_HINT)


def test_a_member_whose_bytes_are_damaged_is_not_a_readable_document(tmp_path):
    path = _sheet(tmp_path / "t.xlsx", ["A1", "B2"])
    data = bytearray(path.read_bytes())
    at = data.index(b'r="B2"')
    data[at + 3] = ord("C")  # the CRC no longer matches: zipfile refuses the member when it is read
    path.write_bytes(bytes(data))
    message, hint = _refused(safe_zip.check_plan_document, path)
    assert message.startswith(f"{path}: not a readable document (") and "CRC" in message
    assert hint == "save it again from Word, Excel or WPS"


def test_a_file_over_the_size_limit_is_refused_in_megabytes(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.truncate(3 * 1024 * 1024 + 5)
    assert _refused(safe_zip.check_table_file, path) == (
        f"{path}: 3 MB is over the 2 MB limit for a file of figures", "split the figures into smaller files")
    assert _refused(safe_zip.check_plan_document, path)[1] == DOCUMENT_HINT
    os.truncate(path, 2 * 1024 * 1024)
    safe_zip.check_table_file(path)


def test_a_workbook_inflating_past_the_limit_is_refused_in_megabytes(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    noise = random.Random(1).randbytes(1024 * 1024)  # compresses not at all: no member looks like a bomb
    path = _zip(tmp_path / "t.xlsx", {"a.xml": noise, "b.xml": noise, "c.xml": noise + b"z"}, zipfile.ZIP_DEFLATED)
    assert _refused(safe_zip.check_xlsx_sizes, path) == (  # the file itself is within the limit in real use
        f"{path}: the workbook inflates to 3 MB, over the 2 MB limit",
        "split the figures into smaller files, or save them as .csv")
    ok = _zip(tmp_path / "ok.xlsx", {"a.xml": noise, "b.xml": noise}, zipfile.ZIP_DEFLATED)
    safe_zip.check_xlsx_sizes(ok)


def test_a_small_member_may_compress_as_well_as_it_likes_a_large_one_not(tmp_path):
    small = _zip(tmp_path / "ok.xlsx", {"s.xml": b"\x00" * (1024 * 1024)}, zipfile.ZIP_DEFLATED)
    safe_zip.check_table_file(small)
    big = _zip(tmp_path / "t.xlsx", {"s.xml": b"\x00" * (1024 * 1024 + 1)}, zipfile.ZIP_DEFLATED)
    message, hint = _refused(safe_zip.check_table_file, big)
    assert message.startswith(f"{big}: s.xml inflates ") and message.endswith(" times (to 1 MB); refusing a likely "
                                                                              "zip bomb")
    assert hint == "open it in a spreadsheet and save it again as .xlsx"
    plain = _zip(tmp_path / "stored.xlsx", {"s.xml": b"\x00" * (2 * 1024 * 1024)})  # stored: ratio 1
    safe_zip.check_table_file(plain)


def test_a_csv_plan_document_is_left_to_its_reader(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text("序号,工作任务\n" + "1,x\n" * 10, encoding="utf-8")
    safe_zip.check_plan_document(path)
