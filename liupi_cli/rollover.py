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
from liupi_cli.models import MOVED_TO_CONFIRM, Kind, Task
from liupi_cli.periods import Period, parse_period
from liupi_cli.plan import Plan
from liupi_cli.store import NewRecord, Record, TaskUpdate

NEEDS_TARGET = kinds_with("needs_target")
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
    achieved = []
    for ind in plan.indicators.values():
        last = _latest(actuals.get(ind.id, []))
        if _achieved(ind, last):  # like a done task: left out, listed in the review
            achieved.append((ind.id, ind.name_zh, last.period))  # type: ignore[union-attr]
            continue
        entry = _dump(ind)
        entry["id"] = ind.id
        for k in ("target", "alternatives", "judged_because", "due"):
            entry.pop(k, None)
        entry["comparator"] = ind.comparator.value
        entry.pop("to_be_set", None)
        if ind.kind is Kind.milestone:
            if ind.due is not None and ind.due.year >= year:
                entry["due"] = ind.due.isoformat()  # due in the new year or later: still its date, not in the table
            else:
                entry["to_be_set"] = ["due"]
                fill.append(_fill_row(ind, last, last_due=ind.due.isoformat() if ind.due else None))
            if ind.target is not None:
                entry["target"] = ind.target
        if ind.kind is Kind.standard_raised:
            if last is not None:
                entry["baseline"] = last.value
            elif ind.target is not None:
                entry["baseline"] = ind.target
                notes.append(
                    f"{ind.id}: no result recorded for {old}; baseline set to last year's target "
                    f"{ind.target:g} (the standard promised): check it"
                )
            else:  # last year's target was never set either: the standard it started from stays
                entry["baseline"] = ind.baseline
                notes.append(f"{ind.id}: no result recorded for {old} and its target was never set; baseline kept "
                             f"at {ind.baseline:g}: check it")
        if ind.kind is Kind.double_decline:
            for _, r in actuals.get(ind.id, []):
                baselines.append(NewRecord(ind.id, r.period, r.value, r.entered, r.entered_unit, r.unit,
                                           baseline=True, source=f"{plan.info.id} actual", note=f"carried from {old}"))
            if not any(b.indicator == ind.id for b in baselines):
                notes.append(f"{ind.id}: no {old} counts recorded: record last year's figures with --baseline")
        if ind.kind in NEEDS_TARGET:
            fill.append(_fill_row(ind, last))
            entry["to_be_set"] = ["target"]
        if ind.kind in (Kind.zero_events, Kind.ranking) and ind.target is not None:
            entry["target"] = ind.target  # zero stays zero; a ranking aim is usually kept
        indicators.append(entry)

    tasks, deadlines, dropped = _carry_tasks(plan, updates, old, year)
    kept_ids = {t["id"] for t in tasks}
    for entry in indicators:
        if entry.get("task") and entry["task"] not in kept_ids:
            entry.pop("task")
    left_out = {i for i, _, _ in achieved}
    for entry in indicators:  # nothing points at a milestone left out
        if entry.get("linked_to") in left_out:
            entry.pop("linked_to")
    for t in tasks:
        if left_out & set(t.get("indicators") or []):
            t["indicators"] = [i for i in t["indicators"] if i not in left_out]
    n_ms = sum(1 for e in indicators if "due" in e.get("to_be_set", []))
    if n_ms:
        notes.append(f"{n_ms} milestone(s) need this year's due date (new_due in the table)")
    notes.append(f"{len(tasks)} task(s) carried (not done), {dropped} done and left out")
    if achieved:
        notes.append(f"{len(achieved)} milestone(s) reached in {old} left out (next-year-review.md lists them)")
    old_texts = _old_year_texts(plan, old)
    if old_texts:
        notes.append(f"{len(old_texts)} name(s) or stated text(s) still say {old}: reword them "
                     "(next-year-review.md lists them)")
    if deadlines:
        moved = sum(1 for d in deadlines if d.now is not None)
        notes.append(f"{moved} carried deadline(s) moved into {year} and {len(deadlines) - moved} left to be set: "
                     "review them (next-year-review.md)")

    targets = {
        "plan": info,
        "settings": plan.settings.model_dump(mode="json", exclude_none=True),
        "units": [dict(_dump(u), id=u.id) for u in plan.units.values()],
        "battles": [dict(_dump(b), id=b.id) for b in plan.battles.values()],
        "indicators": indicators,
    }
    return NextYear(targets, tasks, baselines, fill, notes, len(tasks), deadlines, achieved, old_texts)


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
