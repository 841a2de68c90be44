"""The record store: append-only, revisions, migrations, concurrent writers, and crash safety."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from liupi_cli.errors import StoreError
from liupi_cli.store import MIGRATIONS, SCHEMA_VERSION, Duplicate, NewRecord, Store

REPO = Path(__file__).resolve().parent.parent.parent


def rec(indicator="new_urban_jobs", period="2023-06", value=1500.0, **kw):
    return NewRecord(indicator=indicator, period=period, value=value, entered=f"{value:g}", entered_unit=None,
                     unit="人", **kw)


def test_a_second_value_is_refused_with_who_and_when(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(rec(), "alice", "2023-07-18T09:00:00+08:00")
        with pytest.raises(Duplicate) as exc:
            s.add(rec(value=1600), "bob", "2023-07-19T09:00:00+08:00")
        assert "already has 1500 for 2023-06, recorded by alice at 2023-07-18T09:00:00+08:00" in exc.value.message
        assert s.current("new_urban_jobs", "2023-06").value == 1500


def test_a_revision_supersedes_and_history_keeps_both(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        first = s.add(rec(), "alice", "t1")
        second = s.add(rec(value=1600), "bob", "t2", revise=True)
        assert second.supersedes == first.id
        assert s.current("new_urban_jobs", "2023-06").value == 1600
        history = s.records("new_urban_jobs")
        assert [(r.value, r.current) for r in history] == [(1500, False), (1600, True)]


def test_baseline_and_actual_are_kept_apart(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(rec(period="2022-06", value=3, baseline=True), "a", "t")
        s.add(rec(period="2022-06", value=5), "a", "t")
        assert s.current("new_urban_jobs", "2022-06", baseline=True).value == 3
        assert s.current("new_urban_jobs", "2022-06").value == 5


def test_add_many_is_all_or_nothing(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(rec(period="2023-05"), "a", "t")
        with pytest.raises(Duplicate):
            s.add_many([rec(period="2023-04"), rec(period="2023-05")], "a", "t")
        assert [r.period for r in s.records()] == ["2023-05"]


def test_migrates_a_first_version_store_keeping_its_records(tmp_path):
    path = _old_store(tmp_path / "old.db", 1)
    with Store(path, "p") as s:
        assert s.schema_version == SCHEMA_VERSION == 5
        assert s.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'records_supersedes'").fetchone()
        assert s.current("gdp_growth", "2023Q1").value == 4.5
        s.set_task("t1", __import__("datetime").date(2023, 6, 30), "done", 100, None, "me", "t")
        assert s.task_updates("t1")[0].status == "done"


def _old_store(path, version: int):
    """A store written by an older liupi (schema ``version``), holding one figure."""
    db = sqlite3.connect(path, isolation_level=None)
    for v in range(1, version + 1):
        MIGRATIONS[v](db)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute("INSERT INTO meta VALUES ('plan_id', 'p')")
    db.execute("INSERT INTO records (indicator, period, value, entered, recorded_by, recorded_at) "
               "VALUES ('gdp_growth', '2023Q1', 4.5, '4.5', 'old', 't')")
    db.close()
    return path


def test_reading_a_first_version_store_leaves_it_as_it_is(tmp_path):
    path = _old_store(tmp_path / "old.db", 1)
    before = path.read_bytes()
    with Store(path, "p", readonly=True) as s:
        assert s.schema_version == 1
        assert [(r.period, r.value, r.batch) for r in s.records()] == [("2023Q1", 4.5, None)]
        assert s.task_updates() == []  # schema 1 has no task progress yet
        assert s.summary() == (1, 0, "t")
    assert path.read_bytes() == before


def test_refuses_another_plans_store_and_a_newer_schema(tmp_path):
    Store(tmp_path / "r.db", "plan-a").close()
    with pytest.raises(StoreError, match="holds records of plan 'plan-a'"):
        Store(tmp_path / "r.db", "plan-b")
    db = sqlite3.connect(tmp_path / "r.db")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer liupi"):
        Store(tmp_path / "r.db", "plan-a")


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the record store"):
        Store(bad, "p")


WRITER = textwrap.dedent("""
    import sys
    from liupi_cli.store import NewRecord, Store
    path, worker = sys.argv[1], sys.argv[2]
    with Store(path, "p") as s:
        for n in range(50):
            s.add(NewRecord(f"w{worker}", f"p{n}", float(n), str(n), None, None), f"worker{worker}", "t")
""")

READER = textwrap.dedent("""
    import sys
    from liupi_cli.store import Store
    with Store(sys.argv[1], "p") as s:
        for _ in range(50):
            s.records()
""")


def _env():
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_four_writers_and_a_reader_at_once_lose_nothing(tmp_path):
    path = tmp_path / "r.db"
    Store(path, "p").close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(w)], env=_env()) for w in range(4)]
    procs.append(subprocess.Popen([sys.executable, "-c", READER, str(path)], env=_env()))
    assert [p.wait(timeout=120) for p in procs] == [0] * 5
    with Store(path, "p") as s:
        records = s.records()
        assert len(records) == 200
        assert {(r.indicator, r.period) for r in records} == {(f"w{w}", f"p{n}") for w in range(4) for n in range(50)}
        assert s.integrity_ok()


KILLED = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from liupi_cli.store import NewRecord, Store
    path, marker = sys.argv[1], Path(sys.argv[2])
    def pause(n):
        if n == 100:
            marker.write_text("mid-batch")
            time.sleep(60)
    with Store(path, "p") as s:
        news = [NewRecord("batch", f"p{n}", float(n), str(n), None, None) for n in range(500)]
        s.add_many(news, "importer", "t", batch="b1", on_row=pause)
""")


def test_a_batch_killed_midway_leaves_the_store_intact_and_without_it(tmp_path):
    path, marker = tmp_path / "r.db", tmp_path / "marker"
    with Store(path, "p") as s:
        s.add(rec(), "alice", "t")
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(path), str(marker)], env=_env())
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(path, "p") as s:
        assert s.integrity_ok()
        assert [r.indicator for r in s.records()] == ["new_urban_jobs"]


def test_a_batch_returns_what_it_stored_and_chains_revisions_within_itself(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        first = s.add(rec(period="2023-05", value=1), "a", "t1")
        saved = s.add_many([rec(period="2023-05", value=2), rec(period="2023-06", value=3),
                            rec(period="2023-05", value=4)], "b", "t2", revise=True, batch="f.csv")
        assert [r.supersedes for r in saved] == [first.id, None, saved[0].id]
        stored = {r.id: r for r in s.records()}
        assert all(stored[r.id].model_dump(exclude={"current"}) == r.model_dump(exclude={"current"}) for r in saved)
        assert [(r.value, r.current) for r in s.records("new_urban_jobs") if r.period == "2023-05"] == [
            (1, False), (2, False), (4, True)]
        assert s.current("new_urban_jobs", "2023-05").value == 4


def test_current_records_leave_out_superseded_figures_and_keep_the_revised_mark(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        first = s.add(rec(), "alice", "t1")
        second = s.add(rec(value=1600), "bob", "t2", revise=True)
        third = s.add(rec(value=1700), "carol", "t3", revise=True)
        other = s.add(rec(period="2023-07", value=1800), "alice", "t4")
        current = s.current_records()
        assert [(r.id, r.value, r.supersedes, r.baseline) for r in current] == [(third.id, 1700, second.id, False),
                                                                             (other.id, 1800, None, False)]
        assert [(r.id, r.current) for r in s.records()] == [(first.id, False), (second.id, False), (third.id, True),
                                                              (other.id, True)]  # history keeps every figure


def test_history_order_is_read_from_an_index_not_sorted(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(rec(), "alice", "t1")
        plan = " ".join(str(tuple(r)) for r in s.db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM records ORDER BY indicator, baseline, period, id"))
        assert "records_order" in plan and "TEMP B-TREE" not in plan


def test_reading_a_third_version_store_works_and_leaves_it_as_it_is(tmp_path):
    path = _old_store(tmp_path / "v3.db", 3)
    before = path.read_bytes()
    with Store(path, "p", readonly=True) as s:
        assert s.schema_version == 3
        assert [(r.period, r.value) for r in s.records()] == [("2023Q1", 4.5)]
        assert [(r.period, r.value) for r in s.current_records()] == [("2023Q1", 4.5)]
    assert path.read_bytes() == before
    with Store(path, "p") as s:  # the first write upgrades it
        assert s.schema_version == 5
        assert s.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'records_order'").fetchone()


def test_reading_a_store_leaves_only_the_file_and_refuses_writes(tmp_path):
    """A reader (a report, a history) leaves records.db alone beside its plan, as a writer does: no -wal or -shm
    to copy or lose when the file is sent on; and the reading store still cannot write."""
    path = tmp_path / "r.db"
    with Store(path, "p") as s:
        s.add(rec(), "alice", "2023-07-18T09:00:00+08:00")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.db"]
    with Store(path, "p", readonly=True) as s:
        assert s.current("new_urban_jobs", "2023-06").value == 1500
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            s.db.execute("DELETE FROM records")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.db"]
    with Store(path, "p", readonly=True) as s:
        assert len(list(s.db.execute("SELECT * FROM records"))) == 1
