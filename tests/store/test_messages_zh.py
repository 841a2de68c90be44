"""Refusals about liupi.toml and a sheet's cells come from the catalogue: said in Chinese under --lang zh."""

from __future__ import annotations

import datetime as dt
import shutil

from conftest import MINI
from openpyxl import Workbook
from typer.testing import CliRunner

from liupi_cli.cli.app import app


def test_an_unknown_setting_is_said_in_chinese(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "w" / "data")
    (tmp_path / "w" / "liupi.toml").write_text('plan = "data"\ncolour = "red"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "w")
    zh = CliRunner().invoke(app, ["--lang", "zh", "info"])
    assert zh.exit_code == 3
    assert "liupi.toml：无法识别的设置 colour" in zh.stderr and "可用的设置：`plan`" in zh.stderr
    en = CliRunner().invoke(app, ["info"])
    assert "liupi.toml: unknown setting(s) colour" in en.stderr
    assert "known: plan (the plan folder, relative to liupi.toml); store (the record store file)" in en.stderr


def test_a_date_in_a_value_cell_is_said_in_chinese_with_its_row(tmp_path, mini):
    wb = Workbook()
    wb.active.append(["id", "period", "value"])
    wb.active.append(["new_urban_jobs", "2023-06", dt.date(2023, 6, 1)])
    wb.save(tmp_path / "f.xlsx")
    args = ["--data-dir", str(mini), "update", "--file", str(tmp_path / "f.xlsx")]
    zh = CliRunner().invoke(app, ["--lang", "zh", *args])
    assert zh.exit_code == 1 and "C2：单元格中是日期 2023-06-01（电子表格把输入的内容变成了日期）" in zh.stderr
    en = CliRunner().invoke(app, args)
    assert "C2: the cell holds the date 2023-06-01 (the spreadsheet turned what was typed into a date)" in en.stderr
