"""bench/mutation.py's sampling: the same seed draws the same mutants, and the interval is Wilson's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "bench"))

import mutation  # noqa: E402

NAMES = [f"liupi_cli.quantity.x_parse_value__mutmut_{i}" for i in range(1, 201)]


def test_the_same_seed_draws_the_same_names_whatever_their_order():
    first = mutation.sample_names(NAMES, 20, seed=1)
    again = mutation.sample_names(list(reversed(NAMES)), 20, seed=1)
    assert first == again
    assert len(first) == 20 and len(set(first)) == 20 and set(first) <= set(NAMES)
    assert mutation.sample_names(NAMES, 20, seed=2) != first


def test_a_sample_as_large_as_the_mutants_or_larger_is_all_of_them():
    assert mutation.sample_names(NAMES[:5], 5, seed=3) == sorted(NAMES[:5])
    assert mutation.sample_names(NAMES[:5], 400, seed=3) == sorted(NAMES[:5])
    assert mutation.sample_names(NAMES[:5] * 2, 400, seed=3) == sorted(NAMES[:5])


@pytest.mark.parametrize(
    "killed, n, low, high",
    [
        # p = 0.9, z = 1.96: centre (0.9 + 3.8416/200) / 1.038416 = 0.88521,
        # half 1.96/1.038416 * sqrt(0.0009 + 0.00009604) = 0.05957
        (90, 100, 0.8256, 0.9448),
        # all killed: the upper end is 1, the lower n / (n + z²) = 10 / 13.8416
        (10, 10, 0.7225, 1.0),
        # none killed: 0 to z² / (n + z²) = 3.8416 / 13.8416
        (0, 10, 0.0, 0.2775),
    ],
)
def test_the_interval_is_wilsons(killed, n, low, high):
    got = mutation.wilson_interval(killed, n)
    assert got == pytest.approx((low, high), abs=5e-4)


def test_the_listing_of_mutmut_results_is_read_with_every_status():
    stdout = (
        "    liupi_cli.quantity.x_parse_value__mutmut_1: not checked\n"
        "    liupi_cli.report.judge.xǁJudgeǁrun__mutmut_12: survived\n"
        "    liupi_cli.figure_sheet.x_read__mutmut_3: killed\n"
    )
    assert mutation.parse_results(stdout) == {
        "liupi_cli.quantity.x_parse_value__mutmut_1": "not checked",
        "liupi_cli.report.judge.xǁJudgeǁrun__mutmut_12": "survived",
        "liupi_cli.figure_sheet.x_read__mutmut_3": "killed",
    }


@pytest.mark.parametrize("minus,plus,same", [
    ('    db.execute("BEGIN IMMEDIATE")', '    db.execute("begin immediate")', True),
    ("""    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()""",
     """    row = db.execute("select value from meta where key = 'schema_version'").fetchone()""", True),
    # a quoted literal whose case changes is another value to the database
    ("""    db.execute("SELECT 1 FROM meta WHERE key = 'Plan'")""",
     """    db.execute("select 1 from meta where key = 'plan'")""", False),
    # a word that is not SQL's (a message, a column written in capitals) is not covered by the rule
    ('    say("Stored FROM the sheet")', '    say("stored from the sheet")', False),
    ('    db.execute("SELECT 1")', '    db.execute("XXSELECT 1XX")', False),
    ('    db.execute("SELECT 1")', '    db.execute("SELECT 2")', False),
])
def test_an_sql_statement_whose_letter_case_alone_changed_is_equivalent(minus, plus, same):
    assert mutation.sql_case_only(["-" + minus, "+" + plus]) is same
    assert mutation.sql_case_only(["-" + minus]) is False  # a line removed, nothing in its place
