"""Every deadline reading the import is unsure of says why, in words a county office can act on: the date it
took and what else the cell names (a range's start, the stages, that the work goes on), or that the cell
counts from a start the document does not give. A certain reading says nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.plan_import.deadlines import parse_deadline

UNREAD = "not a deadline liupi can read; set it by hand or leave it empty"


@pytest.mark.parametrize("text,value,flag", [
    ("30个工作日内", None, "'30个工作日内' counts working days from a start the document does not give; set the "
                        "deadline by hand"),
    ("3个月内", None, "'3个月内' counts a period from a start the document does not give; set the deadline by hand"),
    ("两周内", None, "'两周内' counts a period from a start the document does not give; set the deadline by hand"),
    ("每季度末", "ongoing", "recurring (每季度末): kept as ongoing"),
    ("每月底", "ongoing", "recurring (每月底): kept as ongoing"),
    ("2024年3月至6月", dt.date(2024, 6, 30), "a range from 2024-03-31 to 2024-06-30: the end is the deadline"),
    ("2023年12月至2024年3月", dt.date(2024, 3, 31),
     "a range from 2023-12-31 to 2024-03-31: the end is the deadline"),
    ("6月、9月、12月底前", dt.date(2024, 12, 31), "several dates (2024-06-30, 2024-09-30, 2024-12-31): the last, "
                                             "2024-12-31, is the deadline; the others are stages"),
    ("长期坚持，12月底前完成", dt.date(2024, 12, 31), "also says it continues (持续/长期)"),
    ("全年", dt.date(2024, 12, 31), "'全年' read as due by the year's end (2024-12-31)"),
    ("视情况而定", None, UNREAD),
    ("2024-02-30", None, UNREAD),
    ("13月底", None, UNREAD),
])
def test_an_unsure_reading_says_why(text, value, flag):
    d = parse_deadline(text, 2024)
    assert (d.value, d.text, str(d.flag)) == (value, text, flag)


@pytest.mark.parametrize("text,value", [
    ("2024年12月上旬", dt.date(2024, 12, 10)),
    ("十月中旬", dt.date(2024, 10, 20)),
    ("十月下旬", dt.date(2024, 10, 31)),
    ("十二月十五日", dt.date(2024, 12, 15)),
    ("二十日", None),
    ("2024.10.31", dt.date(2024, 10, 31)),
    ("2024/3/5", dt.date(2024, 3, 5)),
    ("年底前", dt.date(2024, 12, 31)),
    ("2025年底", dt.date(2025, 12, 31)),
    ("2025年末", dt.date(2025, 12, 31)),
    ("年度内", dt.date(2024, 12, 31)),
    ("2 月 底 前", dt.date(2024, 2, 29)),
    ("9月份", dt.date(2024, 9, 30)),
    ("长期坚持", "ongoing"),
    ("持续开展", "ongoing"),
])
def test_a_certain_reading_says_nothing(text, value):
    d = parse_deadline(text, 2024)
    if value is None:
        assert d.value is None and str(d.flag) == UNREAD
    else:
        assert (d.value, d.flag) == (value, None)
        assert d.text == text.replace(" ", "")


def test_a_month_without_a_year_is_unread_when_no_plan_year_is_known():
    d = parse_deadline("12月底前", None)
    assert (d.value, str(d.flag)) == (None, UNREAD)
    assert parse_deadline("2024年3月至6月", None).value == dt.date(2024, 6, 30)  # 6月 takes the year before it


@pytest.mark.parametrize("blank", [None, "", "  \n"])
def test_an_empty_cell_is_no_deadline_and_no_flag(blank):
    d = parse_deadline(blank, 2024)
    assert (d.value, d.text, d.flag) == (None, None, None)
