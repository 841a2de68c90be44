"""The fixed-width layout every terminal table is built on (render/textgrid.py), case by case: how wide a text
is, where lines may break (never inside a word, a number or before a Chinese closing mark), how a cell is
shortened, padded and aligned, which columns give way, and how a row's lines and styles come out."""

from __future__ import annotations

import pytest

from liupi_cli.render.textgrid import Column, fit, pad, render_table, tokens, truncate, width, wrap


@pytest.mark.parametrize("text,cols", [("", 0), ("abc", 3), ("县", 2), ("ＡＢ", 4), ("e\u0301", 1), ("½", 1),
                                       ("a县b", 4), ("\u3000", 2)])
def test_width_counts_wide_and_full_width_characters_as_two_and_combining_marks_as_none(text, cols):
    assert width(text) == cols


@pytest.mark.parametrize("text,toks", [
    ("Value added 2023", ("Value", " ", "added", " ", "2023")),
    ("县发改局", ("县", "发", "改", "局")),
    ("增长8.5%以上", ("增", "长", "8.5%", "以", "上")),
    ("城镇，就业。", ("城", "镇，", "就", "业。")),
    ("（附件2）", ("（附", "件", "2）")),
    ("a  b", ("a", " ", "b")),
    ("《方案》", ("《方", "案》")),
])
def test_tokens_keep_words_numbers_and_punctuation_with_their_neighbours(text, toks):
    assert tokens(text) == toks


@pytest.mark.parametrize("text,cols,out", [("abcdef", 6, "abcdef"), ("abcdef", 5, "abcd…"), ("abc def", 5, "abc…"),
                                           ("县发改局", 7, "县发改…"), ("县发改局", 8, "县发改局"),
                                           ("县发改局", 4, "县…")])
def test_truncate_ends_in_an_ellipsis_within_the_width(text, cols, out):
    assert truncate(text, cols) == out and width(out) <= cols


def test_wrap_breaks_between_words_and_caps_the_lines():
    assert wrap("", 5) == [""]
    assert wrap("   ", 5) == [""]
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("one two three", 8) == ["one two", "three"]
    assert wrap("one two three", 13) == ["one two three"]
    assert wrap(" lead", 10) == ["lead"]
    assert wrap("a b c d e f", 3, max_lines=2) == ["a b", "c…"]
    assert wrap("one two three four five", 9, max_lines=1) == ["one two…"]
    assert wrap("abcdefghijk xy", 5) == ["abcd…", "xy"]
    assert wrap("line\nbreak\x1b", 40) == ["line\\nbreak\\x1b"]  # one line, controls shown


@pytest.mark.parametrize("text,cols,align,out", [("ab", 4, "left", "ab  "), ("ab", 4, "right", "  ab"),
                                                 ("abcd", 2, "right", "abcd"), ("县", 3, "right", " 县"),
                                                 ("ab", 2, "left", "ab")])
def test_pad_fills_to_the_width_on_the_side_away_from_the_alignment(text, cols, align, out):
    assert pad(text, cols, align) == out


def test_a_column_s_natural_and_least_widths():
    c = Column("Lead unit", ["县发改局", "x"])
    assert (c.natural(), c.least()) == (9, 8)  # its cells kept whole, its heading wrapped between words
    w = Column("Note", ["a fairly long note about it"], wrap=True, min_width=6, max_width=20)
    assert w.natural() == 20 and w.least() == 6  # the longest word (6: fairly) within 6..20
    w2 = Column("Note", ["extraordinarily"], wrap=True, min_width=4, max_width=10)
    assert w2.natural() == 10 and w2.least() == 10
    w3 = Column("N", ["ab"], wrap=True, min_width=8)
    assert w3.least() == 2  # never wider than it would be anyway
    assert Column("Headings words", [], wrap=False).least() == 8  # the heading wraps between words
    assert Column("H", [], wrap=True).natural() == 1


def test_columns_with_nothing_in_them_are_left_out_unless_every_one_is_empty():
    a, b = Column("A", ["1", "2"]), Column("B", ["", ""])
    assert [c.header for c, _ in fit([a, b], 80)] == ["A"]
    empty = [Column("A", []), Column("B", [])]
    assert [(c.header, w) for c, w in fit(empty, 80)] == [("A", 1), ("B", 1)]
    assert render_table(empty, 80) == ["A  B", "─  ─"]


def test_the_least_wanted_column_goes_first_and_a_kept_one_never_does():
    cols = [Column("id", ["gdp_growth_rate"], priority=10, keep=True), Column("name", ["Gross domestic product"],
                                                                           priority=90),
            Column("note", ["x" * 30], priority=50)]
    assert [c.header for c, _ in fit(cols, 80)] == ["id", "name", "note"]
    assert [c.header for c, _ in fit(cols, 60)] == ["id", "name"]
    assert [c.header for c, _ in fit(cols, 20)] == ["id"]
    assert [c.header for c, _ in fit(cols, 5)] == ["id"]


def test_wrapping_columns_shrink_before_any_is_dropped_and_the_widths_fill_the_line():
    cols = [Column("name", ["Gross domestic product of the county"], wrap=True, priority=90, min_width=8),
            Column("value", ["12345"], priority=80, align="right")]
    chosen = fit(cols, 30)
    assert [c.header for c, _ in chosen] == ["name", "value"]
    assert sum(w for _, w in chosen) + 2 <= 30 and chosen[1][1] == 5
    lines = render_table(cols, 30)
    assert all(width(ln) <= 30 for ln in lines)
    assert lines[2].endswith("12345") and lines[3].strip() and "12345" not in lines[3]


def test_a_table_has_a_heading_a_rule_and_each_row_s_lines_aligned():
    cols = [Column("Indicator name", ["城镇新增就业", "GDP"], wrap=True, min_width=6, max_width=9),
            Column("Value", ["1,500", "7.5"], align="right")]
    lines = render_table(cols, 40)
    assert lines == ["Indicator  Value", "name", "─────────  ─────", "城镇新增   1,500", "就业", "GDP          7.5"]
    assert render_table(cols, 40, sep=1, rule="-")[2:4] == ["--------- -----", "城镇新增  1,500"]


def test_styles_are_painted_only_on_lines_that_hold_the_cell_s_text():
    calls = []

    def paint(text, style):
        calls.append((text, style))
        return f"<{style}>{text}"

    cols = [Column("Light", ["RED", "GREEN"], styles=["red", None]),
            Column("Name", ["one two three", "x"], wrap=True, min_width=5, max_width=5)]
    lines = render_table(cols, 20, paint=paint)
    assert lines[0] == "<bold>Light  Name"
    assert lines[2] == "<red>RED    one" and lines[3] == "       two"
    assert lines[5] == "GREEN  x"
    assert ("RED  ", "red") in calls and not any(s == "red" and not t.strip() for t, s in calls)


def test_a_cell_longer_than_its_lines_ends_in_an_ellipsis():
    cols = [Column("Note", ["one two three four five six"], wrap=True, min_width=9, max_width=9, max_lines=2)]
    assert render_table(cols, 9)[2:] == ["one two", "three…"]


def test_a_table_of_no_columns_is_an_empty_line():
    assert render_table([], 80) == [""]
