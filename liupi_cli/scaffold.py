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
        _refuse_demo_for_city(demo)
        empty, name = True, name or f"{city}{year}年重点工作计划"
    _check_choices(demo, empty, name)
    plan_dir, store_path = root / PLAN_FOLDER, root / PLAN_FOLDER / STORE_FILE
    _refuse_existing(root, [root / SETTINGS_FILE, plan_dir / TARGETS, plan_dir / TASKS, store_path,
                            plan_dir / "city.yaml", *(root / n for n in extra_files or {})])
    if year is not None and not 2000 <= year <= 2100:
        raise UsageProblem(msg("init.year_range", year=year), msg("init.year_range.hint"))
    if plan_files is not None:
        texts = _given_plan(plan_files, year, demo or empty)
    elif empty:
        texts = _skeleton_plan(root, year, name)
    else:
        texts, year = _sample_plan(year, name)
    if city is not None:
        texts.update(_city_files(city, year))
    created = Created(root, "", year, store_path)
    created.files = _write_files(root, plan_dir, texts, extra_files or {})
    ws = find_workspace(root, {}, root)  # read back through the same rule every command uses
    plan = load_plan(ws.path)
    created.plan_id = plan.info.id
    with Store(ws.store or store_path, plan.info.id) as store:
        if demo:
            created.demo_figures = _record_demo(plan, store, by, at)
    created.files.append(store_path)
    return created


def _refuse_demo_for_city(demo: bool) -> None:
    if demo:
        raise UsageProblem(msg("init.demo_city"), msg("init.demo_city.hint"))


def _check_choices(demo: bool, empty: bool, name: str | None) -> None:
    if demo and empty:
        raise UsageProblem(msg("init.demo_empty"), msg("init.demo_empty.hint"))
    if name is not None and (not name.strip() or "\n" in name):
        raise InputRefused(msg("init.name_line"), msg("init.name_line.hint"))


def _given_plan(plan_files: dict[str, str], year: int | None, other_start: bool) -> dict[str, str]:
    """A plan made elsewhere (next year's): its two files as given."""
    if year is None or other_start:
        raise UsageProblem(msg("init.plan_files"))
    return {n: plan_files[n] for n in (TARGETS, TASKS)}


def _skeleton_plan(root: Path, year: int | None, name: str | None) -> dict[str, str]:
    """--empty: the skeleton's two files, with the plan's id (from the folder's name), year and title."""
    if year is None:
        raise UsageProblem(msg("init.empty_year"), msg("init.empty_year.hint"))
    plan_id = _plan_id(root, year)
    return {name_: _fill((SKELETON / name_).read_text(encoding="utf-8"), plan_id, year, name)
            for name_ in (TARGETS, TASKS)}


def _sample_plan(year: int | None, name: str | None) -> tuple[dict[str, str], int]:
    """A copy of the bundled sample plan (under ``name`` when given), and its year."""
    sample = bundled_data_dir()
    texts = {n: (sample / n).read_text(encoding="utf-8") for n in (TARGETS, TASKS)}
    sample_year = load_plan(sample).info.year
    if year is not None and year != sample_year:
        raise UsageProblem(msg("init.sample_year", sample_year=sample_year, year=year),
                           msg("init.sample_year.hint", year=year))
    if name:
        texts[TARGETS] = re.sub(r"(?m)^(  title_zh: ).*$", lambda m: m[1] + json.dumps(name, ensure_ascii=False),
                                texts[TARGETS], count=1)
    return texts, sample_year


def _city_files(city: str, year: int) -> dict[str, str]:
    """Beside a city's plan: its settings and its decomposition table (headings only)."""
    settings = (SKELETON / "city.yaml").read_text(encoding="utf-8").replace("@CITY@", city).replace("@YEAR@", str(year))
    return {"city.yaml": settings, "decomposition.csv": "indicator,unit,city\n"}


def _write_files(root: Path, plan_dir: Path, texts: dict[str, str], extra_files: dict[str, str]) -> list[Path]:
    """The plan files, liupi.toml and the extra files, each written whole; the paths written, in order."""
    targets = [(plan_dir / n, text) for n, text in texts.items()]
    targets.append((root / SETTINGS_FILE, (SKELETON / SETTINGS_FILE).read_text(encoding="utf-8")))
    targets += [(root / n, text) for n, text in extra_files.items()]
    written = []
    try:
        plan_dir.mkdir(parents=True, exist_ok=True)
        for path, text in targets:
            write_atomic(path, text)
            written.append(path)
    except OSError as exc:
        raise OutputUnwritable(msg("init.unwritable", root=root, why=exc.strerror or str(exc)),
                               msg("init.unwritable.hint")) from exc
    return written


def _refuse_existing(root: Path, paths: list[Path]) -> None:
    if root.exists() and not root.is_dir():
        raise InputRefused(msg("init.not_folder", root=root), msg("init.not_folder.hint"))
    for p in paths:
        if p.exists():
            raise InputRefused(msg("init.exists", path=p), msg("init.exists.hint"))


def _plan_id(root: Path, year: int) -> str:
    """An id from the folder's name (``shuangpai`` -> ``shuangpai-2024``), else ``plan-2024``. A name of digits
    alone (a folder called ``2024``) would be read back from targets.yaml as a number, not an id: ``plan-2024``."""
    slug = re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-")
    if not slug or not slug[0].isalnum() or slug.isdigit():
        slug = "plan"
    return slug if str(year) in slug else f"{slug}-{year}"


def _fill(template: str, plan_id: str, year: int, name: str | None) -> str:
    title = name or f"{year}年重点工作计划"
    return (template.replace("@PLAN_ID@", plan_id).replace("@YEAR@", str(year))
            .replace("@TITLE_ZH@", json.dumps(title, ensure_ascii=False))
            .replace("@TITLE_EN@", json.dumps(f"Annual plan {year}")))


def _record_demo(plan, store: Store, by: str, at: str) -> int:
    """The demo figures, recorded through the same service as `liupi update --file`, each marked 'demo'."""
    from liupi_cli.figure_sheet import read_table
    from liupi_cli.record_service import RecordOptions, record_table

    table = read_table(bundled_file(DEMO_FIGURES))
    table.rows = [(n, {**row, "source": DEMO_SOURCE}) for n, row in table.rows]
    outcome = record_table(plan, store, table, RecordOptions(source=DEMO_SOURCE, by=by, at=at, batch=DEMO_FIGURES))
    if outcome.refused:  # the shipped file and the shipped plan disagree: a packaging bug
        raise InputRefused(msg("init.demo_refused", file=DEMO_FIGURES, problem=str(outcome.problems[0])))
    return len(outcome.saved)
