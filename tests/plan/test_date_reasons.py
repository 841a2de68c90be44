"""A plan date that cannot be read says why in the run's language: pydantic's reason (its English is the key
of the catalogue's ``check.date_reason.*``) is said in Chinese under --lang zh, as typed in English."""

from __future__ import annotations

import re

import pytest

from liupi_cli.messages_catalogue import CATALOGUE

REASONS = {"2023-02-30": "该月没有这一天", "2023-13-01": "月份应在 1–12 之间", "2023-1": "日期不完整",
           "2023/01/01": "年月日之间应以 - 分隔", "20x3-01-01": "年份中有非数字字符",
           "2023-0a-01": "月份中有非数字字符", "2023-01-0b": "日中有非数字字符", "2023-01-01x": "日期后有多余字符"}


@pytest.mark.parametrize("typed", sorted(REASONS), ids=lambda t: re.sub(r"[^0-9a-z]+", "-", t))
def test_an_unreadable_due_date_says_why_in_chinese(run, mini, typed):
    targets = mini / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    assert "  due: 2023-08-31\n" in text
    targets.write_text(text.replace("  due: 2023-08-31\n", f"  due: '{typed}'\n", 1), encoding="utf-8")
    zh = run("check", "--lang", "zh")
    assert zh.exit_code == 1
    line = next(ln for ln in zh.stdout.splitlines() if ".due" in ln)
    assert line.endswith(f"应为日期（{REASONS[typed]}）"), line
    en = run("check")
    english = next(ln for ln in en.stdout.splitlines() if ".due" in ln)
    reason = english.split("Input should be a valid date or datetime, ", 1)[1]
    assert CATALOGUE[f"check.date_reason.{reason}"] == (reason, REASONS[typed])


def test_every_reason_in_the_catalogue_is_met_by_a_date_above():
    reasons = {k for k in CATALOGUE if k.startswith("check.date_reason.")}
    assert len(reasons) == len(set(REASONS.values())) + 1  # and "input is too long", which no YAML date reaches
