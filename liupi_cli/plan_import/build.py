"""Normalised task lists → plan entries (tasks, new units, new battles, candidate indicators) and the
review: every reading liupi was not sure of, with the row it came from."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from liupi_cli.models import Battle, Indicator, Unit
from liupi_cli.plan_import.deadlines import parse_deadline
from liupi_cli.plan_import.normalise import RawTask, TaskList, clean
from liupi_cli.plan_import.targets import Candidate, clauses, parse_target
from liupi_cli.plan_import.units import UnitBook, tidy

ADOPT = 0.8  # candidates at or above this confidence go into the plan; the rest only into the review


@dataclass
class ReviewItem:
    ref: str
    message: str
    task: str | None = None


@dataclass
class Built:
    tasks: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)  # new units
    battles: list[dict[str, Any]] = field(default_factory=list)  # new battles
    indicators: list[dict[str, Any]] = field(default_factory=list)  # adopted candidates
    candidates: list[tuple[str, Candidate, str]] = field(default_factory=list)  # (task id, candidate, ref)
    review: list[ReviewItem] = field(default_factory=list)
    year: int | None = None
    title: str | None = None


def _battle_for(tl: TaskList, battles: list[Battle], given: str | None) -> Battle | None:
    if given:
        for b in battles:
            if given in (b.id, str(b.number), b.name_zh):
                return b
        return None
    for b in battles:
        if tl.label and b.attachment and (tl.label == b.attachment or tl.label.startswith(b.attachment + "-")):
            return b
    for b in battles:
        if tl.title and b.name_zh in tl.title:
            return b
    return None


def build(
    lists: list[TaskList],
    units: list[Unit],
    battles: list[Battle],
    indicators: list[Indicator],
    year: int | None,
    battle: str | None,
    prefixes: list[str] | None = None,
    owned: list[str | None] | None = None,
) -> Built:
    """``prefixes``: each list's id namespace (liupi_cli.plan_import.lists), else from its 附件 number;
    ``owned``: the battle each list was given when imported before (None: a list new to the plan). A new
    list never joins a battle another imported list owns because their 附件 numbers agree."""
    out = Built()
    book = UnitBook(units)
    all_battles = list(battles)
    out.year = year or _guess_year(lists, out)
    stated_known = {tidy(i.stated): i.id for i in indicators if i.stated}
    by_task: dict[str, list[str]] = {}
    for i in indicators:
        if i.task:
            by_task.setdefault(i.task, []).append(i.id)
    seen_ids: set[str] = set()
    for k, tl in enumerate(lists, 1):
        for ref, msg in tl.notes:
            out.review.append(ReviewItem(ref, msg))
        b = _list_battle(tl, k, battle, owned, all_battles, book, out)
        prefix = prefixes[k - 1] if prefixes else tl.prefix or (f"l{k}" if len(lists) > 1 else "t")
        for raw in tl.tasks:
            task = _task(raw, prefix, tl, b.id, book, out)
            _unique_id(task, raw, seen_ids, out)
            _targets(raw, task, b.id, stated_known, out, by_task.get(task["id"], []))
            out.tasks.append(task)
        out.title = out.title or tl.title
    _review_new_units(book, out)
    return out


def _list_battle(tl: TaskList, k: int, battle: str | None, owned: list[str | None] | None,
                 all_battles: list[Battle], book: UnitBook, out: Built) -> Battle:
    """The battle the ``k``-th list belongs to: the one it was given before, the one named (``battle``) or
    matched by 附件 number or title among those no other list owns, else a new battle (added to
    ``all_battles``)."""
    mine = owned[k - 1] if owned else None
    others = {o for o in owned or [] if o and o != mine}
    b = next((x for x in all_battles if x.id == mine), None) if mine and not battle else None
    b = b or _battle_for(tl, [x for x in all_battles if battle or x.id not in others], battle)
    if b is None:
        b = _new_battle(tl, k, battle, all_battles, book, out)
        all_battles.append(b)
    return b


def _unique_id(task: dict[str, Any], raw: RawTask, seen_ids: set[str], out: Built) -> None:
    """A number used twice in the document: the second task's id gets -2 (-3…), said in the review."""
    if task["id"] in seen_ids:
        n = 2
        while f"{task['id']}-{n}" in seen_ids:
            n += 1
        out.review.append(
            ReviewItem(raw.ref, f"number {task['source']} used twice: id {task['id']}-{n}", task["id"])
        )
        task["id"] = f"{task['id']}-{n}"
    seen_ids.add(task["id"])


def _review_new_units(book: UnitBook, out: Built) -> None:
    """Units the document names that the plan does not know: added, each with what to check."""
    for nu in book.new.values():
        entry = {"id": nu.id, "name_zh": nu.name_zh}
        out.units.append(entry)
        msg = f"new unit {nu.name_zh} → id {nu.id}: check the id, add name_en"
        if nu.near:
            msg += f"; looks like the known '{nu.near}' — if it is the same unit, add '{nu.name_zh}' to its aliases"
        if nu.written:
            msg += f"; written '{nu.written}: read without what no reader can see"
        if nu.odd:
            msg += "; the name does not end like a unit's (局, 委, 办, 中心…): check it is one"
        out.review.append(ReviewItem(nu.first_seen, msg))


def _guess_year(lists: list[TaskList], out: Built) -> int | None:
    years = Counter(int(y) for tl in lists for t in tl.tasks for y in re.findall(r"(20\d\d)年", t.deadline + t.text))
    if not years:
        return None
    year = years.most_common(1)[0][0]
    out.review.append(
        ReviewItem(
            lists[0].ref, f"plan year not given: {year} (the year the document names most); pass --year to set it"
        )
    )
    return year


def _new_battle(tl: TaskList, k: int, given: str | None, battles: list[Battle], book: UnitBook, out: Built) -> Battle:
    bid = given if given and re.fullmatch(r"[a-z0-9][a-z0-9_.\-]*", given) else None
    n = k
    while bid is None or any(b.id == bid for b in battles):  # a battle of a list imported before keeps its id
        bid, n = f"b{n}", n + 1
    name = tl.title or tl.label or f"任务清单{k}"
    name = re.sub(r"(重点)?(工作)?任务(清单|分解表)$", "", re.sub(r"^.{1,6}县(?=打好|关于)", "", name)) or name
    if tl.title and re.search(r"\d{4}\s*年|[〇○]", name):
        from liupi_cli.plan_import.lists import core_title

        name = core_title(tl.title)
    leads = Counter(lead for raw in tl.tasks for lead in book.split(raw.lead or raw.resp, raw.ref).ids[:1])
    lead = leads.most_common(1)[0][0] if leads else "tbd"
    number = max((b.number for b in battles), default=0) + 1
    b = Battle(
        id=bid,
        number=min(number, 99),
        name_zh=name,
        name_en="",
        lead_unit=lead,
        attachment=tl.label,
        source=tl.label or tl.ref,
    )
    entry = b.model_dump(exclude_none=True, exclude_defaults=True)
    entry.update({"id": bid, "number": b.number, "name_zh": name, "name_en": "", "lead_unit": lead, "source": b.source})
    out.battles.append(entry)
    out.review.append(
        ReviewItem(
            tl.ref,
            f"new battle {bid} ({name}) for this list: check its id, name_en and "
            f"lead unit ({lead}, the unit leading most tasks)",
        )
    )
    return b


def _task(raw: RawTask, prefix: str, tl: TaskList, battle: str, book: UnitBook, out: Built) -> dict[str, Any]:
    """One task from a row of the document: its id from the outline, its fields, and what to check in the review."""
    tid = prefix + "." + ".".join(str(n) for n in raw.path) if raw.path else prefix
    review = out.review
    units = _task_units(raw, book, tid, review)  # its unsure names reviewed first
    task: dict[str, Any] = {
        "id": tid,
        "battle": battle,
        "source": f"{tl.label} {raw.source_path}" if tl.label else raw.ref,
    }
    if raw.section:
        task["section"] = raw.section
    if raw.section_lead:
        sid = book.split(raw.section_lead, raw.ref).ids
        if sid:
            task["section_lead"] = sid[0]
    task["title_zh"] = clean(raw.title) or clean(raw.text)[:30]
    if not raw.title:
        review.append(ReviewItem(raw.ref, "no title: the first words of the text used", tid))
    if raw.text:
        task["summary"] = clean(raw.text.replace("\n", "；"))[:300]
    task.update(units)
    d = parse_deadline(raw.deadline, out.year)
    if d.value is not None:
        task["deadline"] = d.value
    if d.text:
        task["deadline_text"] = d.text
    if d.flag:
        review.append(ReviewItem(raw.ref, f"deadline '{d.text}': {d.flag}", tid))
    if raw.category:
        task["category"] = raw.category
    notes = _task_notes(raw)
    if notes:
        task["note"] = "；".join(notes)
    if raw.inherited:
        review.append(
            ReviewItem(
                raw.ref, "empty or merged cell(s) " + ", ".join(raw.inherited) + " taken from the row above", tid
            )
        )
    return task


def _task_units(raw: RawTask, book: UnitBook, tid: str, review: list[ReviewItem]) -> dict[str, Any]:
    """A task's lead and responsible units read from their cells (the first responsible unit leads when the
    table has no 牵头单位 column), and the names that are not units; what is unsure goes to the review."""
    lead = book.split(raw.lead, raw.ref)
    resp = book.split(raw.resp, raw.ref)
    for note in lead.unsure + resp.unsure:
        if not note.startswith("new unit"):
            review.append(ReviewItem(raw.ref, note, tid))
    leads, resps = lead.ids, resp.ids
    if raw.lead_from_resp and not leads and resps:
        leads, resps = resps[:1], resps[1:]
    if not leads:
        review.append(ReviewItem(raw.ref, "no lead unit (牵头单位 empty): name one", tid))
    fields: dict[str, Any] = {}
    if leads:
        fields["lead_units"] = leads
    if resps:
        fields["responsible_units"] = resps
    others = "; ".join(o for o in (lead.others, resp.others) if o)
    if others:
        fields["responsible_others"] = others
    return fields


def _task_notes(raw: RawTask) -> list[str]:
    """The leader, the progress column and the row's note, kept as the task's note."""
    notes = []
    if raw.leader:
        notes.append(f"牵头领导：{raw.leader}")
    if raw.progress:
        notes.append(f"进展情况：{clean(raw.progress)}")
    if raw.note:
        notes.append(raw.note)
    return notes


def _targets(
    raw: RawTask, task: dict[str, Any], battle: str, known: dict[str, str], out: Built, already: list[str]
) -> None:
    """The targets a task's text states: one the plan has already is linked; a new one is adopted as an
    indicator when the reading is sure enough, else listed in the review; the task names those it links."""
    linked: list[str] = list(already)
    n = 0
    for c in _stated_targets(raw):
        hit = _known_indicator(c, known)
        if hit:
            if hit not in linked:
                linked.append(hit)
            continue
        n += 1
        out.candidates.append((task["id"], c, raw.ref))
        linked.extend(_adopt(c, raw, task, battle, n, out))
    if linked:
        task["indicators"] = linked


def _stated_targets(raw: RawTask) -> Iterator[Candidate]:
    """Each target sentence of the goal, title and text, once (a title repeated in the text is read once)."""
    seen: set[str] = set()
    title = "" if raw.title and raw.title.split("：")[-1] in raw.text else raw.title
    for clause in clauses("\n".join(t for t in (raw.goal, title, raw.text) if t)):
        c = parse_target(clause)
        if c is not None and c.stated not in seen:
            seen.add(c.stated)
            yield c


def _known_indicator(c: Candidate, known: dict[str, str]) -> str | None:
    """The plan's indicator stating the same target (one stated text within the other), if any."""
    key = tidy(c.stated)
    return next((iid for st, iid in known.items() if st and (st in key or key in st)), None)


def _adopt(c: Candidate, raw: RawTask, task: dict[str, Any], battle: str, n: int, out: Built) -> list[str]:
    """The ids of the indicators made from a sure reading ([] for an unsure one); each is listed in the review."""
    what = f"{c.kind} {c.comparator} {_fmt(c.target)}{c.unit or ''}"
    adopted = _indicator(c, task, battle, n, out.year) if c.confidence >= ADOPT else None
    if not adopted:
        why = f" — {c.why}" if c.why else ""
        out.review.append(ReviewItem(raw.ref, f"possible target '{c.stated}': {what} (confidence {c.confidence:g}"
                                     f"{why}); not added", task["id"]))
        return []
    out.indicators.extend(adopted)
    out.review.append(ReviewItem(raw.ref, f"indicator {adopted[0]['id']} read from '{c.stated}': {what} "
                                 f"(confidence {c.confidence:g}; frequency set to annual)", task["id"]))
    return [a["id"] for a in adopted]


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _indicator(c: Candidate, task: dict[str, Any], battle: str, n: int, year: int | None) -> list[dict[str, Any]]:
    base = {
        "name_zh": _subject(c.stated) or task["title_zh"],
        "name_en": "",
        "battle": battle,
        "kind": c.kind,
        "comparator": c.comparator,
    }
    if c.qualifier:
        base["qualifier"] = c.qualifier
    if c.stretch:
        base["stretch"] = True
    if c.target is not None:
        base["target"] = int(c.target) if float(c.target).is_integer() else c.target
    if c.unit:
        base["unit"] = c.unit
    if c.baseline is not None:
        base["baseline"] = c.baseline
    base["frequency"] = "annual"
    if task.get("lead_units"):
        base["lead_unit"] = task["lead_units"][0]
    base.update(
        {
            "source": task["source"],
            "stated": c.stated,
            "task": task["id"],
            "note": f"imported (confidence {c.confidence:g}): check kind, target and frequency",
        }
    )
    iid = f"{task['id']}.i{n}"
    if c.kind == "double_decline":
        made = [
            dict(base, id=f"{iid}.events", unit="起", group=iid, name_zh=base["name_zh"] + "事故起数"),
            dict(base, id=f"{iid}.deaths", unit="人", group=iid, name_zh=base["name_zh"] + "死亡人数"),
        ]
    else:
        made = [dict(base, id=iid)]
    ordered = []
    for m in made:
        try:
            Indicator.model_validate(m)
        except ValueError:
            return []
        ordered.append({"id": m.pop("id"), **m})
    return ordered


def _subject(stated: str) -> str:
    m = re.match(
        r"^(?:力争|争取|确保|全年|全县|年度)*(.+?)(?:从|增长|增加|增速|达到|突破|超过|控制在|不低于|提高|\d)", stated
    )
    return m[1].strip("，,、") if m and 1 < len(m[1]) <= 20 else ""


__all__ = ["build", "Built", "ReviewItem", "dt"]
