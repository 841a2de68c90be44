"""`liupi store copy` between two SQLite files, in process: every record and task update read back equal (the
baseline flag an integer in the file, as liupi writes it), the counts returned, the source only read, and each
refusal (the same store twice, a destination not empty, a write the file refuses) one line with its hint."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import Run

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.store import Store
from liupi_cli.store_copy import Copied, copy_store

PLAN = "mini-2023"


@pytest.fixture
def source(mini, tmp_path, monkeypatch):
    path = tmp_path / "county.db"
    monkeypatch.setenv("LIUPI_DB", str(path))
    run = Run(mini)
    for args in (("update", "new_urban_jobs", "1500", "-p", "2023-06", "--note", "月报"),
                 ("update", "new_urban_jobs", "1550", "-p", "2023-06", "--revise"),
                 ("update", "new_urban_jobs", "1200", "-p", "2022-06", "--baseline"),
                 ("task", "set", "t1", "--status", "in_progress", "--percent", "40", "--date", "2023-06-20")):
        assert run(*args).exit_code == 0
    monkeypatch.delenv("LIUPI_DB")
    return path


def _rows(path, sql):
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def test_a_copy_reads_back_equal_and_keeps_the_files_own_types(source, tmp_path):
    dest = tmp_path / "copy.db"
    assert copy_store(source, dest, PLAN) == Copied(records=3, task_updates=1)
    with Store(source, PLAN, readonly=True) as a, Store(dest, PLAN, readonly=True) as b:
        assert [r.model_dump() for r in b.records()] == [r.model_dump() for r in a.records()]
        assert [t.model_dump() for t in b.task_updates()] == [t.model_dump() for t in a.task_updates()]
        assert b.summary() == a.summary()
    sql = "SELECT id, typeof(baseline), baseline, supersedes FROM records ORDER BY id"
    assert _rows(dest, sql) == _rows(source, sql) == [(1, "integer", 0, None), (2, "integer", 0, 1),
                                                       (3, "integer", 1, None)]
    sql = "SELECT id, typeof(date), date, percent FROM task_progress"
    assert _rows(dest, sql) == _rows(source, sql) == [(1, "text", "2023-06-20", 40)]


def test_the_source_is_only_read_and_a_missing_one_is_not_made(source, tmp_path):
    before = source.read_bytes()
    copy_store(source, tmp_path / "copy.db", PLAN)
    assert source.read_bytes() == before
    assert sorted(p.name for p in source.parent.iterdir() if p.name.startswith("county.db")) == ["county.db"]
    missing = tmp_path / "nothing.db"
    with pytest.raises(StoreError) as exc:
        copy_store(missing, tmp_path / "other.db", PLAN)
    assert exc.value.message.startswith(f"no record store at {missing}")
    assert not missing.exists() and not (tmp_path / "other.db").exists()


def test_a_copy_onto_itself_is_refused_saying_what_to_give(source):
    with pytest.raises(InputRefused) as exc:
        copy_store(source, source, PLAN)
    assert (exc.value.message, exc.value.hint) == (f"{source} is both where to copy from and where to copy to",
                                                   "name two different stores: liupi store copy FROM TO")


def test_a_destination_holding_anything_is_refused_saying_what_it_holds(source, tmp_path):
    dest = tmp_path / "copy.db"
    copy_store(source, dest, PLAN)
    with pytest.raises(InputRefused) as exc:
        copy_store(source, dest, PLAN)
    assert exc.value.message == (f"{dest} already holds 3 figure(s) and 1 task update(s); a copy goes only into an "
                                 "empty store")
    assert exc.value.hint.startswith("copy into a new file, or a server schema just set up")
    assert exc.value.hint.endswith("; nothing was changed")


def test_a_write_the_destination_refuses_leaves_it_empty(source, tmp_path):
    dest = tmp_path / "copy.db"
    Store(dest, PLAN).close()
    with closing(sqlite3.connect(dest)) as db:
        db.execute("CREATE TRIGGER refuse_tasks BEFORE INSERT ON task_progress BEGIN SELECT RAISE(ABORT, 'no'); END")
        db.commit()
    with pytest.raises(StoreError) as exc:
        copy_store(source, dest, PLAN)
    assert (exc.value.message, exc.value.hint) == (f"cannot copy into {dest}: no", "nothing was changed")
    assert _rows(dest, "SELECT COUNT(*) FROM records") == [(0,)]


def test_a_copy_into_an_empty_file_reads_back_and_is_done(source, tmp_path):
    dest = tmp_path / "made-by-touch.db"
    dest.write_bytes(b"")
    assert copy_store(source, dest, PLAN) == Copied(records=3, task_updates=1)
    with Store(dest, PLAN, readonly=True) as b:
        assert b.summary()[:2] == (3, 1)


def test_a_copy_that_does_not_read_back_as_the_original_is_an_error(source, tmp_path):
    dest = tmp_path / "copy.db"
    Store(dest, PLAN).close()
    with closing(sqlite3.connect(dest)) as db:  # a destination that changes what it is given
        db.execute("CREATE TRIGGER skew AFTER INSERT ON task_progress BEGIN "
                   "UPDATE task_progress SET note = 'changed' WHERE id = NEW.id; END")
        db.commit()
    with pytest.raises(StoreError) as exc:
        copy_store(source, dest, PLAN)
    assert (exc.value.message, exc.value.hint) == (
        f"the copy in {dest} does not read back as the original",
        "keep using the original and show this line to whoever runs the server")


@pytest.mark.parametrize("waiting,more", [(5, ""), (6, "; …")])
def test_figures_not_approved_are_named_five_at_most_then_an_ellipsis(waiting, more):
    from liupi_cli.errors import InputRefused
    from liupi_cli.review import ReviewItem
    from liupi_cli.store_copy import _reviewed_first

    class Server:  # what a server store answers of its review
        def review_items(self):
            return [ReviewItem(n, "jobs", f"2023-{n + 1:02d}", False, "1", "x", "t", "rsj",
                               "returned" if n == 2 else "submitted") for n in range(1, waiting + 1)]

    with pytest.raises(InputRefused) as exc:
        _reviewed_first(Server(), "postgresql:///county")
    named = "; ".join(f"jobs 2023-{n + 1:02d} (#{n}, {'returned' if n == 2 else 'submitted'})" for n in range(1, 6))
    assert exc.value.message == (f"postgresql:///county holds {waiting} figure(s) in force not approved: {named}"
                                 f"{more}; a copy keeps the records, not their review, so there they would stand as "
                                 "approved")
    assert exc.value.hint == ("approve or return them first (`liupi review`), and copy once the returned ones are "
                              "submitted anew and approved; nothing was copied")
    _reviewed_first(object(), "a.db")  # a file store has no review: nothing to refuse
