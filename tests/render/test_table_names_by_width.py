"""The English terminal table names each indicator in English, and adds its Chinese name only when the
terminal is 120 columns or wider."""

from __future__ import annotations

from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.text import to_text
from liupi_cli.report import build_report
from liupi_cli.store import Record


def rec(indicator: str, period: str, value: float) -> Record:
    return Record(id=1, indicator=indicator, period=period, baseline=False, value=value, entered=f"{value:g}",
                  entered_unit=None, unit=None, recorded_by="统计局", recorded_at="2023-07-05T09:00:00+08:00",
                  source=None, note=None, supersedes=None, batch=None, current=True)


def test_the_chinese_name_is_added_at_120_columns_only():
    report = build_report(load_plan(MINI), [rec("new_urban_jobs", "2023-06", 800)], parse_period("2023-06"))
    narrow, wide = to_text(report, "en", 100), to_text(report, "en", 120)
    assert "New urban jobs" in narrow and "城镇" not in narrow  # not even the start of 城镇新增就业
    assert "New urban jobs 城镇新增就业" in wide
