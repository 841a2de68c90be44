"""Files people open: the xlsx prints as an office prints it, CSV files open in Chinese Excel/WPS,
and `--lang zh` output is Chinese throughout."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

BOM = b"\xef\xbb\xbf"


# -- xlsx -----------------------------------------------------------------------------------------------

def _col_mm(width: float) -> float:
    """Excel's column width (characters of the default font) in millimetres at 96 dpi."""
    return (int(width * 7 + 5)) * 25.4 / 96


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sheet_prints_like_an_office_circular(loaded, tmp_path, lang):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    assert loaded("report", "--month", "2023-06", "--lang", lang, "--out", str(out)).exit_code == 0
    wb = load_workbook(out)
    assert len(wb.worksheets) == 4  # the summary, one sheet per battle, the overdue tasks
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and ps.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ps.fitToWidth, ps.fitToHeight) == (1, 0)  # one page wide, as many tall as needed
        # title and headings on every page (the summary's one table: title, subheading, a gap, its headings)
        assert ws.print_title_rows == ("$1:$4" if ws is wb.worksheets[0] else "$1:$2")
        assert ws.print_options.gridLines
        assert "2023" in ws.oddHeader.center.text
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        # scaled to one page wide, 11 pt text still prints at 9 pt or more
        printable = 297 - 25.4 * (ws.page_margins.left + ws.page_margins.right)
        used = sum(_col_mm(ws.column_dimensions[c].width) for c in "ABCDEFGHIJKLMNOPQ"[:ws.max_column])
        body = [c for row in ws.iter_rows(min_row=3) for c in row if c.value is not None]
        assert min(c.font.sz for c in body) * min(1.0, printable / used) >= 9


@pytest.mark.parametrize("product", [["--month", "2023-06"], ["--quarter", "2023Q2"], ["--year", "2023"]])
def test_summary_workbooks_print_like_the_circular(loaded, tmp_path, product):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    assert loaded("summary", *product, "--lang", "zh", "--out-dir", str(tmp_path), "--formats", "xlsx").exit_code == 0
    (book,) = tmp_path.rglob("*.xlsx")
    wb = load_workbook(book)
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and ps.paperSize == 9, ws.title  # A4 landscape, the first sheet too
        assert (ps.fitToWidth, ps.fitToHeight) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
        # an annex repeats its heading rows on every page; the first sheet's sections carry their own headings
        assert ws.print_title_rows == (None if ws is wb.worksheets[0] else "$1:$2"), ws.title
        assert "第 &P 页，共 &N 页" == ws.oddFooter.center.text and "2023" in ws.oddHeader.center.text
        for col in range(1, ws.max_column + 1):  # a cell wider than its capped column wraps instead of being cut
            letter = get_column_letter(col)
            if ws.column_dimensions[letter].width >= 40:
                assert all(c.alignment.wrap_text for (c,) in ws.iter_rows(min_row=3, min_col=col, max_col=col)
                           if c.value), (ws.title, letter)


def test_xlsx_numbers_are_stored_as_shown_with_a_format_per_column(loaded, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    loaded("report", "--month", "2023-06", "--lang", "zh", "--out", str(out))
    ws = load_workbook(out)["2 打好重点民生保障仗"]
    head = {c.value: c.column for c in ws[2]}
    jobs = next(r for r in ws.iter_rows(min_row=3) if r[head["指标"] - 1].value == "城镇新增就业")
    cell = {name: jobs[col - 1] for name, col in head.items()}
    assert cell["完成年度目标%"].value == 46.9 and cell["完成年度目标%"].number_format == "0.0"  # 1500/3200
    assert cell["与序时进度差(百分点)"].value == -3.1  # 46.875 - 50
    assert cell["累计"].value == 1500 and cell["累计"].number_format == "#,##0"
    assert cell["灯"].value == "黄灯" and cell["灯"].fill.fgColor.rgb.endswith("FFF59D")
    assert ws[2][0].alignment.wrap_text  # headings wrap
    growth = load_workbook(out)["1 打好经济增长主动仗"]
    retail = next(r for r in growth.iter_rows(min_row=3) if r[1].value == "社会消费品零售总额")
    assert retail[head["累计"] - 1].value == 12 and retail[head["累计"] - 1].number_format == "#,##0.00"  # 亿元



def test_a_figure_with_more_decimals_than_its_unit_shows_them_everywhere(loaded, tmp_path):
    """9.46% against ≥9.5% is yellow: no output may show 9.5 and a gap of −0.0 beside that light."""
    from openpyxl import load_workbook

    assert loaded("update", "industrial_va_growth", "9.46", "--period", "2023-07").exit_code == 0
    table = loaded("report", "--month", "2023-07", "--battle", "growth").stdout
    line = next(ln for ln in table.splitlines() if "Industrial" in ln or "规模工业" in ln)
    assert "YELLOW" in line and "9.46%" in line and "-0.04 pts" in line and "-0.0 " not in line
    md = loaded("report", "--month", "2023-07", "--lang", "zh", "-f", "markdown").stdout
    row = next(ln for ln in md.splitlines() if "规模工业增加值" in ln and ln.startswith("| "))
    assert "| 9.46 |" in row and "| -0.04 |" in row and "黄灯" in row
    out = tmp_path / "g.xlsx"
    loaded("report", "--month", "2023-07", "--lang", "zh", "--out", str(out))
    ws = load_workbook(out)["1 打好经济增长主动仗"]
    head = {c.value: c.column for c in ws[2]}
    cells = next(r for r in ws.iter_rows(min_row=3) if r[head["指标"] - 1].value == "规模工业增加值")
    growth, gap = cells[head["累计增长%"] - 1], cells[head["与增长目标差(百分点)"] - 1]
    assert growth.value == 9.46 and growth.number_format == "0.0###"  # Excel shows 9.46, and 9.5 as 9.5
    assert gap.value == -0.04 and gap.number_format == "+0.0###;-0.0###;0.0"


def test_the_html_chart_label_rounds_as_the_table_does(loaded, tmp_path):
    """1512 of 3200 is 47.25%: half up (四舍五入) is 47.3 in the table, so the chart says 47.3 too."""
    assert loaded("update", "new_urban_jobs", "1512", "--period", "2023-07").exit_code == 0
    out = tmp_path / "r.html"
    loaded("report", "--month", "2023-07", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert ">47.3%</text>" in html and "47.2%" not in html

# -- CSV --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["report", "--month", "2023-06", "--out"],
    ["report", "--month", "2023-06", "--lang", "zh", "--out"],
    ["targets", "--out"],
    ["tasks", "--out"],
    ["export", "--out"],
    ["template", "--period", "2023-06", "--out"],
])
def test_csv_files_start_with_a_bom_so_excel_reads_chinese(loaded, tmp_path, args):
    out = tmp_path / "x.csv"
    result = loaded(*args, str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(BOM) and not data[3:].startswith(BOM)
    assert "\ufeff" not in data[3:].decode("utf-8")


def test_summary_csv_files_start_with_a_bom(loaded, tmp_path):
    result = loaded("summary", "--month", "2023-06", "--formats", "csv", "--out-dir", str(tmp_path / "c"))
    assert result.exit_code == 0, result.stderr
    (written,) = (tmp_path / "c").rglob("*.csv")
    assert written.read_bytes().startswith(BOM)


def test_csv_on_stdout_has_no_bom(loaded):
    assert not loaded("report", "-m", "2023-06", "-f", "csv").stdout.startswith("\ufeff")
    assert not loaded("targets", "-f", "csv").stdout.startswith("\ufeff")


def test_chinese_csv_has_chinese_headings_and_words(loaded):
    text = loaded("report", "-m", "2023-06", "-f", "csv", "--lang", "zh").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:4] == ["指标代码", "序号", "战役", "指标"]
    jobs = next(r for r in rows if r["指标代码"] == "new_urban_jobs")
    assert (jobs["灯"], jobs["频率"], jobs["完成年度目标%"], jobs["与序时进度差(百分点)"]) == ("黄灯", "月度", "46.9",
                                                                                            "-3.1")
    assert {r["灯"] for r in rows} == {"红灯", "黄灯", "绿灯", "灰灯"}


def test_english_csv_has_no_float_noise(loaded):
    text = loaded("report", "-m", "2023-06", "-f", "csv").stdout
    assert not re.search(r"\d\.\d{5,}", text)  # e.g. 6.6 − 5.5 = 1.0999999999999996 is written 1.1
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "urban_unemployment")
    assert row["gap"] == "1.1"


# -- Chinese throughout --------------------------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], False

    def handle_starttag(self, tag, attrs):
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip = False

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


PERIOD = re.compile(r"^\d{4}(Q[1-4]|-\d{2}(-\d{2})?)?$")


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html"])
def test_chinese_output_holds_no_english_words(loaded, fmt):
    """Allowed ASCII: indicator and task ids (the keys people type), periods and dates (2023Q2,
    2023-06-30), numbers, and unit symbols (%, ‰). Nothing else: no English word, no light or status
    word, no column heading."""
    result = loaded("report", "-m", "2023-06", "-f", fmt, "--lang", "zh")
    assert result.exit_code == 0
    doc = json.loads(loaded("report", "-m", "2023-06", "-f", "json").stdout)
    ids = {r["id"] for r in doc["rows"]} | {t["id"] for t in doc["summary"]["tasks_overdue"]}
    text = result.stdout
    if fmt == "html":
        parser = _Text()
        parser.feed(text)
        text = "\n".join(parser.parts)
    tokens = re.findall(r"[A-Za-z0-9_.\-]*[A-Za-z][A-Za-z0-9_.\-]*", text)
    stray = {t for t in tokens if t not in ids and not PERIOD.match(t)}
    assert not stray
    assert "\ufeff" not in result.stderr and re.search(r"[a-z]{3,}", result.stderr) is None  # stderr too


def test_chinese_errors_and_hints(run, monkeypatch):
    result = run("report", "--month", "2023-13", "--lang", "zh")
    assert result.exit_code == 2  # an unreadable period option is a usage error
    assert result.stderr.splitlines() == ["错误：统计期“2023-13”：没有13月", "提示：月份为 01–12"]
    monkeypatch.setenv("LIUPI_LANG", "zh")
    unknown = run("update", "nosuch", "5", "--period", "2023-06")
    assert unknown.stderr.splitlines()[0] == "错误：未知指标“nosuch”"
    usage = run("report", "--month", "2023-06", "--bogus")
    assert usage.exit_code == 2
    assert usage.stderr.splitlines() == ["错误：没有这个选项：--bogus", "提示：`liupi report -h` 查看用法"]
    monkeypatch.setenv("LIUPI_LANG", "en")
    assert run("update", "nosuch", "5", "--period", "2023-06").stderr.startswith("error: unknown indicator")


def test_liupi_lang_makes_chinese_the_default(loaded, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    assert loaded("report", "-m", "2023-06").stdout.splitlines()[0].startswith("测试县年度计划 — 目标任务进度通报")
    assert loaded("report", "-m", "2023-06", "--lang", "en").stdout.startswith("Test county annual plan")


def test_filters_are_named_in_chinese(loaded):
    out = loaded("report", "-m", "2023-06", "--lang", "zh", "--battle", "growth", "--light", "red,yellow").stdout
    assert "筛选：战役=打好经济增长主动仗，灯=红灯、黄灯" in out


def test_help_shows_flags_as_flags_and_offers_no_completion(run):
    text = run("--help").stdout
    assert re.search(r"^\s+--debug\s+Show a traceback", text, re.M)
    assert re.search(r"^\s+--version\s+Print the version", text, re.M)
    assert "<bool>" not in text and "[default: False]" not in text
    assert "completion" not in text
    assert "completion" not in run("report", "--help").stdout
    template = run("template", "--help").stdout
    assert re.search(r"--battle\s+\S+\s+Only indicators of this battle", template)
