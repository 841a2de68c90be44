"""`liupi plan next`: next year's plan as a workspace of its own, beside last year's, that works at once.

The new workspace is made as `liupi init` makes one (``scaffold.create_workspace``): liupi.toml, the plan
folder (targets.yaml, tasks.yaml from ``rollover.next_year``), a record store holding only the baselines
carried from last year, and two files to work from: ``targets-to-fill.csv`` and ``next-year-review.md``.
By default it is a sibling of last year's workspace named from it and the year (``county-2023`` ->
``county-2024``, ``county`` -> ``county-2024``); it is never made inside last year's workspace, whose
files, store included, are only read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from liupi_cli.errors import InputRefused, OutputUnwritable
from liupi_cli.fill_table import FillResult, apply_fill, fill_csv, read_fill
from liupi_cli.messages import msg
from liupi_cli.plan import Plan
from liupi_cli.rollover import NextYear, next_year, review_md
from liupi_cli.store import Record, Store, TaskUpdate
from liupi_cli.workspace import PLAN_FOLDER, TARGETS, TASKS, Workspace

FILL_TABLE = "targets-to-fill.csv"
REVIEW = "next-year-review.md"


@dataclass
class NextWorkspace:
    root: Path
    plan_id: str
    year: int
    store: Path
    rollover: NextYear


def old_root(ws: Workspace, cwd: Path) -> Path:
    """Last year's workspace folder: the one holding liupi.toml; for a bare plan folder named data (the
    layout before workspaces) the folder holding it; else the plan folder itself; the bundled plan: here."""
    if ws.root is not None:
        return ws.root
    if ws.bundled:
        return cwd
    return ws.path.parent if ws.path.name == PLAN_FOLDER else ws.path


def default_folder(ws: Workspace, plan: Plan, year: int, cwd: Path) -> Path:
    """Beside last year's workspace, named from it and the new year (for the bundled plan: ./<new plan id>)."""
    old = str(plan.info.year)
    if ws.bundled:
        pid = plan.info.id
        return cwd / (pid.replace(old, str(year)) if old in pid else f"{pid}-{year}")
    root = Path(os.path.abspath(old_root(ws, cwd)))
    name = root.name
    return root.parent / (name.replace(old, str(year)) if old in name else f"{name}-{year}")


def _inside(path: Path, folder: Path) -> bool:
    p, f = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    return p == f or f in p.parents


def make_next_workspace(ws: Workspace, plan: Plan, records: list[Record], updates: list[TaskUpdate], year: int,
                        dest: Path, *, cwd: Path, by: str, at: str) -> NextWorkspace:
    """Write next year's workspace at ``dest``; last year's plan and store are only read."""
    from liupi_cli.plan_import.writer import dump
    from liupi_cli.scaffold import create_workspace

    if not ws.bundled:  # never a workspace inside last year's (its liupi.toml would be above) or its plan folder
        for folder in [f for f in (ws.root, ws.path) if f is not None]:
            if _inside(dest, folder):
                raise InputRefused(
                    f"{dest} is inside last year's workspace {folder}",
                    f"next year's workspace goes beside it, e.g. liupi plan next --year {year} "
                    f"{default_folder(ws, plan, year, cwd)}",
                )
    nxt = next_year(plan, records, updates, year)
    head = (f"# liupi plan data: {year}, carried from {plan.info.id} by `liupi plan next`; targets marked "
            f"to_be_set are judged grey until {FILL_TABLE} is filled (liupi plan fill {FILL_TABLE}).\n")
    files = {TARGETS: head + dump(nxt.targets),
             TASKS: f"# liupi plan data: tasks carried from {plan.info.id} (not done last year; see each note).\n"
                    + dump({"tasks": nxt.tasks})}
    made = create_workspace(dest, year=year, by=by, at=at, plan_files=files,
                            extra_files={FILL_TABLE: fill_csv(nxt.fill, year), REVIEW: review_md(nxt, year)})
    if nxt.baselines:
        with Store(made.store, made.plan_id) as store:
            store.add_many(nxt.baselines, by, at, batch=f"plan next from {plan.info.id}")
    return NextWorkspace(dest, made.plan_id, year, made.store, nxt)


BACKUP = "targets.yaml.bak"


def fill_plan(plan_dir: Path, table_text: str, where: str) -> FillResult:
    """Apply a filled table to the plan in ``plan_dir`` (its targets.yaml, comments at the top kept).

    Nothing is written when a row is refused (``FillResult.problems``), when the table is for another year
    or the plan has nothing to be set (refused), or when every row says what the plan already says. Before
    targets.yaml is rewritten, the version it replaces is kept beside it as targets.yaml.bak.
    """
    import yaml

    from liupi_cli.atomic import write_atomic
    from liupi_cli.plan_import.writer import dump

    path = plan_dir / TARGETS
    if not path.is_file():
        raise InputRefused(f"{path} not found", "run it in the new workspace: cd 新工作区 && liupi plan fill FILE")
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    result = apply_fill(data, read_fill(table_text, where), where)
    if result.problems or not result.set:
        return result
    head = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    try:
        write_atomic(plan_dir / BACKUP, text)
        write_atomic(path, head + dump(data))
    except OSError as exc:
        raise OutputUnwritable(msg("output.cannot_write", path=path, why=exc.strerror or exc),
                               msg("output.folder_writable.hint")) from None
    return result
