"""Next year's plan from this year's: `liupi plan next --year 2024`.

Units, battles and settings are carried over. Every indicator is carried with its target marked "to be
set" (``to_be_set: [target]``; a milestone's date: ``[due]``): the new plan works at once, those rows are
judged grey and `liupi check` lists them as warnings. A table to fill (last year's target, last year's
result, new target) goes with it. Where a kind needs a starting point, last year's actuals become this
year's: a double decline is judged against last year's same-period counts (written as baseline records
into the new store), a raised standard starts from the standard last year reached.

Tasks not done are carried with a flag; done ones are not. No carried task is overdue from last year:
a deadline in last year moves to the same month and day of the new year, flagged for review; one before
last year (nothing sensible to move it to) becomes "to be set" (no date); an ongoing task (长期坚持,
持续推进) stays ongoing; a deadline already in the new year or later is kept.
Nothing here writes: it returns what the new plan holds; last year's store is only read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import FillRow
from liupi_cli.kinds import kinds_with
from liupi_cli.messages import msg
from liupi_cli.models import MOVED_TO_CONFIRM, Indicator, Kind, Task
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.store import NewRecord, Record, TaskUpdate

NEEDS_TARGET = kinds_with("needs_target")
REVIEW_FILE = "next-year-review.md"  # what to review, written beside the new plan (next_workspace.REVIEW)
@dataclass(frozen=True)
class DeadlineChange:
    """A carried task's deadline as it was and as the new plan has it (None: to be set)."""

    task: str
    title_zh: str
    was: dt.date
    now: dt.date | None


@dataclass
class NextYear:
    targets: dict[str, Any]
    tasks: list[dict[str, Any]]
    baselines: list[NewRecord]
    fill: list[FillRow]
    notes: list[str] = field(default_factory=list)
    carried_tasks: int = 0
    deadlines: list[DeadlineChange] = field(default_factory=list)
    achieved: list[tuple[str, str, str]] = field(default_factory=list)  # milestones done last year: id, name, period
    old_year_texts: list[tuple[str, str, str]] = field(default_factory=list)  # (id, field, text) saying last year


def to_be_set_count(plan: Plan) -> int:
    """How many indicators still have a target (or a milestone's date) to be set: the one count that
    `liupi plan next`, `liupi plan fill`, `liupi check` and the report's summary line give."""
    return sum(1 for i in plan.indicators.values() if i.target_to_be_set)


def _achieved(ind, last: Record | None) -> bool:
    """A milestone reached last year (its latest figure is done): nothing is owed for it next year."""
    return ind.kind is Kind.milestone and last is not None and last.value >= 1


def _old_year_texts(plan: Plan, old: int) -> list[tuple[str, str, str]]:
    """Names and stated texts still saying last year (2023年度抽查计划): carried as they are, to be reworded."""
    out = []
    for ind in plan.indicators.values():
        for name in ("name_zh", "name_en", "stated"):
            text = getattr(ind, name)
            if text and str(old) in text:
                out.append((ind.id, name, text))
    for t in plan.tasks.values():
        for name in ("title_zh", "summary"):
            text = getattr(t, name, None)
            if text and str(old) in text:
                out.append((t.id, name, text))
    return out


def _same_day(day: dt.date, year: int) -> dt.date:
    """The same month and day in ``year`` (29 February: the 28th in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def carry_deadline(deadline: Any, old: int, new: int) -> tuple[Any, str | None]:
    """(the new plan's deadline, why it changed or None). Never a date before the new year."""
    if not isinstance(deadline, dt.date) or deadline.year >= new:
        return deadline, None  # ongoing, none, or already in the new year or later
    if deadline.year >= old:
        moved = _same_day(deadline, new)
        return moved, f"deadline moved from {deadline} to {moved} (same day in {new}): review it"
    return None, f"deadline {deadline} was before {old}: to be set"


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
    """Next year's plan: the plan's entry, its indicators (targets to be set), its open tasks, last year's
    baselines and the table to fill, with notes of what to check."""
    old = plan.info.year
    if year <= old:
        raise InputRefused(msg("next.year_not_later", old=old, year=year),
                           msg("next.year_not_later.hint", next=old + 1))
    notes: list[str] = [msg("next.carried_from", plan=plan.info.id, old=old)]
    carried = _carry_indicators(plan, records, old, year, notes)
    tasks, deadlines, dropped = _carry_tasks(plan, updates, old, year)
    _drop_links(carried, tasks)
    old_texts = _old_year_texts(plan, old)
    notes += _summary_notes(carried, tasks, deadlines, dropped, len(old_texts), old, year)
    targets = {
        "plan": _plan_entry(plan, old, year),
        "settings": plan.settings.model_dump(mode="json", exclude_none=True),
        "units": [dict(_dump(u), id=u.id) for u in plan.units.values()],
        "battles": [dict(_dump(b), id=b.id) for b in plan.battles.values()],
        "indicators": carried.indicators,
    }
    return NextYear(targets, tasks, carried.baselines, carried.fill, notes, len(tasks), deadlines, carried.achieved,
                    old_texts)


def _plan_entry(plan: Plan, old: int, year: int) -> dict[str, Any]:
    """The plan's own entry for the new year: its id and titles say the new year; the document number and
    issue date belong to last year's document."""
    info = _dump(plan.info)
    info["id"] = re.sub(str(old), str(year), info["id"]) if str(old) in info["id"] else f"{info['id']}-{year}"
    info["year"] = year
    info["title_zh"] = _year_text(info["title_zh"], old, year)
    for k in ("doc_no", "issued", "source_file"):
        info.pop(k, None)
    info["title_en"] = _year_text(info["title_en"], old, year)
    return info


@dataclass
class _Carried:
    """The indicators carried so far, with the table rows, baseline records and notes they bring."""

    notes: list[str]
    indicators: list[dict[str, Any]] = field(default_factory=list)
    fill: list[FillRow] = field(default_factory=list)
    baselines: list[NewRecord] = field(default_factory=list)
    achieved: list[tuple[str, str, str]] = field(default_factory=list)


def _carry_indicators(plan: Plan, records: list[Record], old: int, year: int, notes: list[str]) -> _Carried:
    """Every indicator not reached for good, as next year's entry; a milestone reached last year is left out."""
    carried = _Carried(notes)
    actuals = _by_indicator(records, old)
    for ind in plan.indicators.values():
        last = _latest(actuals.get(ind.id, []))
        if _achieved(ind, last):  # like a done task: left out, listed in the review
            carried.achieved.append((ind.id, ind.name_zh, last.period))  # type: ignore[union-attr]
            continue
        entry = _open_entry(ind)
        if ind.kind is Kind.milestone:
            _carry_milestone(entry, ind, last, year, carried)
        if ind.kind is Kind.standard_raised:
            entry["baseline"] = _raised_from(ind, last, old, notes)
        if ind.kind is Kind.double_decline:
            _carry_counts(ind, actuals.get(ind.id, []), plan.info.id, old, carried)
        if ind.kind in NEEDS_TARGET:
            carried.fill.append(_fill_row(ind, last))
            entry["to_be_set"] = ["target"]
        if ind.kind in (Kind.zero_events, Kind.ranking) and ind.target is not None:
            entry["target"] = ind.target  # zero stays zero; a ranking aim is usually kept
        carried.indicators.append(entry)
    return carried


def _open_entry(ind: Indicator) -> dict[str, Any]:
    """The indicator without last year's target, its alternatives, reasons and date."""
    entry = _dump(ind)
    entry["id"] = ind.id
    for k in ("target", "alternatives", "judged_because", "due"):
        entry.pop(k, None)
    entry["comparator"] = ind.comparator.value
    entry.pop("to_be_set", None)
    return entry


def _carry_milestone(entry: dict[str, Any], ind: Indicator, last: Record | None, year: int, carried: _Carried) -> None:
    """A date in the new year or later is kept; an earlier one (or none) is to be set, a row of the table."""
    if ind.due is not None and ind.due.year >= year:
        entry["due"] = ind.due.isoformat()  # due in the new year or later: still its date, not in the table
    else:
        entry["to_be_set"] = ["due"]
        carried.fill.append(_fill_row(ind, last, last_due=ind.due.isoformat() if ind.due else None))
    if ind.target is not None:
        entry["target"] = ind.target


def _raised_from(ind: Indicator, last: Record | None, old: int, notes: list[str]) -> Any:
    """A raised standard starts from the standard last year reached; else from the one it promised, else
    from where it started last year (both noted: check them)."""
    if last is not None:
        return last.value
    if ind.target is not None:
        notes.append(msg("next.baseline_from_target", id=ind.id, old=old, target=f"{ind.target:g}"))
        return ind.target
    # last year's target was never set either: the standard it started from stays
    notes.append(msg("next.baseline_kept", id=ind.id, old=old, baseline=f"{ind.baseline:g}"))
    return ind.baseline


def _carry_counts(ind: Indicator, figures: list[tuple[Period, Record]], plan_id: str, old: int,
                  carried: _Carried) -> None:
    """A double decline is judged against last year's counts: each becomes a baseline record."""
    for _, r in figures:
        carried.baselines.append(NewRecord(ind.id, r.period, r.value, r.entered, r.entered_unit, r.unit,
                                           baseline=True, source=f"{plan_id} actual", note=f"carried from {old}"))
    if not figures:
        carried.notes.append(msg("next.no_counts", id=ind.id, old=old))


def _drop_links(carried: _Carried, tasks: list[dict[str, Any]]) -> None:
    """Nothing points at a task left out (done) or at a milestone left out (reached)."""
    kept_ids = {t["id"] for t in tasks}
    left_out = {i for i, _, _ in carried.achieved}
    for entry in carried.indicators:
        if entry.get("task") and entry["task"] not in kept_ids:
            entry.pop("task")
        if entry.get("linked_to") in left_out:
            entry.pop("linked_to")
    for t in tasks:
        if left_out & set(t.get("indicators") or []):
            t["indicators"] = [i for i in t["indicators"] if i not in left_out]


def _summary_notes(carried: _Carried, tasks: list[dict[str, Any]], deadlines: list[DeadlineChange], dropped: int,
                   old_texts: int, old: int, year: int) -> list[str]:
    """The counts a person checks: dates to set, tasks carried, what was left out, texts and deadlines to review."""
    notes: list[str] = []
    n_ms = sum(1 for e in carried.indicators if "due" in e.get("to_be_set", []))
    if n_ms:
        notes.append(msg("next.milestones_due", count=n_ms))
    notes.append(msg("next.tasks_carried", carried=len(tasks), dropped=dropped))
    if carried.achieved:
        notes.append(msg("next.milestones_reached", count=len(carried.achieved), old=old, review=REVIEW_FILE))
    if old_texts:
        notes.append(msg("next.old_year_texts", count=old_texts, old=old, review=REVIEW_FILE))
    if deadlines:
        moved = sum(1 for d in deadlines if d.now is not None)
        notes.append(msg("next.deadlines_moved", moved=moved, year=year, left=len(deadlines) - moved,
                         review=REVIEW_FILE))
    return notes


def _carry_tasks(plan: Plan, updates: list[TaskUpdate], old: int,
                 year: int) -> tuple[list[dict[str, Any]], list[DeadlineChange], int]:
    """The tasks not done (each with a note of how far it got), the deadlines that changed, how many done."""
    latest: dict[str, TaskUpdate] = {}
    for u in updates:
        if u.current and (u.task not in latest or (u.date, u.id) > (latest[u.task].date, latest[u.task].id)):
            latest[u.task] = u
    tasks, deadlines, dropped = [], [], 0
    for t in plan.tasks.values():
        u = latest.get(t.id)
        if u is not None and u.status == "done":
            dropped += 1
            continue
        entry, change = _carry_task(t, u, old, year)
        tasks.append(entry)
        if change is not None:
            deadlines.append(change)
    return tasks, deadlines, dropped


def _carry_task(t: Task, u: TaskUpdate | None, old: int, year: int) -> tuple[dict[str, Any], DeadlineChange | None]:
    entry = dict(_dump(t), id=t.id)
    state = f"{u.status}{f' {u.percent:g}%' if u.percent is not None else ''} on {u.date}" if u else \
        "no progress recorded"
    deadline, why = carry_deadline(t.deadline, old, year)
    if t.deadline == "ongoing":
        flag = f"carried from {old} (ongoing; {state})"
    else:
        flag = f"carried from {old}: not done ({state})" + (f"; {why}" if why else "")
    entry["note"] = flag + (f"; {t.note}" if t.note else "")
    if not why:
        return entry, None
    if deadline is None:
        entry.pop("deadline", None)
        entry["deadline_text"] = f"待定（原{t.deadline_text or t.deadline}）"
    else:
        entry["deadline"] = deadline.isoformat()
        entry["deadline_text"] = f"{_year_text(t.deadline_text, old, year) or deadline}{MOVED_TO_CONFIRM}"
    return entry, DeadlineChange(t.id, t.title_zh, t.deadline, deadline)  # type: ignore[arg-type]


def review_md(nxt: NextYear, year: int) -> str:
    """What to look at before relying on the new plan: moved deadlines, targets to be set, notes."""
    lines = [f"# {year}: what to review", "", "## Notes", ""] + [f"- {n}" for n in nxt.notes]
    lines += ["", "## Carried deadlines (review each)", ""]
    lines += ["| task | title | was | now |", "|---|---|---|---|"] if nxt.deadlines else ["none"]
    for d in nxt.deadlines:
        lines.append(f"| {d.task} | {_cell(d.title_zh)} | {d.was} | {d.now or 'to be set'} |")
    lines += ["", "## Milestones reached last year (left out)", ""]
    lines += ["| indicator | name | reached |", "|---|---|---|"] if nxt.achieved else ["none"]
    lines += [f"| {i} | {_cell(name)} | {period} |" for i, name, period in nxt.achieved]
    lines += ["", "## Names and texts that still say last year (reword them in data/)", ""]
    lines += ["| id | field | text |", "|---|---|---|"] if nxt.old_year_texts else ["none"]
    lines += [f"| {i} | {name} | {_cell(text)} |" for i, name, text in nxt.old_year_texts]
    lines += ["", "## Targets to be set", "", f"{len(nxt.fill)} row(s) in targets-to-fill.csv: fill new_target "
              "(7%, 360000万元, 增长8%以上, 控制在5.5%左右) and new_due for milestones, then "
              "`liupi plan fill targets-to-fill.csv`.", ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
