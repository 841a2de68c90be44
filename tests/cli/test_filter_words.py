"""The filter line of a Chinese report names the battle and the unit by their Chinese names and the lights in
the order red, yellow, green, grey."""

from __future__ import annotations

from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.labels import filters_text
from liupi_cli.report import build_report

PLAN = load_plan(MINI)


def _line(lang, **kw):
    return filters_text(build_report(PLAN, [], parse_period("2023-06"), **kw), lang)


def test_the_chinese_filter_line_names_the_unit_and_the_battle():
    assert _line("zh", unit="rsj") == "筛选：牵头单位=县人社局"
    assert _line("zh", battle="growth", lights=["grey", "red"]) == "筛选：战役=打好经济增长主动仗，灯=红灯、灰灯"
    assert _line("en", unit="rsj") == "Filters: unit=rsj"


def test_the_unit_is_named_even_when_no_row_is_left():
    assert _line("zh", unit="rsj", lights=["red"]) == "筛选：牵头单位=县人社局，灯=红灯"
