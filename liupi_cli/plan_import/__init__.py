"""Import a plan's task lists from the documents offices already have (.docx, .xlsx, .csv).

One reader per file kind (``read_docx``, ``read_xlsx``, ``read_csv``) turns a file into rows (``grid``);
one normaliser (``normalise``) finds the task lists in them and hands each to ``tables`` (column roles from
``headings``) or ``paragraphs`` (the numbered-paragraph layout), which number the tasks (``numbering``) into
``outline.RawTask``s. ``units``, ``deadlines`` and ``targets`` read the cells; ``build`` makes plan entries
and the review; ``writer`` renders the files. Nothing here prints, writes or reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

from liupi_cli.errors import InputRefused, PlanUnreadable, UsageProblem
from liupi_cli.models import Battle, Indicator, Unit
from liupi_cli.plan_import.build import Built, ReviewItem, build
from liupi_cli.plan_import.grid import Sheet
from liupi_cli.plan_import.fresh import fresh_targets, is_skeleton
from liupi_cli.plan_import.lists import LISTS, ListEntry, assign, merged_entries, namespace_of, read_entries, title_years
from liupi_cli.plan_import.normalise import TaskList, find_lists
from liupi_cli.plan_import.writer import lists_yaml, merge_tasks, review_md, targets_yaml, tasks_yaml

TARGETS, TASKS = "targets.yaml", "tasks.yaml"


def read_file(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputRefused(f"{path}: no such file", "give the path of a .docx, .xlsx or .csv file")
    if suffix == ".docx":
        from liupi_cli.plan_import.read_docx import read_docx

        return read_docx(path)
    if suffix in (".xlsx", ".xlsm"):
        from liupi_cli.plan_import.read_xlsx import read_xlsx

        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        from liupi_cli.plan_import.read_csv import read_csv

        return read_csv(path)
    hint = "save it as .docx from Word/WPS first" if suffix in (".doc", ".wps") else "use .docx, .xlsx or .csv"
    raise InputRefused(f"{path}: cannot read {suffix or 'this'} files", hint)


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
            raise PlanUnreadable(f"{out / TARGETS}: not a targets file", "fix it or import into another folder "
                                 "with --out")
    if (out / TASKS).is_file():
        data = read(out / TASKS)
        kdata = data.get("tasks") if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(kdata or [], list):
            raise PlanUnreadable(f"{out / TASKS}: not a tasks file", "fix it or import into another folder")
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


def import_plan(
    paths: list[Path],
    out: Path,
    *,
    year: int | None = None,
    battle: str | None = None,
    plan_id: str | None = None,
    replace: bool = False,
    list_id: str | None = None,
) -> ImportResult:
    """Read the files, build the plan entries and return the files to write (nothing is written here).

    ``out`` is the plan folder: an untouched `liupi init --empty` skeleton there (or any plan, with
    ``replace``) is started afresh, keeping its plan id and settings; another plan gains the new lists,
    each in its own id namespace (``imported-lists.yaml``)."""
    if list_id is not None and not re.fullmatch(r"[a-z][a-z0-9_\-]{0,19}", list_id):
        raise UsageProblem(f"--list-id {list_id!r} is not an id", "lowercase ascii letters, digits, - and _, "
                           "starting with a letter, e.g. --list-id gzbg")
    sheets: list[Sheet] = []
    lists: list[TaskList] = []
    for p in paths:
        mine = read_file(p)
        sheets += mine
        for s in mine:
            lists += find_lists(s)
    if not lists:
        raise InputRefused(
            f"no task list found in {', '.join(str(p) for p in paths)}",
            "liupi looks for a table with headings such as 工作任务 and 牵头单位/责任单位, or numbered "
            "paragraphs with 责任单位：… (see docs/import.md)",
        )
    ttext, tdata, old_tasks = _existing(out)
    plan_year = ((tdata or {}).get("plan") or {}).get("year") if isinstance((tdata or {}).get("plan"), dict) else None
    fresh = bool(tdata is not None and (replace or is_skeleton(tdata, old_tasks)))
    year, year_from = _year(year, lists, sheets, None if fresh else plan_year)
    if fresh and year is None:
        year, year_from = (plan_year if isinstance(plan_year, int) else None), "plan"
    other_year = tdata is not None and not fresh and isinstance(plan_year, int) and year != plan_year
    if fresh:
        was_skeleton = not replace
        tdata = fresh_targets(tdata, year or plan_year, next((tl.title for tl in lists if tl.title), None))
        ttext, old_tasks = "", None
    known = [] if fresh else _known_lists(out)
    taken = {namespace_of(str(t.get("id"))) for t in old_tasks or [] if isinstance(t, dict)}
    entries = assign(lists, known, taken, list_id)
    units, battles = _models(tdata, "units", Unit), _models(tdata, "battles", Battle)
    built = build(lists, units, battles, _models(tdata, "indicators", Indicator), year, battle,
                  [e.id for e in entries])
    if built.year is None:
        raise InputRefused("the plan year is not in the documents", "pass --year 2024")
    if other_year:
        said = "--year" if year_from == "--year" else "the documents' titles"
        built.review.insert(0, ReviewItem(lists[0].ref, f"{said} name {year} but {out} holds the {plan_year} plan: "
                                          f"its year is kept, the deadlines read as {year}; a plan of its own for "
                                          f"{year}: liupi init DIR --empty --year {year}"))
    if year_from == "title":
        built.review.insert(0, ReviewItem(lists[0].ref, f"plan year {built.year}, as the title states; "
                                          "pass --year to set another"))
    if fresh:
        what = "the empty skeleton of `liupi init --empty`" if was_skeleton else "the plan there (--replace)"
        built.review.insert(0, ReviewItem(str(out), f"{what} replaced: its example unit, battle, indicator and "
                                          f"task are gone; plan id {tdata['plan'].get('id')} kept (the record "
                                          "store is tied to it)"))
    if tdata is None or fresh:
        built.review.insert(
            0,
            ReviewItem(
                lists[0].ref,
                "new plan: write title_en in targets.yaml, and name_en for "
                "each battle and indicator (the reports show them)",
            ),
        )
    counts: dict[str, int]
    if old_tasks:
        mine = {e.id for e in entries}
        ours = [t for t in old_tasks if namespace_of(str(t.get("id"))) in mine]
        others = [t for t in old_tasks if namespace_of(str(t.get("id"))) not in mine]
        merged, counts = merge_tasks(ours, built.tasks, built.review, reserved={str(t.get("id")) for t in others})
        tasks = others + merged
    else:
        tasks = built.tasks
        counts = {"added": len(tasks)}
    for e in entries:
        e.tasks = sum(1 for t in tasks if namespace_of(t["id"]) == e.id)
    counts = {
        "task lists": len(lists),
        **counts,
        "tasks": len(tasks),
        "new units": len(built.units),
        "new battles": len(built.battles),
        "indicators added": len(built.indicators),
        "possible targets in review": len(built.candidates)
        - sum(1 for _ in {i.get("stated") for i in built.indicators}),
        "review items": len(built.review),
    }
    sources = [str(p) for p in paths]
    files = {TASKS: tasks_yaml(tasks, [p.name for p in paths])}
    t = targets_yaml(ttext, tdata, built, plan_id, None, sources, force=fresh)
    if t is not None:
        files[TARGETS] = t
    files[LISTS] = lists_yaml(merged_entries(known, entries, [t["id"] for t in tasks]))
    files["review"] = review_md(built, sources, counts, [(e, _file_of(tl)) for e, tl in zip(entries, lists)])
    return ImportResult(built, lists, files, counts, entries)


def _file_of(tl: TaskList) -> str:
    return Path(tl.source).name
