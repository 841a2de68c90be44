"""Unit names compared as a reader sees them, and the units suggested for a name not found: the part that
tells units apart (less 县 and 局/办/委…) mostly the same, read the same, or a shortening; each unit once, by
its closest and then fullest name, at most three; 县统计局 is never offered 县审计局."""

from __future__ import annotations

import pytest

from liupi_cli.unit_names import cleaned, close_units, hidden_marks, look_alikes, name_key, visible

NAMES = {"县人社局": "rsj", "人社局": "rsj", "rsj": "rsj", "县审计局": "sjj", "县市场监管局": "scjgj", "县委": "xw",
         "县委办": "xwb", "县财政局": "czj", "县财政局（国资股）": "gzg", "县交通运输局": "jtj"}


@pytest.mark.parametrize("given,suggested", [
    ("县人设局", ["县人社局"]),  # 设 and 社 read the same
    ("人社局", ["县人社局"]),  # the fullest name of the unit, once
    ("县统计局", []),
    ("县市场监督局", ["县市场监管局"]),
    ("县委会", ["县委办", "县委"]),  # 委 alone is what tells 县委 apart
    ("县财政", ["县财政局", "县财政局（国资股）"]),
    ("财政局国资股", ["县财政局（国资股）", "县财政局"]),
    ("交通局", ["县交通运输局"]),
    ("县", []),
    ("局", []),
])
def test_the_units_suggested_for_a_name_not_found(given, suggested):
    assert close_units(given, NAMES) == suggested
    assert close_units(given, NAMES, n=1) == suggested[:1]


def test_at_most_three_are_suggested_closest_first():
    names = {f"县财政局{x}": x for x in "abcd"} | {"县财政局": "czj"}
    assert close_units("县财政局", names)[0] == "县财政局" and len(close_units("县财政局", names)) == 3


def test_names_that_differ_only_in_width_spaces_or_invisible_characters_are_one():
    assert name_key("县财政局（国资股）") == name_key("县财政局(国资股)") == name_key("县财政 局\u200d(国资股)")
    assert cleaned(" 县财\u200d政局\t") == "县财政局"
    assert name_key("县财\x1b政局\x07") == cleaned("县财\x1b政局\x07") == "县财政局"  # control characters
    assert name_key("县财\ue000政局") == "县财政局"  # a private-use character no font shows
    assert visible("县 财\u200d政局") == "县[space]财[U+200D]政局"
    assert hidden_marks("县 财\u3000政\u200d局\u200d") == ["a space", "U+200D (zero width joiner)"]
    assert look_alikes([("a", "县财政局"), ("b", "县财政局"), ("c", "县财\u200d政局"), ("a", "县财政 局")]) == [
        ("c", "县财\u200d政局", "a", "县财政局")]
