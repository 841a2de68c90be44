"""Periods and values in the forms county offices write them (core, no files)."""

import datetime as dt

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.figure_sheet import format_suffix, heading_key, is_percent_format, number_text
from liupi_cli.models import Frequency
from liupi_cli.periods import Period, parse_period, period_for
from liupi_cli.quantity import parse_quantity

JUNE = Period(2023, 6, "month")
JOINT = Period(2023, 2, "month")
Q2 = Period(2023, 6, "quarter")
H1 = Period(2023, 6, "month")  # 上半年 = 1–6月; a quarterly indicator stores it as Q2


@pytest.mark.parametrize("text,expected", [
    ("2023-06", JUNE), ("2023-6", JUNE), ("2023.06", JUNE), ("2023/06", JUNE), ("2023/6", JUNE),
    ("202306", JUNE),
    # dates, as Excel turns 2023-06 into one and as pandas or a CSV prints it: that month
    ("2023/6/1", JUNE), ("2023-06-01", JUNE), ("2023-06-30 00:00:00", JUNE), ("Jun-23", JUNE), ("June 2023", JUNE),
    ("2023年6月1日", JUNE), ("6月-23", JUNE),  # a date as Chinese Excel shows it
    ("2023年6月", JUNE), ("2023年06月", JUNE), ("2023年6月份", JUNE), ("2023年1-6月", JUNE), ("2023年1—6月", JUNE),
    ("２０２３年６月", JUNE), ("2023 年 6 月", JUNE),
    ("2023年1-2月", JOINT), ("2023年1—2月", JOINT), ("2023年1–2月", JOINT), ("2023年1~2月", JOINT),
    ("2023-01/02", JOINT), ("2023年2月", JOINT),
    ("2023Q2", Q2), ("2023q2", Q2), ("2023 Q2", Q2), ("2023年二季度", Q2), ("2023年第二季度", Q2),
    ("2023年2季度", Q2), ("2023年Q2", Q2),
    ("2023年上半年", H1), ("2023年前三季度", Period(2023, 9, "quarter")),
    ("2023", Period(2023, 12, "year")), ("2023年", Period(2023, 12, "year")), ("2023年度", Period(2023, 12, "year")),
    ("2023年全年", Period(2023, 12, "year")),
])
def test_period_forms(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("1-6月", JUNE), ("1—2月", JOINT), ("6月", JUNE), ("二季度", Q2), ("第二季度", Q2), ("上半年", H1),
])
def test_a_period_without_its_year_is_in_the_year_given(text, expected):
    assert parse_period(text, 2023) == expected
    with pytest.raises(InputRefused, match="gives no year"):
        parse_period(text)


@pytest.mark.parametrize("text", ["2023-01", "2023/1/15", "Jan-23", "2023年1月", "2023年1-1月", "２０２３－０１"])
def test_january_alone_is_refused_in_every_form_with_the_hint(text):
    with pytest.raises(InputRefused) as err:
        parse_period(text)
    assert "published together with February" in err.value.message
    assert err.value.hint == "record it as 2023-02 (or 2023-01/02)"


@pytest.mark.parametrize("text,message", [
    ("2023年3-6月", "does not start in January"),  # not year to date
    ("2023年13月", "month 13 does not exist"),
    ("下半年", "cannot read period"),
    ("June", "cannot read period"),
    ("2023-13", "month 13 does not exist"),
])
def test_periods_that_are_not_year_to_date_or_not_periods(text, message):
    with pytest.raises(InputRefused, match=message):
        parse_period(text, 2023)


def test_half_year_fits_monthly_and_quarterly_but_not_annual_indicators():
    assert period_for(Frequency.monthly, H1, 2023).key == "2023-06"
    assert period_for(Frequency.quarterly, H1, 2023).key == "2023Q2"
    assert period_for(Frequency.monthly, parse_period("2023年二季度"), 2023).key == "2023-06"
    with pytest.raises(InputRefused, match="an annual indicator has no figure for 2023-06") as err:
        period_for(Frequency.annual, H1, 2023)
    assert err.value.hint == "valid periods: 2023"


@pytest.mark.parametrize("text,unit,value,entered_unit", [
    ("６．１％", "%", 6.1, "%"),
    ("1，480", "人", 1480, None),
    ("１４８０人", "人", 1480, "人"),
    ("−0.5", "%", -0.5, None),  # the minus sign U+2212 that Word and WPS put in
    ("１５８０００万元", "亿元", 15.8, "万元"),
])
def test_full_width_digits_and_signs_read_as_ascii(text, unit, value, entered_unit):
    q = parse_quantity(text, unit)
    assert q.value == pytest.approx(value)
    assert q.entered_unit == entered_unit
    assert q.entered == text  # the audit trail keeps what was typed


@pytest.mark.parametrize("fmt,percent", [
    ("0.0%", True), ("0%", True), ("0.00%", True), ("#,##0.0%;[Red]-#,##0.0%", True),
    ('0.0"%"', False), ("0.0\\%", False), ("General", False), ("0.00", False), (None, False),
])
def test_percent_number_formats(fmt, percent):
    assert is_percent_format(fmt) is percent


@pytest.mark.parametrize("fmt,suffix", [('0.00"万元"', "万元"), ('#,##0"人"', "人"), ('0.0"%"', "%"), ("0.0\\%", "%"),
                                        ("0.0%", ""), ("General", "")])
def test_a_unit_printed_by_the_number_format_is_read(fmt, suffix):
    assert format_suffix(fmt) == suffix


@pytest.mark.parametrize("value,percent,text", [
    (0.061, True, "6.1"),  # 0.061 * 100 is 6.1000000000000005 in binary floats; the cell means 6.1
    (0.0575, True, "5.75"), (1, True, "100"), (0.1, True, "10"), (1480.0, False, "1480"), (3.3, False, "3.3"),
    (1e-05, False, "0.00001"),
])
def test_cell_numbers_become_text_without_float_noise(value, percent, text):
    assert number_text(value, percent) == text


@pytest.mark.parametrize("heading,key", [
    ("id", "id"), ("指标", "name"), ("期间", "period"), ("数值", "value"), ("单位", "unit"), ("来源", "source"),
    ("备注", "note"), ("去年同期", "baseline"), (" Value ", "value"), ("ＶＡＬＵＥ", "value"), ("name_zh", "name"),
    ("牵头单位", None), ("年度目标", None), ("target", None),
])
def test_headings_in_chinese_or_english(heading, key):
    assert heading_key(heading) == key


def test_a_date_period_cell_is_its_month():
    assert parse_period(f"{dt.date(2023, 6, 1):%Y-%m-%d}") == JUNE


ALL_PERIODS = ([Period(2023, m, "month") for m in range(2, 13)] + [Period(2023, q * 3, "quarter") for q in range(1, 5)]
               + [Period(2023, 12, "year")])


# ids from the fields, not Period.key: an id computed by the code under test changes under a mutant, and pytest
# then finds no such test (a usage error that stops a mutation run)
@pytest.mark.parametrize("period", ALL_PERIODS, ids=lambda p: f"{p.grain}-{p.months}")
def test_every_period_the_template_writes_reads_back_as_itself(period):
    from liupi_cli.template import period_text

    assert parse_period(period.key) == period
    assert parse_period(period_text(period, "zh")) == period
    assert parse_period(period_text(period, "en")) == period


def test_2023_dot_1_is_refused_as_january_with_the_october_reading_named():
    from liupi_cli.errors import InputRefused
    from liupi_cli.periods import parse_period

    with pytest.raises(InputRefused) as exc:
        parse_period("2023.1")
    assert "January is published together with February" in exc.value.message
    assert exc.value.hint.endswith("if it means October (2023.10 shown without its 0), write 2023-10")
    with pytest.raises(InputRefused) as plain:
        parse_period("2023-01")
    assert "October" not in plain.value.hint  # only the dotted form can be a number that lost its 0
    assert parse_period("2023.10").key == "2023-10"
