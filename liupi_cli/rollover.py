"""Next year's plan from this year's: `liupi plan next --year 2024`.

Units, battles and settings are carried over. Every indicator is carried with its target left empty for
the new figure, and a table to fill (last year's target, last year's result, new target). Where a kind
needs a starting point, last year's actuals become this year's: a double decline is judged against last
year's same-period counts (written as baseline records into the new store), a raised standard starts
from the standard last year reached. Tasks not done are carried with a flag; done ones are not.
Nothing here writes: it returns what the new plan holds; last year's store is only read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from liupi_cli.errors import InputRefused
from liupi_cli.models import Kind
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.store import NewRecord, Record, TaskUpdate

NEEDS_TARGET = (Kind.growth_rate, Kind.cumulative, Kind.level, Kind.ceiling, Kind.standard_raised)
FILL_COLUMNS = (
    "indicator",
    "name_zh",
    "kind",
    "unit",
    "last_target",
    "last_result",
    "last_result_period",
    "new_target",
    "last_due",
    "new_due",
)


@dataclass
class FillRow:
    indicator: str
    name_zh: str
    kind: str
    unit: str | None
    last_target: float | None
    last_result: float | None
    last_result_period: str | None
    new_target: float | None = None
    last_due: str | None = None


@dataclass
class NextYear:
    targets: dict[str, Any]
    tasks: list[dict[str, Any]]
    baselines: list[NewRecord]
    fill: list[FillRow]
    notes: list[str] = field(default_factory=list)
    carried_tasks: int = 0
    dropped_tasks: int = 0


def _year_text(text: str | None, old: int, new: int) -> str | None:
    return text.replace(str(old), str(new)) if text else text


def _by_indicator(records: list[Record], year: int) -> dict[str, list[tuple[Period, Record]]]:
    """Last year's current actuals per indicator, each with its period: one pass over the store."""
    out: dict[str, list[tuple[Period, Record]]] = {}
    for r in records:
        if r.baseline or not r.current:
            continue
        try:
            p = parse_period(r.period)
        except InputRefused:
            continue
        if p.year == year:
            out.setdefault(r.indicator, []).append((p, r))
    return out


def _latest(figures: list[tuple[Period, Record]]) -> Record | None:
    """Last year's most complete actual: the current record whose period ends latest in that year."""
    return max(figures, key=lambda pr: pr[0].end)[1] if figures else None


def _fill_row(ind, last: Record | None, **extra) -> FillRow:
    return FillRow(ind.id, ind.name_zh, ind.kind.value, ind.unit, ind.target,
                   last.value if last else None, last.period if last else None, **extra)


def _dump(model: Any) -> dict[str, Any]:
    """A model as the plan files write it: no empty values (None, [], False)."""
    return {k: v for k, v in model.model_dump(mode="json", exclude_none=True).items() if v not in ([], False)}


def next_year(plan: Plan, records: list[Record], updates: list[TaskUpdate], year: int) -> NextYear:
    old = plan.info.year
    if year <= old:
        raise InputRefused(
            f"the plan is for {old}; the next plan's year must be later, not {year}",
            f"liupi plan next --year {old + 1}",
        )
    info = _dump(plan.info)
    info["id"] = re.sub(str(old), str(year), info["id"]) if str(old) in info["id"] else f"{info['id']}-{year}"
    info["year"] = year
    info["title_zh"] = _year_text(info["title_zh"], old, year)
    for k in ("doc_no", "issued", "source_file"):
        info.pop(k, None)
    info["title_en"] = _year_text(info["title_en"], old, year)
    notes = [f"carried from {plan.info.id} ({old}); document number and issue date left for the new document"]

    fill: list[FillRow] = []
    baselines: list[NewRecord] = []
    indicators = []
    actuals = _by_indicator(records, old)
    for ind in plan.indicators.values():
        last = _latest(actuals.get(ind.id, []))
        entry = _dump(ind)
        entry["id"] = ind.id
        for k in ("target", "alternatives", "judged_because", "due"):
            entry.pop(k, None)
        entry["comparator"] = ind.comparator.value
        if ind.kind is Kind.milestone:
            fill.append(_fill_row(ind, last, last_due=ind.due.isoformat() if ind.due else None))
            if ind.target is not None:
                entry["target"] = ind.target
        if ind.kind is Kind.standard_raised:
            if last is not None:
                entry["baseline"] = last.value
            else:
                entry["baseline"] = ind.target
                notes.append(
                    f"{ind.id}: no result recorded for {old}; baseline set to last year's target "
                    f"{ind.target:g} (the standard promised): check it"
                )
        if ind.kind is Kind.double_decline:
            for _, r in actuals.get(ind.id, []):
                baselines.append(NewRecord(ind.id, r.period, r.value, r.entered, r.entered_unit, r.unit,
                                           baseline=True, source=f"{plan.info.id} actual", note=f"carried from {old}"))
            if not any(b.indicator == ind.id for b in baselines):
                notes.append(f"{ind.id}: no {old} counts recorded: record last year's figures with --baseline")
        if ind.kind in NEEDS_TARGET:
            fill.append(_fill_row(ind, last))
        if ind.kind in (Kind.zero_events, Kind.ranking) and ind.target is not None:
            entry["target"] = ind.target  # zero stays zero; a ranking aim is usually kept
        indicators.append(entry)

    latest: dict[str, TaskUpdate] = {}
    for u in updates:
        if u.current and (u.task not in latest or (u.date, u.id) > (latest[u.task].date, latest[u.task].id)):
            latest[u.task] = u
    tasks, kept_ids, dropped = [], set(), 0
    for t in plan.tasks.values():
        u = latest.get(t.id)
        if u is not None and u.status == "done":
            dropped += 1
            continue
        entry = _dump(t)
        entry["id"] = t.id
        state = (
            f"{u.status}{f' {u.percent:g}%' if u.percent is not None else ''} on {u.date}"
            if u
            else "no progress recorded"
        )
        if t.deadline == "ongoing":
            flag = f"carried from {old} (ongoing; {state})"
        else:
            flag = f"carried from {old}: not done ({state}); set a new deadline"
        entry["note"] = flag + (f"; {t.note}" if t.note else "")
        tasks.append(entry)
        kept_ids.add(t.id)
    for entry in indicators:
        if entry.get("task") and entry["task"] not in kept_ids:
            entry.pop("task")
    n_ms = sum(1 for r in fill if r.kind == "milestone")
    if n_ms:
        notes.append(f"{n_ms} milestone(s) need this year's due date (new_due in the table)")
    notes.append(f"{len(tasks)} task(s) carried (not done), {dropped} done and left out")

    targets = {
        "plan": info,
        "settings": plan.settings.model_dump(mode="json", exclude_none=True),
        "units": [dict(_dump(u), id=u.id) for u in plan.units.values()],
        "battles": [dict(_dump(b), id=b.id) for b in plan.battles.values()],
        "indicators": indicators,
    }
    return NextYear(targets, tasks, baselines, fill, notes, len(tasks), dropped)


def fill_csv(rows: list[FillRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(FILL_COLUMNS)
    for r in rows:
        w.writerow(
            [
                r.indicator,
                r.name_zh,
                r.kind,
                r.unit or "",
                _g(r.last_target),
                _g(r.last_result),
                r.last_result_period or "",
                _g(r.new_target),
                r.last_due or "",
                "",
            ]
        )
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens it as UTF-8


def _g(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def read_fill(text: str, where: str) -> dict[str, dict[str, Any]]:
    """indicator -> {target, due} from a filled table; empty cells are left for later."""
    import datetime as dt

    out: dict[str, dict[str, Any]] = {}
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if "\t" in first and "," not in first else ",")
    if not reader.fieldnames or "indicator" not in reader.fieldnames or "new_target" not in reader.fieldnames:
        raise InputRefused(
            f"{where}: needs the columns indicator and new_target", "fill the table `liupi plan next` wrote"
        )
    for row in reader:
        iid = (row.get("indicator") or "").strip()
        v = (row.get("new_target") or "").strip()
        d = (row.get("new_due") or "").strip()
        if v:
            try:
                out.setdefault(iid, {})["target"] = float(v.replace(",", ""))
            except ValueError:
                raise InputRefused(
                    f"{where}:{reader.line_num}: new_target '{v}' is not a number",
                    "write the figure only, e.g. 8.5 (the unit is in the unit column)",
                ) from None
        if d:
            try:
                if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", d):  # Excel/WPS re-save 2024-08-31
                    d = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"                  # as 2024/8/31
                out.setdefault(iid, {})["due"] = dt.date.fromisoformat(d)
            except ValueError:
                raise InputRefused(
                    f"{where}:{reader.line_num}: new_due '{d}' is not a date", "write it as 2024-12-31"
                ) from None
    return out


def apply_fill(targets: dict[str, Any], filled: dict[str, dict[str, Any]]) -> tuple[int, list[str]]:
    """Set the new targets and due dates in a targets.yaml mapping. Returns (how many set, unknown ids)."""
    by_id = {i.get("id"): i for i in targets.get("indicators") or [] if isinstance(i, dict)}
    unknown = sorted(set(filled) - set(by_id))
    for iid, values in filled.items():
        if iid in by_id:
            if "target" in values:
                v = values["target"]
                by_id[iid]["target"] = int(v) if float(v).is_integer() else v
            if "due" in values:
                by_id[iid]["due"] = values["due"]
    return len(filled) - len(unknown), unknown
