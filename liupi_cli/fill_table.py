"""The table of targets to fill (targets-to-fill.csv): written by `liupi plan next`, filled by people in
Excel, WPS or a text editor, read back by `liupi plan fill`.

Cells are read as people type them, through the parsers liupi already has: a figure (7%, 360000万元) by
``quantity.parse_quantity``, the value parser of `liupi update`; a target sentence (增长8%以上, 控制在5.5%左右)
by the plan importer's ``parse_target``, its figure then by the same value parser. No parser of its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from liupi_cli.errors import InputRefused

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


@dataclass(frozen=True)
class FillCell:
    """One filled row of the table, as typed: parsed against its indicator by ``apply_fill``."""

    line: int
    indicator: str
    new_target: str
    new_due: str


def read_fill(text: str, where: str) -> list[FillCell]:
    """The rows of a filled table that say something (a new target or a new due date), with their lines."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if "\t" in first and "," not in first else ",")
    if not reader.fieldnames or "indicator" not in reader.fieldnames or "new_target" not in reader.fieldnames:
        raise InputRefused(
            f"{where}: needs the columns indicator and new_target", "fill the table `liupi plan next` wrote"
        )
    cells = []
    for row in reader:
        cell = FillCell(reader.line_num, (row.get("indicator") or "").strip(), (row.get("new_target") or "").strip(),
                        (row.get("new_due") or "").strip())
        if cell.new_target or cell.new_due:
            cells.append(cell)
    return cells


TYPED = "write it as for `liupi update`: 7%, 360000万元, 增长8%以上, 控制在5.5%左右"


def read_target(typed: str, unit: str | None, where: str) -> dict[str, Any]:
    """A typed target -> {target, and comparator/qualifier/stretch when the words say so}.

    A figure (7%, 360000万元, 1,200) goes through the value parser of `liupi update` (``parse_quantity``:
    converted to the indicator's unit); a sentence (增长8%以上, 控制在5.5%左右, 力争突破34亿元) through the
    plan importer's target reader (``parse_target``), its figure then through the same value parser.
    """
    from liupi_cli.plan_import.targets import parse_target
    from liupi_cli.quantity import parse_quantity

    try:
        return {"target": parse_quantity(typed, unit).value}
    except InputRefused as exc:
        first = exc
    cand = parse_target(typed)
    if cand is None or cand.target is None:
        raise InputRefused(f"{where}: new_target '{typed}': {first.message}", TYPED) from None
    try:
        value = parse_quantity(f"{cand.target:g}{cand.unit or ''}", unit).value
    except InputRefused as exc:
        raise InputRefused(f"{where}: new_target '{typed}': {exc.message}", exc.hint or TYPED) from None
    out: dict[str, Any] = {"target": value}
    if cand.qualifier:  # the words carry a meaning (以上, 左右, 控制在, 力争): the target now says them
        out.update(comparator=cand.comparator, qualifier=cand.qualifier, stretch=cand.stretch)
    return out


def _read_due(typed: str, where: str) -> dt.date:
    d = typed
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", d):  # Excel/WPS re-save 2024-08-31 as 2024/8/31
        d = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    try:
        return dt.date.fromisoformat(d)
    except ValueError:
        raise InputRefused(f"{where}: new_due '{typed}' is not a date", "write it as 2024-12-31") from None


def apply_fill(targets: dict[str, Any], cells: list[FillCell], where: str) -> tuple[int, list[str]]:
    """Set the new targets and due dates in a targets.yaml mapping; what is set is no longer to be set.

    Every cell is read before anything changes: a cell that cannot be read refuses the whole table.
    Returns (how many indicators set, unknown ids).
    """
    by_id = {i.get("id"): i for i in targets.get("indicators") or [] if isinstance(i, dict)}
    unknown = sorted({c.indicator for c in cells if c.indicator not in by_id})
    changes: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for c in cells:
        if c.indicator not in by_id:
            continue
        entry, values = by_id[c.indicator], {}
        if c.new_target:
            values = read_target(c.new_target, entry.get("unit"), f"{where}:{c.line}")
            values["stated"] = c.new_target
        if c.new_due:
            values["due"] = _read_due(c.new_due, f"{where}:{c.line}")
        if "target" in values:
            v = values["target"]
            values["target"] = int(v) if float(v).is_integer() else v
        filled = _filled(entry, values)
        _refuse_breaking(entry, filled, f"{where}:{c.line}", c)
        changes.append((entry, filled))
    for entry, filled in changes:
        entry.clear()
        entry.update(filled)
    return len({id(e) for e, _ in changes}), unknown


def _filled(entry: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    out = {**entry, **values}
    pending = [f for f in entry.get("to_be_set") or [] if f not in values]
    if pending:
        out["to_be_set"] = pending
    else:
        out.pop("to_be_set", None)
    return out


def _refuse_breaking(entry: dict[str, Any], filled: dict[str, Any], where: str, cell: FillCell) -> None:
    """A cell that would make a valid indicator invalid (增长8%以上 for a ceiling) is refused, not written."""
    from pydantic import ValidationError

    from liupi_cli.models import Indicator

    try:
        Indicator.model_validate(entry)
    except ValidationError:
        return  # not a whole indicator (or already broken): `liupi check` speaks for it
    try:
        Indicator.model_validate(filled)
    except ValidationError as exc:
        why = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise InputRefused(f"{where}: {cell.indicator}: '{cell.new_target or cell.new_due}': {why}",
                           "write the target as this indicator states it, e.g. " + TYPED.split(": ", 1)[1]) from None
