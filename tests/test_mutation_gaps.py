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
