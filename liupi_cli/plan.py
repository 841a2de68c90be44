"""Find, read and validate a plan directory (targets.yaml + tasks.yaml).

``check_plan`` collects every problem at once, each located at file:line.
``load_plan`` returns a ready ``Plan`` or raises ``PlanInvalid``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from liupi_cli.errors import InputRefused, PlanInvalid, PlanUnreadable, Problem, UnknownId
from liupi_cli.gcpause import paused_gc
from liupi_cli.messages import Items, Msg, msg
from liupi_cli.models import (
    Battle,
    Comparator,
    Indicator,
    Kind,
    PlanInfo,
    Settings,
    Task,
    Unit,
)
from liupi_cli.workspace import TARGETS, TASKS

if TYPE_CHECKING:  # reading YAML (and difflib's suggestions) is imported only when needed: a cached plan skips it
    from liupi_cli.yamlfile import LineMap


@dataclass
class Plan:
    info: PlanInfo
    settings: Settings
    units: dict[str, Unit]
    battles: dict[str, Battle]
    indicators: dict[str, Indicator]
    tasks: dict[str, Task]
    data_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    _unit_names: dict[str, str] = field(default_factory=dict, repr=False)
    _indicator_names: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for unit in self.units.values():
            for name in (unit.id, unit.name_zh, *unit.aliases):
                self._unit_names.setdefault(name, unit.id)
        for ind in self.indicators.values():  # one lookup per imported row, not a scan of every indicator
            for name in {ind.name_zh, unicodedata.normalize("NFKC", ind.name_zh)}:
                self._indicator_names.setdefault(name, []).append(ind.id)

    def unit_id(self, given: str) -> str:
        """An ascii id or a Chinese name (or alias) -> the unit id."""
        if given in self._unit_names:
            return self._unit_names[given]
        from liupi_cli.unit_names import close_units

        raise UnknownId("unit", given, close_units(given, self._unit_names))

    def battle_id(self, given: str) -> str:
        names = {b.id: b.id for b in self.battles.values()}
        for b in self.battles.values():
            names[str(b.number)] = b.id
            names[b.name_zh] = b.id
        if given in names:
            return names[given]
        raise UnknownId("battle", given, suggest(given, names),
                        known=[b.id for b in sorted(self.battles.values(), key=lambda b: b.number)])

    def indicator_id(self, given: str) -> str:
        if given in self.indicators:
            return given
        if (folded := unicodedata.normalize("NFKC", given).strip()) in self.indicators:  # ｇｄｐ_growth
            return folded
        by_name = (self._indicator_names.get(given)
                   or self._indicator_names.get(unicodedata.normalize("NFKC", given), []))
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            hint = "plan.ambiguous_name.hint_unit" if len({self.indicators[i].unit for i in by_name}) == len(by_name) \
                else "plan.ambiguous_name.hint"
            raise InputRefused(msg("plan.ambiguous_name", given=given, count=len(by_name)),
                               msg(hint, ids=", ".join(by_name)))
        names = {i.id: i.id for i in self.indicators.values()}
        names.update({i.name_zh: i.id for i in self.indicators.values()})
        raise UnknownId("indicator", given, [self._say_shared(name) for name in suggest(given, names)])

    def indicators_named(self, name: str) -> list[str]:
        """The ids of the indicators with this Chinese name (two share 社会消费品零售总额: growth and amount)."""
        return list(self._indicator_names.get(name, []))

    def _say_shared(self, name: str) -> str:
        """A name suggested for a typo says when it names several indicators, and which."""
        ids = self._indicator_names.get(name, [])
        return msg("check.shared_name", name=name, count=len(ids), ids=", ".join(ids)) if len(ids) > 1 else name

    def task_id(self, given: str) -> str:
        if given in self.tasks:
            return given
        raise UnknownId("task", given, suggest(given, {t: t for t in self.tasks}))

    def unit_name(self, unit_id: str | None) -> str | None:
        return self.units[unit_id].name_zh if unit_id in self.units else unit_id


def suggest(given: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    import difflib

    close = difflib.get_close_matches(given, list(names), n=n, cutoff=0.6)
    if not close:
        close = [k for k in names if given and (given in k or k in given)][:n]
    return close


# ---------------------------------------------------------------------------
# checking


class _Checker:
    def __init__(self, label: str, lines: LineMap, problems: list[Problem]):
        self.label = label
        self.lines = lines
        self.problems = problems

    def add(self, path: tuple, message: str, hint: str | None = None, severity: str = "error") -> None:
        self.problems.append(
            Problem(self.label, self.lines.line(path), _format_path(path), message, hint, severity)
        )

    def model(self, cls: type[BaseModel], data: Any, path: tuple) -> Any:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
                self.add((*path, *loc), field_message(err), _hint_for(err, cls))
            return None

    def items(self, cls: type[BaseModel], data: Any, key: str) -> list[Any]:
        seq = data.get(key) if isinstance(data, dict) else None
        if seq is None:
            self.add((key,), msg("check.missing_list"), msg("check.missing_list.hint", key=key))
            return []
        if not isinstance(seq, list):
            self.add((key,), msg("check.not_a_list"), msg("check.not_a_list.hint", key=key))
            return []
        out = []
        for i, item in enumerate(seq):
            obj = self.model(cls, item, (key, i))
            if obj is not None:
                out.append((i, obj))
        return out


_FIELD_HINTS = {
    "kind": ("unknown.hint.one_of", {"names": ", ".join(k.value for k in Kind)}),
    "comparator": ("unknown.hint.one_of", {"names": ", ".join(c.value for c in Comparator)}),
    "frequency": ("unknown.hint.one_of", {"names": "monthly, quarterly, annual, once"}),
    "id": ("check.ids.hint", {}),
}


def field_message(err: Any) -> str:
    """What a field's check said: a message of the plan's models (models.py raises catalogue messages), or
    pydantic's own words for the kinds of error a plan file meets (the ``check.field.*`` ids), said as
    pydantic says them in English; any other pydantic error as pydantic words it."""
    raised = (err.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Msg):
        return raised.args[0]
    said = f"check.field.{err['type']}"
    if said not in _field_ids():
        return err["msg"].removeprefix("Value error, ")
    params = dict(err.get("ctx") or {})
    reason = f"check.date_reason.{params.get('error')}"
    if reason in _field_ids():  # pydantic's reason a date could not be read, said in the run's language
        params["error"] = msg(reason)
    if "expected" in params:  # "'a', 'b' or 'c'": alternatives, said "a、b 或 c" in Chinese
        params["expected"] = tuple(re.split(r", | or ", str(params["expected"])))
    return msg(said, **params)


@functools.cache
def _field_ids() -> frozenset[str]:
    from liupi_cli.messages_catalogue import CATALOGUE

    return frozenset(k for k in CATALOGUE if k.startswith(("check.field.", "check.date_reason.")))


def _hint_for(err: dict, cls: type[BaseModel]) -> str | None:
    field_name = next((p for p in reversed(err["loc"]) if isinstance(p, str)), None)
    if err["type"] == "extra_forbidden":
        known = sorted(cls.model_fields)
        import difflib

        close = difflib.get_close_matches(str(field_name), known, n=1)
        return (msg("check.did_you_mean_field", name=close[0]) if close
                else msg("check.known_fields", names=", ".join(known)))
    if err["type"] == "missing" or str(field_name) not in _FIELD_HINTS:
        return None
    said, params = _FIELD_HINTS[str(field_name)]
    return msg(said, **params)


def _raw_ids(data: Any, key: str) -> set[str]:
    seq = data.get(key) if isinstance(data, dict) else None
    return {str(e["id"]) for e in seq if isinstance(e, dict) and "id" in e} if isinstance(seq, list) else set()


def _unique(ch: _Checker, key: str, entries: list[tuple[int, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    first: dict[str, int] = {}
    for i, obj in entries:
        if obj.id in out:
            ch.add((key, i, "id"), msg("check.duplicate_id", id=obj.id, line=ch.lines.line((key, first[obj.id]))),
                   msg("check.duplicate_id.hint"))
            continue
        out[obj.id] = obj
        first[obj.id] = i
    return out


def _read(path: Path, name: str) -> tuple[Any, LineMap, list[Problem]]:
    label = str(path / name)
    from liupi_cli.yamlfile import load_yaml

    data, lines, problems = load_yaml(path / name, label)
    if not isinstance(data, dict):
        raise PlanUnreadable(msg("check.not_mapping", path=label), msg("check.not_mapping.hint"))
    return data, lines, problems


@paused_gc()
def _look_alike_units(t: _Checker, raw_units: list[Any]) -> None:
    """Warnings: a unit name holding characters no reader sees, and two units whose names differ only in
    full/half width, spaces or invisible characters (县财政局(国资股) / 县财政局（国资股）)."""
    from liupi_cli.unit_names import hidden_marks, look_alikes, visible

    names, where = [], {}
    for i, u in enumerate(raw_units):
        if not isinstance(u, dict):
            continue
        for k, n in enumerate([u.get("name_zh"), *(u.get("aliases") or [])]):
            if not isinstance(n, str) or not n:
                continue
            path = ("units", i, "name_zh") if k == 0 else ("units", i, "aliases", k - 1)
            names.append((str(u.get("id")), n))
            where.setdefault((str(u.get("id")), n), path)
            marks = [m for m in hidden_marks(n) if m != "a space"]  # a space is seen: 县政府办 (金融办) as written
            if marks:
                t.add(path, msg("check.hidden_marks", name=visible(n), marks=", ".join(marks)),
                      msg("check.hidden_marks.hint"), "warning")
    for owner, name, other, other_name in look_alikes(names):
        t.add(where[(owner, name)], msg("check.look_alike", name=visible(name), owner=owner,
                                        other_name=visible(other_name), other=other),
              msg("check.look_alike.hint"), "warning")


class _Known:
    """The ids a reference may name: the valid entries' and, so one bad entry does not cascade, the raw ids of
    entries that failed their own checks."""

    def __init__(self, tdata: dict, kdata: dict, units: dict[str, Unit], battles: dict[str, Battle],
                 indicators: dict[str, Indicator], tasks: dict[str, Task]):
        self.units, self.battles, self.indicators, self.tasks = units, battles, indicators, tasks
        self.unit_ids = set(units) | _raw_ids(tdata, "units")
        self.battle_ids = set(battles) | _raw_ids(tdata, "battles")
        self.indicator_ids = set(indicators) | _raw_ids(tdata, "indicators")
        self.task_ids = set(tasks) | _raw_ids(kdata, "tasks")

    def ref_unit(self, ch: _Checker, path: tuple, uid: str | None) -> None:
        """An error at ``path`` when ``uid`` names no unit."""
        if uid and uid not in self.unit_ids:
            ch.add(path, _unknown("unit", uid), _did_you_mean(uid, self.units) or msg("check.add_unit.hint"))


def _check_sections(t: _Checker, k: _Checker, tdata: dict, kdata: dict) -> None:
    """Sections neither file knows."""
    for key in tdata:
        if key not in ("plan", "settings", "units", "battles", "indicators"):
            t.add((key,), msg("check.unknown_section", key=key), msg("check.sections.hint"))
    for key in kdata:
        if key != "tasks":
            k.add((key,), msg("check.unknown_section", key=key), msg("check.task_sections.hint"))


def _check_units(t: _Checker, tdata: dict, units: dict[str, Unit]) -> None:
    """Unit names used twice or looking alike, unknown parents, parent cycles."""
    names: Counter[str] = Counter()
    for u in units.values():
        names.update({u.name_zh, *u.aliases})
    for i, u in enumerate(tdata.get("units") or []):
        if isinstance(u, dict):
            for n in [u.get("name_zh"), *(u.get("aliases") or [])]:
                if n and names[n] > 1:
                    t.add(("units", i), msg("check.name_twice", name=n), msg("check.name_twice.hint"))
    _look_alike_units(t, tdata.get("units") or [])
    for i, u in enumerate(tdata.get("units") or []):
        if isinstance(u, dict) and u.get("parent") and u["parent"] not in units:
            t.add(("units", i, "parent"), _unknown("unit", u["parent"]))
    _parent_cycles(t, units, tdata.get("units") or [])


def _check_battles(t: _Checker, tdata: dict, known: _Known) -> None:
    """Each valid battle's lead and responsible units exist."""
    for i, b in enumerate(tdata.get("battles") or []):
        if not isinstance(b, dict) or b.get("id") not in known.battles:
            continue
        known.ref_unit(t, ("battles", i, "lead_unit"), b.get("lead_unit"))
        for j, uid in enumerate(b.get("responsible_units") or []):
            known.ref_unit(t, ("battles", i, "responsible_units", j), uid)


def _check_indicator(t: _Checker, p: tuple, ind: Indicator, known: _Known, year: int | None) -> None:
    """One indicator's references (battle, lead unit, task, linked indicator), due date and figures to be set."""
    if ind.battle not in known.battle_ids:
        t.add((*p, "battle"), _unknown("battle", ind.battle), _did_you_mean(ind.battle, known.battles))
    known.ref_unit(t, (*p, "lead_unit"), ind.lead_unit)
    if ind.task and ind.task not in known.task_ids:
        t.add((*p, "task"), _unknown("task", ind.task), _did_you_mean(ind.task, known.tasks))
    elif ind.task and ind.task in known.tasks and ind.id not in known.tasks[ind.task].indicators:
        t.add((*p, "task"), msg("check.task_not_listing", task=ind.task),
              msg("check.task_not_listing.hint", id=ind.id), "warning")
    if year and ind.due and not (year - 1 <= ind.due.year <= year + 5):
        t.add((*p, "due"), msg("check.due_outside", date=ind.due, first=year - 1, last=year + 5),
              msg("date.outside.hint"))
    _to_be_set(t, p, ind)
    _check_link(t, (*p, "linked_to"), ind, known.indicators, known.indicator_ids)
    _check_alternatives(t, p, ind)


def _check_alternatives(t: _Checker, p: tuple, ind: Indicator) -> None:
    """A warning when the document gives other targets for an indicator; it asks why one was chosen."""
    if not ind.alternatives:
        return
    alts = [msg("check.conflicting.alternative", source=a.source,
                target=f"{_fmt(a.target)}{a.unit or ind.unit or ''} {a.qualifier or ''}".replace("  ", " ").rstrip())
            for a in ind.alternatives]
    why = msg("check.conflicting.because", because=ind.judged_because) if ind.judged_because else ""
    t.add(p, msg("check.conflicting", id=ind.id, target=f"{_fmt(ind.target)}{ind.unit or ''}", source=ind.source,
                 why=why, alternatives=Items(alts)),
          None if ind.judged_because else msg("check.conflicting.hint"), "warning")


def _check_groups(t: _Checker, ind_entries: list[tuple[int, Indicator]]) -> None:
    """A double-decline group pairs exactly two indicators."""
    group_kinds: dict[str, list[str]] = defaultdict(list)
    for _, ind in ind_entries:
        if ind.group:
            group_kinds[ind.group].append(ind.id)
    for group, members in group_kinds.items():
        if len(members) != 2:
            first = next(i for i, ind in ind_entries if ind.group == group)
            t.add(("indicators", first, "group"),
                  msg("check.group_size", group=group, count=len(members), members=", ".join(members)),
                  msg("check.group_size.hint"))


def _check_task(k: _Checker, p: tuple, task: Task, known: _Known, year: int | None) -> None:
    """One task's references (battle, units, indicators) and deadline."""
    if task.battle not in known.battle_ids:
        k.add((*p, "battle"), _unknown("battle", task.battle), _did_you_mean(task.battle, known.battles))
    known.ref_unit(k, (*p, "section_lead"), task.section_lead)
    for j, uid in enumerate(task.lead_units):
        known.ref_unit(k, (*p, "lead_units", j), uid)
    for j, uid in enumerate(task.responsible_units):
        known.ref_unit(k, (*p, "responsible_units", j), uid)
    for j, iid in enumerate(task.indicators):
        if iid not in known.indicator_ids:
            k.add((*p, "indicators", j), _unknown("indicator", iid), _did_you_mean(iid, known.indicators))
    if year and isinstance(task.deadline, dt.date) and not (year - 1 <= task.deadline.year <= year + 5):
        k.add((*p, "deadline"), msg("check.deadline_outside", date=task.deadline, first=year - 1, last=year + 5),
              msg("date.outside.hint"))


def _check_shared_ids(t: _Checker, k: _Checker, tdata: dict, task_entries: list[tuple[int, Task]],
                      known: _Known) -> None:
    """A task and an indicator with one id: `liupi history ID` and `update` look ids up in both lists."""
    for i, task in task_entries:
        if task.id in known.indicator_ids:
            line = t.lines.line(("indicators", _raw_index(tdata, task.id)))
            k.add(("tasks", i, "id"), msg("check.shared_id", id=task.id, file=TARGETS, line=line),
                  msg("check.shared_id.hint"))


def check_plan(data_dir: Path) -> tuple[Plan | None, list[Problem]]:
    """Read and check a plan directory. Returns the plan (None if it has errors) and all problems.

    Raises PlanUnreadable when a file cannot be read or parsed at all. The steps, in the order the problems are
    listed: the files' sections, each entry against its model, the units, the battles, the indicators and their
    groups, the tasks, ids shared by a task and an indicator.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise PlanUnreadable(msg("plan.no_dir", path=data_dir), msg("plan.no_dir.hint"))
    tdata, tlines, problems = _read(data_dir, TARGETS)
    kdata, klines, kproblems = _read(data_dir, TASKS)
    problems += kproblems
    t = _Checker(str(data_dir / TARGETS), tlines, problems)
    k = _Checker(str(data_dir / TASKS), klines, problems)
    _check_sections(t, k, tdata, kdata)

    info = t.model(PlanInfo, tdata.get("plan"), ("plan",)) if "plan" in tdata else None
    if "plan" not in tdata:
        t.add((), msg("check.missing_plan"), msg("check.missing_plan.hint"))
    settings = t.model(Settings, tdata.get("settings") or {}, ("settings",)) or Settings()
    units = _unique(t, "units", t.items(Unit, tdata, "units"))
    battles = _unique(t, "battles", t.items(Battle, tdata, "battles"))
    ind_entries = t.items(Indicator, tdata, "indicators")
    indicators = _unique(t, "indicators", ind_entries)
    task_entries = k.items(Task, kdata, "tasks")
    tasks = _unique(k, "tasks", task_entries)

    _check_units(t, tdata, units)
    known = _Known(tdata, kdata, units, battles, indicators, tasks)
    _check_battles(t, tdata, known)
    year = info.year if info else None
    for i, ind in ind_entries:
        _check_indicator(t, ("indicators", i), ind, known, year)
    _check_groups(t, ind_entries)
    for i, task in task_entries:
        _check_task(k, ("tasks", i), task, known, year)
    _check_shared_ids(t, k, tdata, task_entries, known)

    if any(p.severity == "error" for p in problems) or info is None:
        return None, problems
    plan = Plan(info, settings, units, battles, indicators, tasks, data_dir,
                [p for p in problems if p.severity == "warning"])
    return plan, problems


def _to_be_set(ch: _Checker, path: tuple, ind: Indicator) -> None:
    """A figure still to be set is a warning (the plan works, judged grey); one set since, a leftover."""
    for name in ind.to_be_set:
        value = getattr(ind, name)
        if value is None:
            what = msg("check.word.target" if name == "target" else "check.word.due")
            ch.add((*path, name), msg("check.to_be_set", id=ind.id, what=what, name=ind.name_zh),
                   msg("check.to_be_set.hint", field=name), "warning")
        else:
            ch.add((*path, "to_be_set"), msg("check.still_listed", id=ind.id, field=name, value=value),
                   msg("check.still_listed.hint", field=name), "warning")
def _check_link(ch: _Checker, path: tuple, ind: Indicator, indicators: Mapping[str, Indicator],
                known: set[str]) -> None:
    """A linked target (基本同步) names another indicator of the same kind and unit, itself not linked."""
    other = indicators.get(ind.linked_to) if ind.linked_to else None
    if ind.linked_to is None or (other is None and ind.linked_to in known):
        return  # no link, or the other indicator has its own error
    if other is None:
        ch.add(path, _unknown("indicator", ind.linked_to), _did_you_mean(ind.linked_to, indicators))
    elif (other.kind, other.unit) != (ind.kind, ind.unit):
        no_unit = msg("check.word.no_unit")
        ch.add(path, msg("check.link_kind", other=other.id, other_kind=other.kind.value,
                         other_unit=other.unit or no_unit, kind=ind.kind.value, unit=ind.unit or no_unit),
               msg("check.link_kind.hint"))
    elif other.linked_to:
        ch.add(path, msg("check.link_chain", other=other.id, third=other.linked_to), msg("check.link_chain.hint"))


def _raw_index(data: dict, obj_id: str) -> int:
    """Where the indicator with this id is written, even if it failed its own checks."""
    return next(i for i, e in enumerate(data["indicators"]) if isinstance(e, dict) and str(e.get("id")) == obj_id)


def _parent_cycles(ch: _Checker, units: dict[str, Unit], raw: list) -> None:
    """A unit may not be its own ancestor (a → b → a): reports would walk the chain for ever."""
    index = {u.get("id"): i for i, u in enumerate(raw) if isinstance(u, dict)}
    reported: set[str] = set()
    for start in units:
        chain, uid = [], start
        while uid in units and uid not in chain:
            chain.append(uid)
            uid = units[uid].parent
        if uid in chain and uid not in reported:
            loop = chain[chain.index(uid):]
            reported.update(loop)
            ch.add(("units", index.get(uid, 0), "parent"), msg("check.parent_loop", loop=" → ".join([*loop, uid])),
                   msg("check.parent_loop.hint"))


def _format_path(path: tuple) -> str:
    from liupi_cli.yamlfile import format_path

    return format_path(path)


def _did_you_mean(given: str, known: Mapping[str, Any]) -> str | None:
    close = suggest(given, {k: k for k in known})
    return msg("unknown.hint.did_you_mean", names=", ".join(close)) if close else None


def _unknown(what: str, given: str) -> str:
    """``unknown unit 'x'``: a reference to an id the plan does not have."""
    return msg("unknown.id", what=msg(f"word.{what}"), given=given)


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


@paused_gc()
def load_plan(data_dir: Path, env: Mapping[str, str] | None = None) -> Plan:
    """The checked plan; from the validated-plan cache when the files have not changed (see plan_cache).

    ``env`` gives the cache settings (XDG_CACHE_HOME, LIUPI_NO_CACHE); default: the process environment.
    """
    from liupi_cli import plan_cache

    folder = plan_cache.cache_dir(os.environ if env is None else env)
    key = plan_cache.plan_key(data_dir, (TARGETS, TASKS)) if folder else None
    if folder and key:
        cached = plan_cache.read(folder, data_dir, key)
        if cached is not None:
            return _from_cache(cached, Path(data_dir))
    plan, problems = check_plan(data_dir)
    if plan is None:
        raise PlanInvalid(problems)
    if folder and key:
        plan_cache.write(folder, data_dir, key, plan_cache.CachedPlan(
            info=plan.info, settings=plan.settings, units=list(plan.units.values()),
            battles=list(plan.battles.values()), indicators=list(plan.indicators.values()),
            tasks=list(plan.tasks.values()),
            warnings=[{**vars(w), "file": Path(w.file).name} for w in plan.warnings]))  # named as found next time
    return plan


def _from_cache(cached: Any, data_dir: Path) -> Plan:
    return Plan(cached.info, cached.settings, {u.id: u for u in cached.units}, {b.id: b for b in cached.battles},
                {i.id: i for i in cached.indicators}, {t.id: t for t in cached.tasks}, data_dir,
                [replace(p, file=str(data_dir / p.file)) for p in cached.problems()])
