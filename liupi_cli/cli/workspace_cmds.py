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
    if from_sample and empty:
        raise UsageProblem("--from-sample and --empty exclude each other", "choose one")
    if st.db_opt is not None or st.data_dir_opt is not None:
        raise UsageProblem(msg("init.own_folder"), msg("option.example.hint", example="liupi init DIR"))
    if level not in ("county", "city"):
        raise UsageProblem(f"--level {level}: county or city", "liupi init DIR --level city")
    if city is not None and level != "city":
        raise UsageProblem("--city goes with --level city", "liupi init DIR --level city --city 永州市")
    if level == "city":
        city = city or folder.resolve().name
    if (empty or level == "city") and year is None:
        year = dt.date.today().year
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    made = create_workspace(folder, empty=empty, year=year, name=name, demo=demo, by="liupi init --demo", at=now,
                            city=city)
    remember(made.plan_id, made.store, os.environ)
    say(f"created workspace {folder}: plan {made.plan_id} ({made.year}), "
        + ", ".join(str(f.relative_to(folder)) for f in made.files))
    if made.demo_figures:
        say(f"recorded {made.demo_figures} made-up demo figure(s) (source 'demo'); they are not real statistics")
    for var in ("LIUPI_HOME", "LIUPI_DB"):
        if os.environ.get(var):
            say(f"note: {var} is set; it overrides this workspace's {'plan' if var == 'LIUPI_HOME' else 'store'} "
                "until it is unset")
    nxt = "liupi report --month 2023-06" if made.demo_figures else ("liupi check" if empty or city else "liupi info")
    say(f"next: cd {folder} && {nxt}")


def register(app: typer.Typer) -> None:
    app.command()(init)
