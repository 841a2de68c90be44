"""Periods, values and a figure's sanity bounds at their edges: every form, every refusal with its message and hint."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MINI

from liupi_cli.errors import InputRefused
from liupi_cli.models import Frequency
from liupi_cli.periods import Period, parse_period, period_for, valid_periods
from liupi_cli.plan import load_plan
from liupi_cli.quantity import parse_quantity, split_unit
from liupi_cli.recording import same_figure, sanity


@pytest.mark.parametrize("text,key,months,grain", [
    ("2023-6", "2023-06", 6, "month"),
    ("2023-12", "2023-12", 12, "month"),
    ("2023-1/2", "2023-02", 2, "month"),
    ("2023q3", "2023Q3", 9, "quarter"),
    ("2023 Q4", "2023Q4", 12, "quarter"),
    ("2023-Q1", "2023Q1", 3, "quarter"),
    ("2023-06-30 00:00:00", "2023-06", 6, "month"),  # a spreadsheet date cell as text
    ("2023.6.1", "2023-06", 6, "month"),
    ("June 2023", "2023-06", 6, "month"),
    ("jun-2023", "2023-06", 6, "month"),
    ("Dec-23", "2023-12", 12, "month"),
    ("12月-23", "2023-12", 12, "month"),
    ("2023年 6月 1日", "2023-06", 6, "month"),
    ("２０２３年６月", "2023-06", 6, "month"),
    ("2023年6月末", "2023-06", 6, "month"),
    ("2023年1至6月", "2023-06", 6, "month"),
    ("2023年三季", "2023Q3", 9, "quarter"),
    ("2023年第4季度", "2023Q4", 12, "quarter"),
    ("2023年Q2", "2023Q2", 6, "quarter"),
    ("2023年前三季度", "2023Q3", 9, "quarter"),
    ("2023年上半年", "2023-06", 6, "month"),
    ("2023年度", "2023", 12, "year"),
])
def test_period_forms(text, key, months, grain):
    p = parse_period(text)
    assert (p.key, p.months, p.grain, p.year) == (key, months, grain, 2023)


@pytest.mark.parametrize("text,year,key", [("1-6月", 2023, "2023-06"), ("二季度", 2022, "2022Q2"),
                                           ("全年", 2024, "2024"), ("2023年6月", 2020, "2023-06")])
def test_a_period_without_a_year_takes_the_one_given(text, year, key):
    assert parse_period(text, year).key == key


FORMS = "write 2023-06, 2023-01/02, 2023Q2 or 2023 (or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年)"


@pytest.mark.parametrize("text,message,hint", [
    ("2023-13", "period '2023-13': month 13 does not exist", "months are 01–12"),
    ("2023-00", "period '2023-00': month 0 does not exist", "months are 01–12"),
    ("2023年13月", "period '2023年13月': month 13 does not exist", "months are 01–12"),
    ("2023-01", "period '2023-01': January is published together with February as 1–2月",
     "record it as 2023-02 (or 2023-01/02)"),
    ("2023年1月", "period '2023年1月': January is published together with February as 1–2月",
     "record it as 2023-02 (or 2023-01/02)"),
    *[(t, f"period '{t}': January is published together with February as 1–2月", "record it as 2023-02 (or 2023-01/02)")
      for t in ("2023年1月5日", "1月-23", "Jan-23", "2023/1/5", "202301", "2023-01-31")],
    ("2023.1", "period '2023.1': January is published together with February as 1–2月",
     "record it as 2023-02 (or 2023-01/02); if it means October (2023.10 shown without its 0), write 2023-10"),
    ("13月-23", "period '13月-23': month 13 does not exist", "months are 01–12"),
    ("2023年3-6月", "period '2023年3-6月' does not start in January",
     "figures are year to date: write 1-6月 for January to June"),
    ("二季度", "period '二季度' gives no year", "write the year too, e.g. 2023年二季度"),
    ("Foo-23", "cannot read period 'Foo-23'", FORMS),
    ("2023Q5", "cannot read period '2023Q5'", FORMS),
    ("", "cannot read period ''", FORMS),
])
def test_period_refusals_say_what_and_how(text, message, hint):
    with pytest.raises(InputRefused) as exc:
        parse_period(text)
    assert (exc.value.message, exc.value.hint) == (message, hint)


@pytest.mark.parametrize("key,zh,en,end", [
    ("2023-02", "2023年1–2月", "2023 Jan–Feb", dt.date(2023, 2, 28)),
    ("2024-02", "2024年1–2月", "2024 Jan–Feb", dt.date(2024, 2, 29)),
    ("2023-06", "2023年1–6月", "2023-06", dt.date(2023, 6, 30)),
    ("2023Q1", "2023年一季度", "2023Q1", dt.date(2023, 3, 31)),
    ("2023Q3", "2023年三季度", "2023Q3", dt.date(2023, 9, 30)),
    ("2023", "2023年", "2023", dt.date(2023, 12, 31)),
])
def test_period_labels_and_last_day(key, zh, en, end):
    p = parse_period(key)
    assert (p.key, p.label_zh, p.label_en, p.end) == (key, zh, en, end)
    assert p.previous_year() == Period(p.year - 1, p.months, p.grain)


def test_valid_periods_per_frequency():
    months = ["2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10",
              "2023-11", "2023-12"]
    assert valid_periods(Frequency.monthly, 2023) == months
    assert valid_periods(Frequency.once, 2023) == months
    assert valid_periods(Frequency.quarterly, 2023) == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    assert valid_periods(Frequency.annual, 2023) == ["2023"]


@pytest.mark.parametrize("freq,written,key", [
    (Frequency.monthly, "2023Q2", "2023-06"),
    (Frequency.once, "2023Q3", "2023-09"),
    (Frequency.once, "2023", "2023-12"),
    (Frequency.monthly, "2023", "2023-12"),  # 全年 is 1–12月 for a year-to-date monthly figure
    (Frequency.quarterly, "2023-09", "2023Q3"),
    (Frequency.quarterly, "2023", "2023Q4"),
    (Frequency.annual, "2023Q4", "2023"),
    (Frequency.annual, "2023-12", "2023"),
])
def test_period_for_stores_under_the_indicators_own_grain(freq, written, key):
    p = period_for(freq, parse_period(written), 2023)
    assert (p.key, p.months) == (key, parse_period(key).months)
    assert p.grain == {Frequency.monthly: "month", Frequency.once: "month", Frequency.quarterly: "quarter",
                       Frequency.annual: "year"}[freq]


@pytest.mark.parametrize("freq,written,baseline,message,hint", [
    (Frequency.quarterly, "2023-05", False, "a quarterly indicator has no figure for 2023-05",
     "valid periods: 2023Q1, 2023Q2, 2023Q3, 2023Q4"),
    (Frequency.annual, "2023-06", False, "an annual indicator has no figure for 2023-06", "valid periods: 2023"),
    (Frequency.annual, "2023Q3", False, "an annual indicator has no figure for 2023Q3", "valid periods: 2023"),
    (Frequency.monthly, "2024-06", False, "period 2024-06 is outside the plan year 2023",
     "use a period in 2023, e.g. 2023-06"),
    (Frequency.monthly, "2023-06", True, "period 2023-06 is outside last year's same period (--baseline) 2022",
     "use a period in 2022, e.g. 2022-06"),
    (Frequency.quarterly, "2022-05", True, "a quarterly indicator has no figure for 2022-05",
     "valid periods: 2022Q1, 2022Q2, 2022Q3, 2022Q4"),
])
def test_period_for_refusals(freq, written, baseline, message, hint):
    with pytest.raises(InputRefused) as exc:
        period_for(freq, parse_period(written), 2023, baseline)
    assert (exc.value.message, exc.value.hint) == (message, hint)


def test_a_baseline_period_is_last_years():
    assert period_for(Frequency.monthly, parse_period("2022-06"), 2023, baseline=True).key == "2022-06"


# --- values --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("unit,factor,base", [
    ("亿元", 1e8, "元"), ("千万元", 1e7, "元"), ("百万元", 1e6, "元"), ("万元", 1e4, "元"), ("千元", 1e3, "元"),
    ("万亩", 1e4, "亩"), ("万千瓦", 1e4, "千瓦"), ("千瓦", 1.0, "千瓦"), ("千克", 1.0, "千克"), ("千米", 1.0, "千米"),
    ("千伏", 1.0, "千伏"), ("万", 1.0, "万"), ("%", 1.0, "%"), (None, 1.0, ""), ("", 1.0, ""),
])
def test_split_unit(unit, factor, base):
    assert split_unit(unit) == (factor, base)


@pytest.mark.parametrize("text,unit,value,entered_unit", [
    ("3千万元", "亿元", 0.3, "千万元"),
    ("5百万元", "万元", 500.0, "百万元"),
    ("2千元", "万元", 0.2, "千元"),
    ("1.5亿元", "万元", 15000.0, "亿元"),
    ("30万千瓦", "万千瓦", 30.0, "万千瓦"),
    ("300000千瓦", "万千瓦", 30.0, "千瓦"),
    ("120元", "万元", 0.012, "元"),
    ("减少3", "起", -3.0, None),
    ("增加3", "起", 3.0, None),
    ("增长5%", "%", 5.0, "%"),
    ("下降0.5", "%", -0.5, None),
    ("增长0.5倍", "%", 50.0, "倍"),
    ("1e3", "人", 1000.0, None),
    (".5", "%", 0.5, None),
    ("5.", "%", 5.0, None),
    ("+4.5", "%", 4.5, None),
    ("1 500", "人", 1500.0, None),
    ("1，480人", "人", 1480.0, "人"),
    ("６．１％", "%", 6.1, "%"),
    ("−0.5", "%", -0.5, None),
    ("4.5 %", "%", 4.5, "%"),
])
def test_value_forms(text, unit, value, entered_unit):
    q = parse_quantity(text, unit)
    assert q.value == pytest.approx(value, rel=1e-12)
    assert q.entered_unit == entered_unit


@pytest.mark.parametrize("text,value", [("done", 1.0), ("DONE", 1.0), ("完成", 1.0), ("已完成", 1.0), ("yes", 1.0),
                                        ("not_done", 0.0), ("未完成", 0.0), ("no", 0.0)])
def test_done_words(text, value):
    q = parse_quantity(text, None)
    assert (q.value, q.entered, q.entered_unit) == (value, text, None)


@pytest.mark.parametrize("text,unit,message,hint", [
    ("", "%", "empty value", "give a number, e.g. 4.5 or 93.44亿元"),
    ("  ", "%", "empty value", "give a number, e.g. 4.5 or 93.44亿元"),
    ("nan", "%", "value 'nan' is not a finite number", "give a number such as 4.5"),
    ("-inf", "%", "value '-inf' is not a finite number", "give a number such as 4.5"),
    ("+inf", "%", "value '+inf' is not a finite number", "give a number such as 4.5"),
    ("inf", "%", "value 'inf' is not a finite number", "give a number such as 4.5"),
    ("NaN", "%", "value 'NaN' is not a finite number", "give a number such as 4.5"),
    ("Infinity", "%", "value 'Infinity' is not a finite number", "give a number such as 4.5"),
    ("1e999", "%", "value '1e999' is not a finite number", "give a number such as 4.5"),
    ("abc", "%", "cannot read value 'abc'", "write e.g. 4.5, 4.5%, 下降0.5%, 93.44亿元, 0.9‰"),
    ("5人", "亿元", "value '5人' is in 人, but this indicator is measured in 亿元", "give the value in 亿元"),
    ("5%", None, "value '5%' is in %, but this indicator is measured in plain numbers", "give a plain number"),
])
def test_value_refusals_say_what_and_how(text, unit, message, hint):
    with pytest.raises(InputRefused) as exc:
        parse_quantity(text, unit)
    assert (exc.value.message, exc.value.hint) == (message, hint)


@pytest.mark.parametrize("text,unit", [("3倍", "亿元"), ("3倍", None), ("3%倍", "%")])
def test_a_multiple_needs_a_percent_indicator(text, unit):
    with pytest.raises(InputRefused) as exc:
        parse_quantity(text, unit)
    assert (exc.value.message, exc.value.hint) == (f"'{text}': 'N倍' is a growth multiple and needs a % indicator",
                                                   None)


# --- the sanity bounds a figure must pass (recording) ----------------------------------------------------------

PLAN = load_plan(MINI)


def _ind(iid, **update):
    return PLAN.indicators[iid].model_copy(update=update)


@pytest.mark.parametrize("iid,update,value,force", [
    ("industrial_va_growth", {}, -100.0, True),  # a growth rate may vanish, --force says so
    ("industrial_va_growth", {}, -3.0, False),  # a growth rate may fall
    ("industrial_va_growth", {}, 50.0, False),  # ±50% is plausible for any growth rate
    ("industrial_va_growth", {}, 450.0, True),
    ("air_quality", {}, 100.0, False),
    ("air_quality", {}, 0.0, False),
    ("air_quality", {}, 130.0, True),
    ("air_quality", {"unit": "个"}, 130.0, False),  # only a level in % stops at 100
    ("urban_unemployment", {}, 16.5, False),  # 3 × the cap 5.5%
    ("air_quality", {"unit": "‰"}, 1000.0, False),
    ("county_rank", {}, 1.0, False),
    ("county_rank", {}, 12.0, False),
    ("new_urban_jobs", {}, 0.0, False),
])
def test_figures_inside_the_bounds_pass(iid, update, value, force):
    sanity(_ind(iid, **update), value, force)


@pytest.mark.parametrize("iid,update,value,force,message,hint", [
    ("new_urban_jobs", {}, -5.0, False, "new_urban_jobs: -5 is negative, but 城镇新增就业 cannot be below 0",
     "growth rates may be negative (下降0.5%); counts and levels may not"),
    ("air_quality", {}, -0.1, True, "air_quality: -0.1 is negative, but 空气质量优良率 cannot be below 0",
     "growth rates may be negative (下降0.5%); counts and levels may not"),
    ("urban_dibao_standard", {}, -1.0, False,
     "urban_dibao_standard: -1 is negative, but 城市低保标准 cannot be below 0",
     "growth rates may be negative (下降0.5%); counts and levels may not"),
    ("industrial_va_growth", {}, -100.5, True, "industrial_va_growth: a growth of -100.5% is impossible (below -100%)",
     None),
    ("industrial_va_growth", {}, 200.5, False, "industrial_va_growth: a growth of 200.5% is outside ±50%, the "
     "plausible range for a growth rate targeted at 9.5%", "did you mean 20.05%? pass --force if the figure is real"),
    ("air_quality", {}, 100.5, False, "air_quality: 100.5% is over 100%",
     "did you mean 10.05%? pass --force if the figure is real"),
    ("urban_unemployment", {}, 100.5, False, "urban_unemployment: 100.5% is over 100%",
     "did you mean 10.05%? pass --force if the figure is real"),
    ("air_quality", {"unit": "‰"}, 1000.5, True, "air_quality: 1000.5‰ is over 1000‰", None),
    ("county_rank", {}, 0.0, False, "county_rank: a rank is a whole position, 1 or more (got 0)", None),
    ("county_rank", {}, 2.5, False, "county_rank: a rank is a whole position, 1 or more (got 2.5)", None),
    ("air_quality", {}, float("nan"), True, "air_quality: value is not a finite number", None),
])
def test_figures_outside_the_bounds_are_refused(iid, update, value, force, message, hint):
    with pytest.raises(InputRefused) as exc:
        sanity(_ind(iid, **update), value, force)
    assert (exc.value.message, exc.value.hint) == (message, hint)


@pytest.mark.parametrize("a,b,same", [(15.8, 158000 * 1e4 / 1e8, True), (1.0, 1.0 + 1e-10, True), (1.0, 1.0001, False),
                                      (0.0, 1e-13, True), (0.0, 1e-9, False)])
def test_same_figure_ignores_binary_noise_only(a, b, same):
    assert same_figure(a, b) is same


@pytest.mark.parametrize("key,period,inside", [
    ("2023-05", "2023Q2", True), ("2023Q2", "2023-06", True), ("2023-07", "2023Q2", False),
    ("2022-05", "2023Q2", False), ("2023", "2023-12", True), ("not a period", "2023Q2", False),
])
def test_within(key, period, inside):
    from liupi_cli.periods import within

    assert within(key, parse_period(period)) is inside


def test_a_figure_too_large_to_be_real_is_refused():
    from liupi_cli.models import FIGURE_LIMIT

    sanity(_ind("new_urban_jobs"), FIGURE_LIMIT, True)  # the limit itself is a figure (forced: far beyond the target)
    with pytest.raises(InputRefused) as exc:
        sanity(_ind("new_urban_jobs"), FIGURE_LIMIT * 10, True)
    assert (exc.value.message, exc.value.hint) == (
        f"new_urban_jobs: {FIGURE_LIMIT * 10:g}人 is too large to be a figure",
        "check for a typo (an extra 0, or 万元 for 亿元)")


def test_a_figure_too_large_without_a_unit():
    with pytest.raises(InputRefused) as exc:
        sanity(_ind("new_urban_jobs", unit=None), 2e15, False)
    assert exc.value.message == "new_urban_jobs: 2e+15 is too large to be a figure"
