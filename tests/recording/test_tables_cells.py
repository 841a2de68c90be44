"""Reading a bureau's table cell by cell (liupi_cli/figure_sheet.py), straight from read_table: what each
kind of cell reads as, which cells are refused and with what words, and rows kept beside refused ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from liupi_cli.errors import InputRefused
from liupi_cli.figure_sheet import decode, format_suffix, is_percent_format, number_text, read_table

HEAD = ["id", "period", "value", "unit", "note", "baseline"]


def _xlsx(path: Path, rows, formats: dict[str, str] | None = None) -> Path:
    """rows[0] is the heading row; None leaves a cell out of the file (read back as an empty cell)."""
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)
    return path


def _rows(table) -> list[tuple[int, dict[str, str]]]:
    return [(n, {k: v for k, v in row.items() if v}) for n, row in table.rows]


# -- number formats and numbers ------------------------------------------------


@pytest.mark.parametrize(
    "fmt, percent, suffix",
    [
        ("0.0%", True, ""),
        ('0.0"%"', False, "%"),  # a quoted percent sign only prints: no scaling
        ("0.0\\%", False, "%"),
        ('0.00"万元"', False, "万元"),
        ('0.0%;[Red]-0.0"万元"', True, ""),  # only the first (positive) section counts
        ('0.0;-0.0%', False, ""),
        ('0.00"万元";-0.00', False, "万元"),
        ("General", False, ""),
        (None, False, ""),
        ("", False, ""),
    ],
)
def test_a_number_format_says_percent_and_suffix_by_its_first_section(fmt, percent, suffix):
    assert is_percent_format(fmt) is percent
    assert format_suffix(fmt) == suffix


@pytest.mark.parametrize(
    "value, percent, text",
    [
        (True, False, "1"),
        (False, False, "0"),
        (1480, False, "1480"),
        (0.061, True, "6.1"),  # not 6.1000000000000005
        (0.1 + 0.2, False, "0.30000000000000004"),  # the cell's own float, written out in full
        (1e-07, False, "0.0000001"),  # never 1E-7
        (2500.0, False, "2500"),
        (12, True, "1200"),
    ],
)
def test_a_cells_number_as_text(value, percent, text):
    assert number_text(value, percent=percent) == text


def test_bytes_that_are_no_known_encoding_are_refused_with_the_hint():
    with pytest.raises(InputRefused) as err:
        decode(b"id,value\n\xff\xff\x80\n")
    assert err.value.message == "cannot read the file as text: it is not UTF-8, UTF-16 or GB18030 (GBK)"
    assert err.value.hint == "save it from Excel or WPS as CSV UTF-8 (逗号分隔), or as .xlsx"


# -- cells in a workbook ---------------------------------------------------------


def test_true_and_false_cells_read_as_1_and_0(tmp_path):
    path = _xlsx(tmp_path / "b.xlsx", [HEAD, ["flag_a", "2023-06", True], ["flag_b", "2023-06", False]])
    assert _rows(read_table(path)) == [
        (2, {"id": "flag_a", "period": "2023-06", "value": "1"}),
        (3, {"id": "flag_b", "period": "2023-06", "value": "0"}),
    ]


def test_numbers_outside_the_value_column_read_as_typed(tmp_path):
    # a numeric id, a period typed as the number 202306, last year's figure with one decimal: none of
    # them is a period typed as 2023.5 (only the period column is checked for that)
    path = _xlsx(tmp_path / "n.xlsx", [HEAD, [101, 202306, 5, None, 7.25, 2023.5]])
    table = read_table(path)
    assert table.problems == []
    assert _rows(table) == [
        (2, {"id": "101", "period": "202306", "value": "5", "note": "7.25", "baseline": "2023.5"}),
    ]


def test_a_date_in_the_unit_column_is_refused_like_one_in_the_value_column(tmp_path):
    path = _xlsx(tmp_path / "d.xlsx", [HEAD, ["a", "2023-06", 5, dt.date(2023, 6, 1)],
                                       ["b", "2023-06", dt.datetime(2023, 7, 2)], ["c", "2023-06", 7, "万元"]])
    table = read_table(path)
    assert [str(p) for p in table.problems] == [
        "row 2: D2: the cell holds the date 2023-06-01 (the spreadsheet turned what was typed into a date)",
        "row 3: C3: the cell holds the date 2023-07-02 (the spreadsheet turned what was typed into a date)",
    ]
    assert _rows(table) == [(4, {"id": "c", "period": "2023-06", "value": "7", "unit": "万元"})]


def test_a_formula_without_a_result_is_refused_and_the_rows_beside_it_are_kept(tmp_path):
    # row 2: a formula with no saved result (openpyxl saves none); row 3: an Excel error value, found
    # while the cells are read; the problems come out in row order all the same. Row 4 has a gap (an
    # empty cell the file leaves out) before a good figure and is kept.
    path = _xlsx(tmp_path / "f.xlsx", [HEAD, ["a", "2023-06", "=10+5.8", None, "x"], ["b", "2023-06", 1],
                                       ["c", "2023-06", 3, None, "ok"]])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["C3"].value = "#N/A"
    wb.active["C3"].data_type = "e"
    wb.save(path)
    table = read_table(path)
    assert [(p.row, p.message, p.hint) for p in table.problems] == [
        (2, "C2 is a formula (=10+5.8) with no saved result",
         "open the file in Excel or WPS and save it, or type the number"),
        (3, "C3: the cell holds the error #N/A", None),
    ]
    assert _rows(table) == [(4, {"id": "c", "period": "2023-06", "value": "3", "note": "ok"})]


def test_two_columns_past_z_with_the_same_meaning_are_named_by_their_letters(tmp_path):
    head = ["id", "period", "value"] + [f"extra {i}" for i in range(23)] + ["数值", "备注"]  # 数值 lands in AA
    path = _xlsx(tmp_path / "aa.xlsx", [head, ["a", "2023-06", 1]])
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == (f"{path}: columns C ('value') and AA ('数值') both mean 'value'; "
                                 "liupi cannot tell which to read")
    assert err.value.hint == "delete or rename one of them"


def test_a_csv_with_the_same_meaning_twice_past_z(tmp_path):
    head = ["id", "period"] + [f"x{i}" for i in range(49)] + ["value", "数据"]  # value in AZ, 数据 in BA
    path = tmp_path / "wide.csv"
    path.write_text(",".join(head) + "\n", encoding="utf-8")
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert "columns AZ ('value') and BA ('数据') both mean 'value'" in err.value.message


# -- which sheet -----------------------------------------------------------------


def _patched(path: Path, member: str, old: str, new: str) -> Path:
    """Rewrite one XML part of a saved workbook, as another program might have written it."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text = parts[member].decode("utf-8")
    assert old in text
    parts[member] = text.replace(old, new).encode("utf-8")
    out = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(out, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return out


def _two_sheets(path: Path, *, first_hidden: bool, active: int) -> Path:
    wb = Workbook()
    old = wb.active
    old.title = "2022"
    old.append(HEAD)
    old.append(["a", "2022-06", 99999])
    if first_hidden:
        old.sheet_state = "hidden"
    new = wb.create_sheet("2023")
    new.append(HEAD)
    new.append(["a", "2023-06", 1480])
    wb.active = active
    wb.save(path)
    return path


def test_the_active_sheet_is_read_when_several_are_visible(tmp_path):
    table = read_table(_two_sheets(tmp_path / "v.xlsx", first_hidden=False, active=1))
    assert table.read_as == "sheet '2023'"
    assert _rows(table) == [(2, {"id": "a", "period": "2023-06", "value": "1480"})]


def test_a_hidden_sheet_the_file_marks_active_is_passed_over(tmp_path):
    # openpyxl never saves a hidden sheet as the active one, so the file is patched as WPS might leave it
    path = _two_sheets(tmp_path / "h.xlsx", first_hidden=True, active=1)
    path = _patched(path, "xl/workbook.xml", 'activeTab="1"', 'activeTab="0"')
    table = read_table(path)
    assert table.read_as == "sheet '2023'"
    assert _rows(table) == [(2, {"id": "a", "period": "2023-06", "value": "1480"})]


def test_a_workbook_whose_every_sheet_is_hidden_is_refused(tmp_path):
    path = _xlsx(tmp_path / "all.xlsx", [HEAD, ["a", "2023-06", 1]])
    path = _patched(path, "xl/workbook.xml", 'state="visible"', 'state="hidden"')
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == f"{path}: the workbook has no visible worksheet"
    assert err.value.hint == "unhide the sheet with the figures"


def test_a_damaged_workbook_is_refused_with_the_hint_to_save_it_again(tmp_path):
    import zipfile

    path = tmp_path / "broken.xlsx"  # a zip file, but no workbook inside
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message.startswith(f"{path}: cannot read the workbook: ")
    assert err.value.hint == "open it in Excel or WPS and save it again"


def test_a_sheet_whose_xml_is_broken_is_refused_with_the_same_hint(tmp_path):
    path = _xlsx(tmp_path / "x.xlsx", [HEAD, ["a", "2023-06", 1]])
    path = _patched(path, "xl/worksheets/sheet1.xml", "</sheetData>", "<row><c></sheetData>")
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message.startswith(f"{path}: cannot read the workbook: ")
    assert err.value.hint == "open it in Excel or WPS and save it again"


# -- the heading row ---------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_refusal_without_headings_names_the_file_and_what_the_first_row_lacks(tmp_path, suffix):
    # a blank row (empty cells only) first: it is not the first row; then a row with id and period
    rows = [["", "", ""], ["id", "period", "remark"], ["a", "2023-06", "1"]]
    path = tmp_path / f"h{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        _xlsx(path, [[None] * 3 if r == ["", "", ""] else r for r in rows])
    with pytest.raises(InputRefused) as err:
        read_table(path)
    in_sheet = " in sheet 'Sheet'" if suffix == ".xlsx" else ""  # a workbook also names the sheet it read
    assert err.value.message == f"{path}: no heading row with columns value{in_sheet}"


@pytest.mark.parametrize("titles, found", [(9, True), (10, False)])
def test_the_headings_are_looked_for_in_the_first_ten_rows_that_are_not_blank(tmp_path, titles, found):
    lines = [f"title line {i}" for i in range(titles)] + ["", "id,period,value", "a,2023-06,5"]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if found:
        assert _rows(read_table(path)) == [(titles + 3, {"id": "a", "period": "2023-06", "value": "5"})]
    else:
        with pytest.raises(InputRefused, match="no heading row with columns id, period, value"):
            read_table(path)


@pytest.mark.parametrize("data", [b"", b"\n \n\t\n"])
def test_an_empty_text_file_is_refused_as_having_no_headings(tmp_path, data):
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == f"{path}: no heading row with columns id, period, value"


def test_an_undecodable_text_file_is_refused_with_its_name_and_the_hint(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(b"id,period,value\n\xff\xff\x80\n")
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == (f"{path}: cannot read the file as text: it is not UTF-8, UTF-16 or "
                                 "GB18030 (GBK)")
    assert err.value.hint == "save it from Excel or WPS as CSV UTF-8 (逗号分隔), or as .xlsx"


def test_a_line_break_inside_a_quoted_cell_is_kept_as_the_file_has_it(tmp_path):
    # Excel writes rows ending in CRLF and a line break typed in a cell inside quotes
    path = tmp_path / "n.csv"
    path.write_bytes("id,period,value,note\r\na,2023-06,5,\"第一行\r\n第二行\"\r\nb,2023-06,6,\r\n".encode())
    assert _rows(read_table(path)) == [
        (3, {"id": "a", "period": "2023-06", "value": "5", "note": "第一行\r\n第二行"}),
        (4, {"id": "b", "period": "2023-06", "value": "6"}),
    ]


def test_without_id_or_period_the_refusal_lists_what_is_missing_and_the_headings_to_use(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("指标,备注\n城镇新增就业,x\n", encoding="utf-8")
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == f"{path}: no heading row with columns period, value"  # 指标 stands for id
    assert err.value.hint == ("headings are id (or 指标), period (期间), value (数值), and optionally unit (单位), "
                              "source (来源), note (备注), baseline (去年同期); `liupi template` writes one")


def test_a_short_row_reads_its_missing_cells_as_empty_text(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,period,value,unit,note\na,2023-06,5\nb,2023-06\n", encoding="utf-8")
    assert read_table(path).rows == [
        (2, {"id": "a", "period": "2023-06", "value": "5", "unit": "", "note": ""}),
        (3, {"id": "b", "period": "2023-06", "value": "", "unit": "", "note": ""}),
    ]


def test_a_formula_without_a_result_in_the_period_column_is_refused(tmp_path):
    path = _xlsx(tmp_path / "p.xlsx", [HEAD, ["a", '=TEXT(TODAY(),"yyyy-mm")', 5]])
    table = read_table(path)
    assert [(p.row, p.message) for p in table.problems] == [
        (2, "B2 is a formula (=TEXT(TODAY(),\"yyyy-mm\")) with no saved result")]
    assert table.rows == []


def test_a_formula_in_the_id_or_name_column_does_not_matter_when_the_other_one_is_given(tmp_path):
    path = _xlsx(tmp_path / "i.xlsx", [["id", "指标", "period", "value"],
                                       ["=B1", "城镇新增就业", "2023-06", 5],  # id a formula, name given
                                       ["new_urban_jobs", "=A1", "2023-07", 6],  # name a formula, id given
                                       ["=B1", "=A1", "2023-08", 7],  # neither readable: refused
                                       [None, "=A1", "2023-09", 8],  # no id, name a formula: refused
                                       ["new_urban_jobs", "城镇新增就业", "2023-10"]])  # no value cell at all
    table = read_table(path)
    assert [(p.row, p.message) for p in table.problems] == [(4, "A4 is a formula (=B1) with no saved result"),
                                                            (5, "B5 is a formula (=A1) with no saved result")]
    assert table.rows == [
        (2, {"id": "", "name": "城镇新增就业", "period": "2023-06", "value": "5"}),
        (3, {"id": "new_urban_jobs", "name": "", "period": "2023-07", "value": "6"}),
        (6, {"id": "new_urban_jobs", "name": "城镇新增就业", "period": "2023-10", "value": ""}),
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_by_where_its_zero_bytes_are(codec):
    text = "id,period,value\n城镇新增就业,2023-06,1480\n"
    assert decode(text.encode(codec)) == (text, "UTF-16")


def test_a_zero_byte_past_the_first_4096_bytes_is_not_taken_for_utf16():
    data = b"a" * 4096 + b"\x00"
    assert decode(data) == ("a" * 4096 + "\x00", "UTF-8")


@pytest.mark.parametrize("number, message", [
    (2023.1, "B2: the period is the number 2023.1: is it 2023.10 (October) or 2023.1 (January)? type the period "
             "as text, e.g. 2023-10"),
    (2023.6, "B2: the period is the number 2023.6 (a number cell loses the month's zeros): type the period as "
             "text, e.g. 2023-06"),
])
def test_a_period_typed_as_a_number_with_one_decimal_is_refused_with_the_text_to_type(tmp_path, number, message):
    table = read_table(_xlsx(tmp_path / "p.xlsx", [HEAD, ["a", number, 5]]))
    assert [(p.row, p.message) for p in table.problems] == [(2, message)]
    assert table.rows == []


# -- which files ---------------------------------------------------------------------


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56  # the start of every Excel 97-2003 workbook


@pytest.mark.parametrize("name, data, message, hint", [
    ("old.xls", b"id,period,value\n", "an old Excel 97–2003 (.xls) workbook", "save it as .xlsx (Excel 工作簿) or CSV"),
    ("old.csv", OLE, "an old Excel 97–2003 (.xls) workbook", "save it as .xlsx (Excel 工作簿) or CSV"),
    ("book.xlsx", b"id,period,value\n", "not an .xlsx workbook", "open it in Excel or WPS and save it as .xlsx"),
    ("book.xlsm", b"id,period,value\n", "not an .xlsx workbook", "open it in Excel or WPS and save it as .xlsx"),
    ("figures.json", b"{}", "cannot read '.json' files", "give a .csv or .xlsx file"),
])
def test_files_that_are_no_table_are_refused_with_what_to_do(tmp_path, name, data, message, hint):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert (err.value.message, err.value.hint) == (f"{path}: {message}", hint)


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(InputRefused) as err:
        read_table(tmp_path / "nowhere.csv")
    assert err.value.message == f"{tmp_path / 'nowhere.csv'}: file not found"


@pytest.mark.parametrize("name", ["f.tsv", "f.txt", "f.TXT"])
def test_tab_separated_text_is_read_from_tsv_and_txt_files(tmp_path, name):
    path = tmp_path / name
    path.write_text("id\tperiod\tvalue\na\t2023-06\t5\n", encoding="utf-8")
    table = read_table(path)
    assert table.read_as == "UTF-8 text, tab-separated"
    assert _rows(table) == [(2, {"id": "a", "period": "2023-06", "value": "5"})]


@pytest.mark.parametrize("text, key", [("数值", "value"), (" Value ", "value"), ("ＶＡＬＵＥ", "value"),
                                       ("指标 ID", "id"), ("计量 单位", "unit"), ("序号", None), (None, None)])
def test_heading_words_are_read_whatever_their_spaces_width_and_case(text, key):
    from liupi_cli.figure_sheet import heading_key

    assert heading_key(text) == key


# -- the sheet named when its headings are missing, and two-row headings ------------------------------


def test_without_headings_on_the_active_sheet_the_hint_names_the_other_visible_sheets(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["本表由县统计局填报"])
    for title, state in (("数据", "visible"), ("旧", "hidden"), ("备用", "visible")):
        other = wb.create_sheet(title)
        other.append(HEAD)
        other.sheet_state = state
    wb.active = 0
    path = tmp_path / "s.xlsx"
    wb.save(path)
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.message == f"{path}: no heading row with columns id, period, value in sheet '说明'"
    assert err.value.hint == ("liupi reads the active sheet; the workbook also has '数据', '备用': open the sheet "
                              "with the figures, save, and run again (or delete the empty sheet)")


def test_without_headings_on_the_only_sheet_the_hint_is_the_headings_to_use(tmp_path):
    path = _xlsx(tmp_path / "o.xlsx", [["本表由县统计局填报"]])
    with pytest.raises(InputRefused) as err:
        read_table(path)
    assert err.value.hint.startswith("headings are id (or 指标), period (期间), value (数值)")


@pytest.mark.parametrize("data", [[], [["城镇新增就业", "2023-06", 1480, "人"]]])
def test_a_two_row_heading_is_read_as_one(tmp_path, data):
    # 指标 and 期间 merged down two rows, 本期数据 merged over 数值 | 单位 on the row below
    path = _xlsx(tmp_path / "two.xlsx", [["指标", "期间", "本期数据", None], [None, None, "数值", "单位"], *data])
    table = read_table(path)
    assert table.problems == []
    assert _rows(table) == [(n, {"name": r[0], "period": r[1], "value": str(r[2]), "unit": r[3]})
                            for n, r in enumerate(data, start=3)]
