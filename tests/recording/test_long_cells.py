"""A file of figures with a cell longer than the csv reader's limit is refused at its line, saying the limit."""

from __future__ import annotations

import csv

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.figure_sheet import read_table


def test_a_cell_past_the_field_limit_is_refused_at_its_line_with_the_limit(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('id,period,value\ngdp,2023-06,"' + "x" * (csv.field_size_limit() + 10) + '"\n', encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        read_table(path)
    assert exc.value.message == f"{path} line 2: a cell longer than {csv.field_size_limit():,} characters"
