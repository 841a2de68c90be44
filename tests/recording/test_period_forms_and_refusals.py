"""Every way an office writes a reporting period reads as one period (its key, its labels, its end date and its
序时进度), and every period liupi cannot take is refused in one sentence with a hint, in English and Chinese."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.frequency import Frequency
from liupi_cli.periods import JanuaryAlone, Period, owed_period, parse_period, period_for, valid_periods, within


def _ids(texts):
    """Test ids of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return [f"{i}-" + (re.sub(r"[^0-9A-Za-z]+", "-", t).strip("-") or "blank") for i, t in enumerate(texts)]


# (as written, key, 中文 label, English label, last day)
FORMS = [
    ("2023-06", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023-1/2", "2023-02", "2023年1–2月", "2023 Jan–Feb", dt.date(2023, 2, 28)),
    ("2024-01/02", "2024-02", "2024年1–2月", "2024 Jan–Feb", dt.date(2024, 2, 29)),
    ("2023Q2", "2023Q2", "2023年二季度", "2023Q2", dt.date(2023, 6, 30)),
    ("2023q4", "2023Q4", "2023年四季度", "2023Q4", dt.date(2023, 12, 31)),
    ("2023-Q3", "2023Q3", "2023年三季度", "2023Q3", dt.date(2023, 9, 30)),
    ("2023 Q1", "2023Q1", "2023年一季度", "2023Q1", dt.date(2023, 3, 31)),
    ("2023", "2023", "2023年", "2023", dt.date(2023, 12, 31)),
    ("2023.06", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023/11", "2023-11", "2023年1–11月", "2023-11", dt.date(2023, 11, 30)),
    ("202306", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023-06-30", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023/6/1 00:00", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023.6.1", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023年6月1日", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023 年 6 月 1 日", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("6月-23", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("Jun-23", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("June 2023", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("Sept 2023", "2023-09", "2023年1–9月", "2023-09", dt.date(2023, 9, 30)),
    ("dec-2023", "2023-12", "2023年1–12月", "2023-12", dt.date(2023, 12, 31)),
    ("2023年1-6月", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023年1—2月", "2023-02", "2023年1–2月", "2023 Jan–Feb", dt.date(2023, 2, 28)),
    ("2023年6月", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023年6月末", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023年二季度", "2023Q2", "2023年二季度", "2023Q2", dt.date(2023, 6, 30)),
    ("2023年第三季度", "2023Q3", "2023年三季度", "2023Q3", dt.date(2023, 9, 30)),
    ("2023年Q4", "2023Q4", "2023年四季度", "2023Q4", dt.date(2023, 12, 31)),
    ("2023年1季度", "2023Q1", "2023年一季度", "2023Q1", dt.date(2023, 3, 31)),
    ("2023年上半年", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023年前三季度", "2023Q3", "2023年三季度", "2023Q3", dt.date(2023, 9, 30)),
    ("2023年全年", "2023", "2023年", "2023", dt.date(2023, 12, 31)),
    ("2023年度", "2023", "2023年", "2023", dt.date(2023, 12, 31)),
    ("2023年", "2023", "2023年", "2023", dt.date(2023, 12, 31)),
    ("２０２３－０６", "2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("  2023Q2 ", "2023Q2", "2023年二季度", "2023Q2", dt.date(2023, 6, 30)),
]


@pytest.mark.parametrize("text,key,zh,en,end", FORMS, ids=_ids(f[0] for f in FORMS))
def test_a_period_as_written_is_one_period(text, key, zh, en, end):
    p = parse_period(text)
    assert (p.key, p.label_zh, p.label_en, p.end) == (key, zh, en, end)
    assert p.elapsed == p.months / 12 and p.months == end.month
    assert parse_period(p.key) == p  # the key reads back as itself


def test_a_period_s_share_of_the_year_and_last_year():
    assert [parse_period(t).elapsed for t in ("2023-02", "2023Q1", "2023-06", "2023Q3", "2023")] == \
        [2 / 12, 0.25, 0.5, 0.75, 1.0]
    assert parse_period("2023Q2").previous_year() == Period(2022, 6, "quarter")
    assert parse_period("2023-02").previous_year().end == dt.date(2022, 2, 28)


@pytest.mark.parametrize("text,year,key", [("1-6月", 2023, "2023-06"), ("二季度", 2024, "2024Q2"),
                                           ("上半年", 2023, "2023-06"), ("全年", 2023, "2023"),
                                           ("前三季度", 2023, "2023Q3"), ("2022年6月", 2023, "2022-06")],
                         ids=lambda v: re.sub(r"[^0-9A-Za-z]+", "-", str(v)).strip("-") or "x")
def test_a_period_without_its_year_takes_the_plan_s_year(text, year, key):
    assert parse_period(text, year).key == key


# (as written, English message, English hint, Chinese message, Chinese hint)
REFUSED = [
    ("-2023Q2", "period '-2023Q2' has a sign; a period is never negative",
     "write it without one, e.g. 2023Q2, 2023-06 or 2023",
     "统计期“-2023Q2”带有正负号，统计期不能为负", "请去掉正负号，例如 2023Q2、2023-06 或 2023"),
    ("+2023", "period '+2023' has a sign; a period is never negative",
     "write it without one, e.g. 2023Q2, 2023-06 or 2023",
     "统计期“+2023”带有正负号，统计期不能为负", "请去掉正负号，例如 2023Q2、2023-06 或 2023"),
    ("2023-13", "period '2023-13': month 13 does not exist", "months are 01–12", "统计期“2023-13”：没有13月",
     "月份为 01–12"),
    ("2023-00", "period '2023-00': month 0 does not exist", "months are 01–12", "统计期“2023-00”：没有0月",
     "月份为 01–12"),
    ("2023年13月1日", "period '2023年13月1日': month 13 does not exist", "months are 01–12",
     "统计期“2023年13月1日”：没有13月", "月份为 01–12"),
    ("2023-01", "period '2023-01': January is published together with February as 1–2月",
     "record it as 2023-02 (or 2023-01/02)", "统计期“2023-01”：1月数据与2月合并为1–2月发布",
     "请记为 2023-02（或 2023-01/02）"),
    ("2023.1", "period '2023.1': January is published together with February as 1–2月",
     "record it as 2023-02 (or 2023-01/02); if it means October (2023.10 shown without its 0), write 2023-10",
     "统计期“2023.1”：1月数据与2月合并为1–2月发布",
     "请记为 2023-02（或 2023-01/02）；如指10月（表格把 2023.10 显示成了 2023.1），请写 2023-10"),
    ("2023年3-6月", "period '2023年3-6月' does not start in January",
     "figures are year to date: write 1-6月 for January to June", "统计期“2023年3-6月”不是从1月起算",
     "数据为1月起的累计数：1至6月请写 1-6月"),
    ("1-6月", "period '1-6月' gives no year", "write the year too, e.g. 2023年1-6月", "统计期“1-6月”没有写年份",
     "请写上年份，例如 2023年1-6月"),
    ("二季度", "period '二季度' gives no year", "write the year too, e.g. 2023年二季度", "统计期“二季度”没有写年份",
     "请写上年份，例如 2023年二季度"),
    ("2023年下半年", "cannot read period '2023年下半年'",
     "write 2023-06, 2023-01/02, 2023Q2 or 2023 (or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年)",
     "无法识别统计期“2023年下半年”",
     "写作 2023-06、2023-01/02、2023Q2 或 2023（或 2023年6月、2023年1-2月、2023年二季度、2023年上半年）"),
    ("Foo-23", "cannot read period 'Foo-23'",
     "write 2023-06, 2023-01/02, 2023Q2 or 2023 (or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年)", None, None),
    ("2023Q5", "cannot read period '2023Q5'",
     "write 2023-06, 2023-01/02, 2023Q2 or 2023 (or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年)", None, None),
    ("", "cannot read period ''",
     "write 2023-06, 2023-01/02, 2023Q2 or 2023 (or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年)", None, None),
]


@pytest.mark.parametrize("text,message,hint,zh_message,zh_hint", REFUSED, ids=_ids(r[0] for r in REFUSED))
def test_a_period_liupi_cannot_take_is_refused_with_a_hint(text, message, hint, zh_message, zh_hint):
    with pytest.raises(InputRefused) as exc:
        parse_period(text)
    assert (exc.value.message, exc.value.hint) == (message, hint)
    if zh_message:
        assert (exc.value.message.text("zh"), exc.value.hint.text("zh")) == (zh_message, zh_hint)


def test_january_alone_belongs_to_the_joint_release():
    with pytest.raises(JanuaryAlone) as exc:
        parse_period("2024年1月")
    assert exc.value.year == 2024
    assert owed_period("2024-01") == (Period(2024, 2, "month"), True)
    assert owed_period("2024-03") == (Period(2024, 3, "month"), False)
    with pytest.raises(InputRefused, match="cannot read period"):
        owed_period("junk")


@pytest.mark.parametrize("key,period,inside", [
    ("2023-05", "2023Q2", True), ("2023-06", "2023Q2", True), ("2023-07", "2023Q2", False),
    ("2022-05", "2023Q2", False), ("2023Q2", "2023-06", True), ("2023", "2023-11", False), ("2023", "2023", True),
    ("junk", "2023", False),
])
def test_a_stored_key_is_within_a_period_up_to_its_end(key, period, inside):
    assert within(key, parse_period(period)) is inside


def test_the_periods_each_frequency_has():
    assert valid_periods(Frequency.monthly, 2023) == [f"2023-{m:02d}" for m in range(2, 13)]
    assert valid_periods(Frequency.once, 2023) == valid_periods(Frequency.monthly, 2023)
    assert valid_periods(Frequency.quarterly, 2023) == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    assert valid_periods(Frequency.annual, 2023) == ["2023"]


# (frequency, period given, baseline, the period the figure is stored under)
STORED = [
    (Frequency.monthly, "2023-06", False, "2023-06"), (Frequency.monthly, "2023Q2", False, "2023-06"),
    (Frequency.monthly, "2023", False, "2023-12"), (Frequency.once, "2023Q3", False, "2023-09"),
    (Frequency.quarterly, "2023-06", False, "2023Q2"), (Frequency.quarterly, "2023Q3", False, "2023Q3"),
    (Frequency.quarterly, "2023", False, "2023Q4"), (Frequency.annual, "2023", False, "2023"),
    (Frequency.annual, "2023-12", False, "2023"), (Frequency.annual, "2023Q4", False, "2023"),
    (Frequency.monthly, "2022-06", True, "2022-06"), (Frequency.quarterly, "2022Q1", True, "2022Q1"),
]


@pytest.mark.parametrize("frequency,given,baseline,stored", STORED)
def test_a_figure_is_stored_under_its_frequency_s_period(frequency, given, baseline, stored):
    assert period_for(frequency, parse_period(given), 2023, baseline=baseline).key == stored


@pytest.mark.parametrize("frequency,given,baseline,message,hint,zh", [
    (Frequency.quarterly, "2023-05", False, "a quarterly indicator has no figure for 2023-05",
     "valid periods: 2023Q1, 2023Q2, 2023Q3, 2023Q4", "季度指标没有 2023-05 的数据"),
    (Frequency.annual, "2023Q3", False, "an annual indicator has no figure for 2023Q3", "valid periods: 2023",
     "年度指标没有 2023Q3 的数据"),
    (Frequency.annual, "2023-06", False, "an annual indicator has no figure for 2023-06", "valid periods: 2023", None),
    (Frequency.monthly, "2022-06", False, "period 2022-06 is outside the plan year 2023",
     "use a period in 2023, e.g. 2023-06", "统计期 2022-06 不在计划年度 2023 年内"),
    (Frequency.monthly, "2023-06", True, "period 2023-06 is outside last year's same period (--baseline) 2022",
     "use a period in 2022, e.g. 2022-06", None),
], ids=["quarterly-may", "annual-q3", "annual-june", "outside-the-plan-year", "outside-the-baseline-year"])
def test_a_period_the_indicator_has_no_figure_for_is_refused(frequency, given, baseline, message, hint, zh):
    with pytest.raises(InputRefused) as exc:
        period_for(frequency, parse_period(given), 2023, baseline=baseline)
    assert (exc.value.message, exc.value.hint) == (message, hint)
    if zh:
        assert exc.value.message.text("zh") == zh
