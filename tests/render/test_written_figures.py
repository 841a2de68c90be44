"""Figures as the report's files write them: whole counts in the Chinese CSV, the workbook's overdue tasks,
with numbers worked by hand."""

from __future__ import annotations

import csv
import io

from conftest import FIXTURES


def test_the_chinese_csv_writes_whole_counts_without_a_decimal(run, mini):
    assert run("update", "--file", str(FIXTURES / "mini-actuals.csv")).exit_code == 0
    text = run("report", "-m", "2023-06", "-f", "csv", "--lang", "zh").stdout
    jobs = next(r for r in csv.DictReader(io.StringIO(text)) if r["指标代码"] == "new_urban_jobs")
    # target 3200 people; 1500 by June, 1000 by May: 500 this month
    assert (jobs["年度目标"], jobs["本期"], jobs["累计"]) == ("3200人", "500", "1500")


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
