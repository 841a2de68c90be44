"""Next year's filled table: a row with a new target but no indicator id is kept with the id as typed (empty,
not a made-up one), and rows that say nothing new are left out."""

from __future__ import annotations

from liupi_cli.fill_table import read_fill


def test_a_row_without_its_indicator_id_is_kept_with_an_empty_id():
    cells = read_fill("indicator\tnew_target\tnew_due\n\t8%\t\ngdp\t\t\nretail\t\t2024-06-30\n", "next.tsv")
    assert [(c.line, c.indicator, c.new_target, c.new_due) for c in cells] == [(2, "", "8%", ""),
                                                                                (4, "retail", "", "2024-06-30")]
