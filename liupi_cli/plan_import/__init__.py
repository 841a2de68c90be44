"""Import a plan's task lists from the documents offices already have (.docx, .xlsx, .csv).

One reader per file kind (``read_docx``, ``read_xlsx``, ``read_csv``) turns a file into rows (``grid``);
one normaliser (``normalise``) finds the task lists in them and hands each to ``task_tables`` (column roles from
``headings``) or ``paragraphs`` (the numbered-paragraph layout), which number the tasks (``numbering``) into
``outline.RawTask``s. ``units``, ``deadlines`` and ``targets`` read the cells; ``build`` makes plan entries
and the review; ``writer`` renders the files. Nothing here prints, writes or reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liupi_cli.errors import InputRefused, PlanUnreadable, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.models import Battle, Indicator, Unit
from liupi_cli.plan_import.build import Built, ReviewItem, build
from liupi_cli.plan_import.fresh import fresh_targets, is_skeleton
from liupi_cli.plan_import.grid import Sheet
from liupi_cli.plan_import.lists import (
    LISTS,
    ListEntry,
    assign,
    merged_entries,
    namespace_of,
    owned_battles,
    read_entries,
    title_years,
)
from liupi_cli.plan_import.normalise import TaskList, find_lists
from liupi_cli.plan_import.writer import lists_yaml, merge_tasks, review_md, targets_yaml, tasks_yaml

TARGETS, TASKS = "targets.yaml", "tasks.yaml"


def read_file(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if not path.is_file():
        what = "import.not_regular" if path.exists() else "import.no_file"  # a FIFO or a device: never opened
        raise InputRefused(msg(what, path=path), msg("import.file.hint"))
    if suffix == ".docx":
        from liupi_cli.plan_import.read_docx import read_docx

        return read_docx(path)
    if suffix in (".xlsx", ".xlsm"):
        from liupi_cli.plan_import.read_xlsx import read_xlsx

        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        from liupi_cli.plan_import.read_csv import read_csv

        return read_csv(path)
    hint = msg("import.save_as_docx" if suffix in (".doc", ".wps") else "import.use_formats")
    raise InputRefused(msg("import.unknown_suffix", path=path, suffix=suffix) if suffix else
                       msg("import.no_suffix", path=path), hint)


@dataclass
class ImportResult:
    built: Built
    lists: list[TaskList]
    files: dict[str, str] = field(default_factory=dict)  # file name -> text to write
    counts: dict[str, int] = field(default_factory=dict)
    entries: list[ListEntry] = field(default_factory=list)  # each list's namespace, file, label and title

    @property
    def review(self) -> list[ReviewItem]:
        return self.built.review


def _existing(out: Path) -> tuple[str | None, dict[str, Any] | None, list[dict[str, Any]] | None]:
    """The plan already in ``out``, read with the same guards as any plan file (a located syntax error;
    alias bombs, tags, FIFOs and huge files refused)."""
    from liupi_cli.yamlfile import load_yaml

    def read(path: Path) -> Any:
        return {} if path.stat().st_size == 0 else load_yaml(path)[0] or {}

    ttext = tdata = kdata = None
    if (out / TARGETS).is_file():
        tdata = read(out / TARGETS)
        ttext = (out / TARGETS).read_text(encoding="utf-8")
        if not isinstance(tdata, dict):
            raise PlanUnreadable(msg("import.not_targets", path=out / TARGETS), msg("import.not_targets.hint"))
    if (out / TASKS).is_file():
        data = read(out / TASKS)
        kdata = data.get("tasks") if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(kdata or [], list):
            raise PlanUnreadable(msg("import.not_tasks", path=out / TASKS), msg("import.not_tasks.hint"))
        kdata = kdata or []
    return ttext, tdata, kdata


def _models(data: dict[str, Any] | None, key: str, cls: type) -> list[Any]:
    out = []
    for e in (data or {}).get(key) or []:
        try:
            out.append(cls.model_validate(e))
        except ValueError:
            continue
    return out


def _known_lists(out: Path) -> list[ListEntry]:
    from liupi_cli.yamlfile import load_yaml

    path = out / LISTS
    if not path.is_file() or path.stat().st_size == 0:
        return []
    return read_entries(load_yaml(path)[0])


def _year(year: int | None, lists: list[TaskList], sheets: list[Sheet], plan_year: Any) -> tuple[int | None, str]:
    """--year, else the year the titles state, else the plan's own: (year, where it came from)."""
    if year is not None:
        return year, "--year"
    stated = title_years(lists, sheets)
    if stated:
        return stated.most_common(1)[0][0], "title"
    if isinstance(plan_year, int):
        return plan_year, "plan"
    return None, ""


@dataclass
class _Dest:
    """The plan already in the folder written: its text and data, and whether the import starts it afresh."""

    folder: Path
    ttext: str | None
    tdata: dict[str, Any] | None
    old_tasks: list[dict[str, Any]] | None
    fresh: bool = False
    skeleton: bool = False

    @property
    def year(self) -> int | None:
        plan = (self.tdata or {}).get("plan")
        y = plan.get("year") if isinstance(plan, dict) else None
        return y if isinstance(y, int) else None


def _recorded(store: Path | None, tdata: dict[str, Any]) -> bool:
    """Whether the store already holds a figure or a task's progress (then the skeleton is the county's)."""
    if store is None or not store.is_file():
        return False
    from liupi_cli.errors import StoreError
    from liupi_cli.store import Store

    try:
        with Store(store, str((tdata.get("plan") or {}).get("id")), readonly=True) as st:
            return bool(st.records() or st.task_updates())
    except StoreError:
        return True  # cannot tell: keep what is there


def _destination(out: Path, replace: bool, store: Path | None) -> _Dest:
    ttext, tdata, old_tasks = _existing(out)
    skeleton = (tdata is not None and not replace and is_skeleton(tdata, old_tasks)
                and not _recorded(store, tdata))
    return _Dest(out, ttext, tdata, old_tasks, fresh=tdata is not None and (replace or skeleton), skeleton=skeleton)


def _read_lists(paths: list[Path]) -> tuple[list[Sheet], list[TaskList]]:
    sheets: list[Sheet] = []
    lists: list[TaskList] = []
    for p in paths:
        mine = read_file(p)
        sheets += mine
        for s in mine:
            lists += find_lists(s)
    if not lists:
        raise InputRefused(msg("import.no_list", paths=", ".join(str(p) for p in paths)), msg("import.no_list.hint"))
    return sheets, lists


def _start_afresh(dest: _Dest, year: int | None, lists: list[TaskList]) -> None:
    assert dest.tdata is not None
    title = next((tl.title for tl in lists if tl.title), None)
    dest.tdata = fresh_targets(dest.tdata, year or dest.year, title)
    dest.ttext, dest.old_tasks = "", None


def _year_notes(built: Built, dest: _Dest, lists: list[TaskList], year_from: str, plan_year: int | None) -> None:
    ref, year = lists[0].ref, built.year
    if not dest.fresh and dest.tdata is not None and plan_year is not None and year != plan_year:
        said = "--year" if year_from == "--year" else "the documents' titles"
        built.review.insert(0, ReviewItem(ref, f"{said} name {year} but {dest.folder} holds the {plan_year} plan: "
                                          f"its year is kept, the deadlines read as {year}; a plan of its own for "
                                          f"{year}: liupi init DIR --empty --year {year}"))
    if year_from == "title":
        built.review.insert(0, ReviewItem(ref, f"plan year {year}, as the title states; pass --year to set another"))
    if dest.fresh:
        what = "the empty skeleton of `liupi init --empty`" if dest.skeleton else "the plan there (--replace)"
        plan_id = (dest.tdata or {}).get("plan", {}).get("id")
        built.review.insert(0, ReviewItem(str(dest.folder), f"{what} replaced: its example unit, battle, indicator "
                                          f"and task are gone; plan id {plan_id} kept (the record store is tied "
                                          "to it)"))
    if dest.tdata is None or dest.fresh:
        built.review.insert(0, ReviewItem(ref, "new plan: write title_en in targets.yaml, and name_en for each "
                                          "battle and indicator (the reports show them)"))


def _merge(dest: _Dest, built: Built, entries: list[ListEntry]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The plan's tasks: those of other lists as they are, then this import's lists merged with their own."""
    if not dest.old_tasks:
        return built.tasks, {"added": len(built.tasks)}
    mine = {e.id for e in entries}
    ours = [t for t in dest.old_tasks if namespace_of(str(t.get("id"))) in mine]
    others = [t for t in dest.old_tasks if namespace_of(str(t.get("id"))) not in mine]
    merged, counts = merge_tasks(ours, built.tasks, built.review, reserved={str(t.get("id")) for t in others})
    return others + merged, counts


def _counts(lists: list[TaskList], merged: dict[str, int], tasks: list[Any], built: Built) -> dict[str, int]:
    return {
        "task lists": len(lists),
        **merged,
        "tasks": len(tasks),
        "new units": len(built.units),
        "new battles": len(built.battles),
        "indicators added": len(built.indicators),
        "possible targets in review": len(built.candidates) - len({i.get("stated") for i in built.indicators}),
        "review items": len(built.review),
    }


def import_plan(
    paths: list[Path],
    out: Path,
    *,
    year: int | None = None,
    battle: str | None = None,
    plan_id: str | None = None,
    replace: bool = False,
    list_id: str | None = None,
    store: Path | None = None,
) -> ImportResult:
    """Read the files, build the plan entries and return the files to write (nothing is written here).

    ``out`` is the plan folder: an untouched `liupi init --empty` skeleton there (or any plan, with
    ``replace``) is started afresh, keeping its plan id and settings; another plan gains the new lists,
    each in its own id namespace (``imported-lists.yaml``). ``store``: the plan's record store; a skeleton
    whose example already has figures recorded there is kept as the county's own."""
    if list_id is not None and not re.fullmatch(r"[a-z][a-z0-9_\-]{0,19}", list_id):
        raise UsageProblem(msg("import.list_id", given=repr(list_id)), msg("import.list_id.hint"))
    sheets, lists = _read_lists(paths)
    dest = _destination(out, replace, store)
    plan_year = dest.year
    year, year_from = _year(year, lists, sheets, None if dest.fresh else plan_year)
    if dest.fresh:
        year, year_from = (year, year_from) if year is not None else (plan_year, "plan")
        _start_afresh(dest, year, lists)
    known = [] if dest.fresh else _known_lists(out)
    taken = {namespace_of(str(t.get("id"))) for t in dest.old_tasks or [] if isinstance(t, dict)}
    entries = assign(lists, known, taken, list_id)
    tdata = dest.tdata
    units, battles = _models(tdata, "units", Unit), _models(tdata, "battles", Battle)
    built = build(lists, units, battles, _models(tdata, "indicators", Indicator), year, battle,
                  [e.id for e in entries], owned_battles(known, entries))
    for e in entries:
        e.battle = next((t["battle"] for t in built.tasks if namespace_of(t["id"]) == e.id), e.battle)
    if built.year is None:
        raise InputRefused(msg("import.no_year"), msg("import.no_year.hint"))
    _year_notes(built, dest, lists, year_from, plan_year)
    tasks, merged = _merge(dest, built, entries)
    counts = _counts(lists, merged, tasks, built)
    sources = [str(p) for p in paths]
    files = {TASKS: tasks_yaml(tasks, [p.name for p in paths])}
    t = targets_yaml(dest.ttext, tdata, built, plan_id, None, sources, force=dest.fresh)
    if t is not None:
        files[TARGETS] = t
    files[LISTS] = lists_yaml(merged_entries(known, entries, [t["id"] for t in tasks]))
    files["review"] = review_md(built, sources, counts, [(e, _file_of(tl)) for e, tl in zip(entries, lists)])
    return ImportResult(built, lists, files, counts, entries)


def _file_of(tl: TaskList) -> str:
    return Path(tl.source).name
