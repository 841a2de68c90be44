"""`update --file` through real files as Excel, WPS and LibreOffice write them, and the template.

Every workbook is written here (openpyxl, or LibreOffice headless) rather than committed as a binary.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

HEAD = ["id", "period", "value", "unit", "source", "note"]


def _history(run, item):
    result = run("history", item, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _records(run):
    return json.loads(run("export", "--format", "json").stdout)["records"]


def _xlsx(path: Path, rows, *, formats: dict[tuple[int, int], str] | None = None, hidden_first=None) -> Path:
    """rows[0] is the heading row; formats maps (row, column), 1-based, to a number format."""
    wb = Workbook()
    ws = wb.active
    if hidden_first is not None:  # an old sheet kept hidden in front of the one the bureau filled
        ws.title = "old"
        for r in hidden_first:
            ws.append(r)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("2023年6月")
        wb.active = 1
    for r in rows:
        ws.append(r)
    for (r, c), fmt in (formats or {}).items():
        ws.cell(r, c).number_format = fmt
    wb.save(path)
    return path


# -- workbooks --------------------------------------------------------------

def test_percent_cell_is_read_as_the_percentage_shown(run, tmp_path):
    # Excel stores a typed 6.1% as 0.061 formatted 0.0%: that is 6.1 (%), not 0.061 (%)
    path = _xlsx(tmp_path / "p.xlsx", [HEAD, ["industrial_va_growth", "2023-06", 0.061, "", "", ""],
                                       ["air_quality", "2023-06", 0.912, "", "", ""],
                                       ["urban_unemployment", "2023-06", 0.055, "", "", ""]],
                 formats={(2, 3): "0.0%", (3, 3): "0%", (4, 3): "0.00%"})
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert "recorded 3 figure(s)" in result.stderr
    got = {r["indicator"]: (r["value"], r["entered"]) for r in _records(run)}
    assert got == {"industrial_va_growth": (6.1, "6.1%"), "air_quality": (91.2, "91.2%"),
                   "urban_unemployment": (5.5, "5.5%")}


def test_plain_number_in_a_percent_indicator_stays_as_typed(run, tmp_path):
    path = _xlsx(tmp_path / "n.xlsx", [HEAD, ["industrial_va_growth", "2023-06", 6.1, "%", "", ""]])
    assert run("update", "--file", str(path)).exit_code == 0
    assert _history(run, "industrial_va_growth")[0]["value"] == 6.1


def test_percent_cell_for_an_indicator_not_in_percent_is_refused(run, tmp_path):
    # 0.5 formatted as 50% for new_urban_jobs (人): neither 0.5 people nor 50 people can be meant for sure
    path = _xlsx(tmp_path / "q.xlsx", [HEAD, ["new_urban_jobs", "2023-06", 0.5, "", "", ""]],
                 formats={(2, 3): "0%"})
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: value '50%' is in %, but this indicator is measured in 人" in result.stderr
    assert _records(run) == []


def test_a_unit_in_the_number_format_is_read_with_the_number(run, tmp_path):
    # 158000 shown as 158000万元 is 15.8亿元
    path = _xlsx(tmp_path / "u.xlsx", [HEAD, ["retail_sales_total", "2023-06", 158000, "", "", ""]],
                 formats={(2, 3): '0"万元"'})
    assert run("update", "--file", str(path)).exit_code == 0
    (r,) = _history(run, "retail_sales_total")
    assert (r["value"], r["entered"]) == (pytest.approx(15.8), "158000万元")


@pytest.mark.parametrize("cell", [dt.datetime(2023, 6, 1), dt.datetime(2023, 6, 30), dt.date(2023, 6, 15)])
def test_a_date_cell_in_the_period_column_is_that_month(run, tmp_path, cell):
    path = _xlsx(tmp_path / "d.xlsx", [HEAD, ["new_urban_jobs", cell, 1480, "", "", ""]],
                 formats={(2, 2): "mmm-yy"})
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert _history(run, "new_urban_jobs")[0]["period"] == "2023-06"


def test_a_january_date_cell_is_refused_with_the_hint(run, tmp_path):
    path = _xlsx(tmp_path / "j.xlsx", [HEAD, ["new_urban_jobs", dt.datetime(2023, 1, 1), 300, "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: period '2023-01-01': January is published together with February" in result.stderr
    assert "record it as 2023-02" in result.stderr


def test_the_visible_sheet_is_read_not_a_hidden_first_one(run, tmp_path):
    path = _xlsx(tmp_path / "h.xlsx", [HEAD, ["new_urban_jobs", "2023-06", 1480, "", "", ""]],
                 hidden_first=[HEAD, ["new_urban_jobs", "2023-06", 99999, "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert "sheet '2023年6月'" in result.stderr
    assert [r["value"] for r in _history(run, "new_urban_jobs")] == [1480]


def test_a_hidden_sheet_marked_active_is_passed_over(run, tmp_path):
    path = _xlsx(tmp_path / "h2.xlsx", [HEAD, ["new_urban_jobs", "2023-06", 1480, "", "", ""]],
                 hidden_first=[HEAD, ["new_urban_jobs", "2023-06", 99999, "", "", ""]])
    wb = load_workbook(path)
    wb.active = 0  # a file can say the hidden sheet is the active one; nobody sees it
    wb.save(path)
    assert run("update", "--file", str(path)).exit_code == 0
    assert [r["value"] for r in _history(run, "new_urban_jobs")] == [1480]


def test_a_formula_without_a_saved_result_is_refused_with_its_row(run, tmp_path):
    # openpyxl writes formulas without cached values, as a file never opened in Excel has them
    path = _xlsx(tmp_path / "f.xlsx", [HEAD, ["new_urban_jobs", "2023-06", 1480, "", "", ""],
                                       ["retail_sales_total", "2023-06", "=10+5.8", "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 3: C3 is a formula (=10+5.8) with no saved result" in result.stderr
    assert "1 bad row(s); nothing was recorded" in result.stderr
    assert _records(run) == []


def test_an_excel_error_value_is_refused_with_its_row(run, tmp_path):
    path = tmp_path / "e.xlsx"
    _xlsx(path, [HEAD, ["new_urban_jobs", "2023-06", 1, "", "", ""]])
    wb = load_workbook(path)
    wb.active["C2"].value = "#DIV/0!"
    wb.active["C2"].data_type = "e"
    wb.save(path)
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: C2: the cell holds the error #DIV/0!" in result.stderr


def test_two_columns_with_the_same_meaning_are_refused_as_ambiguous(run, tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["id", "period", "数值", "value"], ["new_urban_jobs", "2023-06", 1480, 1500]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "columns C ('数值') and D ('value') both mean 'value'" in result.stderr
    assert _records(run) == []


def test_a_title_row_above_the_headings_is_tolerated(run, tmp_path):
    path = _xlsx(tmp_path / "t.xlsx", [["县人社局 2023年6月 数据报送"], [], ["指标", "期间", "数值"],
                                       ["城镇新增就业", "2023年1-6月", 1480]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert _history(run, "new_urban_jobs")[0]["period"] == "2023-06"


def test_a_period_typed_as_a_number_with_one_decimal_is_ambiguous(run, tmp_path):
    # 2023.10 typed into a General cell is the number 2023.1: October or January?
    path = _xlsx(tmp_path / "o.xlsx", [HEAD, ["new_urban_jobs", 2023.1, 2800, "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: B2: the period is the number 2023.1" in result.stderr


def test_a_date_in_the_value_column_is_refused(run, tmp_path):
    path = _xlsx(tmp_path / "v.xlsx", [HEAD, ["new_urban_jobs", "2023-06", dt.datetime(2023, 1, 2), "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: C2: the cell holds the date 2023-01-02" in result.stderr


def test_id_and_name_that_disagree_are_refused(run, tmp_path):
    path = _xlsx(tmp_path / "m.xlsx", [["id", "指标", "期间", "数值"],
                                       ["new_urban_jobs", "空气质量优良率", "2023-06", 9]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 2: id new_urban_jobs is 城镇新增就业, but 指标 says '空气质量优良率'" in result.stderr


# -- text files ---------------------------------------------------------------

CHINESE_CSV = ("指标,期间,数值,单位,来源,备注\n城镇新增就业,2023年6月,\"1,480\",人,县人社局 月报,\n"
               "规模工业增加值,2023年1-6月,8.2%,,,\n")


@pytest.mark.parametrize("encoding,bom,said", [
    ("gb18030", b"", "GB18030 (GBK) text, comma-separated"),  # "CSV (逗号分隔)" from Chinese Excel/WPS
    ("gbk", b"", "GB18030 (GBK) text, comma-separated"),
    ("utf-8", b"", "UTF-8 text, comma-separated"),
    ("utf-8", b"\xef\xbb\xbf", "UTF-8 (with BOM) text, comma-separated"),
    ("utf-16-le", b"\xff\xfe", "UTF-16 text, tab-separated"),  # Excel's "Unicode text"
    ("utf-16-le", b"", "UTF-16 text, tab-separated"),
])
def test_csv_in_every_encoding_excel_and_wps_write(run, tmp_path, encoding, bom, said):
    text = CHINESE_CSV if "16" not in encoding else CHINESE_CSV.replace(",", "\t").replace('"1\t480"', "1,480")
    path = tmp_path / "x.csv"
    path.write_bytes(bom + text.encode(encoding))
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert f"read {path}: {said}" in result.stderr
    got = {r["indicator"]: (r["value"], r["period"], r["source"]) for r in _records(run)}
    assert got == {"new_urban_jobs": (1480, "2023-06", "县人社局 月报"), "industrial_va_growth": (8.2, "2023-06", None)}


def test_full_width_figures_in_a_file(run, tmp_path):
    path = tmp_path / "fw.csv"
    path.write_text("id,period,value\nindustrial_va_growth,２０２３年６月,６．１％\nnew_urban_jobs,2023-06,１，４８０\n",
                    encoding="utf-8")
    assert run("update", "--file", str(path)).exit_code == 0
    assert {r["indicator"]: (r["value"], r["period"]) for r in _records(run)} == {
        "industrial_va_growth": (6.1, "2023-06"), "new_urban_jobs": (1480, "2023-06")}


def test_bytes_no_encoding_reads_are_refused_in_one_line(run, tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"id,period,value\n\x81\xff\x80,\xfe\xfe,1\n")
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"error: {path}: cannot read the file as text: it is not UTF-8, UTF-16 "
                                             "or GB18030 (GBK)")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name,data,message", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "an old Excel 97–2003 (.xls) workbook"),
    ("fake.xlsx", b"id,period,value\n", "not an .xlsx workbook"),
    ("x.ods", b"whatever", "cannot read '.ods' files"),
    ("missing.csv", None, "file not found"),
    ("nohead.csv", b"a,b,c\n1,2,3\n", "no heading row with columns id, period, value"),
])
def test_unreadable_files_get_one_line(run, tmp_path, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# -- re-importing -------------------------------------------------------------

def test_reimporting_the_same_file_changes_nothing_and_says_so(run, tmp_path):
    path = tmp_path / "same.csv"
    path.write_text(CHINESE_CSV, encoding="utf-8")
    assert run("update", "--file", str(path)).exit_code == 0
    for extra in ([], ["--revise"]):
        again = run("update", "--file", str(path), *extra)
        assert again.exit_code == 0, again.stderr
        assert "recorded 0 figure(s)" in again.stderr and "2 unchanged" in again.stderr
    assert len(_records(run)) == 2  # no revisions of identical figures


def test_an_identical_figure_in_another_unit_is_unchanged(run, tmp_path):
    run("update", "retail_sales_total", "15.8亿元", "-p", "2023-06")
    path = tmp_path / "w.csv"
    path.write_text("id,period,value,unit\nretail_sales_total,2023-06,158000,万元\nnew_urban_jobs,2023-06,10,\n",
                    encoding="utf-8")
    result = run("update", "--file", str(path), "--dry-run")
    assert "new_urban_jobs\t2023-06\t10" in result.stdout and "retail_sales_total" not in result.stdout
    assert "dry run: 1 figure(s) would be recorded; 1 unchanged" in result.stderr


def test_one_changed_row_among_unchanged_ones_needs_revise(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(CHINESE_CSV, encoding="utf-8")
    run("update", "--file", str(path))
    path.write_text(CHINESE_CSV.replace("8.2%", "8.4%"), encoding="utf-8")
    refused = run("update", "--file", str(path))
    assert refused.exit_code == 1
    assert "row 3: industrial_va_growth already has 8.2% for 2023-06" in refused.stderr
    revised = run("update", "--file", str(path), "--revise")
    assert "recorded 1 figure(s)" in revised.stderr and "(1 revised); 1 unchanged" in revised.stderr


# -- LibreOffice --------------------------------------------------------------

@pytest.fixture(scope="module")
def libreoffice_workbook(tmp_path_factory) -> Path:
    """A CSV holding 6.1% and two dates, converted once by LibreOffice headless (detecting special
    numbers, as when a bureau opens a CSV in its office suite and saves it as a workbook)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("lo")
    src = folder / "figures.csv"
    src.write_text("id,period,value\nindustrial_va_growth,2023-06-01,6.1%\nnew_urban_jobs,6/30/2023,1480\n",
                   encoding="utf-8")
    profile = folder / f"profile-{uuid.uuid4().hex}"  # a private profile: parallel runs do not clash
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1,,1033,false,true", "--convert-to", "xlsx",
                    "--outdir", str(folder), str(src)], check=True, capture_output=True, timeout=180)
    out = folder / "figures.xlsx"
    assert out.is_file()
    return out


def test_a_libreoffice_workbook_with_a_percent_cell(run, libreoffice_workbook):
    ws = load_workbook(libreoffice_workbook)["figures"]
    assert (ws["C2"].value, "%" in ws["C2"].number_format) == (pytest.approx(0.061), True)  # what LibreOffice stores
    assert (ws["B2"].value, ws["B3"].value) == (dt.datetime(2023, 6, 1), dt.datetime(2023, 6, 30))
    result = run("update", "--file", str(libreoffice_workbook))
    assert result.exit_code == 0, result.stderr
    assert {r["indicator"]: (r["value"], r["period"]) for r in _records(run)} == {
        "industrial_va_growth": (6.1, "2023-06"), "new_urban_jobs": (1480, "2023-06")}


# -- the template ---------------------------------------------------------------

def _template(run, tmp_path, *args, name="t.xlsx"):
    out = tmp_path / name
    result = run("template", "--period", "2023-06", "--out", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return out


def test_template_columns_name_beside_value_unit_and_target_shown(run, tmp_path):
    ws = load_workbook(_template(run, tmp_path)).active
    head = [c.value for c in ws[1]]
    assert head == ["指标", "数值", "单位", "期间", "年度目标", "来源", "备注", "去年同期", "牵头单位", "id"]
    rows = {r[9]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[7] is None}
    assert rows["gdp_growth"][:5] == ("地区生产总值", None, "%", "2023年二季度", "增长8%以上")
    assert rows["retail_sales_total"][2:5] == ("亿元", "2023年1-6月", "突破34亿元")
    assert rows["urban_unemployment"][4] == "5.5%左右"
    assert rows["new_urban_jobs"][8] == "县人社局"


def test_template_asks_for_last_years_figure_of_double_decline_counts(run, tmp_path):
    ws = load_workbook(_template(run, tmp_path)).active
    baseline = [(r[9], r[3]) for r in ws.iter_rows(min_row=2, values_only=True) if r[7] == "是"]
    assert baseline == [("accident_count", "2022年1-6月"), ("accident_deaths", "2022年1-6月")]


def test_template_value_cells_are_numbers_and_the_print_layout_fits_one_page_wide(run, tmp_path):
    ws = load_workbook(_template(run, tmp_path)).active
    assert {ws.cell(r, 2).number_format for r in range(2, ws.max_row + 1)} == {"General"}
    assert {ws.cell(r, 4).number_format for r in range(2, ws.max_row + 1)} == {"@"}  # periods stay text
    setup = ws.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "B2"


def test_filled_template_round_trip_with_percent_typed_either_way(run, tmp_path):
    out = _template(run, tmp_path, "--unit", "县人社局")
    wb = load_workbook(out)
    ws = wb.active
    by_id = {ws.cell(r, 10).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(by_id["new_urban_jobs"], 2).value = 1480
    ws.cell(by_id["urban_unemployment"], 2).value = 0.054  # typed 5.4%: Excel stores 0.054 as a percent
    ws.cell(by_id["urban_unemployment"], 2).number_format = "0.0%"
    ws.cell(by_id["air_quality"], 2).value = 91.2  # typed 91.2 beside the unit %
    wb.save(out)
    result = run("update", "--file", str(out))
    assert result.exit_code == 0, result.stderr
    assert "sheet '数据填报'" in result.stderr and "recorded 3 figure(s)" in result.stderr
    got = {r["indicator"]: (r["value"], r["period"]) for r in _records(run)}
    assert got == {"new_urban_jobs": (1480, "2023-06"), "urban_unemployment": (5.4, "2023-06"),
                   "air_quality": (91.2, "2023-06")}
    assert "3 unchanged" in run("update", "--file", str(out)).stderr


def test_csv_template_saved_again_as_gbk_by_excel_is_read(run, tmp_path):
    out = _template(run, tmp_path, "--unit", "县应急管理局", name="t.csv")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    filled = [line.replace(",,起,2023年1-6月", ",0,起,2023年1-6月") if line.startswith("较大") else line
              for line in lines]
    (tmp_path / "gbk.csv").write_bytes("\r\n".join(filled).encode("gbk"))
    result = run("update", "--file", str(tmp_path / "gbk.csv"))
    assert result.exit_code == 0, result.stderr
    assert "GB18030 (GBK) text" in result.stderr
    assert [(r["indicator"], r["value"]) for r in _records(run)] == [("major_accidents", 0)]


def test_template_in_english_headings_reads_back(run, tmp_path):
    out = _template(run, tmp_path, "--lang", "en", "--unit", "县人社局")
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:4] == ["name_zh", "value", "unit", "period"]
    assert ws.cell(2, 4).value == "2023-06"
    ws.cell(2, 2).value = 1480
    ws.parent.save(out)
    assert run("update", "--file", str(out)).exit_code == 0


def test_one_workbook_with_every_trap_round_trips(run, tmp_path):
    """Percent cells, a date period, a hidden old sheet and a formula without a saved result, together."""
    rows = [HEAD, ["industrial_va_growth", dt.datetime(2023, 6, 1), 0.061, "", "", ""],
            ["new_urban_jobs", "2023年1-6月", 1480, "", "", ""],
            ["retail_sales_total", "2023-06", "=B9*2", "", "", ""]]
    path = _xlsx(tmp_path / "all.xlsx", rows, formats={(2, 3): "0.0%", (2, 2): "yyyy-mm"},
                 hidden_first=[HEAD, ["new_urban_jobs", "2023-06", 99999, "", "", ""]])
    refused = run("update", "--file", str(path))
    assert refused.exit_code == 1 and "row 4: C4 is a formula (=B9*2)" in refused.stderr
    assert _records(run) == []
    wb = load_workbook(path)
    wb["2023年6月"]["C4"].value = 17.5  # the bureau types the figure instead
    wb.save(path)
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert {r["indicator"]: (r["value"], r["period"]) for r in _records(run)} == {
        "industrial_va_growth": (6.1, "2023-06"), "new_urban_jobs": (1480, "2023-06"),
        "retail_sales_total": (17.5, "2023-06")}


def test_a_name_that_is_no_indicator_beside_a_valid_id_is_refused_as_a_mismatch(run, tmp_path):
    path = _xlsx(tmp_path / "m2.xlsx", [["id", "指标", "期间", "数值"],
                                        ["new_urban_jobs", "城镇新增就业人数", "2023-06", 9]])
    result = run("update", "--file", str(path))
    assert "row 2: id new_urban_jobs is 城镇新增就业, but 指标 says '城镇新增就业人数'" in result.stderr


@pytest.mark.parametrize("mark", ["", "—", "-", "/", "／", "N/A"])
def test_a_value_marked_no_figure_is_skipped_not_zero(run, tmp_path, mark):
    path = tmp_path / "nf.csv"
    path.write_text(f"指标,期间,数值\n较大及以上安全事故,2023年1-6月,{mark}\n城镇新增就业,2023年1-6月,1480\n",
                    encoding="utf-8")
    result = run("update", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    assert "recorded 1 figure(s)" in result.stderr and "1 row(s) without a figure" in result.stderr
    assert [r["indicator"] for r in _records(run)] == ["new_urban_jobs"]


def test_none_is_not_taken_for_no_figure(run, tmp_path):
    # 无 may mean "no accidents" (0) or "no figure": liupi does not guess
    path = tmp_path / "wu.csv"
    path.write_text("指标,期间,数值\n较大及以上安全事故,2023年1-6月,无\n", encoding="utf-8")
    result = run("update", "--file", str(path))
    assert result.exit_code == 1 and "row 2: cannot read value '无'" in result.stderr


def test_a_row_made_only_of_formulas_without_results_is_not_lost(run, tmp_path):
    # written by a script: every cell a formula, none ever calculated; read naively the row is blank
    path = _xlsx(tmp_path / "ff.xlsx", [HEAD, ["new_urban_jobs", "2023-06", 1480, "", "", ""],
                                        ['="new_"&"urban_jobs"', '="2023-05"', "=1000+400", "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "row 3: A3 is a formula" in result.stderr


def test_a_two_row_heading_with_merged_cells_is_read(run, tmp_path):
    """指标 and 期间 merged down two rows, 本期数据 merged over 数值 | 单位: the way many bureaus lay out a form."""
    wb = Workbook()
    ws = wb.active
    ws.append(["指标", "期间", "本期数据", None, "备注"])
    ws.append([None, None, "数值", "单位", None])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(cells)
    ws.append(["new_urban_jobs", "2023-06", 1500, "人", "月报"])
    ws.append(["retail_sales_total", "2023-06", 158000, "万元", None])
    ws.append(["air_quality", "2023-06", "abc", "%", None])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    bad = run("update", "--file", str(path))
    assert bad.exit_code == 1 and "row 5: cannot read value 'abc'" in bad.stderr  # rows counted as in Excel
    ws.delete_rows(5)
    wb.save(path)
    assert run("update", "--file", str(path)).exit_code == 0
    assert [(h["value"], h["note"]) for h in _history(run, "new_urban_jobs")] == [(1500, "月报")]
    assert _history(run, "retail_sales_total")[0]["value"] == pytest.approx(15.8)  # 158000万元 in 亿元


def test_an_empty_active_sheet_is_named_with_the_sheets_that_hold_figures(run, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["指标", "期间", "数值"])
    ws.append(["new_urban_jobs", "2023-06", 1500])
    wb.create_sheet("Sheet2")
    wb.active = 1
    path = tmp_path / "two-sheets.xlsx"
    wb.save(path)
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert "no heading row with columns id, period, value in sheet 'Sheet2'" in result.stderr
    assert "the workbook also has '数据'" in result.stderr
    assert _history(run, "new_urban_jobs") == []
