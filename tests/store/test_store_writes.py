"""The store's write path field by field: what goes in comes back, revisions chain, refusals are exact."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.periods import parse_period
from liupi_cli.store import Duplicate, NewRecord, Store, check_task_status


def new(indicator="jobs", period="2023-06", value=1500.0, **kw) -> NewRecord:
    return NewRecord(indicator=indicator, period=period, value=value, entered=kw.pop("entered", str(value)),
                     entered_unit=kw.pop("entered_unit", None), unit=kw.pop("unit", "人"), **kw)


def test_every_field_written_comes_back(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        saved = s.add_many([new(value=261.6611, entered="2616611万元", entered_unit="万元", unit="亿元",
                                source="县统计局", note="月报", baseline=True, period="2022-06")],
                           "王科长", "2023-07-05T09:00:00", batch="b1")[0]
        back = s.records("jobs")
    assert back == [saved]
    r = back[0]
    assert (r.indicator, r.period, r.baseline, r.value, r.entered, r.entered_unit, r.unit) == (
        "jobs", "2022-06", True, 261.6611, "2616611万元", "万元", "亿元")
    assert (r.recorded_by, r.recorded_at, r.source, r.note, r.supersedes, r.batch, r.current) == (
        "王科长", "2023-07-05T09:00:00", "县统计局", "月报", None, "b1", True)


def test_a_revision_chains_to_the_figure_it_replaces(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        first = s.add(new(value=1500.0), "a", "t1")
        second = s.add(new(value=1550.0), "b", "t2", revise=True)
        third = s.add(new(value=1560.0), "c", "t3", revise=True)
        assert (second.supersedes, third.supersedes) == (first.id, second.id)
        assert s.current("jobs", "2023-06").value == 1560.0
        assert s.current("jobs", "2023-06", baseline=True) is None
        assert [(r.value, r.current) for r in s.records("jobs")] == [(1500.0, False), (1550.0, False), (1560.0, True)]
        assert s.current_figures()[("jobs", "2023-06", False)].id == third.id


def test_a_duplicate_says_who_and_when_and_lands_nothing(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(new(value=1500.0, entered="1,500人"), "王科长", "2023-07-05T09:00:00")
        with pytest.raises(Duplicate) as exc:
            s.add_many([new(indicator="other"), new(value=1600.0)], "b", "t2")
        assert exc.value.message == "jobs already has 1,500人 for 2023-06, recorded by 王科长 at 2023-07-05T09:00:00"
        assert exc.value.hint == "pass --revise to record a revision (the old value stays in `liupi history`)"
        assert exc.value.existing.value == 1500.0
        assert [r.indicator for r in s.records()] == ["jobs"]  # the batch's first row went too
        s.add(new(value=3.0, baseline=True), "c", "t3")
        with pytest.raises(Duplicate) as exc:
            s.add(new(value=4.0, baseline=True), "c", "t4")
        assert exc.value.message.startswith("jobs already has last year's 3.0 for 2023-06")


def test_a_batch_counts_its_rows_and_repeats_within_itself_revise(tmp_path):
    seen = []
    with Store(tmp_path / "r.db", "p") as s:
        out = s.add_many([new(period="2023-05"), new(period="2023-06"), new(period="2023-06", value=1.0)], "a", "t",
                         revise=True, on_row=seen.append)
        assert seen == [1, 2, 3]
        assert out[2].supersedes == out[1].id
        assert s.summary() == (3, 0, "t")
        assert s.figures_up_to(parse_period("2023-05")) == 1
        assert s.figures_up_to(parse_period("2023-06")) == 3


def test_task_progress_is_kept_with_the_latest_current(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        a = s.set_task("t1", dt.date(2023, 6, 1), "in_progress", 40.0, "started", "王", "t1")
        s.set_task("t1", dt.date(2023, 7, 1), "done", 100.0, None, "王", "t2")
        s.set_task("t2", dt.date(2023, 5, 1), "blocked", None, None, "李", "t3")
        assert (a.task, a.date, a.status, a.percent, a.note, a.recorded_by, a.recorded_at, a.current) == (
            "t1", dt.date(2023, 6, 1), "in_progress", 40.0, "started", "王", "t1", True)
        ups = s.task_updates()
        assert [(u.task, u.status, u.current) for u in ups] == [("t1", "in_progress", False), ("t1", "done", True),
                                                                  ("t2", "blocked", True)]
        assert [u.status for u in s.task_updates("t2")] == ["blocked"]
        assert s.summary() == (0, 3, "t3")


@pytest.mark.parametrize("status,percent", [("done", 100.0), ("not_started", 0.0), ("blocked", None),
                                            ("in_progress", 50.5)])
def test_task_status_accepted(status, percent):
    check_task_status(status, percent)


@pytest.mark.parametrize("status,percent,message,hint", [
    ("finished", None, "unknown status 'finished'", "one of not_started, in_progress, done, blocked"),
    ("done", 100.5, "percent 100.5 is outside 0–100", "give the share done, 0 to 100"),
    ("done", -1.0, "percent -1 is outside 0–100", "give the share done, 0 to 100"),
])
def test_task_status_refused(status, percent, message, hint):
    with pytest.raises(InputRefused) as exc:
        check_task_status(status, percent)
    assert (exc.value.message, exc.value.hint) == (message, hint)


def test_a_store_opened_for_reading_never_writes(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(new(), "a", "t")
    with Store(tmp_path / "r.db", "p", readonly=True) as s:
        with pytest.raises(StoreError):
            s.add(new(period="2023-07"), "a", "t")
        assert len(s.records()) == 1


def test_reading_a_missing_store_is_one_line_and_creates_nothing(tmp_path):
    with pytest.raises(StoreError) as exc:
        Store(tmp_path / "none.db", "p", readonly=True)
    assert exc.value.message == f"no record store at {tmp_path / 'none.db'}"
    assert not (tmp_path / "none.db").exists()


def test_a_new_store_in_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError) as exc:
        Store(tmp_path / "no" / "r.db", "p")
    assert exc.value.message == (f"cannot create the record store {tmp_path / 'no' / 'r.db'}: "
                                 f"folder {tmp_path / 'no'} does not exist")
