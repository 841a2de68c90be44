"""Turning what a user typed (or a bureau's spreadsheet) into records, refusing what cannot be right."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from liupi_cli import plausible
from liupi_cli.errors import InputRefused, LiupiError
from liupi_cli.figure_sheet import RowProblem
from liupi_cli.gcpause import paused_gc
from liupi_cli.kinds import kinds_with
from liupi_cli.messages import msg
from liupi_cli.models import FIGURE_LIMIT, Frequency, Indicator, Kind
from liupi_cli.owners import indicator_units
from liupi_cli.periods import Period, normalise_text, parse_period, period_for
from liupi_cli.plan import Plan
from liupi_cli.quantity import parse_quantity
from liupi_cli.store import CurrentFigure, NewRecord, Record, Standing, same_figure, standing

GROWTH_FLOOR = -100.0  # a growth below -100% is impossible; what is merely implausible is in plausible.py
# What a bureau writes in a value cell for "no figure this period" (not 无: for a count it may mean 0)
NO_FIGURE = {"", "-", "--", "—", "——", "–", "/", "n/a"}
# Kinds whose figures are year-to-date totals: within a year a later figure is never smaller.
YEAR_TO_DATE_KINDS = kinds_with("year_to_date")
COUNT_KINDS = kinds_with("never_negative")  # counts and levels may not be below 0; a growth rate may


def sanity(ind: Indicator, value: float, force: bool) -> None:
    if not math.isfinite(value):
        raise InputRefused(msg("value.id_not_finite", id=ind.id))
    if abs(value) > FIGURE_LIMIT:
        raise InputRefused(msg("value.too_large", id=ind.id, value=f"{value:g}{ind.unit or ''}"),
                           msg("value.too_large.hint"))
    if ind.kind in COUNT_KINDS and value < 0:
        raise InputRefused(msg("value.negative", id=ind.id, value=f"{value:g}", name=ind.name_zh),
                           msg("value.negative.hint"))
    if ind.kind is Kind.growth_rate and value < GROWTH_FLOOR:
        raise InputRefused(msg("value.growth_impossible", id=ind.id, value=f"{value:g}"))
    if ind.unit == "‰" and value > 1000:
        raise InputRefused(msg("value.over_permille", id=ind.id, value=f"{value:g}"))
    if ind.kind is Kind.ranking and (value < 1 or value != int(value)):
        raise InputRefused(msg("value.rank", id=ind.id, value=f"{value:g}"))
    implausible = None if force else plausible.check(ind, value)
    if implausible:
        raise InputRefused(*implausible)


def make_record(plan: Plan, given_id: str, value_text: str, period_text: str, *, baseline: bool = False,
                source: str | None = None, note: str | None = None, force: bool = False) -> NewRecord:
    """Validate one figure; raises InputRefused / UnknownId with a hint.

    A period written without its year (``1-6月``, ``二季度``) is in the plan year, or in the previous
    year for a baseline figure.
    """
    iid = plan.indicator_id(_settled_by_unit(plan, str(given_id).strip(), str(value_text)))
    ind = plan.indicators[iid]
    year = plan.info.year - 1 if baseline else plan.info.year
    period = period_for(ind.frequency, parse_period(str(period_text), year), plan.info.year, baseline)
    q = parse_quantity(str(value_text), ind.unit)
    sanity(ind, q.value, force)
    return NewRecord(indicator=iid, period=period.key, value=q.value, entered=q.entered,
                     entered_unit=q.entered_unit, unit=ind.unit, baseline=baseline,
                     source=source or None, note=note or None)


Key = tuple[str, str, bool]  # (indicator, period, baseline)
Current = dict[Key, Record] | dict[Key, CurrentFigure]  # Store.current_figures(), or records a caller holds


@dataclass(frozen=True)
class Change:
    row: int | None  # the file's row number; None for a figure given on the command line
    record: NewRecord
    replaces: Record | CurrentFigure | None  # the current figure a revision supersedes (or, when unchanged, equals)


@dataclass
class Batch:
    changes: list[Change]  # to be written, all or none
    unchanged: list[Change]  # the same figure is already current: nothing to write
    problems: list[RowProblem]
    no_figure: int = 0  # rows left blank or marked — or /: nothing to record, and not zero

    @property
    def records(self) -> list[NewRecord]:
        return [c.record for c in self.changes]


def _yes_no(text: str) -> bool:
    t = normalise_text(text).lower()
    if t in ("", "0", "false", "no", "n", "否"):
        return False
    if t in ("1", "true", "yes", "y", "是", "√", "✓"):
        return True
    raise InputRefused(msg("record.baseline_cell", text=text), msg("record.baseline_cell.hint"))


@dataclass(frozen=True)
class Given:
    """What the user gave beside the figures (--period, --source, --note, --baseline): the same on every
    recording path. A file's own cell wins over it for its row; an empty cell takes it (--baseline: a file
    without a 去年同期 column)."""

    period: str | None = None
    source: str | None = None
    note: str | None = None
    baseline: bool = False


def _row_record(plan: Plan, row: dict[str, str], force: bool, given: Given) -> NewRecord:
    ident, name = row.get("id", ""), row.get("name", "")
    if ident and name:  # both given: they must agree (a column sorted on its own misaligns them)
        iid = plan.indicator_id(ident)
        if name not in (plan.indicators[iid].name_zh, iid) and _indicator_or_none(plan, name) != iid:
            raise InputRefused(msg("record.name_mismatch", id=iid, name=plan.indicators[iid].name_zh, given=name),
                               msg("record.name_mismatch.hint"))
    value = row["value"]
    tail = normalise_text(value).lstrip("+-")[-1:]  # ％ is %: a full-width unit typed in the cell is a unit
    if row.get("unit") and not any(ch.isalpha() or ch in "%‰" for ch in tail):
        value = value + row["unit"]
    baseline = _yes_no(row["baseline"]) if "baseline" in row else given.baseline
    period = row.get("period") or given.period
    if not period:  # no 期间 cell (or no such column) and no --period
        raise InputRefused(msg("record.no_period"), msg("record.no_period.hint"))
    return make_record(plan, ident or name, value, period, baseline=baseline,
                       source=row.get("source") or given.source, note=row.get("note") or given.note, force=force)


def _settled_by_unit(plan: Plan, name: str, value: str) -> str:
    """A name two indicators share (社会消费品零售总额: growth in %, amount in 亿元) settled by the figure's
    unit: 185000万元 is the amount. Without a unit that fits one of them the name stays ambiguous."""
    ids = plan.indicators_named(name)
    if len(ids) < 2:
        return name
    fits = [iid for iid in ids if _fits(value, plan.indicators[iid].unit)]
    return fits[0] if len(fits) == 1 else name


def _fits(value: str, unit: str | None) -> bool:
    try:
        parse_quantity(value, unit)
    except LiupiError:
        return False
    return True


def _indicator_or_none(plan: Plan, name: str) -> str | None:
    try:
        return plan.indicator_id(name)
    except LiupiError:
        return None


@paused_gc()
def prepare_batch(plan: Plan, current: Current, rows: list[tuple[int, dict[str, str]]], *,
                  revise: bool = False, force: bool = False, note: str | None = None,
                  given: Given | None = None) -> Batch:
    """Check every row of a file against the plan and the current figures (``Store.current_figures``).

    The caller writes all the changes or none. A row whose figure is already current is unchanged:
    neither a problem nor a revision. One dictionary lookup per row; no query. ``given`` fills what a row
    leaves empty (its period, source, note, baseline); ``note`` alone is the older spelling of ``given.note``.
    """
    given = given or Given(note=note)
    note = given.note
    if given.baseline and any("baseline" in row for _, row in rows[:1]):
        raise InputRefused(msg("record.baseline_twice"), msg("record.baseline_twice.hint"))
    problems: list[RowProblem] = []
    candidates: list[tuple[int | None, NewRecord]] = []
    seen: dict[Key, int] = {}
    no_figure = 0
    for n, row in rows:
        if normalise_text(row.get("value", "")).lower() in NO_FIGURE:
            no_figure += 1  # a template row left empty, or marked "no figure": nothing to record
            continue
        try:
            rec = _row_record(plan, row, force, given)
        except LiupiError as exc:
            problems.append(RowProblem(n, exc.message, exc.hint))
            continue
        key = (rec.indicator, rec.period, rec.baseline)
        if key in seen:
            problems.append(RowProblem(n, msg("record.also_in_row", id=rec.indicator, period=rec.period,
                                              row=seen[key])))
            continue
        seen[key] = n
        candidates.append((n, rec))
    batch = check_changes(plan, current, candidates, revise=revise, force=force)
    batch.problems = sorted(problems + batch.problems, key=lambda p: p.row)
    batch.no_figure = no_figure
    return batch


def check_changes(plan: Plan, current: Current, candidates: list[tuple[int | None, NewRecord]], *,
                  revise: bool = False, force: bool = False) -> Batch:
    """Sort valid figures into changes, unchanged ones and refusals: a period that already has
    another figure (without --revise); a year-to-date figure that would fall within its year."""
    changes: list[Change] = []
    unchanged: list[Change] = []
    problems: list[RowProblem] = []
    for n, rec in candidates:
        old = current.get((rec.indicator, rec.period, rec.baseline))
        verdict = standing(old.value if old else None, rec.value, revise)  # the rule the store applies too
        if verdict is Standing.UNCHANGED:
            unchanged.append(Change(n, rec, old))
        elif verdict is Standing.DUPLICATE:
            which = msg("record.duplicate.which" if rec.baseline else "record.duplicate.which_none")
            problems.append(RowProblem(n or 0, msg("record.duplicate", id=rec.indicator, which=which,
                                                   entered=old.entered, period=rec.period, by=old.recorded_by,
                                                   at=old.recorded_at),
                                       msg("record.duplicate_row.hint"), needs="revise"))
        else:
            changes.append(Change(n, rec, old))
    problems += _falling_year_to_date(plan, current, changes, force)
    return Batch(changes, unchanged, problems)


Seen = list[tuple[Period, tuple[float, str, str]]]  # one indicator's figures by period: (value, entered, where)


def _falling_year_to_date(plan: Plan, current: Current, changes: list[Change], force: bool) -> list[RowProblem]:
    """Year-to-date totals never fall within a year: 1 major accident by March and 0 by June means
    one of the two figures is wrong. Compared with the earlier periods (recorded or in this batch)
    and with the later recorded ones; --force with a note (the record's own: a row's 备注 or --note, which every
    path puts on the record) lets a real fall through."""
    ytd = [c for c in changes if _only_grows(plan.indicators[c.record.indicator])]
    if not ytd:
        return []
    recorded = _recorded_by_period(current, {(c.record.indicator, c.record.baseline) for c in ytd})
    with_batch = _with_batch(recorded, ytd)
    problems = []
    for c in ytd:
        if force and c.record.note:
            continue  # a real fall, explained
        key = (c.record.indicator, c.record.baseline)
        clash = _below_earlier(c.record, with_batch[key]) or _above_later(c.record, recorded.get(key, []))
        if clash:
            message, period = clash
            hint = msg("record.falls_force.hint") if force else msg("record.falls.hint", period=period.key)
            problems.append(RowProblem(c.row or 0, message, hint, needs="force"))
    return problems


def _only_grows(ind: Indicator) -> bool:
    """A year-to-date total, or a year-to-date rate (受害率): within a year it only grows."""
    return ind.kind in YEAR_TO_DATE_KINDS or bool(ind.year_to_date)


def _recorded_by_period(current: Current, wanted: set[tuple[str, bool]]) -> dict[tuple[str, bool], Seen]:
    """The recorded figures of the wanted (indicator, baseline) pairs, each pair's in period order."""
    found: dict[tuple[str, bool], dict[Period, tuple[float, str, str]]] = {}
    for (iid, period, baseline), r in current.items():
        if (iid, baseline) in wanted:
            found.setdefault((iid, baseline), {})[_period(period)] = (r.value, r.entered, msg("record.where.recorded"))
    return {k: sorted(v.items()) for k, v in found.items()}


def _with_batch(recorded: dict[tuple[str, bool], Seen], changes: list[Change]) -> dict[tuple[str, bool], Seen]:
    """What is recorded with this batch's figures over it (a batch's row replaces a recorded period)."""
    merged = {k: dict(v) for k, v in recorded.items()}
    for c in changes:
        where = msg("word.row", row=c.row) if c.row else msg("word.given")
        merged.setdefault((c.record.indicator, c.record.baseline), {})[_period(c.record.period)] = (
            c.record.value, c.record.entered, where)
    return {k: sorted(v.items()) for k, v in merged.items()}


def _below_earlier(rec: NewRecord, seen: Seen) -> tuple[str, Period] | None:
    """The latest earlier period of the year whose figure is larger than this one, said as a refusal."""
    here = _period(rec.period)
    clash = None
    for p, (value, entered, where) in seen:
        if p.year == here.year and p.months < here.months and _falls(value, rec.value):
            clash = (msg("record.falls", id=rec.indicator, period=rec.period, entered=rec.entered, earlier=entered,
                         earlier_period=p.key, where=where), p)
    return clash


def _above_later(rec: NewRecord, seen: Seen) -> tuple[str, Period] | None:
    """The first later recorded period of the year whose figure is smaller than this one, said as a refusal."""
    here = _period(rec.period)
    for p, (value, entered, _) in seen:
        if p.year == here.year and p.months > here.months and _falls(rec.value, value):
            return (msg("record.falls_later", id=rec.indicator, period=rec.period, entered=rec.entered,
                        later=entered, later_period=p.key), p)
    return None


def _falls(before: float, after: float) -> bool:
    return after < before and not same_figure(before, after)


def forced(plan: Plan, records: list[Record]) -> frozenset[int]:
    """The ids of the records whose figure is outside its plausible range: they were recorded with --force."""
    return frozenset(r.id for r in records if r.indicator in plan.indicators
                     and plausible.check(plan.indicators[r.indicator], r.value) is not None)


@functools.lru_cache(maxsize=4096)
def _period(key: str) -> Period:
    """A stored period key (2023-06, 2023Q2, 2023) as a Period; keys repeat thousands of times in an import."""
    return parse_period(key)


def due_indicators(plan: Plan, period: Period, battle: str | None = None, unit: str | None = None) -> list[Indicator]:
    """The indicators that publish a figure for this period, for prompting and templates."""
    battle_id = plan.battle_id(battle) if battle else None
    unit_id = plan.unit_id(unit) if unit else None
    out = []
    for ind in plan.indicators.values():
        if battle_id and ind.battle != battle_id:
            continue
        if unit_id and unit_id not in indicator_units(plan, ind):
            continue
        f = ind.frequency
        if (f is Frequency.monthly or f is Frequency.once
                or (f is Frequency.quarterly and period.months % 3 == 0)
                or (f is Frequency.annual and period.months == 12)):
            out.append(ind)
    return out
