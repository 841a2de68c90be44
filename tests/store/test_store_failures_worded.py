"""Every failure of the SQLite engine is one line: what liupi was doing (open, read, write to), which store, why in
words a county office understands, SQLite's own words in brackets, and a hint saying what to do and that nothing
was changed (or recorded); and each refusal of a task's status or percent."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.store import NewRecord, Store, check_task_status, open_store

NOTHING = {"open": "nothing was changed", "read": "nothing was changed", "write": "nothing was recorded"}
WHY = [
    ("database disk image is malformed", "it is damaged",
     "restore it from a backup (`sqlite3 FILE .recover` may rescue its rows); {nothing}"),
    ("file is not a database", "it is not an SQLite file",
     "check --db / LIUPI_DB / liupi.toml (`liupi info` shows where records are kept)"),
    ("database or disk is full", "the disk is full or a file-size limit was reached",
     "free some space and run again; {nothing}"),
    ("disk I/O error", "the disk is full or a file-size limit was reached", "free some space and run again; {nothing}"),
    ("string or blob too big", "the disk is full or a file-size limit was reached",
     "free some space and run again; {nothing}"),
    ("attempt to write a readonly database", "the file or its folder is read-only",
     "check its permissions, or copy it somewhere writable; {nothing}"),
    ("database is locked", "another liupi is writing to it", "try again; {nothing}"),
    ("database table is busy", "another liupi is writing to it", "try again; {nothing}"),
    ("no such table: records", "SQLite refused", "check the path and its permissions; {nothing}"),
]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "records.db", "p") as s:
        yield s


@pytest.mark.parametrize("doing", ["open", "read", "write"])
@pytest.mark.parametrize(("said", "why", "hint"), WHY)
def test_each_failure_of_the_engine_is_worded(store, doing, said, why, hint):
    err = store._error(sqlite3.OperationalError(said), doing)
    verb = {"open": "open", "read": "read", "write": "write to"}[doing]
    assert isinstance(err, StoreError)
    assert err.message == f"cannot {verb} the record store {store.path}: {why} ({said})"
    assert err.hint == hint.format(nothing=NOTHING[doing])


def test_unable_to_open_is_read_only_only_where_the_file_cannot_be_written(tmp_path, store):
    said = "unable to open database file"
    assert "SQLite refused" in store._error(sqlite3.OperationalError(said), "write").message  # writable here
    ro = Store.__new__(Store)
    ro.path = tmp_path / "nowhere" / "records.db"  # its folder does not exist: cannot be written
    assert "read-only" in ro._error(sqlite3.OperationalError(said), "write").message
    assert "SQLite refused" in ro._error(sqlite3.OperationalError(said), "read").message


def test_opening_a_file_that_is_not_a_store_is_worded_so(tmp_path):
    path = tmp_path / "records.db"
    path.write_bytes(b"this is no database, only text " * 200)
    with pytest.raises(StoreError) as exc:
        Store(path, "p")
    assert exc.value.message.startswith(f"cannot open the record store {path}: it is not an SQLite file (")
    assert path.read_bytes() == b"this is no database, only text " * 200


def test_a_store_for_a_path_and_the_plan_it_is_opened_for(tmp_path, mini):
    from liupi_cli.plan import load_plan

    plan = load_plan(mini)
    with open_store(tmp_path / "r.db", plan.info.id) as s:
        assert isinstance(s, Store) and s.plan_id == "mini-2023" and not s.readonly
    with open_store(tmp_path / "r.db", plan.info.id, readonly=True) as s:
        assert s.readonly
        with pytest.raises(StoreError) as exc:
            s.set_task("t1", dt.date(2023, 6, 1), "done", None, None, "me", "t")
        assert exc.value.message == f"the record store {tmp_path / 'r.db'} was opened for reading"


@pytest.mark.parametrize(("status", "percent", "message", "hint"), [
    ("finished", None, "unknown status 'finished'", "one of not_started, in_progress, done, blocked"),
    ("in_progress", 101, "percent 101 is outside 0–100", "give the share done, 0 to 100"),
    ("in_progress", -0.5, "percent -0.5 is outside 0–100", "give the share done, 0 to 100"),
    ("done", 90, "a task that is done is 100% done, not 90%",
     "leave --percent out (or give 100), or record it as in_progress"),
    ("not_started", 10, "a task not started cannot be 10% done", "record it as in_progress"),
])
def test_each_refusal_of_a_tasks_status_and_percent(status, percent, message, hint):
    with pytest.raises(InputRefused) as exc:
        check_task_status(status, percent)
    assert (exc.value.message, exc.value.hint) == (message, hint)


@pytest.mark.parametrize(("status", "percent"), [("in_progress", 0), ("in_progress", 100), ("done", 100),
                                                 ("done", None), ("not_started", 0), ("not_started", None),
                                                 ("blocked", 50)])
def test_what_a_task_may_be_recorded_as(status, percent):
    check_task_status(status, percent)


def _triggered(path):
    with Store(path, "p") as s:
        s.add(NewRecord("x", "2023-06", 1.0, "1", None, None), "me", "t")
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TRIGGER race BEFORE INSERT ON records WHEN NEW.period = '2023-07' "
                   "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: records.period'); END")
        db.execute("CREATE TRIGGER no BEFORE INSERT ON records WHEN NEW.period = '2023-08' "
                   "BEGIN SELECT RAISE(ABORT, 'refused by hand'); END")
        db.commit()


def test_a_write_the_file_refuses_records_nothing_and_a_lost_race_says_how_to_see_the_winner(tmp_path):
    path = tmp_path / "r.db"
    _triggered(path)
    with Store(path, "p") as s:
        with pytest.raises(InputRefused) as exc:
            s.add_many([NewRecord("x", "2023-05", 2.0, "2", None, None), NewRecord("x", "2023-07", 1.0, "1", None,
                                                                                  None)], "me", "t")
        assert exc.value.message == ("a figure for the same indicator and period was stored at this very moment by "
                                     "another liupi; nothing was recorded")
        assert exc.value.hint == "`liupi history ID` shows it; pass --revise to revise it"
        with pytest.raises(StoreError) as exc:
            s.add(NewRecord("x", "2023-08", 1.0, "1", None, None), "me", "t")
        assert (exc.value.message, exc.value.hint) == (
            f"cannot write to the record store {path}: SQLite refused (refused by hand)",
            "check the path and its permissions; nothing was recorded")
        assert [r.period for r in s.records()] == ["2023-06"] and not s.db.in_transaction


def test_a_read_the_file_refuses_is_worded_with_nothing_changed(tmp_path):
    path = tmp_path / "r.db"
    with Store(path, "p") as s:
        with closing(sqlite3.connect(path)) as db:
            db.execute("DROP TABLE task_progress")
            db.commit()
        with pytest.raises(StoreError) as exc:
            s.task_updates()
        assert (exc.value.message, exc.value.hint) == (
            f"cannot read the record store {path}: SQLite refused (no such table: task_progress)",
            "check the path and its permissions; nothing was changed")
