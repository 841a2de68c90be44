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


def test_a_date_with_a_time_of_day_is_refused_in_either_language(run, mini):
    targets = mini / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("  due: 2023-08-31\n",
                                                                   "  due: '2023-08-31T10:00:00'\n", 1),
                       encoding="utf-8")
    zh = next(ln for ln in run("check", "--lang", "zh").stdout.splitlines() if ".due" in ln)
    assert zh.endswith("应为日期，不带时刻（如 2023-08-31）"), zh
    en = next(ln for ln in run("check").stdout.splitlines() if ".due" in ln)
    assert en.endswith("Datetimes provided to dates should have zero time - e.g. be exact dates"), en


def test_a_field_error_the_catalogue_does_not_know_is_said_in_pydantic_s_words():
    """The fallback for a kind of error pydantic may add later: its own sentence, without its "Value error, "."""
    from liupi_cli.plan import field_message

    said = field_message({"type": "some_new_error", "msg": "Value error, the field is odd", "loc": ("x",)})
    assert said == "the field is odd"
    assert field_message({"type": "other_new_error", "msg": "Input is odd, Value error, ", "loc": ("x",)}) \
        == "Input is odd, Value error, "
