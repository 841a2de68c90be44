"""The next-year table as a file: written with a byte-order mark and CRLF lines, one row per indicator with
last year's target, result and date as a person reads them and the year on every row; read back, only rows
that say something count (each with its line), a tab-separated table is read too, and a table without the
columns it needs is refused with what to fill."""

from __future__ import annotations

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import FillCell, FillRow, fill_csv, read_fill


def test_the_table_written():
    text = fill_csv([FillRow("gdp", "地区生产总值", "growth_rate", "%", 8.0, 7.5, "2023-Q4"),
                     FillRow("road", "通车", "milestone", None, None, None, None, None, "2023-12-31")], 2024)
    assert text.startswith("\ufeff")
    assert text[1:].split("\r\n") == [
        "indicator,name_zh,kind,unit,last_target,last_result,last_result_period,new_target,last_due,new_due,year",
        "gdp,地区生产总值,growth_rate,%,8,7.5,2023-Q4,,,,2024",
        "road,通车,milestone,,,,,,2023-12-31,,2024",
        "",
    ]


def test_only_rows_that_say_something_are_read_each_with_its_line():
    text = "\ufeffindicator,name_zh,new_target,new_due,year\n a ,x, 7% ,,2024\nb,y,,,\nc,z,,2024-06-30,\n"
    assert read_fill(text, "f.csv") == [FillCell(2, "a", "7%", "", "2024"), FillCell(4, "c", "", "2024-06-30", "")]


def test_a_tab_separated_table_is_read():
    assert read_fill("indicator\tnew_target\na\t8\n", "f.csv") == [FillCell(2, "a", "8", "", "")]


@pytest.mark.parametrize("text", ["id,target\na,8\n", "indicator,name_zh\na,x\n", ""])
def test_a_table_without_its_columns_is_refused(text):
    with pytest.raises(InputRefused) as exc:
        read_fill(text, "f.csv")
    assert (exc.value.message, exc.value.hint) == ("f.csv: needs the columns indicator and new_target",
                                                   "fill the table `liupi plan next` wrote")
