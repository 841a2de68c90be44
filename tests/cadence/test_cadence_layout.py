"""How the cadence products print and read on a phone: the workbook's first sheet is the document, long
sections become annexes, every sheet prints A4 landscape one page wide at 9 pt or more, and HTML tables
put the name, light and status before the English id."""

from __future__ import annotations

import io
import re

import pytest

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.cadence_formats import phone_order, to_html, to_markdown, to_xlsx
from liupi_cli.render.cadence_xlsx import BODY_PT, LONG, MIN_PT, PAGE_UNITS, fit, scale


def _book(doc: Doc):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(to_xlsx(doc)))


def _col_a(ws) -> list[object]:
    return [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]


def _widths(ws) -> list[float]:
    from openpyxl.utils import get_column_letter

    return [ws.column_dimensions[get_column_letter(j)].width for j in range(1, ws.max_column + 1)]


LONG_NAME = "促进高质量充分就业：补贴性职业技能培训和新就业形态劳动者权益保障"  # 31 characters


def _doc() -> Doc:
    short = Section("本旬任务进展", ["编号", "名称", "灯", "状态"], [["a1", "城镇新增就业", "红灯", "严重滞后"]],
                    light_column=2)
    empty = Section("本旬新增逾期任务", ["编号", "名称"], [])
    noted = Section("待报", ["类别", "编号"], [], note="本期无待报事项。")
    long = Section("指标进度", ["序号", "编号", "名称", "目标"],
                   [[i, f"ind_{i}", LONG_NAME if i == 1 else "地区生产总值", "≥ 6%"] for i in range(1, LONG + 2)])
    return Doc("旬简报 · 2023年6月下旬", ["统计区间: 2023-06-21 – 2023-06-30", "第二行"],
               [short, empty, long, noted], lang="zh")


def test_first_sheet_is_the_document_with_every_heading_in_order():
    wb = _book(_doc())
    assert wb.sheetnames == ["旬简报", "附件1 指标进度"]  # 31 rows > LONG: an annex; the rest on sheet one
    a = _col_a(wb["旬简报"])
    assert a[:3] == ["旬简报 · 2023年6月下旬", "统计区间: 2023-06-21 – 2023-06-30", "第二行"]
    heads = [a.index(t) for t in ("本旬任务进展", "本旬新增逾期任务", "指标进度", "待报")]
    assert heads == sorted(heads)
    assert a[heads[0] + 1: heads[0] + 3] == ["编号", "a1"]  # column headings, then the row
    assert a[heads[1] + 1] == "无"  # an empty section is one line, not a page
    assert a[heads[2] + 1] == f"见附件1（工作表「附件1 指标进度」，共{LONG + 1}行）"
    assert a[heads[3] + 1] == "本期无待报事项。"
    annex = wb["附件1 指标进度"]
    assert _col_a(annex)[:3] == ["附件1 指标进度", "序号", 1] and annex.max_row == LONG + 3
    assert (annex.freeze_panes, annex.auto_filter.ref) == ("A3", f"A2:D{LONG + 3}")
    red = wb["旬简报"].cell(heads[0] + 3, 3)
    assert (red.value, red.fill.fgColor.rgb) == ("红灯", "00FFCDD2")


def test_english_words_for_none_and_annex():
    doc = _doc()
    doc.lang = "en"
    wb = _book(doc)
    assert wb.sheetnames[1] == "Annex 1 指标进度"
    assert f"See annex 1 (sheet “Annex 1 指标进度”, {LONG + 1} rows)" in _col_a(wb.worksheets[0])
    assert "none" in _col_a(wb.worksheets[0])
    html = to_html(doc)
    assert '<html lang="en">' in html and "<p>none</p>" in html


def test_every_sheet_prints_a4_landscape_one_page_wide_with_page_numbers():
    wb = _book(_doc())
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert (ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert wb["附件1 指标进度"].print_title_rows == "$1:$2"  # the annex's heading rows on every page
    assert wb["旬简报"].print_title_rows is None  # the document's sections carry their own headings


def test_title_and_wrapped_rows_are_tall_enough():
    wb = _book(_doc())
    ws = wb["旬简报"]
    assert ws.row_dimensions[1].height >= 26 and ws.cell(1, 1).font.sz == 15  # a 15 pt bold title, not clipped
    annex = wb["附件1 指标进度"]
    # 31 characters want 31 × 2.1 + 1.5 = 66.6 units; the cap is 40, so they wrap: ceil(65.1 / 39.2) = 2 lines
    assert annex.column_dimensions["C"].width == 40
    assert annex.row_dimensions[3].height == 2 * 16
    assert annex.row_dimensions[4].height is None  # 地区生产总值 is one line: the program's own height


def test_fit_water_fills_the_widest_columns():
    assert fit([10, 50, 80], 100) == [10, 45, 45]  # 10 + 2 × 45 = 100: the narrow column keeps its width
    assert fit([10, 20], 100) == [10, 20]
    assert scale([PAGE_UNITS]) >= MIN_PT / BODY_PT
    assert scale([100.0]) == 1.0  # 940 px of columns on a 1045.7 px page: no shrinking
    assert scale([200.0]) == pytest.approx(1045.7 / 1880, abs=0.001)  # 200 units × 9.4 px


def test_a_table_of_long_text_still_prints_at_nine_point():
    cols = [f"列{j}" for j in range(11)]
    wide = Section("指标进度", cols, [[LONG_NAME * 2] * 11 for _ in range(3)])
    wb = _book(Doc("月通报 · 2023年1–6月", [], [wide], lang="zh"))
    widths = _widths(wb.worksheets[0])
    assert sum(widths) <= PAGE_UNITS
    assert scale(widths) >= MIN_PT / BODY_PT  # fit-to-width prints the 11 pt text at 9 pt or more
    assert max(widths) < 40  # every column gave way, none shrank below the others


def test_html_puts_name_light_and_status_before_the_id():
    cols = ["序号", "战役", "编号", "名称", "牵头单位", "目标", "灯", "状态"]
    assert phone_order(cols, "zh") == [0, 3, 6, 7, 1, 4, 5, 2]
    assert phone_order(["Unit", "What", "ID", "Name", "For / last update"], "en") == [0, 3, 4, 1, 2]
    html = to_html(_doc())
    first = re.search(r"<thead><tr>(.*?)</tr>", html).group(1)
    assert re.findall(r"<th>(.*?)</th>", first) == ["名称", "灯", "状态", "编号"]
    row = '<td class="t">城镇新增就业</td><td class="red s">红灯</td><td class="s">严重滞后</td><td class="id">a1</td>'
    assert row in html
    assert "<p>无</p>" in html
    # markdown keeps the Doc's own order
    assert "| 编号 | 名称 | 灯 | 状态 |" in to_markdown(_doc())


def test_shipped_month_circular_prints_readably(run_shipped, tmp_path):
    """The bundled plan's month circular: sheet one holds every section heading in order, the long
    tables are annexes, and no sheet fits to the page below 9 pt."""
    from openpyxl import load_workbook

    assert run_shipped("summary", "--month", "2023-06", "--out-dir", tmp_path, "--formats", "xlsx").exit_code in (0, 6)
    out = tmp_path / "2023-06" / "月通报-2023-06.xlsx"
    md = run_shipped("summary", "--month", "2023-06", "--format", "markdown").stdout
    headings = re.findall(r"^## (.+)$", md, re.M)
    wb = load_workbook(out)
    a = _col_a(wb.worksheets[0])
    assert [a.index(h) for h in headings] == sorted(a.index(h) for h in headings)
    assert any(name.endswith("指标进度") for name in wb.sheetnames[1:])
    for ws in wb.worksheets:
        assert scale(_widths(ws)) >= MIN_PT / BODY_PT, ws.title
    html = run_shipped("summary", "--month", "2023-06", "--lang", "en", "--format", "html").stdout
    for head in re.findall(r"<thead><tr>(.*?)</tr>", html):
        cols = re.findall(r"<th>(.*?)</th>", head)
        for key in ("Name", "Light", "Status"):
            if key in cols and "ID" in cols:
                assert cols.index(key) < cols.index("ID") and cols.index(key) < 4, cols


def _printed_sizes(pdf: bytes) -> list[list[float]]:
    """Per page, the text sizes LibreOffice printed in the body (page header and footer bands left out)."""
    import zlib

    pages = []
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            body = zlib.decompress(pdf[m.end():pdf.find(b"endstream", m.end())])
        except zlib.error:
            continue
        found = re.findall(rb"[\d.-]+ ([\d.-]+) Td /F\d+ ([\d.]+) Tf", body)
        sizes = [float(s) for y, s in found if 40 < float(y) < 550]
        if sizes:
            pages.append(sizes)
    return pages


def test_libreoffice_prints_a_wide_annex_at_nine_point_or_more(tmp_path):
    """The real print: LibreOffice (which stands DejaVu Sans in for Calibri, the widest case) fits an
    11-column annex of long text to A4 landscape; before the width cap such a sheet printed at 4.9 pt."""
    import shutil
    import subprocess
    import uuid

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    cols = ["序号", "战役", "编号", "名称", "牵头单位", "目标", "最新数据", "数据期", "差距", "灯", "状态"]
    rows = [[i, "打好经济增长主动仗", f"new_above_scale_industrial_firms_{i}", LONG_NAME, "县发改局", "力争突破34亿元",
             "158000万元", "2023-06", -3.5, "黄灯", "低于序时进度"] for i in range(1, 41)]
    doc = _doc()
    doc.sections.append(Section("指标进度 · 全部", cols, rows, light_column=9))
    src = tmp_path / "m.xlsx"
    src.write_bytes(to_xlsx(doc))
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pages = _printed_sizes((tmp_path / "m.pdf").read_bytes())
    assert len(pages) >= 3  # the document, then the two annexes
    assert min(pages[0]) == pytest.approx(BODY_PT, abs=0.05)  # the document sheet fits the page as it is
    assert min(min(p) for p in pages) >= MIN_PT
