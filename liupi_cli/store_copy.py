"""Copying a store whole, between a SQLite file and a server (either way, or file to file): every record and
every task update with its own id, revision chain, batch and times, so that ``liupi export`` reads the same
bytes from both. The destination must hold no records yet; it is written in one transaction, then read back
and compared field by field before the copy is reported done (a difference is an error).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.messages import Items, msg
from liupi_cli.store import Record, TaskUpdate, open_store

_COLUMNS = ("id", "indicator", "period", "baseline", "value", "entered", "entered_unit", "unit", "recorded_by",
            "recorded_at", "source", "note", "supersedes", "batch")
_TASK_COLUMNS = ("id", "task", "date", "status", "percent", "note", "recorded_by", "recorded_at")


@dataclass(frozen=True)
class Copied:
    records: int
    task_updates: int


def copy_store(source: Path | object, dest: Path | object, plan_id: str) -> Copied:
    if str(source) == str(dest):
        raise InputRefused(msg("copy.same", where=source), msg("copy.same.hint"))
    with open_store(source, plan_id, readonly=True) as src:
        _reviewed_first(src, source)
        records, tasks = src.records(), src.task_updates()
    with open_store(dest, plan_id, readonly=False) as dst:
        figures, updates, _ = dst.summary()
        if figures or updates:
            raise InputRefused(msg("copy.not_empty", where=dest, figures=figures, updates=updates),
                               msg("copy.not_empty.hint"))
        if getattr(dest, "is_server", False):
            _into_server(dst, records, tasks)
        else:
            _into_sqlite(Path(dest), records, tasks)
        _compare(dst, records, tasks, dest)
    return Copied(len(records), len(tasks))


def _reviewed_first(src, source: object) -> None:
    """A server store's figures in force must all be approved before a copy: the copy keeps the records, not
    the review, so a submitted or returned figure would stand there as approved (a report would judge it)."""
    waiting = src.review_items() if hasattr(src, "review_items") else []
    if waiting:
        figures = [msg("copy.unreviewed.figure", id=i.indicator, period=i.period, record=i.id,
                       status=msg(f"review.word.{i.status}")) for i in waiting[:5]]
        more = ["…"] if len(waiting) > 5 else []  # five named, then a sign that there are more
        raise InputRefused(msg("copy.unreviewed", where=source, count=len(waiting), figures=Items(figures + more)),
                           msg("copy.unreviewed.hint"))


def _record_row(r: Record, sqlite: bool) -> tuple:
    row = tuple(getattr(r, c) for c in _COLUMNS)
    return row[:3] + (int(r.baseline),) + row[4:] if sqlite else row


def _task_row(t: TaskUpdate, sqlite: bool) -> tuple:
    row = tuple(getattr(t, c) for c in _TASK_COLUMNS)
    return row[:2] + (t.date.isoformat(),) + row[3:] if sqlite else row


def _in_order(records: list[Record]) -> list[Record]:
    """Ids ascending: a revision comes after the figure it names (the server checks the chain as it goes)."""
    return sorted(records, key=lambda r: r.id)


def _into_sqlite(path: Path, records: list[Record], tasks: list[TaskUpdate]) -> None:
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO records ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                       [_record_row(r, True) for r in _in_order(records)])
        db.executemany(f"INSERT INTO task_progress ({', '.join(_TASK_COLUMNS)}) "
                       f"VALUES ({', '.join('?' * len(_TASK_COLUMNS))})", [_task_row(t, True) for t in tasks])
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise StoreError(msg("copy.failed", where=path, detail=str(exc)), msg("store.nothing_changed")) from exc
    finally:
        db.close()


def _into_server(dst, records: list[Record], tasks: list[TaskUpdate]) -> None:
    from liupi_cli.store_pg import insert_records  # one statement, as the server store writes a batch

    ordered = _in_order(records)
    with dst._tx() as db, db.cursor() as cur:
        if ordered:
            insert_records(db, ordered)
        cur.executemany(f"INSERT INTO task_progress ({', '.join(_TASK_COLUMNS)}) "
                        f"VALUES ({', '.join(['%s'] * len(_TASK_COLUMNS))})", [_task_row(t, False) for t in tasks])
        for table in ("records", "task_progress"):  # new rows continue after the copied ids
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {table}), 1), (SELECT MAX(id) FROM {table}) IS NOT NULL)")


def _compare(dst, records: list[Record], tasks: list[TaskUpdate], dest: object) -> None:
    """Read back what was written: every field of every row as in the source."""
    if [r.model_dump() for r in dst.records()] != [r.model_dump() for r in records] or \
            [t.model_dump() for t in dst.task_updates()] != [t.model_dump() for t in tasks]:
        raise StoreError(msg("copy.differs", where=dest), msg("copy.differs.hint"))
