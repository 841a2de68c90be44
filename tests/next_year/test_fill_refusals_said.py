"""Every refusal of a filled next-year table is one line naming the file (and row) and what was wrong, with a
hint saying what to write or where to run it; a date read with a doubt is kept and noted at its row."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import FillCell, apply_fill, read_due

SETTLED = {"id": "x", "kind": "cumulative", "comparator": "at_least", "unit": "个", "target": 5}


@pytest.mark.parametrize("plan,year_said,next_said", [({"id": "p"}, "None", "YEAR"),
                                                      ({"id": "p", "year": 2024}, "2024", "2025")])
def test_a_table_for_a_plan_with_nothing_to_be_set_is_refused_whole(plan, year_said, next_said):
    with pytest.raises(InputRefused) as exc:
        apply_fill({"plan": plan, "indicators": [dict(SETTLED)]}, [FillCell(3, "x", "7", "")], "t.csv")
    assert exc.value.message == (f"this plan (p, {year_said}) has no target to be set for the rows of t.csv: nothing "
                                 "was changed")
    assert exc.value.hint == (f"run it in the workspace `liupi plan next --year {next_said}` made; a decided target "
                              "is changed in targets.yaml by hand")


@pytest.mark.parametrize("typed,message,hint", [
    ("视情况而定", "t.csv:4: new_due '视情况而定' is not a date", "write it as 2024-12-31 or 2024年12月底前"),
    ("长期坚持", "t.csv:4: new_due '长期坚持' is not a date", "write it as 2024-12-31 or 2024年12月底前"),
    ("2023-05-01", "t.csv:4: new_due '2023-05-01' is before the plan's year 2024: it would be overdue all year",
     "give a date in 2024 or later, e.g. 2024-05-01"),
])
def test_a_due_date_that_cannot_be_used_is_refused_at_its_row(typed, message, hint):
    with pytest.raises(InputRefused) as exc:
        read_due(typed, 2024, "t.csv:4")
    assert (exc.value.message, exc.value.hint) == (message, hint)


def test_a_due_date_read_with_a_doubt_is_kept_and_noted_at_its_row():
    notes: list = []
    assert read_due("2024年3月至6月", 2024, "t.csv:5", notes) == dt.date(2024, 6, 30)
    assert [str(n) for n in notes] == ["t.csv:5: new_due '2024年3月至6月': a range from 2024-03-31 to 2024-06-30: "
                                       "the end is the deadline"]
    assert read_due("2024年8月底前", 2024, "t.csv:6", notes) == dt.date(2024, 8, 31) and len(notes) == 1
    assert read_due("2025-01-31", None, "t.csv:7") == dt.date(2025, 1, 31)
