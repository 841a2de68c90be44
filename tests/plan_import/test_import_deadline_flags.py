"""Each deadline reading with the exact flag a person reviewing the import reads (plan year 2024 unless
given): what the flag says matters, not only that there is one."""

import datetime as dt

import pytest

from liupi_cli.plan_import.deadlines import Deadline, parse_deadline

D = dt.date


@pytest.mark.parametrize("text, year, expected", [
    (None, 2024, Deadline(None, None)),
    ("  \n", 2024, Deadline(None, None)),
    ("2024 年 6 月 底前", 2024, Deadline(D(2024, 6, 30), "2024年6月底前")),  # spaces dropped from the text
    ("2024/9/30", None, Deadline(D(2024, 9, 30), "2024/9/30")),
    ("9月30日", 2024, Deadline(D(2024, 9, 30), "9月30日")),
    ("2025年底", 2024, Deadline(D(2025, 12, 31), "2025年底")),
    ("年度内", 2024, Deadline(D(2024, 12, 31), "年度内")),
    ("2025年末前", None, Deadline(D(2025, 12, 31), "2025年末前")),
    ("年底前", None, Deadline(None, "年底前", "not a deadline liupi can read; set it by hand or leave it empty")),
    ("30个工作日内", 2024, Deadline(None, "30个工作日内", "'30个工作日内' counts working days from a start the "
                                     "document does not give; set the deadline by hand")),
    ("两个月内", 2024, Deadline(None, "两个月内", "'两个月内' counts a period from a start the document does "
                                 "not give; set the deadline by hand")),
    ("每月底", 2024, Deadline("ongoing", "每月底", "recurring (每月底): kept as ongoing")),
    ("每季度，12月底前完成", 2024, Deadline(D(2024, 12, 31), "每季度，12月底前完成")),  # a date wins
    ("长期坚持", 2024, Deadline("ongoing", "长期坚持")),
    ("持续开展", None, Deadline("ongoing", "持续开展")),
    ("2024年3月至6月", 2024, Deadline(D(2024, 6, 30), "2024年3月至6月",
                                 "a range from 2024-03-31 to 2024-06-30: the end is the deadline")),
    ("2024年3月—2025年6月", 2024, Deadline(D(2025, 6, 30), "2024年3月—2025年6月",
                                      "a range from 2024-03-31 to 2025-06-30: the end is the deadline")),
    ("6月底前、9月底前、12月底前", 2024, Deadline(
        D(2024, 12, 31), "6月底前、9月底前、12月底前",
        "several dates (2024-06-30, 2024-09-30, 2024-12-31): the last, 2024-12-31, is the deadline; "
        "the others are stages")),
    ("6月底前和9月底前", 2024, Deadline(  # two dates not written as a range are stages, not a range
        D(2024, 9, 30), "6月底前和9月底前",
        "several dates (2024-06-30, 2024-09-30): the last, 2024-09-30, is the deadline; the others are stages")),
    ("2024年6月底前完成，并长期坚持", 2024, Deadline(D(2024, 6, 30), "2024年6月底前完成，并长期坚持",
                                          "also says it continues (持续/长期)")),
    ("全年完成", 2024, Deadline(D(2024, 12, 31), "全年完成", "'全年完成' read as due by the year's end (2024-12-31)")),
    ("全年推进", 2024, Deadline(D(2024, 12, 31), "全年推进", "'全年推进' read as due by the year's end (2024-12-31)")),
    ("2024年3月至6月，长期坚持", 2024, Deadline(  # two flags, one after the other
        D(2024, 6, 30), "2024年3月至6月，长期坚持",
        "a range from 2024-03-31 to 2024-06-30: the end is the deadline; also says it continues (持续/长期)")),
    # without a plan year a month alone is no date, but a later one with its year still is
    ("6月底前，2025年3月底前", None, Deadline(D(2025, 3, 31), "6月底前，2025年3月底前")),
    ("年内完成", 2023, Deadline(D(2023, 12, 31), "年内完成")),  # 年内 is read as the year end outright
    ("全年", None, Deadline(None, "全年", "not a deadline liupi can read; set it by hand or leave it empty")),
    ("适时", 2024, Deadline(None, "适时", "not a deadline liupi can read; set it by hand or leave it empty")),
])
def test_a_deadline_and_its_flag(text, year, expected):
    assert parse_deadline(text, year) == expected


@pytest.mark.parametrize("text, value", [
    ("0月底", None),  # no month 0
    ("12月0日", None),  # no day 0
    ("2024年2月30日", None),
    ("2023年2月末", D(2023, 2, 28)),  # not a leap year
    ("1月31日", D(2024, 1, 31)),  # the last day of the month is a day of the month
    ("7月1日", D(2024, 7, 1)),  # and so is the first
    ("12月上旬", D(2024, 12, 10)),
    ("2024.13.01", None),
    ("3月1日至2024.6.30", D(2024, 6, 30)),
])
def test_the_bounds_of_months_and_days(text, value):
    assert parse_deadline(text, 2024).value == value
