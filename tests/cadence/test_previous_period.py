"""The period a month-over-month change is measured from (cadence/dekads.previous_period)."""

import pytest

from liupi_cli.cadence.dekads import previous_period
from liupi_cli.periods import Period, parse_period


@pytest.mark.parametrize("period, previous", [
    ("2023-02", None),  # 1–2月 is the first month published
    ("2023-03", "2023-02"),  # March follows 1–2月
    ("2023-04", "2023-03"),
    ("2023-12", "2023-11"),
    ("2023Q1", None),
    ("2023Q2", "2023Q1"),
    ("2023Q4", "2023Q3"),
    ("2023", "2022"),
])
def test_the_period_a_change_is_measured_from(period, previous):
    got = previous_period(parse_period(period))
    assert (got.key if got else None) == previous
    if got is not None:
        assert got == parse_period(previous)  # the same grain and months, not only the same key
    if period == "2023":
        assert got == Period(2022, 12, "year")
