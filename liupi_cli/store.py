"""The record store: one SQLite file per plan, append-only.

Every figure and every task update is a new row. A revision is a new row that
names the row it supersedes; history keeps both. Writes are single
transactions (BEGIN IMMEDIATE), the database runs in WAL mode with a busy
timeout so several writers and a reader can work at once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.plan import DataDir, Plan

SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 30.0


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the migration's transaction half-way."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            indicator TEXT NOT NULL,
            period TEXT NOT NULL,
            baseline INTEGER NOT NULL DEFAULT 0,
            value REAL NOT NULL,
            entered TEXT NOT NULL,
            entered_unit TEXT,
            unit TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            source TEXT,
            note TEXT,
            supersedes INTEGER REFERENCES records(id)
        );
        CREATE INDEX records_key ON records (indicator, period, baseline);
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    """Adds task progress and the import batch a record came in with."""
    _run(
        db,
        """
        ALTER TABLE records ADD COLUMN batch TEXT;
        CREATE TABLE task_progress (
            id INTEGER PRIMARY KEY,
            task TEXT NOT NULL,
            date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
            percent REAL,
            note TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX task_progress_task ON task_progress (task, date);
        """
    )


def _v3(db: sqlite3.Connection) -> None:
    """Finding the current figure asks "has anything superseded this row?": index that question."""
    _run(db, "CREATE INDEX records_supersedes ON records (supersedes)")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2, 3: _v3}


@dataclass(frozen=True)
class StoreLocation:
    path: Path
    origin: str  # "--db", "LIUPI_DB", "beside the plan", "user data dir"


def store_location(plan: Plan, data_dir: DataDir, db_opt: Path | None, env: Mapping[str, str]) -> StoreLocation:
    """--db, then LIUPI_DB, then records.db beside the plan; for the read-only bundled plan,
    the user's data directory ($XDG_DATA_HOME/liupi or ~/.local/share/liupi)."""
    if db_opt is not None:
        return StoreLocation(Path(db_opt), "--db")
    if env.get("LIUPI_DB"):
        return StoreLocation(Path(env["LIUPI_DB"]), "LIUPI_DB")
    if not data_dir.bundled:
        return StoreLocation(data_dir.path / "records.db", "beside the plan")
    base = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else Path(env.get("HOME", "~")) / ".local/share"
    return StoreLocation(base.expanduser() / "liupi" / f"{plan.info.id}.db", "user data dir")


class Record(BaseModel):
    id: int
    indicator: str
    period: str
    baseline: bool
    value: float
    entered: str
    entered_unit: str | None
    unit: str | None
    recorded_by: str
    recorded_at: str
    source: str | None
    note: str | None
    supersedes: int | None
    batch: str | None
    current: bool = True


class TaskUpdate(BaseModel):
    id: int
    task: str
    date: dt.date
    status: str
    percent: float | None
    note: str | None
    recorded_by: str
    recorded_at: str
    current: bool = True


@dataclass(frozen=True)
class NewRecord:
    indicator: str
    period: str
    value: float
    entered: str
    entered_unit: str | None
    unit: str | None
    baseline: bool = False
    source: str | None = None
    note: str | None = None


class Duplicate(InputRefused):
    def __init__(self, new: NewRecord, existing: Record):
        which = "last year's " if new.baseline else ""
        super().__init__(
            f"{new.indicator} already has {which}{existing.entered} for {new.period}, "
            f"recorded by {existing.recorded_by} at {existing.recorded_at}",
            "pass --revise to record a revision (the old value stays in `liupi history`)",
        )
        self.existing = existing


class Store:
    def __init__(self, path: Path, plan_id: str):
        self.path = Path(path)
        self.plan_id = plan_id
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the record store {self.path}: {exc}",
                             "check the path (--db / LIUPI_DB) and that the file is a liupi store") from exc
        except OSError as exc:
            raise StoreError(f"cannot create the record store {self.path}: {exc.strerror}",
                             "pass --db or set LIUPI_DB to a writable place") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the record store is busy: {exc}", "another liupi is writing; try again") from exc
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        with self._tx() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer liupi (schema {version})",
                                 "upgrade liupi to read it")
            for v in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[v](db)
                db.execute(f"PRAGMA user_version = {v}")
            if version == 0:
                db.execute("INSERT INTO meta VALUES ('plan_id', ?)", (self.plan_id,))
            stored = db.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
            if stored and stored[0] != self.plan_id:
                raise StoreError(f"{self.path} holds records of plan '{stored[0]}', not '{self.plan_id}'",
                                 "point --db at this plan's store")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- figures ---------------------------------------------------------

    def current(self, indicator: str, period: str, baseline: bool = False) -> Record | None:
        row = self.db.execute(
            "SELECT * FROM records r WHERE indicator = ? AND period = ? AND baseline = ? "
            "AND NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id) ORDER BY id DESC LIMIT 1",
            (indicator, period, int(baseline)),
        ).fetchone()
        return _record(row) if row else None

    def current_figures(self, indicator: str | None = None) -> dict[tuple[str, str, bool], Record]:
        """The current figure of every (indicator, period, baseline), in one query."""
        sql = ("SELECT * FROM records r WHERE NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id)"
               + (" AND indicator = ?" if indicator else "") + " ORDER BY id")
        out: dict[tuple[str, str, bool], Record] = {}
        for row in self.db.execute(sql, (indicator,) if indicator else ()):
            d = dict(row)
            d["baseline"] = bool(d["baseline"])
            # rows this store wrote itself: skip re-validating thousands of them at province scale
            out[(d["indicator"], d["period"], d["baseline"])] = Record.model_construct(**d, current=True)
        return out

    def add(self, new: NewRecord, by: str, at: str, revise: bool = False) -> Record:
        return self.add_many([new], by, at, revise=revise)[0]

    def add_many(self, news: Iterable[NewRecord], by: str, at: str, revise: bool = False,
                 batch: str | None = None, on_row: Callable[[int], None] | None = None) -> list[Record]:
        """All or nothing: one transaction; a duplicate without revise aborts it."""
        out: list[Record] = []
        news = list(news)
        with self._tx() as db:
            one = {n.indicator for n in news}
            current = self.current_figures(next(iter(one)) if len(one) == 1 else None)  # one query, not one a row
            for n, new in enumerate(news, 1):
                key = (new.indicator, new.period, new.baseline)
                old = current.get(key)
                if old is not None and not revise:
                    raise Duplicate(new, old)
                values = dict(indicator=new.indicator, period=new.period, baseline=new.baseline, value=new.value,
                              entered=new.entered, entered_unit=new.entered_unit, unit=new.unit, recorded_by=by,
                              recorded_at=at, source=new.source, note=new.note,
                              supersedes=old.id if old else None, batch=batch)
                cur = db.execute(f"INSERT INTO records ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                                 tuple(int(v) if isinstance(v, bool) else v for v in values.values()))
                current[key] = saved = Record(id=cur.lastrowid, **values)
                out.append(saved)
                if on_row:
                    on_row(n)
        return out

    def records(self, indicator: str | None = None) -> list[Record]:
        sql = ("SELECT r.*, NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id) AS is_current "
               "FROM records r")
        args: tuple = ()
        if indicator:
            sql += " WHERE indicator = ?"
            args = (indicator,)
        rows = self.db.execute(sql + " ORDER BY indicator, baseline, period, id", args).fetchall()
        return [_record(r) for r in rows]

    # -- tasks -----------------------------------------------------------

    def set_task(self, task: str, date: dt.date, status: str, percent: float | None, note: str | None,
                 by: str, at: str) -> TaskUpdate:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO task_progress (task, date, status, percent, note, recorded_by, recorded_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (task, date.isoformat(), status, percent, note, by, at),
            )
            row = db.execute("SELECT * FROM task_progress WHERE id = ?", (cur.lastrowid,)).fetchone()
        return _task_update(row, True)

    def task_updates(self, task: str | None = None) -> list[TaskUpdate]:
        sql, args = "SELECT * FROM task_progress", ()
        if task:
            sql, args = sql + " WHERE task = ?", (task,)
        rows = self.db.execute(sql + " ORDER BY task, date, id", args).fetchall()
        latest: dict[str, int] = {}
        for r in rows:
            latest[r["task"]] = r["id"]
        return [_task_update(r, latest[r["task"]] == r["id"]) for r in rows]

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _record(row: sqlite3.Row) -> Record:
    d = dict(row)
    current = bool(d.pop("is_current", 1))
    d["baseline"] = bool(d["baseline"])
    return Record(**d, current=current)


def _task_update(row: sqlite3.Row, current: bool) -> TaskUpdate:
    return TaskUpdate(**dict(row), current=current)


def open_store(path: Path, plan: Plan) -> Store:
    return Store(path, plan.info.id)


TASK_STATUSES = ("not_started", "in_progress", "done", "blocked")


def check_task_status(status: str, percent: float | None) -> None:
    if status not in TASK_STATUSES:
        raise InputRefused(f"unknown status '{status}'", "one of " + ", ".join(TASK_STATUSES))
    if percent is not None and not 0 <= percent <= 100:
        raise InputRefused(f"percent {percent:g} is outside 0–100", "give the share done, 0 to 100")
