"""Reporting periods: months (with the joint 1–2月 release), quarters and years.

Canonical keys: ``2023-06`` (month), ``2023-02`` (the joint January–February
release, also written ``2023-01/02``), ``2023Q2`` (quarter), ``2023`` (year).
Values are year-to-date unless an indicator says otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.frequency import Frequency
from liupi_cli.messages import msg

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_JOINT = re.compile(r"^(\d{4})-0?1/0?2$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    months: int  # months covered from January: 2 for 1–2月, 6 for June or Q2, 12 for the year
    grain: str  # "month" | "quarter" | "year"

    @functools.cached_property  # a report asks each of a few periods its key 135,000 times
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

    @functools.cached_property  # asked once or twice for every row of a report
    def end(self) -> dt.date:
        return dt.date(self.year, self.months, calendar.monthrange(self.year, self.months)[1])

    @property
    def elapsed(self) -> float:
        """序时进度: the share of the year elapsed at the end of this period (months ÷ 12)."""
        return self.months / 12

    def previous_year(self) -> Period:
        return Period(self.year - 1, self.months, self.grain)


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DASH = "[-–—~至到]"
_SLASH_MONTH = re.compile(r"^(\d{4})[./](\d{1,2})$")  # 2023.06, 2023/06
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})$")  # 202306
_MON = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                     "dec"), start=1)}
_MON_YEAR = re.compile(r"^([a-z]{3})[a-z]*[-\s.]*(\d{2}|\d{4})$")  # Jun-23, June 2023 (how Excel shows a date)
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # how Chinese Excel shows a date: 2023年6月1日
_CN_MON_YEAR = re.compile(r"^(\d{1,2})月-(\d{2})$")  # mmm-yy in a Chinese Excel: 6月-23
_CN_YEAR = re.compile(r"^(?:(\d{4})年)?(.*)$")
_CN_MONTHS = re.compile(rf"^(?:(\d{{1,2}}){_DASH})?(\d{{1,2}})月(?:份|末|底)?$")  # 6月, 1-6月, 1—2月
_CN_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度?$|^[Qq]([1-4])$")
_CN_PART = {"上半年": 6, "前三季度": 9, "全年": 12, "度": 12, "": 12}


class JanuaryAlone(InputRefused):
    """January named alone: its figures are published with February's, as 1–2月 (``year`` says which)."""

    def __init__(self, message: str, hint: str, year: int):
        super().__init__(message, hint)
        self.year = year


def _month(year: int, month: int, text: str) -> Period:
    if not 1 <= month <= 12:
        raise InputRefused(msg("period.no_month", text=text, month=month), msg("period.no_month.hint"))
    if month == 1:
        # a spreadsheet shows the number 2023.10 as 2023.1
        october = re.fullmatch(r"\d{4}\.1", text.strip())
        hint = msg("period.january.hint_october" if october else "period.january.hint", year=year)
        raise JanuaryAlone(msg("period.january", text=text), hint, year)
    return Period(year, month, "month")


def _cn_period(y: int, rest: str, text: str) -> Period:
    if rm := _CN_MONTHS.match(rest):
        if int(rm[1] or 1) != 1:
            raise InputRefused(msg("period.not_from_january", text=text), msg("period.not_from_january.hint"))
        return _month(y, int(rm[2]), text)
    if qm := _CN_QUARTER.match(rest):
        return Period(y, _CN_NUM[qm[1] or qm[2]] * 3, "quarter")
    months = _CN_PART[rest]
    return Period(y, months, "year" if months == 12 else "quarter" if months == 9 else "month")


def normalise_text(text: str) -> str:
    """Full-width digits, letters and signs (２０２３，６．１％) as their ASCII forms; no spaces at the ends."""
    return unicodedata.normalize("NFKC", str(text)).replace("\u2212", "-").strip()


def parse_period(text: str, year: int | None = None) -> Period:
    """Parse a period as written by a user or a spreadsheet. Raises InputRefused with the accepted forms.

    ``year`` is the year meant when the text gives none (``1-6月``, ``二季度``); without it such
    text is refused. A date (``2023/6/1``, ``2023-06-30``, Excel's ``Jun-23``) is that month. The forms are
    tried in this order: the keys and other numbers (2023-06, 2023Q2, 2023, 202306, 2023/6/1), a date as a
    spreadsheet shows it (2023年6月1日, 6月-23, Jun-23), then Chinese (2023年1-6月, 二季度, 上半年).
    """
    t = normalise_text(text)
    if t[:1] in ("-", "+"):  # -2023Q2 would read as 2023Q2 once the dashes of 2023-Q2 are dropped
        raise InputRefused(msg("period.signed", text=text), msg("period.signed.hint"))
    period = _numeric_form(t, text) or _spreadsheet_date(t, text) or _chinese_form(t, text, year)
    if period is None:
        raise InputRefused(msg("period.unreadable", text=text), msg("period.forms.hint"))
    return period


def _numeric_form(t: str, text: str) -> Period | None:
    """2023-01/02, 2023-06 (2023.06, 2023/06, 202306, a date 2023-06-30), 2023Q2 (2023-Q2), 2023."""
    if m := _JOINT.match(t):
        return Period(int(m[1]), 2, "month")
    if (m := _MONTH.match(t)) or (m := _SLASH_MONTH.match(t)) or (m := _COMPACT.match(t)) or (m := _DATE.match(t)):
        return _month(int(m[1]), int(m[2]), text)
    if m := _QUARTER.match(t.replace(" ", "").replace("-", "")):
        return Period(int(m[1]), int(m[2]) * 3, "quarter")
    if m := _YEAR.match(t):
        return Period(int(m[1]), 12, "year")
    return None


def _spreadsheet_date(t: str, text: str) -> Period | None:
    """A date cell as Excel or WPS shows it: 2023年6月1日, 6月-23, Jun-23 or June 2023: that month."""
    if m := _CN_DATE.match(t.replace(" ", "")):
        return _month(int(m[1]), int(m[2]), text)
    if m := _CN_MON_YEAR.match(t):
        return _month(2000 + int(m[2]), int(m[1]), text)
    if (m := _MON_YEAR.match(t.lower())) and m[1] in _MON:
        y = int(m[2])
        return _month(y + 2000 if y < 100 else y, _MON[m[1]], text)
    return None


def _chinese_form(t: str, text: str, year: int | None) -> Period | None:
    """2023年6月, 2023年1-6月, 2023年二季度, 2023年上半年, 2023年度; without its year (1-6月) only when
    ``year`` says which."""
    m = _CN_YEAR.match(t.replace(" ", ""))
    if not m or not (m[1] or m[2]):
        return None
    rest = m[2]
    if not (_CN_MONTHS.match(rest) or _CN_QUARTER.match(rest) or rest in _CN_PART):
        return None
    if m[1] is None and year is None:
        raise InputRefused(msg("period.no_year", text=text), msg("period.no_year.hint", example=f"2023年{rest}"))
    return _cn_period(int(m[1]) if m[1] else year, rest, text)


def owed_period(text: str) -> tuple[Period, bool]:
    """A period something is owed for (催报, a unit's page): as ``parse_period``, but January alone is the joint
    1–2月 release its figures belong to (the True says so, for the caller to tell the user)."""
    try:
        return parse_period(text), False
    except JanuaryAlone as exc:
        return Period(exc.year, 2, "month"), True


def within(key: str, period: Period) -> bool:
    """Whether a stored period key falls in ``period``'s year, up to its end (2023-05 is within 2023Q2)."""
    try:
        p = parse_period(key)
    except InputRefused:
        return False
    return p.year == period.year and p.months <= period.months


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
    2023-12 or 2023Q4 is the year; the year given for a monthly or quarterly value is 2023-12 or 2023Q4.
    """
    year = plan_year - 1 if baseline else plan_year
    if period.year != year:
        which = msg("word.baseline_year" if baseline else "word.plan_year")
        raise InputRefused(msg("period.outside", key=period.key, which=which, year=year),
                           msg("period.outside.hint", year=year))
    if frequency in (Frequency.monthly, Frequency.once):
        if period.grain == "month":
            return period
        # 二季度 is 1–6月 and the year (全年) is 1–12月 for a year-to-date monthly figure
        return Period(period.year, period.months, "month")
    elif frequency is Frequency.quarterly:
        if period.months % 3 == 0 and period.grain in ("month", "quarter"):
            return Period(period.year, period.months, "quarter")
        if period.grain == "year":
            return Period(period.year, 12, "quarter")
    elif frequency is Frequency.annual and period.months == 12:
        return Period(period.year, 12, "year")
    raise InputRefused(msg("period.not_for_frequency", frequency=msg(f"word.{frequency.value}"), key=period.key),
                       msg("period.valid.hint", periods=", ".join(valid_periods(frequency, year))))
