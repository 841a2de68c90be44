"""Every refusal periods.py can raise, met under --lang zh: the error and its hint read in Chinese, with only
the period as typed, option names and ids left in Latin letters. The walk is complete: a new ``raise`` in
periods.py without a case here fails the first test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from liupi_cli import periods
from liupi_cli.errors import InputRefused
from liupi_cli.models import Frequency
from liupi_cli.periods import Period, parse_period, period_for

# (what raises it in the core, the command a user types that meets it, the period text as typed)
CASES = [
    (lambda: parse_period("2023-13"), ["report", "--month", "2023-13"], "2023-13"),
    (lambda: parse_period("2023-01"), ["update", "new_urban_jobs", "5", "--period", "2023-01"], "2023-01"),
    (lambda: parse_period("2023.1"), ["update", "new_urban_jobs", "5", "--period", "2023.1"], "2023.1"),
    (lambda: parse_period("2023年3-6月"), ["report", "--month", "2023年3-6月"], "2023年3-6月"),
    (lambda: parse_period("6月"), ["report", "--month", "6月"], "6月"),
    (lambda: parse_period("junk"), ["report", "--month", "junk"], "junk"),
    (lambda: period_for(Frequency.monthly, Period(2022, 6, "month"), 2023),
     ["update", "new_urban_jobs", "5", "--period", "2022-06"], "2022-06"),
    (lambda: period_for(Frequency.monthly, Period(2023, 6, "month"), 2023, baseline=True),
     ["update", "new_urban_jobs", "5", "--period", "2023-06", "--baseline"], "2023-06"),
    (lambda: period_for(Frequency.quarterly, Period(2023, 5, "month"), 2023),
     ["update", "gdp_growth", "5", "--period", "2023-05"], "2023-05"),
    (lambda: period_for(Frequency.annual, Period(2023, 6, "month"), 2023),
     ["update", "rd_spending_growth", "5", "--period", "2023-06"], "2023-06"),
    (lambda: parse_period("2023-01"), ["report", "--month", "2023-01"], "2023-01"),  # the report's own hint
    (lambda: parse_period("-2023Q2"), ["report", "--quarter=-2023Q2"], "-2023Q2"),
]
IDS = [f"{i}-{c[1][0]}" for i, c in enumerate(CASES)]


def _raise_lines() -> set[int]:
    tree = ast.parse(Path(periods.__file__).read_text(encoding="utf-8"))
    return {n.lineno for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc is not None
            and ("InputRefused" in ast.unparse(n.exc) or "JanuaryAlone" in ast.unparse(n.exc))}


def _raised_at(call) -> int:
    with pytest.raises(InputRefused) as info:
        call()
    tb = info.value.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == periods.__file__:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def test_the_cases_walk_every_refusal_of_periods_py():
    raises = _raise_lines()
    assert len(raises) >= 7
    assert {_raised_at(call) for call, _, _ in CASES} == raises


def english_left(text: str, *typed: str) -> list[str]:
    """Latin words left once the user's own text, option names, ids and period keys are taken out."""
    for t in sorted(typed, key=len, reverse=True):
        text = text.replace(t, "")
    text = re.sub(r"--[a-z][a-z-]*", "", text)  # option names
    text = re.sub(r"\b\d{4}(Q[1-4])?\b", "", text)  # period keys such as 2023Q2
    text = re.sub(r"\b[a-z]+(_[a-z]+)+\b", "", text)  # ids such as new_urban_jobs
    return re.findall(r"[A-Za-z]{2,}", text)


def test_the_check_finds_an_english_sentence():
    assert english_left("提示：write 2023-06, 2023-01/02, 2023Q2 or 2023", "junk") == ["write", "or"]
    assert english_left("错误：无法识别统计期“junk”；例如 --month 2023Q2、new_urban_jobs", "junk") == []


@pytest.mark.parametrize("call,cmd,typed", CASES, ids=IDS)
def test_each_period_refusal_reads_in_chinese(run, call, cmd, typed):
    result = run(*cmd, "--lang", "zh")
    assert result.exit_code != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines and lines[0].startswith("错误："), result.stderr
    assert any(ln.startswith("提示：") for ln in lines), result.stderr
    assert english_left(result.stderr, typed, cmd[1]) == [], result.stderr
