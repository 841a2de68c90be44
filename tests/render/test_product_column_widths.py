"""How a product's workbook sizes its columns (render/cadence_xlsx.py): a text's width in column units, what each
column would like (its longest cell or heading word, between 5 and 40), and how a sheet too wide for the page
shares the page: never below a column's floor (a number with its unit, a date, a light kept on one line), the
width going where it saves the most printed lines, the total within the page."""

from __future__ import annotations

import pytest

from liupi_cli.render.cadence_doc import Section
from liupi_cli.render.cadence_xlsx import MAX_COL, MIN_COL, PAGE_UNITS, column_widths, fit, shape, units


@pytest.mark.parametrize("text,u", [("", 0), ("abc", 3), ("ABC", 3.75), ("县", 2.1), ("１", 2.1), ("é", 1.1),
                                    ("2023-06", 7), ("县发改局", 8.4), (12.5, 4), (None, 4.25)])
def test_a_text_s_width_in_column_units(text, u):
    assert units(text) == pytest.approx(u)


def test_a_column_would_like_its_longest_cell_and_heading_word_within_bounds():
    s = Section("t", ["编号", "Name of the indicator", "灯", "长长长长长长长长长长的标题"],
                [["gdp_growth", "x", "红灯", "a"], ["t1", "城镇新增就业人数" * 3, "绿灯", "b"]])
    assert column_widths(s) == [11.5, MAX_COL, 5.7, 8.4 + 1.5]  # a Chinese heading wraps after 4
    assert column_widths(Section("t", ["a"], [])) == [MIN_COL]
    many = Section("t", ["id"], [["x"]] * 300 + [["y" * 30]])  # only the first 300 rows are looked at
    assert column_widths(many) == [MIN_COL]


def test_fit_caps_the_widest_columns_at_one_level_and_keeps_the_narrow_ones():
    assert fit([10, 50, 80], 100) == [10, 45, 45]
    assert fit([10, 50, 80]) == [10, 50, 67]  # the page's budget: 128 units
    assert fit([30, 30], 40) == [20, 20]
    assert sum(fit([40] * 6, 100)) <= 100 and min(fit([40] * 6, 100)) >= 16.6


def _section(rows: int = 5) -> Section:
    return Section("指标进度", ["战役", "名称", "备注"],
                   [["打好经济增长主动仗", "规模以上工业增加值增长率",
                     "按总体方案二(一)考核；文件另有10%（附件2 一）" * 3]] * rows)


def test_a_sheet_that_fits_keeps_what_its_columns_want():
    s = Section("t", ["编号", "名称"], [["gdp", "地区生产总值"]])
    assert shape([s]) == column_widths(s) == [5.7, 14.1]
    assert sum(shape([_section()])) <= PAGE_UNITS


def test_a_sheet_too_wide_shares_the_page_without_breaking_what_must_stay_whole():
    widths = shape([_section()], 60)
    assert sum(widths) <= 60 and all(w >= MIN_COL for w in widths)
    assert widths[0] >= units("打好经济增长主动仗") / 2  # the battle's name on two lines at most
    assert widths == [10.3, 13.5, 36.0]
    # columns shared by several sections: each column as wide as the widest of them wants
    other = Section("亮灯情况", ["单位", "红灯"], [["县应急管理局", 12]])
    both = shape([other, _section()], 60)
    assert len(both) == 3 and sum(both) <= 60


def test_when_even_the_narrowest_does_not_fit_every_column_gives_way_alike():
    s = Section("t", [f"列{j}" for j in range(12)], [["2023-06-30 12,345.67万元"] * 12])
    widths = shape([s], 60)
    assert sum(widths) <= 60 and len(set(widths)) == 1
