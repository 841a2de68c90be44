"""The report workbook (`liupi report --format xlsx`) as a clerk opens it: the summary sheet named in the
report's language with its title in bold 13 pt and its heading rows bold, body cells aligned to the top, and
each battle sheet's heading row bold."""

from __future__ import annotations

import io

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.xlsx import to_xlsx
from liupi_cli.report import build_report


@pytest.fixture(scope="module")
def report():
    return build_report(load_plan(MINI), [], parse_period("2023-06"))


def _open(data: bytes):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("lang,name,by_unit", [("en", "summary", "By lead unit"), ("zh", "总体情况", "分牵头单位")],
                         ids=["en", "zh"])
def test_the_summary_sheet_is_named_and_styled(report, lang, name, by_unit):
    wb = _open(to_xlsx(report, lang))
    ws = wb.worksheets[0]
    assert ws.title == name
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 13)
    rows = [r[0] for r in ws.iter_rows(min_row=3) if r[0].value is not None]
    heading = next(c for c in rows if "/" in str(c.value))
    unit_heading = next(c for c in rows if c.value == by_unit)
    assert heading.font.b and unit_heading.font.b
    body = [c for c in rows if c not in (heading, unit_heading)]
    assert body and not any(c.font.b for c in body)
    assert {c.alignment.vertical for r in ws.iter_rows(min_row=3) for c in r if c.value is not None} == {"top"}


def test_each_battle_sheet_has_a_bold_heading_row_and_top_aligned_cells(report):
    wb = _open(to_xlsx(report, "en"))
    for ws in wb.worksheets[1:-1]:
        assert all(c.font.b for c in ws[2] if c.value), ws.title
        body = [c for r in ws.iter_rows(min_row=3) for c in r if c.value is not None]
        assert body and {c.alignment.vertical for c in body} == {"top"}, ws.title
        assert not any(c.font.b for c in body), ws.title


@pytest.mark.parametrize("lang,title_lines", [("en", 2), ("zh", 1)], ids=["en", "zh"])
def test_the_title_and_its_line_stay_inside_the_printed_width(lang, title_lines):
    """A print area ends at the table's last column: the bundled plan's English title (longer than the seven
    columns) wraps inside them, over two lines, instead of running on past G and being cut on paper."""
    from conftest import SHIPPED

    from liupi_cli.render.xlsx import FONT_SIZE, LINE_HEIGHT

    ws = _open(to_xlsx(build_report(load_plan(SHIPPED), [], parse_period("2023-06")), lang)).worksheets[0]
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:G1", "A2:G2"}
    assert [(ws[c].alignment.wrap_text, ws[c].alignment.vertical) for c in ("A1", "A2")] == [(True, "top")] * 2
    assert ws.row_dimensions[1].height == round(LINE_HEIGHT * 13 / FONT_SIZE * title_lines, 1)
    assert ws.row_dimensions[2].height == LINE_HEIGHT  # the line under it fits in one
    assert ws.max_column == 7  # nothing written past the table to widen the print area
