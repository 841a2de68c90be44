"""The calendar the products run on: every day of a year falls in one 旬 named in both languages, each
旬's predecessor, the last complete year, and the first day a period's figures cover."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.cadence.dekads import (
    Dekad,
    dekad_of,
    last_complete_dekad,
    last_complete_year,
    parse_dekad,
    period_start,
)
from liupi_cli.errors import InputRefused
from liupi_cli.periods import Period, parse_period

D = dt.date


def test_every_day_of_a_year_is_in_exactly_one_dekad_and_they_follow_each_other():
    day, seen = D(2024, 1, 1), []
    while day.year == 2024:
        d = dekad_of(day)
        assert d.contains(day) and d.start <= day <= d.end
        if not seen or seen[-1] != d:
            seen.append(d)
        day += dt.timedelta(days=1)
    assert len(seen) == 36
    for before, after in zip(seen, seen[1:]):
        assert after.previous() == before and before < after
        assert after.start == before.end + dt.timedelta(days=1)
    assert seen[0].previous() == Dekad(2023, 12, 3)


@pytest.mark.parametrize("day,key", [(D(2023, 6, 1), "2023-06-1"), (D(2023, 6, 10), "2023-06-1"),
                                     (D(2023, 6, 11), "2023-06-2"), (D(2023, 6, 20), "2023-06-2"),
                                     (D(2023, 6, 21), "2023-06-3"), (D(2023, 7, 31), "2023-07-3"),
                                     (D(2023, 1, 30), "2023-01-3")])
def test_the_dekad_of_a_day(day, key):
    assert dekad_of(day).key == key


@pytest.mark.parametrize("key,zh,en", [
    ("2023-06-1", "2023年6月上旬", "2023-06 1st dekad (1–10)"),
    ("2023-06-2", "2023年6月中旬", "2023-06 2nd dekad (11–20)"),
    ("2023-02-3", "2023年2月下旬", "2023-02 3rd dekad (21–28)"),
    ("2024-02-3", "2024年2月下旬", "2024-02 3rd dekad (21–29)"),
    ("2023-12-3", "2023年12月下旬", "2023-12 3rd dekad (21–31)"),
])
def test_a_dekad_is_named_in_both_languages(key, zh, en):
    d = parse_dekad(key)
    assert (d.label_zh, d.label_en) == (zh, en)


@pytest.mark.parametrize("text", [" 2023-6-2 ", "2023-06-2"])
def test_a_dekad_may_be_typed_with_a_one_digit_month_and_spaces(text):
    assert parse_dekad(text) == Dekad(2023, 6, 2)


@pytest.mark.parametrize("text,message,hint", [
    ("2023-06-4", "cannot read dekad '2023-06-4'", "dekad.unreadable.hint"),
    ("x2023-06-1", "cannot read dekad 'x2023-06-1'", "dekad.unreadable.hint"),
    ("2023-13-1", "dekad '2023-13-1': month 13 does not exist", "period.no_month.hint"),
    ("2023-00-1", "dekad '2023-00-1': month 0 does not exist", "period.no_month.hint"),
])
def test_an_unreadable_dekad_is_refused_naming_what_was_typed_with_a_hint(text, message, hint):
    with pytest.raises(InputRefused) as e:
        parse_dekad(text)
    assert e.value.message == message and e.value.hint.id == hint


def test_march_first_the_last_complete_dekad_is_february_s_last():
    assert last_complete_dekad(D(2024, 3, 1)) == Dekad(2024, 2, 3)
    assert last_complete_dekad(D(2023, 3, 1)).end == D(2023, 2, 28)


@pytest.mark.parametrize("today,year", [(D(2024, 1, 1), "2023"), (D(2024, 12, 31), "2023"), (D(2023, 7, 21), "2022")])
def test_the_last_complete_year_is_the_one_before_today_s(today, year):
    got = last_complete_year(today)
    assert got == parse_period(year) == Period(int(year), 12, "year")


@pytest.mark.parametrize("key,start", [("2023", D(2023, 1, 1)), ("2023Q1", D(2023, 1, 1)), ("2023Q2", D(2023, 4, 1)),
                                       ("2023Q4", D(2023, 10, 1)), ("2023-02", D(2023, 1, 1)),
                                       ("2023-03", D(2023, 3, 1)), ("2023-06", D(2023, 6, 1)),
                                       ("2023-12", D(2023, 12, 1))])
def test_the_first_day_a_period_covers_on_its_own(key, start):
    assert period_start(parse_period(key)) == start
