"""`liupi collect`: read each county's figures (its workspace folder, whose store may be a file or a server, or
the file its `liupi export --format json` wrote), check them against the city and the decomposition, and keep them
in the city's collected store. What is read is what the county's own reports judge: on a server, approved figures.

A county's file is taken whole or refused whole, with one line naming it: not a liupi export (malformed or cut
short), another plan (a county of another city, or the wrong county), figures of another year, a figure in
another unit than the decomposition's. Other counties are collected all the same.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from liupi_cli.city.collected import CollectedStore, Incoming
from liupi_cli.city.config import CityConfig, County
from liupi_cli.city.decomposition import Decomposition
from liupi_cli.errors import InputRefused, LiupiError, StoreError
from liupi_cli.messages import msg
from liupi_cli.periods import parse_period
from liupi_cli.store import Record


class CountyFigures(BaseModel):
    county: str
    plan: str
    origin: str
    records: list[Record]


class CountyOutcome(BaseModel):
    county: str
    name_zh: str
    origin: str
    added: int = 0
    unchanged: int = 0
    not_decomposed: int = 0  # figures of indicators the city does not decompose: not collected
    refused: str | None = None  # the one line saying why the whole file was refused
    unreadable: bool = False  # refused because its store could not be read (a server unreachable…): exit 4, not 1


class CollectResult(BaseModel):
    counties: list[CountyOutcome]

    @property
    def refused(self) -> list[CountyOutcome]:
        return [c for c in self.counties if c.refused]


def read_county(county: County, root: Path) -> CountyFigures:
    """The county's current figures from its workspace folder or its exported .json file."""
    source = (root / county.source).resolve() if not Path(county.source).is_absolute() else Path(county.source)
    if source.is_dir():
        return _from_workspace(county, source)
    return _from_export(county, source)


def _from_workspace(county: County, folder: Path) -> CountyFigures:
    """The store the workspace's liupi.toml names (a file, or a server's address: read there directly), else its
    records.db beside the plan; that one missing is a county that has recorded nothing yet (reading makes no store),
    a store liupi.toml names and that cannot be opened is refused (StoreError), never read as empty."""
    from liupi_cli.plan import load_plan
    from liupi_cli.store import open_store
    from liupi_cli.workspace import STORE_FILE, find_workspace

    ws = find_workspace(folder, {}, folder)
    plan = load_plan(ws.path)
    if ws.store is None and not (ws.path / STORE_FILE).is_file():
        return CountyFigures(county=county.id, plan=plan.info.id, origin=str(folder), records=[])
    with open_store(ws.store if ws.store is not None else ws.path / STORE_FILE, plan.info.id, readonly=True) as store:
        records = in_force(store)
    return CountyFigures(county=county.id, plan=plan.info.id, origin=str(folder), records=records)


def in_force(store) -> list[Record]:
    """The figures the county's own reports judge, as whole records (with their unit): the store's
    ``current_records()``. In a SQLite store that is every figure nothing supersedes; on a server, the approved
    figure in force of each (indicator, period): a figure submitted and not yet approved, or returned, is not
    collected (its pair keeps the approved figure before it, if any)."""
    judged = {f.id for f in store.current_records()}
    return [r for r in store.records() if r.id in judged]


MAX_EXPORT_BYTES = 512 * 1024 * 1024  # a province's whole year is well under 100 MB
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite file: a record store, not an export


def _from_export(county: County, path: Path) -> CountyFigures:
    """A county's file is what its `liupi export --format json` wrote, the form made for sending. A record store
    file is refused, naming what to send instead: it is a working database, whose last figures may still be in a
    -wal file beside it, at its own schema version (a county's workspace folder is read through its store)."""
    try:
        if path.is_file() and path.stat().st_size > MAX_EXPORT_BYTES:
            raise InputRefused(msg("city.export_too_large", path=path, mb=path.stat().st_size // (1024 * 1024)),
                               msg("city.export_too_large.hint"))
        if path.exists() and not path.is_file():
            raise InputRefused(msg("city.export_not_regular", path=path), msg("city.export_not_regular.hint"))
        if path.is_file() and _starts_with(path, SQLITE_HEADER):
            raise InputRefused(msg("city.export_is_store", path=path),
                               msg("city.export_is_store.hint", county=county.id))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputRefused(msg("city.export_missing", path=path),
                           msg("city.export_missing.hint", county=county.id)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputRefused(msg("city.export_unreadable", path=path, error=exc)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRefused(msg("city.export_cut_short", path=path, line=exc.lineno, error=exc.msg),
                           msg("city.export_cut_short.hint")) from None
    if not isinstance(data, dict) or not isinstance(data.get("plan"), str) or not isinstance(data.get("records"), list):
        raise InputRefused(msg("city.export_not_liupi", path=path), msg("city.export_not_liupi.hint"))
    try:
        records = [Record.model_validate(r) for r in data["records"]]
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputRefused(msg("city.export_bad_record", path=path, where=where, error=err["msg"]),
                           msg("city.export_bad_record.hint")) from None
    return CountyFigures(county=county.id, plan=data["plan"], origin=str(path),
                         records=[r for r in records if r.current])


def _starts_with(path: Path, header: bytes) -> bool:
    with open(path, "rb") as f:
        return f.read(len(header)) == header


def accept(figures: CountyFigures, county: County, config: CityConfig,
           decomp: Decomposition) -> tuple[list[Incoming], int]:
    """The figures the city collects from this county, or InputRefused (the whole file) with the reason."""
    origin = figures.origin
    if figures.plan != county.plan:
        other = next((c for c in config.counties if c.plan == figures.plan), None)
        whose = msg("city.whose", county=other.name_zh) if other else msg("city.whose_none", city=config.city.name_zh)
        raise InputRefused(msg("city.other_plan", origin=origin, plan=figures.plan, whose=whose, county=county.name_zh,
                               expected=county.plan), msg("city.other_plan.hint"))
    parts = {p.county_indicator: p for p in decomp.parts}
    year = config.city.year
    taken, skipped = [], 0
    for r in figures.records:
        try:
            p_year = parse_period(r.period).year
        except InputRefused:
            raise InputRefused(msg("city.bad_period", origin=origin, record=r.id, period=r.period)) from None
        if p_year != (year - 1 if r.baseline else year):
            raise InputRefused(msg("city.other_year", origin=origin, got=p_year, record=r.id, indicator=r.indicator,
                                   period=r.period, year=year), msg("city.other_year.hint", year=year))
        part = parts.get(r.indicator)
        if part is None:
            skipped += 1
            continue
        if r.unit != part.unit:
            raise InputRefused(msg("city.other_unit", origin=origin, indicator=r.indicator, period=r.period,
                                   unit=r.unit, expected=part.unit), msg("city.other_unit.hint"))
        taken.append(Incoming(indicator=part.indicator, period=r.period, baseline=r.baseline, value=r.value,
                              unit=r.unit, origin_id=r.id))
    return taken, skipped


def collect(config: CityConfig, decomp: Decomposition, root: Path, store: CollectedStore, at: str,
            only: list[str] | None = None) -> CollectResult:
    """Collect every county (or those in ``only``); ``at`` is the time written beside each collected figure."""
    out = []
    for county in config.counties:
        if only and county.id not in only:
            continue
        source = Path(county.source)  # as read_county resolves it: a refused row names the same path as the rest
        outcome = CountyOutcome(county=county.id, name_zh=county.name_zh,
                                origin=str(source if source.is_absolute() else (root / source).resolve()))
        try:
            figures = read_county(county, root)
            outcome.origin = figures.origin
            incoming, outcome.not_decomposed = accept(figures, county, config, decomp)
            outcome.added, outcome.unchanged = store.add(county.id, incoming, figures.origin, at)
        except LiupiError as exc:
            hint = msg("city.hint_tail", hint=exc.hint) if exc.hint else ""
            outcome.refused = msg("city.county_refused", name=county.name_zh, county=county.id, why=exc.message,
                                  hint=hint)
            outcome.unreadable = isinstance(exc, StoreError)
        out.append(outcome)
    return CollectResult(counties=out)
