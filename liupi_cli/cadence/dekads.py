"""旬 (dekads): 上旬 days 1–10, 中旬 11–20, 下旬 21 to the month's end; and "the last complete period"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.periods import Period

_DEKAD = re.compile(r"^(\d{4})-(\d{1,2})-([123])$")
NAMES_ZH = ("上旬", "中旬", "下旬")
NAMES_EN = ("1st dekad", "2nd dekad", "3rd dekad")


@dataclass(frozen=True, order=True)
class Dekad:
    year: int
    month: int
    n: int  # 1: days 1–10, 2: days 11–20, 3: day 21 to the month's end

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}-{self.n}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 10 * (self.n - 1) + 1)

    @property
    def end(self) -> dt.date:
        last = calendar.monthrange(self.year, self.month)[1] if self.n == 3 else 10 * self.n
        return dt.date(self.year, self.month, last)

    @property
    def label_zh(self) -> str:
        return f"{self.year}年{self.month}月{NAMES_ZH[self.n - 1]}"

    @property
    def label_en(self) -> str:
        return f"{self.year}-{self.month:02d} {NAMES_EN[self.n - 1]} ({self.start.day}–{self.end.day})"

    def previous(self) -> Dekad:
        if self.n > 1:
            return Dekad(self.year, self.month, self.n - 1)
        if self.month > 1:
            return Dekad(self.year, self.month - 1, 3)
        return Dekad(self.year - 1, 12, 3)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def report_period(self) -> Period | None:
        """The month whose figures are being collected during this dekad: the previous month (June's
        dekads carry May's figures; March's the joint 1–2月 release). None in January and February:
        December belongs to last year's plan and January is never published alone."""
        return Period(self.year, self.month - 1, "month") if self.month >= 3 else None


def dekad_of(day: dt.date) -> Dekad:
    return Dekad(day.year, day.month, min((day.day - 1) // 10 + 1, 3))


def parse_dekad(text: str) -> Dekad:
    m = _DEKAD.match(text.strip())
    if not m:
        raise InputRefused(msg("dekad.unreadable", text=text), msg("dekad.unreadable.hint"))
    month = int(m[2])
    if not 1 <= month <= 12:
        raise InputRefused(msg("dekad.no_month", text=text, month=month), msg("period.no_month.hint"))
    return Dekad(int(m[1]), month, int(m[3]))


def last_complete_dekad(today: dt.date) -> Dekad:
    """The latest dekad that has ended before ``today`` (on the 21st: the 11th–20th)."""
    return dekad_of(today).previous()


def last_complete_month(today: dt.date) -> Period:
    """The latest month that has ended before ``today``. January alone is not a period: on a day in
    February the last complete one is the previous December."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    if month == 1:
        year, month = year - 1, 12
    return Period(year, month, "month")


def last_complete_quarter(today: dt.date) -> Period:
    """The latest quarter that has ended before ``today`` (on 21 July: 2023Q2)."""
    q = (today.month - 1) // 3
    return Period(today.year, q * 3, "quarter") if q else Period(today.year - 1, 12, "quarter")


def last_complete_year(today: dt.date) -> Period:
    return Period(today.year - 1, 12, "year")


def period_start(period: Period) -> dt.date:
    """The first day a period's figures cover on their own: the month (January for 1–2月), the quarter, the year."""
    if period.grain == "year":
        return dt.date(period.year, 1, 1)
    if period.grain == "quarter":
        return dt.date(period.year, period.months - 2, 1)
    return dt.date(period.year, 1 if period.months == 2 else period.months, 1)


def previous_period(period: Period) -> Period | None:
    """Last month (none before 1–2月), last quarter (none before Q1), last year."""
    if period.grain == "month":
        if period.months <= 2:
            return None
        return Period(period.year, period.months - 1 if period.months > 3 else 2, "month")
    if period.grain == "quarter":
        return Period(period.year, period.months - 3, "quarter") if period.months > 3 else None
    return Period(period.year - 1, 12, "year")
