"""The record store: one SQLite file per plan, append-only.

Every figure and every task update is a new row. A revision is a new row that
names the row it supersedes; history keeps both. Writes are single
transactions (BEGIN IMMEDIATE), the database runs in WAL mode with a busy
timeout so several writers and a reader can work at once; readers open the
file read-only and never wait behind a writer. Every SQLite failure (damaged
file, full disk, read-only file, not a liupi store) becomes one StoreError.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from liupi_cli.errors import InputRefused, StoreError
from liupi_cli.gcpause import paused_gc
from liupi_cli.messages import msg
from liupi_cli.periods import Period, within

SCHEMA_VERSION = 5
BUSY_TIMEOUT_S = 30.0
_CHUNK = 1000  # rows per executemany; on_row is called after each chunk is in


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


def _v4(db: sqlite3.Connection) -> None:
    """Reading every record in history order (indicator, baseline, period, id) walks this index instead of
    sorting 156,000 rows; the rowid (id) ends every index entry, so the order is complete."""
    _run(db, "CREATE INDEX records_order ON records (indicator, baseline, period)")


def _v5(db: sqlite3.Connection) -> None:
    """A current figure is unique by construction: one first figure per (indicator, period, baseline), each
    figure revised at most once, and a revision names a figure of its own pair. The chain that leaves is
    linear, so exactly one figure of a pair is current, whatever writers race.

    A store written before this rule may hold two figures of a pair recorded at the same moment, both
    current. Nothing is dropped: the pair's figures are chained in the order they were stored, and the last
    one stays current (the one reports already showed)."""
    broken = db.execute(
        "SELECT indicator, period, baseline FROM records GROUP BY indicator, period, baseline "
        "HAVING SUM(supersedes IS NULL) > 1 OR COUNT(supersedes) > COUNT(DISTINCT supersedes)").fetchall()
    for ind, period, base in broken:
        ids = [r[0] for r in db.execute("SELECT id FROM records WHERE indicator = ? AND period = ? AND baseline = ? "
                                        "ORDER BY id", (ind, period, base))]
        db.execute("UPDATE records SET supersedes = NULL WHERE id = ?", (ids[0],))
        db.executemany("UPDATE records SET supersedes = ? WHERE id = ?", list(zip(ids, ids[1:])))
    _run(
        db,
        """
        DROP INDEX IF EXISTS records_supersedes;
        CREATE UNIQUE INDEX records_supersedes ON records (supersedes);
        CREATE UNIQUE INDEX records_one_first ON records (indicator, period, baseline) WHERE supersedes IS NULL
        """
    )
    db.execute(  # one statement with a ';' inside: not through _run
        "CREATE TRIGGER records_revision_same_pair BEFORE INSERT ON records "
        "WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM records o WHERE o.id = NEW.supersedes "
        "AND o.indicator = NEW.indicator AND o.period = NEW.period AND o.baseline = NEW.baseline) "
        "BEGIN SELECT RAISE(ABORT, 'a revision must name a figure of its own indicator and period'); END")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}


class Record(BaseModel):
    model_config = ConfigDict(defer_build=True)  # validators built on first use, not at import

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
    batch: str | None = None  # schema 1 stores (read without upgrading) have no batches
    current: bool = True


class TaskUpdate(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: int
    task: str
    date: dt.date
    status: str
    percent: float | None
    note: str | None
    recorded_by: str
    recorded_at: str
    current: bool = True


class CurrentFigure(NamedTuple):
    """A figure nothing supersedes, read back light: what a report judges and shows (``current_records``) and
    what a new figure is checked against (``current_figures``: unchanged, a revision, a fall within the year,
    and who recorded the figure it meets, for the refusal). Built without validating a model per row: a
    province store holds 121,000 of them. A named tuple: immutable like a frozen dataclass, and four times
    quicker to build (a frozen dataclass sets each field through ``object.__setattr__``: 0.16 s a report).

    :class:`Record` stays the one other read shape: the whole row (unit, source, note, batch) of every figure,
    current or superseded, for history, export and next year's baselines. It is a pydantic model because those
    dump it field by field (JSON, CSV, XLSX); building one per current figure for every report would be
    several times slower."""

    id: int
    indicator: str
    period: str
    baseline: bool
    value: float
    entered: str
    supersedes: int | None  # not None: a revised figure
    recorded_by: str
    recorded_at: str
    current: bool = True


class Standing(str, Enum):
    """Where a new figure stands against the current figure of its (indicator, period, baseline)."""

    NEW = "new"  # nothing is recorded for it: stored as the first figure
    UNCHANGED = "unchanged"  # the same figure is already current: nothing to write
    REVISION = "revision"  # another figure is current and --revise was given: supersedes it
    DUPLICATE = "duplicate"  # another figure is current, without --revise: refused


def same_figure(a: float, b: float) -> bool:
    """Equal as recorded figures: 158000万元 and 15.8亿元 are the same, binary noise aside."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def standing(current: float | None, new: float, revise: bool, *, writing: bool = False) -> Standing:
    """The one duplicate/revision rule: recording checks a figure with it before writing (to sort a file into
    changes, unchanged rows and refusals), and :meth:`Store.add_many` applies it again inside its write
    transaction (``writing``), so that of two writers racing for one period exactly one wins.

    When writing, the caller has already left out what was unchanged when it looked: a figure that is now
    the current one was stored by another writer since. Without revise it is refused like any second
    figure (the refusal says who stored it); with revise it is stored as the revision asked for."""
    if current is None:
        return Standing.NEW
    if same_figure(current, new) and not writing:
        return Standing.UNCHANGED
    return Standing.REVISION if revise else Standing.DUPLICATE


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
    """A figure refused by :func:`standing` inside the write transaction: its period has another figure."""

    def __init__(self, new: NewRecord, existing: Record):
        which = msg("record.duplicate.which" if new.baseline else "record.duplicate.which_none")
        super().__init__(msg("record.duplicate", id=new.indicator, which=which, entered=existing.entered,
                             period=new.period, by=existing.recorded_by, at=existing.recorded_at),
                         msg("record.duplicate.hint"))
        self.existing = existing


class Connected:
    """What both stores (this SQLite one and store_pg.PgStore) do with their connection: close it, serve as a
    context manager, and turn the driver's error met while reading (``DRIVER_ERROR``) into one StoreError
    through the store's own ``_error``."""

    DRIVER_ERROR: type[Exception] = Exception
    db: Any

    def _error(self, exc: Exception, doing: str) -> StoreError:  # each store words its own failures
        raise NotImplementedError

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except self.DRIVER_ERROR as exc:
            raise self._error(exc, "read") from exc


class Store(Connected):
    """One plan's records. ``Store(path, plan_id)`` opens it for writing (creating an empty file, never a
    folder); ``Store(path, plan_id, readonly=True)`` only reads: it never creates, migrates or waits
    behind a writer, and works on a read-only file or read-only media.

    The public interface (another engine offers the same methods with the same meanings):

    - figures written: ``add(new, by, at, revise=False) -> Record`` and ``add_many(news, by, at, revise=False,
      batch=None, on_row=None) -> list[Record]``: :class:`NewRecord` in, all or nothing, each figure judged by
      :func:`standing` inside the write transaction (a :class:`Duplicate` aborts; two writers racing for one
      period give one winner and one Duplicate, never two current figures).
    - figures read: ``current(indicator, period, baseline=False) -> Record | None``; ``current_figures(
      indicator=None) -> {(indicator, period, baseline): CurrentFigure}`` (what recording checks against);
      ``current_records() -> [CurrentFigure]`` (what a report judges, id order); ``records(indicator=None) ->
      [Record]`` (every figure, current and superseded, history order); ``figures_up_to(period) -> int``;
      ``summary() -> (figures, task updates, last recorded_at)``.
    - tasks: ``set_task(task, date, status, percent, note, by, at) -> TaskUpdate``; ``task_updates(task=None)
      -> [TaskUpdate]`` (task, date, id order; the latest of each task marked current).
    - ``integrity_ok()``, ``schema_version``, ``empty``, ``close()`` and use as a context manager.

    Recording goes through :mod:`liupi_cli.record_service`, which reads ``current_figures`` and writes with
    ``add_many``; every failure of the engine is one :class:`StoreError`."""

    DRIVER_ERROR = sqlite3.Error

    def __init__(self, path: Path, plan_id: str, *, readonly: bool = False):
        self.path = Path(path)
        self.plan_id = plan_id
        self.readonly = readonly
        self.empty = False  # an SQLite file with nothing in it yet (reads find no records)
        self._tables: set[str] = set()
        self.db: sqlite3.Connection | None = None
        try:
            if readonly:
                self._open_readonly()
            else:
                self._open_for_writing()
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc, "open") from exc
        except BaseException:
            self.close()
            raise

    def _open_readonly(self) -> None:
        if not self.path.is_file():
            raise StoreError(msg("store.missing", path=self.path,
                                 not_file=msg("word.not_a_file") if self.path.exists() else ""),
                             msg("store.missing.hint"))
        uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro"
        try:
            if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
                # Where the store may be written, a reader opens it so and refuses writes itself (query_only):
                # the last connection to close then folds the WAL back in and removes -wal and -shm, which a
                # read-only connection leaves beside the file.
                self.db = self._connect(uri.replace("?mode=ro", "?mode=rw"))
                self.db.execute("PRAGMA query_only = ON")
            else:
                self.db = self._connect(uri)
            self._inspect()
        except sqlite3.OperationalError as exc:
            # Read-only media: a WAL store's -shm cannot be created. With no pending -wal the file alone
            # is the whole store, and SQLite may read it as immutable.
            if "unable to open" not in str(exc) or _has_pending_wal(self.path):
                raise
            self.close()
            self.db = self._connect(uri + "&immutable=1")
            self._inspect()

    def _open_for_writing(self) -> None:
        if not self.path.exists() and self.path.parent.is_dir():
            self._create_whole()
        ready = False  # this plan's store, WAL mode, current schema: nothing to set up
        if self.path.exists():
            # Look before touching: another program's SQLite file is refused with nothing changed.
            self._open_readonly()
            ready = (not self.empty and self.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
                     and self.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal")
            self.close()
        elif not self.path.parent.is_dir():
            raise StoreError(msg("store.no_folder", path=self.path, folder=self.path.parent),
                             msg("store.no_folder.hint"))
        self.db = self._connect(str(self.path))
        self.db.execute("PRAGMA foreign_keys = ON")
        if ready:
            self._tables = {"meta", "records", "task_progress"}
            return
        self.db.execute("PRAGMA journal_mode = WAL")
        self._migrate()

    def _create_whole(self) -> None:
        """A new store appears whole or not at all: built (schema, WAL mode, plan id) under a temporary name,
        then linked into place, which fails if another liupi linked its own first (that one is used).
        Writers racing to create a store so never see a half-made one, nor make two."""
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".new", dir=self.path.parent)
        os.close(fd)
        try:
            os.chmod(tmp, 0o666 & ~_umask())
            self.db = self._connect(tmp)
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
            self.close()  # the last connection checkpoints the WAL into the file
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another liupi created it a moment earlier
            except OSError:  # a file system without hard links: the store is created in place, as before
                pass
        finally:
            self.close()
            for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
                try:
                    os.unlink(leftover)
                except FileNotFoundError:
                    pass

    def _connect(self, target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, uri=target.startswith("file:"), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self.db = db
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return db

    def _inspect(self) -> None:
        """Refuse what is not this plan's liupi store, reading only."""
        db = self.db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and version == 0:
            self.empty = True
            return
        if not {"meta", "records"} <= tables:
            shown = ", ".join(sorted(tables)[:5]) or "no tables"
            raise StoreError(msg("store.not_liupi", path=self.path, tables=shown), msg("store.not_liupi.hint"))
        if version > SCHEMA_VERSION:
            raise StoreError(msg("store.newer", path=self.path, version=version), msg("store.newer.hint"))
        stored = db.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
        if stored and stored[0] != self.plan_id:
            raise StoreError(msg("store.other_plan", path=self.path, stored=stored[0], plan=self.plan_id),
                             msg("store.other_plan.hint"))
        self._tables = tables

    def _error(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """One plain line for what SQLite says went wrong."""
        text = str(exc)
        low = text.lower()
        nothing = msg("store.nothing_changed" if doing != "write" else "store.nothing_recorded")
        if "malformed" in low or "corrupt" in low:
            why, hint = "damaged", msg("store.hint.recover", nothing=nothing)
        elif "not a database" in low:
            why, hint = "not_sqlite", msg("store.hint.where")
        elif "full" in low or "disk i/o" in low or "too big" in low:
            why, hint = "full", msg("store.hint.space", nothing=nothing)
        elif "readonly" in low or "read-only" in low or ("unable to open" in low and doing != "read"
                                                           and not _writable(self.path)):
            why, hint = "readonly", msg("store.hint.permissions", nothing=nothing)
        elif "locked" in low or "busy" in low:
            why, hint = "busy", msg("store.hint.again", nothing=nothing)
        else:
            why, hint = "refused", msg("store.hint.path", nothing=nothing)
        return StoreError(msg("store.failed", verb=msg(f"store.verb.{doing}"), path=self.path,
                              why=msg(f"store.why.{why}"), detail=text), hint)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or (error, full disk, kill) none of it."""
        if self.readonly:
            raise StoreError(msg("store.read_only_opened", path=self.path))  # a bug, not user input
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc, "write") from exc
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (a full disk at COMMIT does)
            if isinstance(exc, sqlite3.IntegrityError) and "unique" in str(exc).lower():
                raise InputRefused(msg("store.race"), msg("store.race.hint")) from exc
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc, "write") from exc
            raise

    def _migrate(self) -> None:
        with self._tx() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(msg("store.newer", path=self.path, version=version), msg("store.newer.hint"))
            for v in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[v](db)
                db.execute(f"PRAGMA user_version = {v}")
            if version == 0:
                db.execute("INSERT INTO meta VALUES ('plan_id', ?)", (self.plan_id,))
            stored = db.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
            if stored and stored[0] != self.plan_id:
                raise StoreError(msg("store.other_plan", path=self.path, stored=stored[0], plan=self.plan_id),
                                 msg("store.other_plan.hint"))
        self._tables = {"meta", "records", "task_progress"}
        self.empty = False  # an empty file opened for writing is a store now: its reads find what is written

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- figures ---------------------------------------------------------

    def current(self, indicator: str, period: str, baseline: bool = False) -> Record | None:
        if self.empty:
            return None
        with self._reading():
            row = self.db.execute(
                "SELECT * FROM records r WHERE indicator = ? AND period = ? AND baseline = ? "
                "AND NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id) ORDER BY id DESC LIMIT 1",
                (indicator, period, int(baseline)),
            ).fetchone()
        return _record(row) if row else None

    @paused_gc()
    def current_figures(self, indicator: str | None = None) -> dict[tuple[str, str, bool], CurrentFigure]:
        """The current figure of every (indicator, period, baseline), in one query (the latest id wins)."""
        out: dict[tuple[str, str, bool], CurrentFigure] = {}
        for figure in self._current(indicator):
            out[(figure.indicator, figure.period, figure.baseline)] = figure
        return out

    @paused_gc()
    def current_records(self) -> list[CurrentFigure]:
        """Only the figures nothing supersedes (what a report judges), in id order; each carries
        ``supersedes``, so a revised figure still shows as revised. History and export read records()."""
        return self._current(None)

    def _current(self, indicator: str | None) -> list[CurrentFigure]:
        """The figures nothing supersedes (of one indicator, or all), in id order, read row by row: never all
        rows as tuples and as figures at once. Each indicator id, period key, person and time is held once."""
        if self.empty:
            return []
        sql = ("SELECT id, indicator, period, baseline, value, entered, supersedes, recorded_by, recorded_at "
               "FROM records r WHERE NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id)"
               + (" AND indicator = ?" if indicator else "") + " ORDER BY id")
        out = []
        names: dict[str, str] = {}
        with self._reading():
            cur = self.db.cursor()
            cur.row_factory = None  # plain tuples, in CurrentFigure's field order
            cur.execute(sql, (indicator,) if indicator else ())
            # rows this store wrote itself (the schema's types and NOT NULLs checked them going in)
            for i, ind, per, b, v, e, sup, by, at in cur:
                out.append(CurrentFigure(i, names.setdefault(ind, ind), names.setdefault(per, per), bool(b), v, e,
                                         sup, names.setdefault(by, by), names.setdefault(at, at)))
        return out

    def add(self, new: NewRecord, by: str, at: str, revise: bool = False) -> Record:
        return self.add_many([new], by, at, revise=revise)[0]

    @paused_gc()
    def add_many(self, news: Iterable[NewRecord], by: str, at: str, revise: bool = False,
                 batch: str | None = None, on_row: Callable[[int], None] | None = None) -> list[Record]:
        """All or nothing: one transaction in which each figure meets the current one under :func:`standing`;
        a duplicate (a period that has a figure, without revise) aborts it.

        One lookup of the current figures for all the batch's keys, then the rows go in with executemany
        (ids are given here, under the write lock, so a row can supersede one earlier in the same batch).
        """
        news = list(news)
        out: list[Record] = []
        with self._tx() as db:
            current = self._current_for({(n.indicator, n.period, n.baseline) for n in news})
            next_id = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM records").fetchone()[0]
            for new in news:
                key = (new.indicator, new.period, new.baseline)
                old = current.get(key)
                if standing(old.value if old else None, new.value, revise, writing=True) is Standing.DUPLICATE:
                    raise Duplicate(new, old)
                rec = Record(id=next_id, indicator=new.indicator, period=new.period, baseline=new.baseline,
                             value=new.value, entered=new.entered, entered_unit=new.entered_unit, unit=new.unit,
                             recorded_by=by, recorded_at=at, source=new.source, note=new.note,
                             supersedes=old.id if old else None, batch=batch)
                current[key] = rec
                out.append(rec)
                next_id += 1
            for start in range(0, len(out), _CHUNK):
                chunk = out[start:start + _CHUNK]
                db.executemany(
                    "INSERT INTO records (id, indicator, period, baseline, value, entered, entered_unit, unit, "
                    "recorded_by, recorded_at, source, note, supersedes, batch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(r.id, r.indicator, r.period, int(r.baseline), r.value, r.entered, r.entered_unit, r.unit,
                      r.recorded_by, r.recorded_at, r.source, r.note, r.supersedes, r.batch) for r in chunk],
                )
                if on_row:
                    for n in range(start + 1, start + len(chunk) + 1):
                        on_row(n)
        return out

    def _current_for(self, keys: set[tuple[str, str, bool]]) -> dict[tuple[str, str, bool], Record]:
        """The current figure of each (indicator, period, baseline) key of a batch, in one query
        (only the batch's keys: a month's import into a store of a year's figures reads one month)."""
        if not keys:
            return {}
        if len(keys) == 1:
            (ind, period, base), = keys
            found = self.current(ind, period, base)
            return {(ind, period, base): found} if found else {}
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS batch_keys (indicator TEXT, period TEXT, baseline INTEGER)")
        self.db.execute("DELETE FROM batch_keys")
        self.db.executemany("INSERT INTO batch_keys VALUES (?,?,?)", [(i, p, int(b)) for i, p, b in keys])
        rows = self.db.execute(
            "SELECT r.* FROM batch_keys k JOIN records r ON r.indicator = k.indicator AND r.period = k.period "
            "AND r.baseline = k.baseline WHERE NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id) "
            "ORDER BY r.id"
        ).fetchall()
        self.db.execute("DELETE FROM batch_keys")
        out: dict[tuple[str, str, bool], Record] = {}
        for row in rows:  # rows this store wrote itself: not re-validated (as in current_figures)
            d = dict(row)
            d["baseline"] = bool(d["baseline"])
            out[(d["indicator"], d["period"], d["baseline"])] = Record.model_construct(**d, current=True)
        return out

    @paused_gc()
    def records(self, indicator: str | None = None) -> list[Record]:
        """Every figure, current and superseded, in history order (each marked ``current`` or not)."""
        sql = ("SELECT r.*, NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id) AS is_current "
               "FROM records r")
        args: tuple = ()
        if indicator:
            sql += " WHERE indicator = ?"
            args = (indicator,)
        if self.empty:
            return []
        with self._reading():
            rows = self.db.execute(sql + " ORDER BY indicator, baseline, period, id", args).fetchall()
        return [_record(r) for r in rows]

    def figures_up_to(self, period: Period) -> int:
        """How many figures (not last year's) are recorded in the period's year up to its end."""
        if self.empty:
            return 0
        with self._reading():
            rows = self.db.execute("SELECT period, COUNT(*) FROM records WHERE baseline = 0 GROUP BY period").fetchall()
        return sum(n for key, n in rows if within(key, period))

    def summary(self) -> tuple[int, int, str | None]:
        """(figures, task updates, when the last one was recorded)."""
        if self.empty:
            return 0, 0, None
        with self._reading():
            figures, last = self.db.execute("SELECT COUNT(*), MAX(recorded_at) FROM records").fetchone()
            updates, last_task = (self.db.execute("SELECT COUNT(*), MAX(recorded_at) FROM task_progress").fetchone()
                                  if "task_progress" in self._tables else (0, None))
        return figures, updates, max(filter(None, (last, last_task)), default=None)

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
        if self.empty or "task_progress" not in self._tables:
            return []  # a schema-1 store read without upgrading it has no task progress yet
        with self._reading():
            rows = self.db.execute(sql + " ORDER BY task, date, id", args).fetchall()
        latest: dict[str, int] = {}
        for r in rows:
            latest[r["task"]] = r["id"]
        return [_task_update(r, latest[r["task"]] == r["id"]) for r in rows]

    def integrity_ok(self) -> bool:
        with self._reading():
            return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _writable(path: Path) -> bool:
    """The file (if it exists) and its folder can be written (False on read-only media)."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _has_pending_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _record(row: sqlite3.Row) -> Record:
    """A row this store wrote (the schema's types and NOT NULLs checked it going in): built without
    re-validating, which at province scale was most of the time spent reading."""
    d = dict(row)
    current = bool(d.pop("is_current", 1))
    d["baseline"] = bool(d["baseline"])
    d.setdefault("batch", None)  # schema 1 stores (read without upgrading) have no batches
    return Record.model_construct(**d, current=current)


def _task_update(row: sqlite3.Row, current: bool) -> TaskUpdate:
    d = dict(row)
    d["date"] = dt.date.fromisoformat(d["date"])
    return TaskUpdate.model_construct(**d, current=current)


def open_store(where: Path | object, plan_id: str, readonly: bool = False) -> Store:
    """The plan's store at ``where``: a SQLite file for a path, a server store for a postgresql:// address
    (liupi_cli.server_address.ServerAddress); the server's driver is imported only then."""
    if getattr(where, "is_server", False):
        from liupi_cli.store_pg import PgStore

        return PgStore(str(where), plan_id, readonly=readonly)
    return Store(Path(where), plan_id, readonly=readonly)


TASK_STATUSES = ("not_started", "in_progress", "done", "blocked")


def check_task_status(status: str, percent: float | None) -> None:
    if status not in TASK_STATUSES:
        raise InputRefused(msg("task.unknown_status", status=status),
                           msg("unknown.hint.one_of", names=", ".join(TASK_STATUSES)))
    if percent is not None and not 0 <= percent <= 100:
        raise InputRefused(msg("task.percent_range", percent=f"{percent:g}"), msg("task.percent_range.hint"))
    if status == "done" and percent is not None and percent != 100:
        raise InputRefused(msg("task.done_not_100", percent=f"{percent:g}"), msg("task.done_not_100.hint"))
    if status == "not_started" and percent:
        raise InputRefused(msg("task.not_started_done", percent=f"{percent:g}"), msg("task.not_started_done.hint"))
