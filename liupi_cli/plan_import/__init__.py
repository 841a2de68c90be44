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
from typing import Any

from liupi_cli.errors import InputRefused, PlanUnreadable
from liupi_cli.models import Battle, Indicator, Unit
from liupi_cli.plan_import.build import Built, ReviewItem, build
from liupi_cli.plan_import.grid import Sheet
from liupi_cli.plan_import.normalise import TaskList, find_lists
from liupi_cli.plan_import.writer import merge_tasks, review_md, targets_yaml, tasks_yaml

TARGETS, TASKS = "targets.yaml", "tasks.yaml"


def read_file(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if not path.is_file():
        what = "not a regular file" if path.exists() else "no such file"  # a FIFO or a device: never opened
        raise InputRefused(f"{path}: {what}", "give the path of a .docx, .xlsx or .csv file")
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


def import_plan(
    paths: list[Path],
    out: Path,
    *,
    year: int | None = None,
    battle: str | None = None,
    plan_id: str | None = None,
    replace: bool = False,
) -> ImportResult:
    """Read the files, build the plan entries and return the files to write (nothing is written here)."""
    sheets: list[Sheet] = []
    for p in paths:
        sheets += read_file(p)
    lists: list[TaskList] = []
    for s in sheets:
        lists += find_lists(s)
    if not lists:
        raise InputRefused(
            f"no task list found in {', '.join(str(p) for p in paths)}",
            "liupi looks for a table with headings such as 工作任务 and 牵头单位/责任单位, or numbered "
            "paragraphs with 责任单位：… (see the README, 'Importing a plan')",
        )
    ttext, tdata, old_tasks = _existing(out)
    if tdata and year is None:
        year = (tdata.get("plan") or {}).get("year")
    units, battles = _models(tdata, "units", Unit), _models(tdata, "battles", Battle)
    built = build(lists, units, battles, _models(tdata, "indicators", Indicator), year, battle)
    if built.year is None:
        raise InputRefused("the plan year is not in the documents", "pass --year 2024")
    if tdata is None:
        built.review.insert(
            0,
            ReviewItem(
                lists[0].ref,
                "new plan: write title_en in targets.yaml, and name_en for "
                "each battle and indicator (the reports show them)",
            ),
        )
    counts: dict[str, int]
    if old_tasks and not replace:
        old_ids = {t.get("id") for t in old_tasks}
        old_titles = {t.get("title_zh") for t in old_tasks}
        if not any(t["id"] in old_ids or t["title_zh"] in old_titles for t in built.tasks):
            raise InputRefused(
                f"{out / TASKS} already holds another plan's tasks",
                "import into an empty folder with --out DIR, or pass --replace to overwrite it",
            )
        tasks, counts = merge_tasks(old_tasks, built.tasks, built.review)
    else:
        tasks = built.tasks
        counts = {"added": len(tasks)}
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
    t = targets_yaml(ttext, tdata, built, plan_id, None, sources)
    if t is not None:
        files[TARGETS] = t
    files["review"] = review_md(built, sources, counts)
    return ImportResult(built, lists, files, counts)
