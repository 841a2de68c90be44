"""Turning what a user typed (or a bureau's spreadsheet) into records, refusing what cannot be right."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from liupi_cli.errors import InputRefused, LiupiError
from liupi_cli.models import Frequency, Indicator, Kind
from liupi_cli.periods import Period, parse_period, period_for
from liupi_cli.plan import Plan
from liupi_cli.quantity import parse_quantity
from liupi_cli.store import NewRecord, Store

GROWTH_SANE = (-100.0, 200.0)  # a growth of 450% is a typo until --force says otherwise
BATCH_COLUMNS = ("id", "period", "value", "unit", "source", "note")
COUNT_KINDS = {Kind.cumulative, Kind.zero_events, Kind.double_decline, Kind.ranking, Kind.milestone,
               Kind.standard_raised, Kind.level, Kind.ceiling}


def sanity(ind: Indicator, value: float, force: bool) -> None:
    if not math.isfinite(value):
        raise InputRefused(f"{ind.id}: value is not a finite number")
    if ind.kind in COUNT_KINDS and value < 0:
        raise InputRefused(f"{ind.id}: {value:g} is negative, but {ind.name_zh} cannot be below 0",
                           "growth rates may be negative (下降0.5%); counts and levels may not")
    if ind.kind is Kind.growth_rate:
        low, high = GROWTH_SANE
        if value < low:
            raise InputRefused(f"{ind.id}: a growth of {value:g}% is impossible (below -100%)")
        if value > high and not force:
            raise InputRefused(f"{ind.id}: a growth of {value:g}% is outside {low:g}…{high:g}%",
                               "check for a typo; pass --force if the figure is real")
    if ind.unit == "%" and ind.kind in (Kind.level, Kind.ceiling) and value > 100 and not force:
        raise InputRefused(f"{ind.id}: {value:g}% is over 100%", "check for a typo; pass --force if it is real")
    if ind.unit == "‰" and value > 1000:
        raise InputRefused(f"{ind.id}: {value:g}‰ is over 1000‰")
    if ind.kind is Kind.ranking and (value < 1 or value != int(value)):
        raise InputRefused(f"{ind.id}: a rank is a whole position, 1 or more (got {value:g})")


def make_record(plan: Plan, given_id: str, value_text: str, period_text: str, *, baseline: bool = False,
                source: str | None = None, note: str | None = None, force: bool = False) -> NewRecord:
    """Validate one figure; raises InputRefused / UnknownId with a hint."""
    iid = plan.indicator_id(str(given_id).strip())
    ind = plan.indicators[iid]
    period = period_for(ind.frequency, parse_period(str(period_text)), plan.info.year, baseline)
    q = parse_quantity(str(value_text), ind.unit)
    sanity(ind, q.value, force)
    return NewRecord(indicator=iid, period=period.key, value=q.value, entered=q.entered,
                     entered_unit=q.entered_unit, unit=ind.unit, baseline=baseline,
                     source=source or None, note=note or None)


@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row number (the header is row 1)
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class Batch:
    records: list[NewRecord]
    problems: list[RowProblem]
    rows: int
    replaces: dict[tuple[str, str, bool], str]  # key -> the figure a revision would supersede, as typed


def read_table(path: Path) -> list[dict[str, str]]:
    """Read a CSV or XLSX file of figures into rows of text (pandas does the reading)."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            raise InputRefused(f"{path}: cannot read '{suffix}' files", "give a .csv or .xlsx file")
    except FileNotFoundError as exc:
        raise InputRefused(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputRefused(f"{path}: not UTF-8 text", "save the CSV as UTF-8, or use .xlsx") from exc
    except LiupiError:
        raise
    except Exception as exc:  # pandas/openpyxl raise many kinds for a damaged file
        raise InputRefused(f"{path}: cannot read the table: {exc}", "open it in a spreadsheet and save again") from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("id", "period", "value") if c not in frame.columns]
    if missing:
        raise InputRefused(f"{path}: missing column(s) {', '.join(missing)}",
                           "columns are " + ", ".join(BATCH_COLUMNS) + " (`liupi template` writes one)")
    return [{k: ("" if v is None else str(v)).strip() for k, v in row.items()} for row in frame.to_dict("records")]


def prepare_batch(plan: Plan, store: Store, rows: list[dict[str, str]], *, revise: bool = False,
                  force: bool = False) -> Batch:
    """Check every row; the caller writes all records or none."""
    records: list[NewRecord] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, bool], int] = {}
    replaces: dict[tuple[str, str, bool], str] = {}
    blank = 0
    for n, row in enumerate(rows, start=2):
        if not row.get("value"):
            blank += 1  # a template row left empty: nothing to record
            continue
        try:
            value = row["value"]
            if row.get("unit") and not any(ch.isalpha() or ch in "%‰" for ch in value.lstrip("+-")[-1:]):
                value = value + row["unit"]
            rec = make_record(plan, row.get("id", ""), value, row.get("period", ""),
                              baseline=row.get("baseline", "").lower() in ("1", "true", "yes", "是"),
                              source=row.get("source"), note=row.get("note"), force=force)
        except LiupiError as exc:
            hint = f" ({exc.hint})" if exc.hint else ""
            problems.append(RowProblem(n, exc.message + hint))
            continue
        key = (rec.indicator, rec.period, rec.baseline)
        if key in seen:
            problems.append(RowProblem(n, f"{rec.indicator} {rec.period} is also given in row {seen[key]}"))
            continue
        seen[key] = n
        old = store.current(*key)
        if old is not None and not revise:
            problems.append(RowProblem(n, f"{rec.indicator} already has {old.entered} for {rec.period} "
                                          f"(by {old.recorded_by}); use --revise to supersede it"))
            continue
        if old is not None:
            replaces[key] = old.entered
        records.append(rec)
    return Batch(records, problems, len(rows) - blank, replaces)


def due_indicators(plan: Plan, period: Period, battle: str | None = None, unit: str | None = None) -> list[Indicator]:
    """The indicators that publish a figure for this period, for prompting and templates."""
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    out = []
    for ind in plan.indicators.values():
        if battle_id and ind.battle != battle_id:
            continue
        lead = ind.lead_unit or plan.battles[ind.battle].lead_unit
        if unit_id and unit_id not in (lead, *ind.co_lead_units):
            continue
        f = ind.frequency
        if (f is Frequency.monthly or f is Frequency.once
                or (f is Frequency.quarterly and period.months % 3 == 0)
                or (f is Frequency.annual and period.months == 12)):
            out.append(ind)
    return out
