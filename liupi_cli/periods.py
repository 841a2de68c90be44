"""Reporting periods: months (with the joint 1–2月 release), quarters and years.

Canonical keys: ``2023-06`` (month), ``2023-02`` (the joint January–February
release, also written ``2023-01/02``), ``2023Q2`` (quarter), ``2023`` (year).
Values are year-to-date unless an indicator says otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.models import Frequency

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_JOINT = re.compile(r"^(\d{4})-0?1/0?2$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    months: int  # months covered from January: 2 for 1–2月, 6 for June or Q2, 12 for the year
    grain: str  # "month" | "quarter" | "year"

    @property
    def key(self) -> str:
        if self.grain == "year":
            return f"{self.year}"
        if self.grain == "quarter":
            return f"{self.year}Q{self.months // 3}"
        return f"{self.year}-{self.months:02d}"

    @property
    def label_zh(self) -> str:
        if self.grain == "year":
            return f"{self.year}年"
        if self.grain == "quarter":
            return f"{self.year}年{'一二三四'[self.months // 3 - 1]}季度"
        return f"{self.year}年1–2月" if self.months == 2 else f"{self.year}年1–{self.months}月"

    @property
    def label_en(self) -> str:
        if self.grain == "year":
            return f"{self.year}"
        if self.grain == "quarter":
            return f"{self.year}Q{self.months // 3}"
        return f"{self.year} Jan–Feb" if self.months == 2 else f"{self.year}-{self.months:02d}"

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.months, calendar.monthrange(self.year, self.months)[1])

    @property
    def elapsed(self) -> float:
        """序时进度: the share of the year elapsed at the end of this period (months ÷ 12)."""
        return self.months / 12

    def previous_year(self) -> Period:
        return Period(self.year - 1, self.months, self.grain)


def parse_period(text: str) -> Period:
    """Parse a period as written by a user. Raises InputRefused with the accepted forms."""
    t = text.strip()
    if m := _JOINT.match(t):
        return Period(int(m[1]), 2, "month")
    if m := _MONTH.match(t):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise InputRefused(f"period '{text}': month {month} does not exist", "months are 01–12")
        if month == 1:
            raise InputRefused(
                f"period '{text}': January is published together with February as 1–2月",
                f"record it as {m[1]}-02 (or {m[1]}-01/02)",
            )
        return Period(int(m[1]), month, "month")
    if m := _QUARTER.match(t):
        return Period(int(m[1]), int(m[2]) * 3, "quarter")
    if m := _YEAR.match(t):
        return Period(int(m[1]), 12, "year")
    raise InputRefused(f"cannot read period '{text}'", "write 2023-06, 2023-01/02, 2023Q2 or 2023")


def valid_periods(frequency: Frequency, year: int) -> list[str]:
    if frequency is Frequency.monthly:
        return [Period(year, m, "month").key for m in range(2, 13)]
    if frequency is Frequency.quarterly:
        return [Period(year, q * 3, "quarter").key for q in range(1, 5)]
    if frequency is Frequency.annual:
        return [str(year)]
    return [Period(year, m, "month").key for m in range(2, 13)]


def period_for(frequency: Frequency, period: Period, plan_year: int, baseline: bool = False) -> Period:
    """The period a value of this frequency is stored under, or InputRefused listing the valid ones.

    A quarterly value given at a quarter-end month is that quarter; an annual value given at
    2023-12 or 2023Q4 is the year.
    """
    year = plan_year - 1 if baseline else plan_year
    if period.year != year:
        which = "last year's same period (--baseline)" if baseline else "the plan year"
        raise InputRefused(f"period {period.key} is outside {which} {year}",
                           f"use a period in {year}, e.g. {year}-06")
    if frequency in (Frequency.monthly, Frequency.once):
        if period.grain == "month":
            return period
        if period.grain == "quarter" or frequency is Frequency.once:
            return Period(period.year, period.months, "month")
    elif frequency is Frequency.quarterly:
        if period.months % 3 == 0 and period.grain in ("month", "quarter"):
            return Period(period.year, period.months, "quarter")
        if period.grain == "year":
            return Period(period.year, 12, "quarter")
    elif frequency is Frequency.annual and period.months == 12:
        return Period(period.year, 12, "year")
    raise InputRefused(
        f"a {frequency.value} indicator has no figure for {period.key}",
        "valid periods: " + ", ".join(valid_periods(frequency, year)),
    )
