"""Deadlines as county documents write them, turned into a date, "ongoing" or nothing, with a flag
whenever the reading is not certain. The text itself is always kept (``Task.deadline_text``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from liupi_cli.messages import msg

Value = dt.date | Literal["ongoing"] | None

ONGOING = ("长期坚持", "持续推进", "常态化", "长期", "持续开展", "长期推进", "持续")
_NUM = r"(\d{1,4}|[一二三四五六七八九十]{1,3})"
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# 2023年12月底前 · 12月底 · 2023年11月15日前 · 11月15日 · 2023年底 · 年底前 · 2023.12.31 · 2023-12-31
_DATE = re.compile(
    r"(?:(?P<y>20\d\d)\s*年)?\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|(?P<end>底|末|份|上旬|中旬|下旬))?"
)
_YEAR_END = re.compile(r"(?P<y>20\d\d)?\s*年\s*(?:底|末)|年内|年度内")
_ISO = re.compile(r"(20\d\d)[-./](\d{1,2})[-./](\d{1,2})")
_WITHIN = re.compile(r"(\d+|[一二三四五六七八九十两]+)\s*(个)?\s*(工作日|日|天|周|个月|月|年)内")
_EVERY = re.compile(r"每(季度|月|半年|年|周)(末|底|初)?")


@dataclass(frozen=True)
class Deadline:
    value: Value
    text: str | None
    flag: str | None = None  # why a person should look at it (a catalogue message); None when the reading is certain


def _num(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s == "两":
        return 2
    if s.startswith("十"):
        return 10 + (_CN.get(s[1:], 0) if len(s) > 1 else 0)
    if len(s) == 2 and s[1] == "十":
        return _CN[s[0]] * 10
    if len(s) == 3 and s[1] == "十":
        return _CN[s[0]] * 10 + _CN[s[2]]
    return _CN.get(s, 0)


def _dates(text: str, year: int | None) -> list[tuple[dt.date, bool]]:
    """Every date the text names, with whether its year had to be taken from the plan year."""
    found: list[tuple[dt.date, bool]] = []
    for m in _ISO.finditer(text):
        try:
            found.append((dt.date(int(m[1]), int(m[2]), int(m[3])), False))
        except ValueError:
            pass
    last_year: int | None = None
    for m in _DATE.finditer(text):
        y = int(m["y"]) if m["y"] else last_year
        assumed = y is None
        y = y or year
        if m["y"]:
            last_year = int(m["y"])
        month = _num(m["m"])
        if not y or not 1 <= month <= 12:
            continue
        last = calendar.monthrange(y, month)[1]
        if m["d"]:
            day = _num(m["d"])  # 15日 or 十五日
        elif m["end"] == "上旬":
            day = 10
        elif m["end"] == "中旬":
            day = 20
        else:
            day = last
        if 1 <= day <= last:
            found.append((dt.date(y, month, day), assumed))
    if not found:
        for m in _YEAR_END.finditer(text):
            y = int(m["y"]) if m and m.group("y") else year
            if y:
                found.append((dt.date(y, 12, 31), not (m and m.group("y"))))
    return found


def parse_deadline(text: str | None, year: int | None) -> Deadline:
    """Read a 完成时限 cell. ``year`` is the plan year, used when the text gives only a month.

    In order: a span counted from an unstated start (30个工作日内) is no date; a recurring one (每月底) with no
    date is ongoing; dates named give the last of them; words of continuing (长期坚持) are ongoing; a whole
    year's work (全年) is due by its end; anything else is unread, flagged."""
    if text is None or not text.strip():
        return Deadline(None, None)
    raw = re.sub(r"\s+", "", text)
    within = _WITHIN.search(raw)
    if within:
        what = msg("deadline.working_days" if within[3] == "工作日" else "deadline.a_period")
        return Deadline(None, raw, msg("deadline.within", text=within[0], what=what))
    dates = _dates(raw, year)
    every = _EVERY.search(raw)
    if every and not dates:
        return Deadline("ongoing", raw, msg("deadline.recurring", text=every[0]))
    if dates:
        return _latest_date(raw, dates, year)
    if any(w in raw for w in ONGOING):
        return Deadline("ongoing", raw)
    if raw in ("全年", "全年推进", "全年完成", "年内", "年内完成") and year is not None:
        # work through the whole year is due by its end, so it can be overdue: never silently "ongoing"
        return Deadline(dt.date(year, 12, 31), raw, msg("deadline.whole_year", text=raw, year=year))
    return Deadline(None, raw, msg("deadline.unreadable"))


def _latest_date(raw: str, dates: list[tuple[dt.date, bool]], year: int | None) -> Deadline:
    """The last date named is the deadline, flagged when its year was guessed, when it ends a range or
    stages, or when the text also says the work goes on."""
    last, assumed = max(dates)
    flags = []
    if assumed and year is None:
        flags.append(msg("deadline.no_year", year=last.year))
    distinct = sorted({d for d, _ in dates})
    if len(distinct) == 2 and re.search(r"\d[月日]?\s*[至到—~～-]+\s*(20\d\d年)?\d", raw):
        flags.append(msg("deadline.range", start=distinct[0], end=distinct[1]))
    elif len(distinct) > 1:
        flags.append(msg("deadline.stages", dates=", ".join(str(d) for d, _ in sorted(dates)), last=last))
    if any(w in raw for w in ONGOING):
        flags.append(msg("deadline.continues"))
    return Deadline(last, raw, msg("deadline.flags", first=flags[0], more=flags[1:]) if flags else None)
