"""The bounds a figure must keep: what can never be a figure is refused even with --force; what is merely
implausible is refused with the likely slip until --force; the figure just inside each bound is taken."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from liupi_cli.errors import InputRefused
from liupi_cli.periods import parse_period
from liupi_cli.plan import check_plan
from liupi_cli.recording import due_indicators, forced, make_record


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


PLAN, _ = check_plan(FIXTURES / "mini")
NEGATIVE_HINT = "growth rates may be negative (下降0.5%); counts and levels may not"
FORCE = " pass --force if the figure is real"

# (indicator, figure, period, message, hint): never a figure, --force or not
IMPOSSIBLE = [
    ("new_urban_jobs", "-5", "2023-06", "new_urban_jobs: -5 is negative, but 城镇新增就业 cannot be below 0",
     NEGATIVE_HINT),
    ("major_accidents", "-1", "2023-06", "major_accidents: -1 is negative, but 较大及以上安全事故 cannot be below 0",
     NEGATIVE_HINT),
    ("air_quality", "-0.5", "2023-06", "air_quality: -0.5 is negative, but 空气质量优良率 cannot be below 0",
     NEGATIVE_HINT),
    ("urban_dibao_standard", "-1", "2023-06",
     "urban_dibao_standard: -1 is negative, but 城市低保标准 cannot be below 0", NEGATIVE_HINT),
    ("new_urban_jobs", "2e15", "2023-06", "new_urban_jobs: 2e+15人 is too large to be a figure",
     "check for a typo (an extra 0, or 万元 for 亿元)"),
    ("gdp_growth", "-1e16", "2023Q2", "gdp_growth: -1e+16% is too large to be a figure",
     "check for a typo (an extra 0, or 万元 for 亿元)"),
    ("gdp_growth", "-100.5", "2023Q2", "gdp_growth: a growth of -100.5% is impossible (below -100%)", None),
    ("county_rank", "0", "2023", "county_rank: a rank is a whole position, 1 or more (got 0)", None),
    ("county_rank", "2.5", "2023", "county_rank: a rank is a whole position, 1 or more (got 2.5)", None),
]


@pytest.mark.parametrize("iid,typed,period,message,hint", IMPOSSIBLE, ids=plain_id)
@pytest.mark.parametrize("force", [False, True], ids=plain_id)
def test_what_can_never_be_a_figure_is_refused_even_with_force(iid, typed, period, message, hint, force):
    with pytest.raises(InputRefused) as exc:
        make_record(PLAN, iid, typed, period, force=force)
    assert (exc.value.message, exc.value.hint) == (message, hint)


# (indicator, figure, period, message, hint): implausible, taken with --force
IMPLAUSIBLE = [
    ("gdp_growth", "51", "2023Q2",
     "gdp_growth: a growth of 51% is outside ±50%, the plausible range for a growth rate targeted at 8%",
     "did you mean 5.1%?"),
    ("gdp_growth", "-51", "2023Q2",
     "gdp_growth: a growth of -51% is outside ±50%, the plausible range for a growth rate targeted at 8%",
     "did you mean -5.1%?"),
    ("gdp_growth", "-100", "2023Q2",
     "gdp_growth: a growth of -100% is outside ±50%, the plausible range for a growth rate targeted at 8%",
     "did you mean -10%?"),
    ("new_urban_jobs", "9601", "2023-06", "new_urban_jobs: 9601人 is 3.0 times the year's target 3200人",
     "did you mean 960.1人?"),
    ("new_urban_jobs", "1e15", "2023-06", "new_urban_jobs: 1e+15人 is 312500000000 times the year's target 3200人",
     "check for a typo;"),
    ("air_quality", "101", "2023-06", "air_quality: 101% is over 100%", "did you mean 10.1%?"),
    ("urban_unemployment", "16.6", "2023-06", "urban_unemployment: 16.6% is 3.0 times the cap 5.5%",
     "did you mean 1.66%?"),
    ("urban_dibao_standard", "1951", "2023-06",
     "urban_dibao_standard: 1951元/月 is 3.0 times the new standard 650元/月", "check for a typo;"),
    ("urban_dibao_standard", "216", "2023-06",
     "urban_dibao_standard: 216元/月 is under a third of the new standard 650元/月", "check for a typo;"),
    ("retail_sales_total", "103", "2023-06", "retail_sales_total: 103亿元 is 3.0 times the year's target 34亿元",
     "an extra 0, or the figure in 万元 (write it with its unit: 103万元)?"),
    ("accident_count", "0.5", "2023-06",
     "accident_count: 0.5起 is not a whole number, but 安全生产事故起数 counts whole 起",
     "a count has no decimals;"),
]


@pytest.mark.parametrize("iid,typed,period,message,hint", IMPLAUSIBLE, ids=plain_id)
def test_an_implausible_figure_names_the_slip_and_is_taken_with_force(iid, typed, period, message, hint):
    with pytest.raises(InputRefused) as exc:
        make_record(PLAN, iid, typed, period)
    assert (exc.value.message, exc.value.hint) == (message, hint + FORCE)
    record = make_record(PLAN, iid, typed, period, force=True)
    assert record.value == float(typed) and record.entered == typed


# the figure just inside each bound is plausible
@pytest.mark.parametrize("iid,typed,period", [
    ("gdp_growth", "50", "2023Q2"), ("gdp_growth", "-50", "2023Q2"), ("new_urban_jobs", "9600", "2023-06"),
    ("new_urban_jobs", "0", "2023-06"), ("air_quality", "100", "2023-06"), ("urban_unemployment", "16.5", "2023-06"),
    ("urban_dibao_standard", "1950", "2023-06"), ("urban_dibao_standard", "217", "2023-06"),
    ("retail_sales_total", "102", "2023-06"), ("county_rank", "1", "2023"), ("accident_count", "3", "2023-06"),
    ("major_accidents", "0", "2023-06"), ("power_project_start", "done", "2023-06"),
], ids=plain_id)
def test_the_figure_just_inside_each_bound_is_taken(iid, typed, period):
    record = make_record(PLAN, iid, typed, period)
    assert record.indicator == iid and record.unit == PLAN.indicators[iid].unit


def test_a_record_keeps_what_was_typed_and_where_it_came_from():
    r = make_record(PLAN, "城镇新增就业", " 1,520人 ", "1-6月", source="人社局报表", note="")
    assert (r.indicator, r.period, r.value, r.entered, r.entered_unit, r.baseline, r.source, r.note) == (
        "new_urban_jobs", "2023-06", 1520.0, "1,520人", "人", False, "人社局报表", None)
    last = make_record(PLAN, "new_urban_jobs", "1400", "1-6月", baseline=True, note="去年同期")
    assert (last.period, last.baseline, last.note, last.source) == ("2022-06", True, "去年同期", None)


def test_the_records_kept_beyond_the_plausible_were_forced():
    from liupi_cli.store import Record

    def rec(i, iid, value):
        return Record(id=i, indicator=iid, period="2023-06", value=value, entered=str(value), entered_unit=None,
                      unit=None, baseline=False, source=None, note=None, recorded_by="x", recorded_at="t",
                      supersedes=None)

    records = [rec(1, "new_urban_jobs", 1500.0), rec(2, "new_urban_jobs", 32000.0), rec(3, "gone", 5.0),
               rec(4, "air_quality", 101.0)]
    assert forced(PLAN, records) == frozenset({2, 4})


@pytest.mark.parametrize("period,battle,unit,expected", [
    ("2023-05", None, None, {"industrial_va_growth", "retail_sales_total", "power_project_start", "new_urban_jobs",
                             "urban_unemployment", "air_quality", "major_accidents", "accident_count",
                             "accident_deaths", "urban_dibao_standard"}),
    ("2023-06", "growth", None, {"gdp_growth", "industrial_va_growth", "retail_sales_total", "power_project_start"}),
    ("2023-12", "1", "fgj", {"gdp_growth", "industrial_va_growth", "retail_sales_total", "rd_spending_growth",
                             "power_project_start", "county_rank"}),
    ("2023-09", None, "县人社局", {"new_urban_jobs", "urban_unemployment", "air_quality", "urban_dibao_standard"}),
], ids=plain_id)
def test_the_indicators_due_for_a_period(period, battle, unit, expected):
    assert {i.id for i in due_indicators(PLAN, parse_period(period), battle, unit)} == expected


@pytest.mark.parametrize("iid,typed,period,message,hint", [
    ("urban_unemployment", "16.6", "2023-06", "urban_unemployment：16.6% 是上限 5.5% 的 3.0 倍",
     "是否应为 1.66%？如数据属实，加 --force"),
    ("new_urban_jobs", "9601", "2023-06", "new_urban_jobs：9601人 是全年目标 3200人 的 3.0 倍",
     "是否应为 960.1人？如数据属实，加 --force"),
    ("urban_dibao_standard", "216", "2023-06", None, "请检查是否笔误；如数据属实，加 --force"),
    ("accident_count", "0.5", "2023-06", None, "计数没有小数；如数据属实，加 --force"),
], ids=plain_id)
def test_an_implausible_figure_is_said_in_chinese(iid, typed, period, message, hint):
    with pytest.raises(InputRefused) as exc:
        make_record(PLAN, iid, typed, period)
    if message:
        assert exc.value.message.text("zh") == message
    assert exc.value.hint.text("zh") == hint


def test_a_growth_rate_whose_target_is_still_to_be_set_keeps_the_plain_range():
    from liupi_cli import plausible

    ind = PLAN.indicators["gdp_growth"].model_copy(update={"target": None, "to_be_set": ["target"]})
    message, hint = plausible.check(ind, 51.0)
    assert message == "gdp_growth: a growth of 51% is outside ±50%, the plausible range for a growth rate"
    assert hint == "did you mean 5.1%?" + FORCE
    assert plausible.check(ind, -50.0) is None
