"""The next-year review file: each section lists its rows (a `|` in a title escaped, a line break made a space)
or says "none", moved deadlines show where they went or "to be set", and the count of rows to fill is given."""

from __future__ import annotations

import datetime as dt

from liupi_cli.rollover import DeadlineChange, NextYear, review_md


def _sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    head = ""
    for line in text.splitlines():
        if line.startswith("## "):
            head = line[3:]
            out[head] = []
        elif head and line:
            out[head].append(line)
    return out


def test_a_year_with_nothing_to_review_says_none_in_each_section():
    text = review_md(NextYear({}, [], [], [], notes=["carried from p"]), 2025)
    assert text.splitlines()[0] == "# 2025: what to review"
    got = _sections(text)
    assert got["Notes"] == ["- carried from p"]
    for head in ("Carried deadlines (review each)", "Milestones reached last year (left out)",
                 "Names and texts that still say last year (reword them in data/)"):
        assert got[head] == ["none"], head
    assert got["Targets to be set"][0].startswith("0 row(s) in targets-to-fill.csv: fill new_target")


def test_each_section_lists_its_rows():
    nxt = NextYear({}, [], [], [object(), object()], notes=[],
                   deadlines=[DeadlineChange("t1", "修路|修桥", dt.date(2024, 6, 30), dt.date(2025, 6, 30)),
                              DeadlineChange("t2", "整治\n河道", dt.date(2022, 1, 31), None)],
                   achieved=[("m1", "项目开工", "2024-08")],
                   old_year_texts=[("i1", "name_zh", "2024年度抽查计划")])
    got = _sections(review_md(nxt, 2025))
    assert got["Carried deadlines (review each)"] == ["| task | title | was | now |", "|---|---|---|---|",
                                                      "| t1 | 修路\\|修桥 | 2024-06-30 | 2025-06-30 |",
                                                      "| t2 | 整治 河道 | 2022-01-31 | to be set |"]
    assert got["Milestones reached last year (left out)"] == ["| indicator | name | reached |", "|---|---|---|",
                                                              "| m1 | 项目开工 | 2024-08 |"]
    assert got["Names and texts that still say last year (reword them in data/)"] == [
        "| id | field | text |", "|---|---|---|", "| i1 | name_zh | 2024年度抽查计划 |"]
    assert got["Targets to be set"][0].startswith("2 row(s) in targets-to-fill.csv")
