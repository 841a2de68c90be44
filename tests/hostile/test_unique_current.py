"""A current figure is unique by construction: the store itself refuses a second current figure for one
(indicator, period, baseline), however the writers race, on a store that exists or one that does not yet."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from liupi_cli.errors import StoreError
from liupi_cli.store import SCHEMA_VERSION, Duplicate, NewRecord, Store

RACERS = 8
ROUNDS = 30


def _race_once(folder: Path) -> list[int]:
    """RACERS forked processes record the same figure into ``folder/records.db``, which does not exist yet."""
    db, go = folder / "records.db", folder / "go"
    pids = []
    for w in range(RACERS):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 9
            try:
                while not go.exists():
                    time.sleep(0.001)
                with Store(db, "race-2023") as store:
                    store.add(NewRecord("jobs", "2023-06", 1000.0 + w, str(1000 + w), None, "人"), f"racer{w}", "t")
                code = 0
            except Duplicate:
                code = 1
            except StoreError:
                code = 4
            finally:
                os._exit(code)
        pids.append(pid)
    go.touch()
    codes = []
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        codes.append(os.WEXITSTATUS(status))
    return codes


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_eight_racing_on_a_store_that_does_not_exist_yet_store_exactly_one(tmp_path):
    for n in range(ROUNDS):
        folder = tmp_path / f"round{n}"
        folder.mkdir()
        codes = _race_once(folder)
        with closing(sqlite3.connect(folder / "records.db")) as con:
            stored = con.execute("SELECT entered FROM records").fetchall()
        assert len(stored) == 1, f"round {n}: {stored} stored, exit codes {codes}"
        assert sorted(codes) == [0] + [1] * (RACERS - 1), f"round {n}: exit codes {codes}"


def _insert(db: sqlite3.Connection, entered: str, supersedes: int | None = None, period: str = "2023-06") -> None:
    db.execute("INSERT INTO records (indicator, period, value, entered, recorded_by, recorded_at, supersedes) "
               "VALUES ('jobs', ?, ?, ?, 'x', 't', ?)", (period, float(entered), entered, supersedes))


def test_the_store_itself_refuses_a_second_current_figure(tmp_path):
    """Whatever writes to the file (another program, a bug), SQLite refuses a second first figure, a second
    revision of one figure, and a revision of another pair's figure."""
    Store(tmp_path / "r.db", "p").close()
    db = sqlite3.connect(tmp_path / "r.db", isolation_level=None)
    _insert(db, "1")
    for entered, supersedes, period in (("2", None, "2023-06"), ("3", 9, "2023-06"), ("4", 1, "2023-07")):
        if supersedes == 9:
            _insert(db, "2", 1)  # the one allowed revision of figure 1
            supersedes = 1
        with pytest.raises(sqlite3.IntegrityError):
            _insert(db, entered, supersedes, period)
    assert db.execute("SELECT entered FROM records ORDER BY id").fetchall() == [("1",), ("2",)]
    db.close()


def test_a_store_that_holds_two_current_figures_is_chained_in_the_order_they_were_stored(tmp_path):
    """A store written before the rule, with three figures of one pair stored at once (all current) and a
    revision between them: nothing is dropped, the last one stored stays current, history keeps all."""
    from liupi_cli.store import MIGRATIONS

    db = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    for v in range(1, 5):
        MIGRATIONS[v](db)
    db.execute("PRAGMA user_version = 4")
    db.execute("INSERT INTO meta VALUES ('plan_id', 'p')")
    _insert(db, "10")      # id 1
    _insert(db, "11")      # id 2, a racer's
    _insert(db, "12", 1)   # id 3, revises 1
    _insert(db, "13")      # id 4, another racer's
    _insert(db, "20", period="2023-07")  # id 5, a pair left alone
    db.close()
    with Store(tmp_path / "old.db", "p") as s:
        assert s.schema_version == SCHEMA_VERSION == 5
        assert [(r.entered, r.supersedes, r.current) for r in s.records("jobs") if r.period == "2023-06"] == [
            ("10", None, False), ("11", 1, False), ("12", 2, False), ("13", 3, True)]
        assert s.current("jobs", "2023-06").entered == "13"
        assert s.current("jobs", "2023-07").entered == "20"
        with pytest.raises(Duplicate):
            s.add(NewRecord("jobs", "2023-06", 14.0, "14", None, "人"), "y", "t")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_eight_cli_updates_into_a_store_not_made_yet_record_one_and_refuse_seven(tmp_path):
    """The same race through the real `liupi update` (warmed up, then forked): one `recorded`, seven
    `already has` (exit 1), ten rounds (the store-level race above runs thirty)."""
    import shutil

    from typer.testing import CliRunner

    from liupi_cli.cli.app import app

    from .support import MINI

    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    CliRunner().invoke(app, ["--data-dir", str(plan), "targets"])  # imports and plan loading done before forking
    for n in range(10):
        db, go = tmp_path / f"r{n}.db", tmp_path / f"go{n}"
        pids = []
        for w in range(RACERS):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                code = 9
                try:
                    while not go.exists():
                        time.sleep(0.001)
                    r = CliRunner().invoke(app, ["--data-dir", str(plan), "--db", str(db), "update", "gdp_growth",
                                                 f"7.{w}", "-p", "2023Q2", "--by", f"racer{w}"])
                    code = r.exit_code if "already has" in r.stderr or r.exit_code == 0 else 8
                finally:
                    os._exit(code)
            pids.append(pid)
        go.touch()
        codes = sorted(os.WEXITSTATUS(os.waitpid(pid, 0)[1]) for pid in pids)
        with closing(sqlite3.connect(db)) as con:
            stored = con.execute("SELECT entered, recorded_by FROM records").fetchall()
        assert len(stored) == 1 and codes == [0] + [1] * (RACERS - 1), f"round {n}: {stored}, exit codes {codes}"
