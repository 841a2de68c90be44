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
from dataclasses import dataclass, field
from typing import Any

from liupi_cli.errors import InputRefused
from liupi_cli.messages import Msg, msg

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
    "year",  # the new plan's year: `liupi plan fill` refuses the table in a plan of another year
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


def fill_csv(rows: list[FillRow], year: int) -> str:
    """The table's file text (render/csv_file: CRLF lines, the byte-order mark first for Excel and WPS)."""
    from liupi_cli.render.csv_file import csv_text, for_file

    lines = ([r.indicator, r.name_zh, r.kind, r.unit or "", _g(r.last_target), _g(r.last_result),
              r.last_result_period or "", _g(r.new_target), r.last_due or "", "", year] for r in rows)
    return for_file(csv_text(FILL_COLUMNS, lines, newline="\r\n"))


def _g(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


@dataclass(frozen=True)
class FillCell:
    """One filled row of the table, as typed: parsed against its indicator by ``apply_fill``."""

    line: int
    indicator: str
    new_target: str
    new_due: str
    year: str = ""  # the table's year column (tables written since it was added); empty: not given


@dataclass(frozen=True)
class FillProblem:
    """A row refused: its line in the table, what and a hint. Every row is read, so all are listed at once."""

    row: int
    message: str  # with the table's name and line: "f.csv:3: new_target '八点五': …"
    hint: str | None = None
    what: str | None = None  # the same without where: said after the row's own "row 3:"


class CellRefused(InputRefused):
    """A cell of the table refused: ``message`` says where (file:line) and what; ``what`` only what."""

    def __init__(self, where: str, what: Msg, hint: str | None):
        super().__init__(msg("fill.at", where=where, what=what), hint)
        self.what = what


@dataclass
class FillResult:
    """What a filled table does to a plan: nothing is changed unless ``problems`` is empty."""

    set: list[str] = field(default_factory=list)  # indicators whose target or date is set now
    unchanged: list[str] = field(default_factory=list)  # rows saying what the plan already says
    unknown: list[str] = field(default_factory=list)  # ids the plan does not know (ignored)
    notes: list[str] = field(default_factory=list)  # readings to look at (a range read as its lower bound)
    problems: list[FillProblem] = field(default_factory=list)


def read_fill(text: str, where: str) -> list[FillCell]:
    """The rows of a filled table that say something (a new target or a new due date), with their lines."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if "\t" in first and "," not in first else ",")
    if not reader.fieldnames or "indicator" not in reader.fieldnames or "new_target" not in reader.fieldnames:
        raise InputRefused(msg("fill.no_columns", where=where), msg("fill.no_columns.hint"))
    cells = []
    for row in reader:
        cell = FillCell(reader.line_num, (row.get("indicator") or "").strip(), (row.get("new_target") or "").strip(),
                        (row.get("new_due") or "").strip(), (row.get("year") or "").strip())
        if cell.new_target or cell.new_due:
            cells.append(cell)
    return cells


EXAMPLES = "7%, 360000万元, 增长8%以上, 控制在5.5%左右"  # how a target is typed, as for `liupi update`
_FIG = r"\d+(?:\.\d+)?"
_TAIL = r"(?:以上|以下|以内|左右)"
# 7.5%-8%, 7.5-8%, 3至5亿元: a range where the plan wants one figure
_RANGE = re.compile(r"^(?P<lead>\D*?)(?P<lo>" + _FIG + r")(?P<lu>[^\d\-—–~～至到]*)\s*(?:-|—|–|~|～|至|到)\s*"
                    r"(?P<hi>" + _FIG + r")(?P<hu>\D*?)$")


def read_target(typed: str, unit: str | None, where: str, notes: list[str] | None = None) -> dict[str, Any]:
    """A typed target -> {target, and comparator/qualifier/stretch when the words say so}.

    The words around the figure (以上, 以内, 以下, 左右, 控制在, 增长, 力争) are read by the plan importer's
    target reader (``parse_target``), always, so 5.5%以内 and 控制在5.5%以内 mean the same; a bare figure
    with words (8以上) is in the indicator's unit, as a bare figure is for `liupi update`. The figure goes
    through the value parser of `liupi update` (``parse_quantity``: converted to the indicator's unit).
    A range (7.5%-8%) is read as its lower bound, with a note in ``notes``: never silently.
    """
    from liupi_cli.periods import normalise_text
    from liupi_cli.plan_import.targets import parse_target
    from liupi_cli.quantity import parse_quantity

    text = normalise_text(typed).replace(" ", "")
    if m := _RANGE.match(text):
        lower = f"{m['lead']}{m['lo']}{m['lu'] or m['hu']}"
        out = read_target(lower, unit, where)
        if notes is not None:
            notes.append(msg("fill.at", where=where, what=msg("fill.range", typed=typed, target=f"{out['target']:g}")))
        return out
    if unit and (m := re.fullmatch(r"(\D*?)(" + _FIG + r")(" + _TAIL + r")", text)):
        text = f"{m[1]}{m[2]}{unit}{m[3]}"  # 8以上 for a % indicator: 8%以上
    cand = parse_target(text)
    if cand is not None and cand.target is not None and cand.qualifier:
        try:  # the words carry a meaning (以上, 以内, 左右, 控制在, 力争): the target now says them
            value = parse_quantity(f"{cand.target:g}{cand.unit or ''}", unit).value
        except InputRefused as exc:
            raise CellRefused(where, msg("fill.new_target", typed=typed, why=exc.message),
                              exc.hint or msg("fill.typed", examples=EXAMPLES)) from None
        return {"target": value, "comparator": cand.comparator, "qualifier": cand.qualifier, "stretch": cand.stretch}
    try:
        return {"target": parse_quantity(typed, unit).value}
    except InputRefused as exc:
        raise CellRefused(where, msg("fill.new_target", typed=typed, why=exc.message),
                          msg("fill.typed", examples=EXAMPLES)) from None


def read_due(typed: str, year: int | None, where: str, notes: list[str] | None = None) -> dt.date:
    """A milestone's new date, read as `liupi plan import` reads a deadline (2024-08-31, 2024/8/31,
    2024年8月底前, 8月底): a date before the plan's year is refused, it would be overdue all year; a reading
    to look at (a range of dates: its end) is noted in ``notes``."""
    from liupi_cli.plan_import.deadlines import parse_deadline

    read = parse_deadline(typed, year)
    day = read.value
    if isinstance(day, dt.date) and read.flag and notes is not None:
        notes.append(msg("fill.at", where=where, what=msg("fill.due_flag", typed=typed, flag=read.flag)))
    if not isinstance(day, dt.date):
        raise CellRefused(where, msg("fill.due_not_date", typed=typed), msg("fill.due_not_date.hint"))
    if year is not None and day.year < year:
        raise CellRefused(where, msg("fill.due_before_year", typed=typed, year=year),
                          msg("fill.due_before_year.hint", year=year, example=f"{year}-{day.month:02d}-{day.day:02d}"))
    return day


def apply_fill(targets: dict[str, Any], cells: list[FillCell], where: str) -> FillResult:
    """Set the new targets and due dates in a targets.yaml mapping; what is set is no longer to be set.

    Every row is read before anything changes, and every refused row is listed (``problems``); the mapping
    is changed only when there is none. Only what is marked ``to_be_set`` is filled: a row that would change
    a target or date already decided is refused (the plan is settled; change it in targets.yaml by hand), a
    row saying what the plan already says is unchanged, and a table for another year is refused whole.
    """
    res = FillResult()
    info = targets.get("plan") or {}
    year = info.get("year") if isinstance(info.get("year"), int) else None
    by_id = {i.get("id"): i for i in targets.get("indicators") or [] if isinstance(i, dict)}
    res.unknown = sorted({c.indicator for c in cells if c.indicator not in by_id})
    _refuse_other_year(cells, year, where)
    changes = _read_rows([c for c in cells if c.indicator in by_id], by_id, year, where, res)
    if res.problems:
        _refuse_settled_plan(cells, by_id, info, year, where)
        res.set = []
        return res
    for entry, filled in changes:
        entry.clear()
        entry.update(filled)
    return res


def _refuse_other_year(cells: list[FillCell], year: int | None, where: str) -> None:
    """A table written for another year's plan is refused whole (its year column says which)."""
    other = sorted({c.year for c in cells if c.year and c.year != str(year)})
    if other:
        raise InputRefused(msg("fill.other_year", where=where, years=", ".join(other), year=year),
                           msg("fill.other_year.hint", other=other[0]))


def _read_rows(cells: list[FillCell], by_id: dict[Any, dict[str, Any]], year: int | None, where: str,
               res: FillResult) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each row's change to its indicator (entry, as filled); a refused row goes to ``res.problems``, one
    saying what the plan says already to ``res.unchanged``, one setting something to ``res.set``."""
    changes = []
    for c in cells:
        entry = by_id[c.indicator]
        try:
            filled = _row_change(c, entry, year, f"{where}:{c.line}", res.notes)
        except InputRefused as exc:
            res.problems.append(FillProblem(c.line, exc.message, exc.hint, getattr(exc, "what", None)))
            continue
        if filled is None:
            res.unchanged.append(c.indicator)
        else:
            changes.append((entry, filled))
            res.set.append(c.indicator)
    return changes


def _refuse_settled_plan(cells: list[FillCell], by_id: dict[Any, dict[str, Any]], info: dict[str, Any],
                         year: int | None, where: str) -> None:
    """Rows refused in a plan with nothing to be set (last year's settled plan, or one filled already): one
    line, not a row per cell."""
    marked = [by_id[c.indicator] for c in cells if c.indicator in by_id and by_id[c.indicator].get("to_be_set")]
    if not marked:
        raise InputRefused(msg("fill.nothing_to_set", plan=info.get("id"), year=year, where=where),
                           msg("fill.nothing_to_set.hint", next=year + 1 if year else "YEAR"))


def _row_change(c: FillCell, entry: dict[str, Any], year: int | None, at: str,
                notes: list[str]) -> dict[str, Any] | None:
    """The indicator as the row makes it, or None when the row says what the plan already says.
    Refused: a cell that cannot be read, one changing what is already decided, one breaking the indicator."""
    values = _read_row(c, entry, year, at, notes)
    pending = set(entry.get("to_be_set") or [])
    fields = ({"target"} if c.new_target else set()) | ({"due"} if c.new_due else set())
    differs = [k for k, v in values.items() if k != "stated" and not _same(entry.get(k), v)]
    if not fields & pending and not differs:
        return None
    changed = {"due" if k == "due" else "target" for k in differs}
    settled = sorted(k for k in (fields - pending) & changed if entry.get(k) is not None)
    if settled:
        what = settled[0]
        now = entry.get("stated") if what == "target" and entry.get("stated") else entry.get(what)
        raise CellRefused(at, msg("fill.decided", id=c.indicator, what=msg(f"fill.word.{what}"), now=now),
                          msg("fill.decided.hint"))
    filled = _filled(entry, values)
    _refuse_breaking(entry, filled, at, c)
    return filled


def _read_row(c: FillCell, entry: dict[str, Any], year: int | None, at: str, notes: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if c.new_target:
        values = read_target(c.new_target, entry.get("unit"), at, notes)
        values["stated"] = c.new_target
        v = values["target"]
        values["target"] = int(v) if float(v).is_integer() else v
    if c.new_due:
        values["due"] = read_due(c.new_due, year, at, notes)
    return values


def _same(old: Any, new: Any) -> bool:
    old, new = (x.isoformat() if isinstance(x, dt.date) else x for x in (old, new))
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return old == new


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
        raise CellRefused(where, msg("fill.breaks", id=cell.indicator, typed=cell.new_target or cell.new_due, why=why),
                          msg("fill.breaks.hint", examples=EXAMPLES)) from None
