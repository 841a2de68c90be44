"""What next year's plan says of each task carried from this year: not done with its last current progress
(status, percent, date) or none recorded, ongoing work as ongoing, a moved deadline and its words, the task's
own note kept after; a task done is left out and counted; the plan's own entry names the new year and drops
last year's document number, issue date and source file."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.plan import load_plan
from liupi_cli.rollover import next_year
from liupi_cli.store import TaskUpdate
from liupi_cli.workspace import bundled_data_dir


def _u(i: int, task: str, day: dt.date, status: str, percent: float | None = None, current: bool = True):
    return TaskUpdate(id=i, task=task, date=day, status=status, percent=percent, note=None, recorded_by="t",
                      recorded_at="x", current=current)


UPDATES = [_u(1, "a2-1.1.1", dt.date(2023, 9, 1), "done"),
           _u(2, "a2-1.1.2", dt.date(2023, 9, 1), "in_progress", 40),
           _u(3, "a2-1.1.2", dt.date(2023, 10, 1), "in_progress", 60),
           _u(4, "a2-1.1.2", dt.date(2023, 11, 1), "done", current=False),  # corrected away
           _u(5, "a3-1.2.1", dt.date(2023, 8, 1), "in_progress"),
           _u(6, "a2-1.1.6", dt.date(2023, 8, 1), "stalled", 12.5)]


@pytest.fixture(scope="module")
def nxt():
    return next_year(load_plan(bundled_data_dir()), [], UPDATES, 2024)


@pytest.mark.parametrize("task,note,deadline,deadline_text", [
    ("a2-1.1.2", "carried from 2023: not done (in_progress 60% on 2023-10-01)", None, None),
    ("a2-1.1.6", "carried from 2023: not done (stalled 12.5% on 2023-08-01); Responsible-unit cell is blank in the "
                 "document.", None, None),
    ("a3-1.2.1", "carried from 2023: not done (in_progress on 2023-08-01); deadline moved from 2023-12-31 to "
                 "2024-12-31 (same day in 2024): review it", "2024-12-31", "2024年12月底前（顺延，待确认）"),
    ("a3-1.2.2", "carried from 2023: not done (no progress recorded); deadline moved from 2023-12-31 to 2024-12-31 "
                 "(same day in 2024): review it", "2024-12-31", "2024年12月底前（顺延，待确认）"),
    ("a4-1.1.2.2", "carried from 2023 (ongoing; no progress recorded)", "ongoing", "长期坚持"),
    ("a3-1.1.1", "carried from 2023: not done (no progress recorded)", "2025-12-31", "2025年12月底前"),
])
def test_each_carried_task_says_how_far_it_got(nxt, task, note, deadline, deadline_text):
    t = {t["id"]: t for t in nxt.tasks}[task]
    assert (t["note"], t.get("deadline"), t.get("deadline_text")) == (note, deadline, deadline_text)


def test_a_task_done_is_left_out_and_counted(nxt):
    ids = [t["id"] for t in nxt.tasks]
    assert "a2-1.1.1" not in ids and nxt.carried_tasks == len(ids) == 189
    assert "189 task(s) carried (not done), 1 done and left out" in nxt.notes
    assert nxt.notes[0] == ("carried from shuangpai-2023-six-battles (2023); document number and issue date left for "
                            "the new document")
    assert nxt.notes[-1] == "60 carried deadline(s) moved into 2024 and 0 left to be set: review them " \
                            "(next-year-review.md)"


def test_the_plan_s_own_entry_names_the_new_year(nxt):
    assert nxt.targets["plan"] == {"id": "shuangpai-2024-six-battles", "title_zh": "双牌县打好发展“六仗”总体方案",
                                   "title_en": 'Shuangpai County plan to win the "Six Battles" of development',
                                   "issuer": "双牌县人民政府办公室", "year": 2024}


def test_a_raised_standard_without_a_result_starts_from_its_promised_target(nxt):
    assert ("urban_dibao_standard: no result recorded for 2023; baseline set to last year's target 650 (the "
            "standard promised): check it") in nxt.notes
    entry = {i["id"]: i for i in nxt.targets["indicators"]}["urban_dibao_standard"]
    assert (entry["baseline"], entry["to_be_set"]) == (650, ["target"])
