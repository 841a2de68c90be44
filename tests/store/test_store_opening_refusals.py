"""Opening a record store: each refusal in full (no store where a reader looks, a folder there, no folder to
create one in, another program's SQLite file, another plan's store, a newer schema), nothing created or changed
by a refusal; an empty SQLite file read as a store with no records, and a new store made whole with no leftovers."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from liupi_cli.errors import StoreError
from liupi_cli.store import SCHEMA_VERSION, NewRecord, Store

MISSING_HINT = ("check the path (--db / LIUPI_DB / liupi.toml; `liupi info` shows where records are kept); reading "
                "never creates a store, the first `liupi update` does")
WHERE_HINT = "point --db (or LIUPI_DB, or liupi.toml's store) at this plan's records.db"


def _refused(path, plan="p", readonly=False) -> tuple[str, str | None]:
    with pytest.raises(StoreError) as exc:
        Store(path, plan, readonly=readonly)
    return exc.value.message, exc.value.hint


def test_a_reader_finds_no_store_and_makes_none(tmp_path):
    path = tmp_path / "records.db"
    assert _refused(path, readonly=True) == (f"no record store at {path}", MISSING_HINT)
    assert not path.exists()
    path.mkdir()
    assert _refused(path, readonly=True) == (f"no record store at {path} (not a file)", MISSING_HINT)


def test_a_store_in_a_folder_that_does_not_exist_is_refused_naming_the_folder(tmp_path):
    path = tmp_path / "no" / "records.db"
    assert _refused(path) == (f"cannot create the record store {path}: folder {tmp_path / 'no'} does not exist",
                              "check the path (--db / LIUPI_DB / liupi.toml), or create the folder first")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("readonly", [False, True])
def test_another_programs_sqlite_file_is_named_by_its_tables_and_left_as_it_was(tmp_path, readonly):
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as db:
        for t in ("zeta", "alpha", "beta", "gamma", "delta", "eps"):
            db.execute(f"CREATE TABLE {t} (x)")
        db.commit()
    before = path.read_bytes()
    assert _refused(path, readonly=readonly) == (
        f"{path} is not a liupi record store (it holds alpha, beta, delta, eps, gamma); nothing was changed",
        WHERE_HINT)
    assert path.read_bytes() == before
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 4")
        for t in ("zeta", "alpha", "beta", "gamma", "delta", "eps"):
            db.execute(f"DROP TABLE {t}")
        db.commit()
    assert _refused(path, readonly=readonly)[0] == (f"{path} is not a liupi record store (it holds no tables); "
                                                    "nothing was changed")


@pytest.mark.parametrize("readonly", [False, True])
def test_another_plans_store_or_a_newer_one_is_refused_with_its_hint(tmp_path, readonly):
    path = tmp_path / "r.db"
    Store(path, "plan-a").close()
    assert _refused(path, "plan-b", readonly) == (
        f"{path} holds records of plan 'plan-a', not 'plan-b'",
        "point --db at this plan's store (`liupi info` lists the stores of this plan)")
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        db.commit()
    assert _refused(path, "plan-a", readonly) == (
        f"{path} was written by a newer liupi (schema {SCHEMA_VERSION + 1})", "upgrade liupi to read it")


def test_an_empty_file_reads_as_no_records_and_becomes_a_store_when_written(tmp_path):
    path = tmp_path / "r.db"
    path.write_bytes(b"")
    with Store(path, "p", readonly=True) as s:
        assert s.empty and s.records() == [] and s.summary()[:2] == (0, 0)
    with Store(path, "p") as s:
        assert not s.empty and s.schema_version == SCHEMA_VERSION
        s.add(NewRecord("new_urban_jobs", "2023-06", 1500.0, "1500", None, "人"), "县人社局", "t")
        assert [r.value for r in s.records()] == [1500.0] and s.summary()[:2] == (1, 0)  # read in the same session
        assert s.current("new_urban_jobs", "2023-06").value == 1500.0
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone() == ("p",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_new_store_is_made_whole_with_nothing_left_beside_it(tmp_path):
    path = tmp_path / "r.db"
    with Store(path, "p") as s:
        assert s.schema_version == SCHEMA_VERSION and not s.readonly
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.db"]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= \
            {"meta", "records", "task_progress"}
    mode = path.stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
