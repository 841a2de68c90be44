"""The city's store of collected county figures (``data/collected.db``): append-only, every figure with its
origin (the county's workspace or exported file, and the record id there).

Collecting again adds a row only for a figure that is new or whose value changed (the new row supersedes the
old, which stays); an unchanged figure adds nothing. Every file is written in one transaction.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from liupi_cli.errors import StoreError
from liupi_cli.messages import msg

COLLECTED_FILE = "collected.db"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    county TEXT NOT NULL,
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    baseline INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    origin TEXT NOT NULL,
    origin_id INTEGER,
    collected_at TEXT NOT NULL,
    supersedes INTEGER REFERENCES figures(id)
);
CREATE INDEX IF NOT EXISTS figures_key ON figures (county, indicator, period, baseline);
CREATE INDEX IF NOT EXISTS figures_supersedes ON figures (supersedes)
"""


class Collected(BaseModel):
    id: int
    county: str
    indicator: str
    period: str
    baseline: bool
    value: float
    unit: str | None
    origin: str
    origin_id: int | None
    collected_at: str
    supersedes: int | None


class Incoming(BaseModel):
    indicator: str
    period: str
    baseline: bool
    value: float
    unit: str | None
    origin_id: int | None


class CollectedStore:
    def __init__(self, path: Path, city: str, *, readonly: bool = False):
        self.path = Path(path)
        if readonly and not self.path.is_file():
            self.db = None
            return
        try:
            uri = f"file:{urllib.parse.quote(str(self.path.resolve()))}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(uri, uri=readonly, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                for statement in _SCHEMA.split(";"):
                    self.db.execute(statement)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('city', ?)", (city,))
            owner = self.db.execute("SELECT value FROM meta WHERE key = 'city'").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(msg("city.store_unopenable", path=self.path, error=exc),
                             msg("city.store_unopenable.hint")) from exc
        if owner is not None and owner[0] != city:
            self.db.close()
            raise StoreError(msg("city.store_other_city", path=self.path, owner=owner[0], city=city),
                             msg("city.store_other_city.hint"))

    def __enter__(self) -> CollectedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.close()

    def current(self, county: str | None = None) -> list[Collected]:
        """Every figure not superseded (of one county), in (county, indicator, period) order."""
        if self.db is None:
            return []
        where = "AND f.county = ? " if county else ""
        rows = self.db.execute(
            "SELECT * FROM figures f WHERE NOT EXISTS (SELECT 1 FROM figures g WHERE g.supersedes = f.id) "
            f"{where}ORDER BY county, indicator, baseline, period", (county,) if county else ()).fetchall()
        return [Collected(**{**dict(r), "baseline": bool(r["baseline"])}) for r in rows]

    def count(self) -> int:
        return 0 if self.db is None else self.db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]

    def add(self, county: str, incoming: Iterable[Incoming], origin: str, at: str) -> tuple[int, int]:
        """Add what is new or changed for ``county``, all or nothing: (added, unchanged)."""
        assert self.db is not None
        now = {(c.indicator, c.period, c.baseline): c for c in self.current(county)}
        added = unchanged = 0
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for f in incoming:
                old = now.get((f.indicator, f.period, f.baseline))
                if old is not None and old.value == f.value and old.unit == f.unit:
                    unchanged += 1
                    continue
                self.db.execute(
                    "INSERT INTO figures (county, indicator, period, baseline, value, unit, origin, origin_id, "
                    "collected_at, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (county, f.indicator, f.period, int(f.baseline), f.value, f.unit, origin, f.origin_id, at,
                     old.id if old else None))
                added += 1
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StoreError(msg("city.store_add_failed", path=self.path, county=county, error=exc),
                             msg("city.store_add_failed.hint")) from exc
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return added, unchanged
