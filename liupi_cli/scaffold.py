"""`liupi init`: a new workspace — plan files, an empty record store and liupi.toml — that every
command run in it (or below it) then finds.

Three starts: a copy of the bundled sample plan; an empty skeleton (one unit, battle, indicator and
task, every field commented in Chinese and English) for the county's own plan; or the sample with the
made-up demo figures recorded, so a first report has real lights. Nothing existing is overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from liupi_cli.atomic import write_atomic
from liupi_cli.errors import InputRefused, OutputUnwritable, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.plan import load_plan
from liupi_cli.store import Store
from liupi_cli.workspace import (
    PLAN_FOLDER,
    SETTINGS_FILE,
    STORE_FILE,
    TARGETS,
    TASKS,
    bundled_data_dir,
    bundled_file,
    find_workspace,
)

SKELETON = Path(__file__).resolve().parent / "skeleton"
DEMO_FIGURES = "demo-2023-06.csv"
DEMO_SOURCE = "demo"  # every demo figure says so: they are made up, not the county's statistics


@dataclass
class Created:
    root: Path
    plan_id: str
    year: int
    store: Path
    files: list[Path] = field(default_factory=list)
    demo_figures: int = 0


def create_workspace(root: Path, *, empty: bool = False, year: int | None = None, name: str | None = None,
                     demo: bool = False, by: str = "liupi init", at: str = "",
                     plan_files: dict[str, str] | None = None, extra_files: dict[str, str] | None = None,
                     city: str | None = None) -> Created:
    """Make a workspace at ``root`` (created if missing). ``year`` is required for an empty plan.

    ``plan_files`` (targets.yaml and tasks.yaml texts, with ``year``) starts it from a plan made elsewhere
    (next year's, by `liupi plan next`); ``extra_files`` are written beside liupi.toml. ``city``: a city
    workspace of that name (an empty plan, data/city.yaml and a decomposition table to fill)."""
    if city is not None:
        if demo:
            raise UsageProblem("--demo is a county's sample; a city starts empty", "liupi init DIR --level city")
        empty, name = True, name or f"{city}{year}年重点工作计划"
    if demo and empty:
        raise UsageProblem("--demo records the sample plan's demo figures; it cannot go with --empty",
                           "liupi init DIR --demo")
    if name is not None and (not name.strip() or "\n" in name):
        raise InputRefused("--name must be one line of text",
                           msg("option.example.hint", example="--name 某某县2024年重点工作计划"))
    plan_dir, store_path = root / PLAN_FOLDER, root / PLAN_FOLDER / STORE_FILE
    _refuse_existing(root, [root / SETTINGS_FILE, plan_dir / TARGETS, plan_dir / TASKS, store_path,
                            plan_dir / "city.yaml", *(root / n for n in extra_files or {})])
    if year is not None and not 2000 <= year <= 2100:
        raise UsageProblem(f"--year {year} is not a plan year", msg("option.example.hint", example="--year 2024"))
    if plan_files is not None:
        if year is None or demo or empty:
            raise UsageProblem("a workspace from plan files needs its year, and no --empty or --demo")
        texts = {n: plan_files[n] for n in (TARGETS, TASKS)}
    elif empty:
        if year is None:
            raise UsageProblem("--empty needs the plan year",
                               msg("option.example.hint", example="liupi init DIR --empty --year 2024"))
        plan_id = _plan_id(root, year)
        texts = {name_: _fill((SKELETON / name_).read_text(encoding="utf-8"), plan_id, year, name)
                 for name_ in (TARGETS, TASKS)}
    else:
        sample = bundled_data_dir()
        texts = {n: (sample / n).read_text(encoding="utf-8") for n in (TARGETS, TASKS)}
        sample_year = load_plan(sample).info.year
        if year is not None and year != sample_year:
            raise UsageProblem(f"the sample plan is for {sample_year}, not {year}",
                               f"liupi init DIR --empty --year {year} starts a plan of your own")
        year = sample_year
        if name:
            texts[TARGETS] = re.sub(r"(?m)^(  title_zh: ).*$", lambda m: m[1] + json.dumps(name, ensure_ascii=False),
                                    texts[TARGETS], count=1)
    settings = (SKELETON / SETTINGS_FILE).read_text(encoding="utf-8")
    if city is not None:  # beside the plan: the city's settings and its decomposition table (headings only)
        texts["city.yaml"] = (SKELETON / "city.yaml").read_text(encoding="utf-8").replace("@CITY@", city) \
            .replace("@YEAR@", str(year))
        texts["decomposition.csv"] = "indicator,unit,city\n"

    created = Created(root, "", year, store_path)
    try:
        plan_dir.mkdir(parents=True, exist_ok=True)
        for n, text in texts.items():
            write_atomic(plan_dir / n, text)
            created.files.append(plan_dir / n)
        write_atomic(root / SETTINGS_FILE, settings)
        created.files.append(root / SETTINGS_FILE)
        for n, text in (extra_files or {}).items():
            write_atomic(root / n, text)
            created.files.append(root / n)
    except OSError as exc:
        raise OutputUnwritable(msg("init.cannot_write", path=root, why=exc.strerror or exc),
                               msg("init.cannot_write.hint")) from exc
    ws = find_workspace(root, {}, root)  # read back through the same rule every command uses
    plan = load_plan(ws.path)
    created.plan_id = plan.info.id
    with Store(ws.store or store_path, plan.info.id) as store:
        if demo:
            created.demo_figures = _record_demo(plan, store, by, at)
    created.files.append(store_path)
    return created


def _refuse_existing(root: Path, paths: list[Path]) -> None:
    if root.exists() and not root.is_dir():
        raise InputRefused(f"{root} exists and is not a folder", "give a new folder name")
    for p in paths:
        if p.exists():
            raise InputRefused(f"{p} already exists; nothing was changed",
                               "liupi init never overwrites: choose a new folder, or use the workspace that is there")


def _plan_id(root: Path, year: int) -> str:
    """An id from the folder's name (``shuangpai`` -> ``shuangpai-2024``), else ``plan-2024``."""
    slug = re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-")
    if not slug or not slug[0].isalnum():
        slug = "plan"
    return slug if str(year) in slug else f"{slug}-{year}"


def _fill(template: str, plan_id: str, year: int, name: str | None) -> str:
    title = name or f"{year}年重点工作计划"
    return (template.replace("@PLAN_ID@", plan_id).replace("@YEAR@", str(year))
            .replace("@TITLE_ZH@", json.dumps(title, ensure_ascii=False))
            .replace("@TITLE_EN@", json.dumps(f"Annual plan {year}")))


def _record_demo(plan, store: Store, by: str, at: str) -> int:
    from liupi_cli.figure_sheet import read_table
    from liupi_cli.recording import prepare_batch

    table = read_table(bundled_file(DEMO_FIGURES))
    rows = [(n, {**row, "source": DEMO_SOURCE}) for n, row in table.rows]
    batch = prepare_batch(plan, store.current_figures(), rows)
    problems = table.problems + batch.problems
    if problems:  # the shipped file and the shipped plan disagree: a packaging bug
        raise InputRefused(f"{DEMO_FIGURES}: {problems[0]}")
    store.add_many(batch.records, by, at, batch=DEMO_FIGURES)
    return len(batch.records)
