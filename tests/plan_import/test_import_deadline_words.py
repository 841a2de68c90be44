"""Deadline words as documents write them, one by one: the numbers, the parts of a month, the year end."""

import datetime as dt

import pytest

from liupi_cli.plan_import.deadlines import _num, parse_deadline


@pytest.mark.parametrize("text,value", [
    ("6", 6), ("12", 12), ("两", 2), ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十二", 12),
    ("二十", 20), ("三十", 30), ("二十五", 25), ("三十一", 31), ("零", 0),
])
def test_numbers_in_characters(text, value):
    assert _num(text) == value


D = dt.date


@pytest.mark.parametrize("text,value,flagged", [
    ("十二月底前", D(2024, 12, 31), False),  # a month in characters
    ("十一月十五日前", D(2024, 11, 15), False),  # a day in characters too: never the month's end instead
    ("2025年3月底前", D(2025, 3, 31), False),  # the year written wins over the plan year
    ("6月上旬", D(2024, 6, 10), False),
    ("6月中旬", D(2024, 6, 20), False),
    ("6月下旬", D(2024, 6, 30), False),
    ("6月份", D(2024, 6, 30), False),
    ("2月末", D(2024, 2, 29), False),  # 2024 is a leap year
    ("13月底前", None, True),  # no such month
    ("6月31日前", None, True),  # no such day
    ("2024.9.30", D(2024, 9, 30), False),
    ("2024-02-30", None, True),  # an impossible date is not read
    ("2023年底前", D(2023, 12, 31), False),
    ("年底前", D(2024, 12, 31), False),
    ("年内", D(2024, 12, 31), False),
    ("2025年6月底前，9月底前全面完成", D(2025, 9, 30), True),  # the second date takes the first's year
])
def test_deadline_words(text, value, flagged):
    d = parse_deadline(text, 2024)
    assert d.value == value, d
    assert (d.flag is not None) == flagged, d.flag


def test_a_month_without_a_year_and_no_plan_year_is_flagged():
    d = parse_deadline("6月底前", None)
    assert d.value is None and d.flag
    d = parse_deadline("2024年6月底前", None)
    assert d.value == D(2024, 6, 30) and d.flag is None
