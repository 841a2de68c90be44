"""Next year's tasks: a deadline from before last year has no date in the new plan (to be set, its old words
kept in deadline_text), one from last year moves to the same day of the new year, and the notes say how many
of each to review."""

from __future__ import annotations

import shutil

from conftest import MINI

from liupi_cli.plan import load_plan
from liupi_cli.rollover import next_year


def test_deadlines_carried_into_the_new_year(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(MINI, folder)
    tasks = folder / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("deadline: 2023-05-31", "deadline: 2022-12-31"), encoding="utf-8")
    nxt = next_year(load_plan(folder), [], [], 2024)
    by_id = {t["id"]: t for t in nxt.tasks}
    t4 = by_id["t4"]
    assert "deadline" not in t4 and t4["deadline_text"] == "待定（原2023年5月底前）"
    assert str(by_id["t1"]["deadline"]) == "2024-08-31"
    assert by_id["t3"]["deadline"] == "ongoing"
    assert "2 carried deadline(s) moved into 2024 and 1 left to be set: review them (next-year-review.md)" in nxt.notes
