"""A county's export or the decomposition table that is not there (or empty): one line naming the file, and a
hint saying where in city.yaml it is named or what it should hold."""

from __future__ import annotations

import pytest

from liupi_cli.city.collect import read_county
from liupi_cli.city.decomposition import read_decomposition
from liupi_cli.errors import InputRefused

from .citykit import city_plan, config


def test_a_county_whose_export_is_missing_is_refused_naming_the_file_and_the_county(tmp_path):
    county = config([]).counties[1]
    with pytest.raises(InputRefused) as exc:
        read_county(county, tmp_path)
    assert (exc.value.message, exc.value.hint) == (f"{(tmp_path / 'b.json').resolve()}: file not found",
                                                   "county b's source in city.yaml")


def test_a_missing_decomposition_table_says_where_it_is_named(tmp_path):
    with pytest.raises(InputRefused) as exc:
        read_decomposition(tmp_path / "decomposition.csv", config([]), city_plan(tmp_path), label="decomposition.csv")
    assert (exc.value.message, exc.value.hint) == ("decomposition.csv: file not found",
                                                   "city.yaml's decomposition: names it, beside city.yaml")


def test_an_empty_decomposition_table_is_one_line_with_the_columns_to_give(tmp_path):
    path = tmp_path / "decomposition.csv"
    path.write_text("\n,,\n", encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        read_decomposition(path, config([]), city_plan(tmp_path), label="decomposition.csv")
    assert (exc.value.message, exc.value.hint) == ("decomposition.csv: empty table",
                                                   "first row: indicator, unit, city, then one column per county")
