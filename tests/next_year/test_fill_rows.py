"""Next year's filled table: a row with a new target but no indicator id is kept with the id as typed (empty,
not a made-up one), rows that say nothing new are left out, and a range's lower bound is read (or refused) at
the row's line."""

from __future__ import annotations

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import read_fill, read_target


def test_a_row_without_its_indicator_id_is_kept_with_an_empty_id():
    cells = read_fill("indicator\tnew_target\tnew_due\n\t8%\t\ngdp\t\t\nretail\t\t2024-06-30\n", "next.tsv")
    assert [(c.line, c.indicator, c.new_target, c.new_due) for c in cells] == [(2, "", "8%", ""),
                                                                                (4, "retail", "", "2024-06-30")]


def test_a_range_whose_lower_bound_is_in_another_unit_is_refused_at_its_line():
    notes: list[str] = []
    assert read_target("7.5%-8%", "%", "next.tsv:3", notes) == {"target": 7.5}
    assert notes == ["next.tsv:3: '7.5%-8%' is a range: the target is its lower bound, 7.5; the stated text keeps "
                     "the range"]
    with pytest.raises(InputRefused) as exc:
        read_target("3人-5亿元", "亿元", "next.tsv:4")
    assert exc.value.message == ("next.tsv:4: new_target '3人': value '3人' is in 人, but this indicator is measured "
                                 "in 亿元")
