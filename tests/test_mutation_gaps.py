"""Gaps a sampled mutation run of the whole core showed (a wrong figure that could pass), closed with
numbers worked by hand."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import FIXTURES

from liupi_cli.cadence.dekads import previous_period
from liupi_cli.periods import Period, parse_period


@pytest.mark.parametrize("period, previous", [
    ("2023-02", None),  # 1–2月 is the first month published
    ("2023-03", "2023-02"),  # March follows 1–2月
    ("2023-04", "2023-03"),
    ("2023-12", "2023-11"),
    ("2023Q1", None),
    ("2023Q2", "2023Q1"),
    ("2023Q4", "2023Q3"),
    ("2023", "2022"),
])
def test_the_period_a_change_is_measured_from(period, previous):
    got = previous_period(parse_period(period))
    assert (got.key if got else None) == previous
    if got is not None:
        assert got == parse_period(previous)  # the same grain and months, not only the same key
    if period == "2023":
        assert got == Period(2022, 12, "year")


def test_the_chinese_csv_writes_whole_counts_without_a_decimal(run, mini):
    assert run("update", "--file", str(FIXTURES / "mini-actuals.csv")).exit_code == 0
    text = run("report", "-m", "2023-06", "-f", "csv", "--lang", "zh").stdout
    jobs = next(r for r in csv.DictReader(io.StringIO(text)) if r["指标代码"] == "new_urban_jobs")
    # target 3200 people; 1500 by June, 1000 by May: 500 this month
    assert (jobs["年度目标"], jobs["本期"], jobs["累计"]) == ("3200人", "500", "1500")


def test_a_filled_next_year_table_saved_tab_separated_with_thousands_commas():
    import datetime as dt

    from liupi_cli.fill_table import FillCell, apply_fill, read_fill

    text = "\ufeffindicator\tnew_target\tnew_due\nretail_sales_total\t1,200\t2024/8/31\ngdp_growth\t\t\n"
    cells = read_fill(text, "fill.txt")
    assert cells == [FillCell(2, "retail_sales_total", "1,200", "2024/8/31")]  # the empty row is left for later
    targets = {"indicators": [{"id": "retail_sales_total", "unit": "亿元", "to_be_set": ["target"]}]}
    assert apply_fill(targets, cells, "fill.txt").set == ["retail_sales_total"]
    assert targets["indicators"][0] == {"id": "retail_sales_total", "unit": "亿元", "target": 1200,
                                        "stated": "1,200", "due": dt.date(2024, 8, 31)}


def test_a_filled_target_that_cannot_be_read_is_refused_with_its_line_and_what_to_write():
    from liupi_cli.fill_table import apply_fill, read_fill

    targets = {"indicators": [{"id": "retail_sales_total", "unit": "亿元", "to_be_set": ["target"]},
                              {"id": "gdp_growth", "unit": "%", "to_be_set": ["target"]}]}
    cells = read_fill("indicator,new_target\nretail_sales_total,1200\ngdp_growth,八点五\n", "fill.csv")
    (problem,) = apply_fill(targets, cells, "fill.csv").problems
    assert (problem.row, problem.message) == (3, "fill.csv:3: new_target '八点五': cannot read value '八点五'")
    assert problem.hint == "write it as for `liupi update`: 7%, 360000万元, 增长8%以上, 控制在5.5%左右"
    assert "target" not in targets["indicators"][0]  # nothing set when one cell is refused


def test_the_workbooks_overdue_task_rows_name_the_task_its_lead_unit_and_days(run, mini, tmp_path):
    from openpyxl import load_workbook

    assert run("update", "--file", str(FIXTURES / "mini-actuals.csv")).exit_code == 0
    out = tmp_path / "r.xlsx"
    assert run("report", "--month", "2023-06", "--lang", "zh", "--out", str(out)).exit_code == 0
    ws = load_workbook(out)["逾期任务"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "t4")
    # t4 was due 2023-05-31 and is not done: 30 days overdue at the end of June
    assert row[1] == "开展系列消费促进活动 (县发改局)"
    assert str(row[2])[:10] == "2023-05-31" and row[3] == 30


def test_the_template_names_each_rows_lead_unit_and_a_milestones_date():
    from conftest import MINI

    from liupi_cli.plan import load_plan
    from liupi_cli.template import target_text, template_rows

    plan = load_plan(MINI)
    rows = {r["id"]: r for r in template_rows(plan, parse_period("2023-06"))}
    assert rows["major_accidents"]["lead_unit"] == "县应急管理局"  # its own lead (yjj), not its battle's (rsj)
    assert rows["gdp_growth"]["lead_unit"] == "县发改局"  # no lead of its own: its battle's (fgj)
    assert target_text(plan.indicators["power_project_start"]) == "2023-08-31前"
    undated = plan.indicators["power_project_start"].model_copy(update={"due": None})
    assert target_text(undated) == ""


@pytest.mark.skipif(__import__("sys").platform in ("win32", "darwin"), reason="the Linux places")
@pytest.mark.parametrize("env, expected", [
    ({"HOME": "/home/wang"}, "/home/wang/.local/share/liupi"),
    ({"HOME": "/home/wang", "XDG_DATA_HOME": "/data"}, "/data/liupi"),
    ({"HOME": "/home/wang", "XDG_DATA_HOME": ""}, "/home/wang/.local/share/liupi"),  # empty is unset
])
def test_the_per_user_data_folder_on_linux(env, expected):
    from pathlib import Path

    from liupi_cli.workspace import user_data_dir

    assert user_data_dir(env) == Path(expected)
