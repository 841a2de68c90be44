"""`liupi init`: make a workspace that every command run in it then finds."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.output import say
from liupi_cli.errors import UsageProblem
from liupi_cli.messages import msg


def init(
    ctx: typer.Context,
    folder: Path = typer.Argument(Path("."), help="The workspace folder (created if missing). Default: here."),
    from_sample: bool = typer.Option(False, "--from-sample", help="Start from a copy of the bundled sample plan "
                                     "(the default)."),
    empty: bool = typer.Option(False, "--empty", help="Start from a skeleton plan: one unit, battle, indicator "
                               "and task, every field commented in Chinese and English."),
    year: int | None = typer.Option(None, "--year", help="The plan year (--empty; default: this year)."),
    name: str | None = typer.Option(None, "--name", help="The plan's Chinese title, e.g. 某某县2024年重点工作计划."),
    demo: bool = typer.Option(False, "--demo", help="Also record the sample plan's made-up demo figures "
                              "(source 'demo') so a first report has real lights."),
    level: str = typer.Option("county", "--level", help="county (default), or city: a city workspace that "
                              "collects and ranks its counties (data/city.yaml, docs/city.md)."),
    city: str | None = typer.Option(None, "--city", help="--level city: the city's Chinese name, e.g. 永州市 "
                                       "(default: the folder's name)."),
) -> None:
    """Create a workspace: plan files (data/targets.yaml, data/tasks.yaml), the record store
    (data/records.db) and liupi.toml. Commands run in the folder or below it use it.

    Example: liupi init demo --demo

    Example: liupi init shuangpai-2024 --empty --year 2024 --name 双牌县2024年重点工作计划

    Example: liupi init yongzhou --level city --city 永州市 --year 2023
    """
    from liupi_cli.registry import remember
    from liupi_cli.scaffold import create_workspace

    st = state(ctx)
    _check_init_options(st, from_sample, empty, level, city)
    if level == "city":
        city = city or folder.resolve().name
    if (empty or level == "city") and year is None:
        year = dt.date.today().year
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    made = create_workspace(folder, empty=empty, year=year, name=name, demo=demo, by="liupi init --demo", at=now,
                            city=city)
    remember(made.plan_id, made.store, os.environ)
    _say_made(made, folder, plain=empty or city is not None)


def _check_init_options(st, from_sample: bool, empty: bool, level: str, city: str | None) -> None:
    """Refuse options that exclude each other, or a store or plan named elsewhere (a workspace holds its own)."""
    if from_sample and empty:
        raise UsageProblem(msg("init.sample_or_empty"), msg("init.sample_or_empty.hint"))
    if st.db_opt is not None or st.data_dir_opt is not None:
        raise UsageProblem(msg("init.own_folder"), msg("option.example.hint", example="liupi init DIR"))
    if level not in ("county", "city"):
        raise UsageProblem(msg("init.level", level=level), msg("init.level.hint"))
    if city is not None and level != "city":
        raise UsageProblem(msg("init.city_level"), msg("init.city_level.hint"))


def _say_made(made, folder: Path, plain: bool) -> None:
    """What was created, the demo figures (made up), a variable that overrides the workspace, what to run next."""
    files = ", ".join(str(f.relative_to(folder)) for f in made.files)
    say(msg("said.init_created", folder=folder, plan=made.plan_id, year=made.year, files=files))
    if made.demo_figures:
        say(msg("said.init_demo", count=made.demo_figures))
    for var in ("LIUPI_HOME", "LIUPI_DB"):
        if os.environ.get(var):
            say(msg("said.init_overridden_plan" if var == "LIUPI_HOME" else "said.init_overridden_store", var=var))
    nxt = "liupi report --month 2023-06" if made.demo_figures else ("liupi check" if plain else "liupi info")
    say(msg("said.init_next", folder=folder, command=nxt))


def register(app: typer.Typer) -> None:
    app.command()(init)
