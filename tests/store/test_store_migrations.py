"""A store of an older schema brought forward when written to: a pair (indicator, period, baseline) whose figure
was revised twice over (two revisions of one figure) is chained in the order stored, the last one current, nothing
dropped; pairs that were sound, and last year's figures of the same indicator, are left as they were; and after
it the store itself refuses a revision naming a figure of another pair."""

from __future__ import annotations

import sqlite3

import pytest

from liupi_cli.store import MIGRATIONS, SCHEMA_VERSION, Store


def _insert(db, entered, supersedes=None, period="2023-06", baseline=0):
    db.execute("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at, "
               "supersedes) VALUES ('jobs', ?, ?, ?, ?, 'x', 't', ?)", (period, baseline, float(entered), entered,
                                                                        supersedes))


def _version_4(path):
    db = sqlite3.connect(path, isolation_level=None)
    for v in range(1, 5):
        MIGRATIONS[v](db)
    db.execute("PRAGMA user_version = 4")
    db.execute("INSERT INTO meta VALUES ('plan_id', 'p')")
    return db


def test_two_revisions_of_one_figure_are_chained_in_the_order_stored(tmp_path):
    path = tmp_path / "old.db"
    db = _version_4(path)
    _insert(db, "10")                       # id 1
    _insert(db, "11", 1)                    # id 2, revises 1
    _insert(db, "12", 1)                    # id 3, revises 1 as well (two writers at once)
    _insert(db, "9", period="2022-06", baseline=1)   # id 4: last year's, sound
    _insert(db, "20", period="2023-07")     # id 5: sound
    _insert(db, "21", 5, period="2023-07")  # id 6: a sound revision
    db.close()
    with Store(path, "p") as s:
        assert s.schema_version == SCHEMA_VERSION
        june = [(r.id, r.supersedes, r.current) for r in s.records("jobs") if r.period == "2023-06"]
        assert june == [(1, None, False), (2, 1, False), (3, 2, True)]
        assert s.current("jobs", "2023-06").entered == "12"
        assert s.current("jobs", "2022-06", baseline=True).entered == "9"
        assert [(r.id, r.supersedes) for r in s.records("jobs") if r.period == "2023-07"] == [(5, None), (6, 5)]
        with pytest.raises(sqlite3.IntegrityError, match="a revision must name a figure of its own indicator"):
            s.db.execute("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at, "
                         "supersedes) VALUES ('jobs', '2023-08', 0, 1, '1', 'x', 't', 6)")
        with pytest.raises(sqlite3.IntegrityError):
            s.db.execute("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at) "
                         "VALUES ('jobs', '2023-07', 0, 1, '1', 'x', 't')")  # a second first figure of a pair


def test_a_sound_older_store_keeps_every_link(tmp_path):
    path = tmp_path / "old.db"
    db = _version_4(path)
    _insert(db, "10")
    _insert(db, "11", 1)
    _insert(db, "12", 2)
    db.close()
    with Store(path, "p") as s:
        assert [(r.id, r.supersedes, r.current) for r in s.records()] == [(1, None, False), (2, 1, False),
                                                                         (3, 2, True)]
