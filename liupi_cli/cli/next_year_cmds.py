"""`liupi plan next` and `liupi plan fill`: thin adapters over liupi_cli.next_workspace (registered in the
`plan` group by plan_import_cmds)."""

from __future__ import annotations

from pathlib import Path

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.output import say
from liupi_cli.errors import ExitCode
from liupi_cli.messages import msg, os_reason
from liupi_cli.rollover import to_be_set_count


def _table_text(fill: Path, hint: str) -> str:
    """The filled table's text: saved from Chinese Excel/WPS it is GBK (or UTF-16 "Unicode text"), as for update."""
    from liupi_cli.errors import InputRefused
    from liupi_cli.text_decode import decode

    try:
        raw = fill.read_bytes()
    except OSError as exc:
        raise InputRefused(msg("file.cannot_read", path=fill, why=os_reason(exc)), hint) from None
    try:
        text, _ = decode(raw)
    except InputRefused as exc:
        raise InputRefused(msg("file.in", path=fill, what=exc.message), exc.hint) from None
    return text


def _apply(plan_dir: Path, fill: Path, hint: str, lang: str) -> None:
    import sys

    from liupi_cli.cli.i18n import row_line
    from liupi_cli.errors import InputRefused
    from liupi_cli.next_workspace import BACKUP, fill_plan
    from liupi_cli.plan import check_plan

    res = fill_plan(plan_dir, _table_text(fill, hint), str(fill))
    if res.problems:
        for p in res.problems:  # every refused row at once, as `liupi update --file` lists them
            print(row_line(str(fill), p.row, p.what or p.message.removeprefix(f"{fill}:{p.row}: "), p.hint, lang),
                  file=sys.stderr)
        raise InputRefused(msg("cli.fill.bad_rows", file=fill, count=len(res.problems)),
                           msg("record.bad_rows.hint"))
    for note in res.notes:
        say(msg("next.note", note=note))
    more = ([msg("said.n_unchanged", count=len(res.unchanged))] if res.unchanged else []) + (
        [msg("cli.fill.unknown_ignored", ids=", ".join(res.unknown))] if res.unknown else [])
    targets = plan_dir / "targets.yaml"
    if res.set:
        say(msg("cli.fill.set", count=len(res.set), path=targets, backup=plan_dir / BACKUP, more=more))
    else:
        say(msg("cli.fill.unchanged", path=targets, fill=fill, more=more))
    plan, problems = check_plan(plan_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        say(msg("cli.fill.undecided", count=len(errors)))
        raise typer.Exit(ExitCode.INVALID)
    pending = to_be_set_count(plan) if plan is not None else 0
    say(msg("cli.fill.passes", more=[msg("cli.fill.pending", count=pending)] if pending else []))


def _plan_dir(folder: Path) -> Path:
    from liupi_cli.workspace import find_workspace

    return find_workspace(folder, {}, folder).path


def next_cmd(
    ctx: typer.Context,
    year: int = typer.Option(..., "--year", help="The new plan's year."),
    folder: Path | None = typer.Argument(
        None, metavar="[DIR]", help="The new workspace (default: beside this one, named from it and the year)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Same as DIR."),
    fill: Path | None = typer.Option(
        None, "--fill", help="Apply a filled targets-to-fill.csv to the workspace DIR made before (as plan fill)."
    ),
) -> None:
    """Start next year's workspace from this one: units, battles, settings, indicators (targets to be set),
    open tasks (deadlines moved into the new year, flagged for review), last year's baselines.

    Example: liupi plan next --year 2024

    Example: liupi plan next --year 2024 ../county-2024
    """
    import datetime as dt
    import getpass
    import os

    from liupi_cli.cli.cadence_cmds import load_records
    from liupi_cli.errors import UsageProblem
    from liupi_cli.next_workspace import FILL_TABLE, REVIEW, default_folder, make_next_workspace
    from liupi_cli.registry import remember

    if folder is not None and out is not None and folder != out:
        raise UsageProblem(msg("cli.next.once"), msg("said.command", command=f"liupi plan next --year {year} DIR"))
    st = state(ctx)
    plan = st.plan()
    dest = folder or out or default_folder(st.data_dir, plan, year, Path.cwd())
    if fill is not None:
        _apply(_plan_dir(dest), fill, msg("cli.fill.hint_at", path=dest / FILL_TABLE), st.lang)
        return
    records, updates = load_records(st)  # last year's store is only read, never changed
    by = os.environ.get("LIUPI_USER") or getpass.getuser()
    at = dt.datetime.now().astimezone().isoformat(timespec="seconds")  # the clock is read here, at the edge
    made = make_next_workspace(st.data_dir, plan, records, updates, year, dest, cwd=Path.cwd(), by=by, at=at)
    remember(made.plan_id, made.store, os.environ)
    nxt = made.rollover
    for note in nxt.notes:
        say(msg("next.note", note=note))
    say(msg("cli.next.created", dest=dest, plan=made.plan_id, year=year, indicators=len(nxt.targets["indicators"]),
            carried=nxt.carried_tasks, baselines=len(nxt.baselines), from_year=plan.info.year, fill=len(nxt.fill),
            table=dest / FILL_TABLE, review=dest / REVIEW))
    say(msg("cli.next.then", dest=dest, table=FILL_TABLE))


def fill_cmd(
    ctx: typer.Context,
    table: Path = typer.Argument(..., metavar="FILE", help="The filled targets-to-fill.csv (CSV or tab-separated)."),
) -> None:
    """Set the targets (and milestones' dates) of the plan in use from a filled targets-to-fill.csv. Cells
    are read as `liupi update` reads values: 7%, 360000万元, 增长8%以上, 控制在5.5%左右, 2024/8/31.

    Example: liupi plan fill targets-to-fill.csv
    """
    from liupi_cli.errors import UsageProblem

    st = state(ctx)
    if st.data_dir.bundled:
        raise UsageProblem(msg("cli.fill.bundled"),
                           msg("said.command", command="cd county-2024 && liupi plan fill targets-to-fill.csv"))
    _apply(st.data_dir.path, table, msg("cli.fill.hint"), st.lang)


def register(plan_app: typer.Typer) -> None:
    plan_app.command("next")(next_cmd)
    plan_app.command("fill")(fill_cmd)
