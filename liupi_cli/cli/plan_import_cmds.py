"""`liupi plan import` and `liupi plan next`: thin adapters over liupi_cli.plan_import and liupi_cli.rollover."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.output import say
from liupi_cli.render.safe import inert
from liupi_cli.errors import ExitCode, OutputUnwritable

plan_app = typer.Typer(
    help="Make a plan from documents: import task lists, roll over to next year.", no_args_is_help=True
)


@contextmanager
def writing(out: Path):
    """A plan folder that cannot be written is one line and exit 5; files already there are left whole."""
    try:
        yield
    except OSError as exc:
        raise OutputUnwritable(
            f"cannot write {out}: {exc.strerror or exc}",
            "check the folder exists and is writable, or choose another --out",
        ) from None


def _refuse_review_over_plan(review: Path, dest: Path) -> None:
    """The review file never replaces the plan it describes (exit 5); the store and liupi.toml are refused
    by the rule every written file follows (liupi_cli/atomic.py)."""
    import os

    from liupi_cli.atomic import check_replaceable

    check_replaceable(review)  # before any plan file is written
    for name in ("targets.yaml", "tasks.yaml"):
        if os.path.realpath(review) == os.path.realpath(dest / name):
            raise OutputUnwritable(f"--review {review} would replace the plan file {dest / name}; nothing was "
                                   "written", "give the review another name, e.g. import-review.md")


def _out_dir(ctx: typer.Context, out: Optional[Path]) -> Path:
    if out is not None:
        return out
    opt = state(ctx).data_dir_opt
    return opt if opt is not None else Path("plan")


@plan_app.command("import")
def import_cmd(
    ctx: typer.Context,
    files: List[Path] = typer.Argument(..., help="Task lists: .docx, .xlsx or .csv (UTF-8, UTF-16 or GB18030)."),
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        "-o",
        help="Plan folder to write (default: --data-dir, "
        "else ./plan). An existing plan there is updated, not replaced.",
    ),
    battle: Optional[str] = typer.Option(
        None,
        "--battle",
        "-b",
        help="Put every task under this battle (id, number or Chinese name; a new id makes a new battle).",
    ),
    year: Optional[int] = typer.Option(
        None, "--year", help="Plan year (default: the existing plan's, else the year the document names most)."
    ),
    plan_id: Optional[str] = typer.Option(None, "--plan-id", help="Id of a new plan (default plan-YEAR)."),
    review: Optional[Path] = typer.Option(None, "--review", help="Review file (default DIR/import-review.md)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the counts and the review; write nothing."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a tasks.yaml that holds another plan."),
) -> None:
    """Import task lists (工作任务 · 牵头单位 · 责任单位 · 完成时限 tables, or numbered paragraphs) into plan files.

    Example: liupi plan import 任务清单.docx --out plan --year 2024
    """
    from liupi_cli.atomic import write_atomic
    from liupi_cli.plan import check_plan
    from liupi_cli.plan_import import import_plan

    dest = _out_dir(ctx, out)
    result = import_plan(files, dest, year=year, battle=battle, plan_id=plan_id, replace=replace)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    if dry_run:
        sys.stdout.write(inert(result.files["review"]))  # names from the document: shown, never obeyed
        say(f"dry run: {counts}; nothing written")
        return
    review_path = review or dest / "import-review.md"
    _refuse_review_over_plan(review_path, dest)
    with writing(dest):
        dest.mkdir(parents=True, exist_ok=True)
        for name in ("targets.yaml", "tasks.yaml"):
            if name in result.files:
                write_atomic(dest / name, result.files[name])
        write_atomic(review_path, result.files["review"])
    say(
        f"wrote {dest}/tasks.yaml"
        + (f", {dest}/targets.yaml" if "targets.yaml" in result.files else "")
        + f" and {review_path}: {counts}"
    )
    _, problems = check_plan(dest)
    errors = [p for p in problems if p.severity == "error"]
    for p in errors:
        print(inert(f"to decide: {p}", keep_newlines=False), file=sys.stderr)
    if errors:
        say(f"{len(errors)} thing(s) must still be decided before `liupi check` passes (listed above)")
        raise typer.Exit(ExitCode.INVALID)
    say(f"`liupi check` passes; read {review_path} ({len(result.review)} item(s)) before relying on it")


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")


@plan_app.command("next")
def next_cmd(
    ctx: typer.Context,
    year: int = typer.Option(..., "--year", help="The new plan's year."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="New plan folder (default ./plan-YEAR)."),
    fill: Optional[Path] = typer.Option(
        None, "--fill", help="Apply a filled targets-to-fill.csv to the new plan in --out (instead of creating it)."
    ),
) -> None:
    """Start next year's plan from this one: units, battles, settings, indicators (targets to fill), open tasks.

    Example: liupi plan next --year 2024 --out plan-2024
    """
    import datetime as dt
    import getpass
    import os

    import yaml

    from liupi_cli.atomic import write_atomic
    from liupi_cli.errors import InputRefused
    from liupi_cli.plan import check_plan
    from liupi_cli.plan_import.writer import dump
    from liupi_cli.rollover import apply_fill, fill_csv, next_year, read_fill
    from liupi_cli.store import Store

    dest = out or Path(f"plan-{year}")
    if fill is not None:
        if not (dest / "targets.yaml").is_file():
            raise InputRefused(
                f"{dest}/targets.yaml not found", f"create it first: liupi plan next --year {year} --out {dest}"
            )
        from liupi_cli.tables import decode

        try:
            raw = fill.read_bytes()
        except OSError as exc:
            raise InputRefused(f"{fill}: cannot read: {exc.strerror or exc}",
                               f"fill the table `liupi plan next` wrote: {dest}/targets-to-fill.csv") from None
        try:  # saved from Chinese Excel/WPS the table is GBK (or UTF-16 "Unicode text"), as for update --file
            text, _ = decode(raw)
        except InputRefused as exc:
            raise InputRefused(f"{fill}: {exc.message}", exc.hint) from None
        filled = read_fill(text, str(fill))
        text = (dest / "targets.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        n, unknown = apply_fill(data, filled)
        head = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
        with writing(dest / "targets.yaml"):
            write_atomic(dest / "targets.yaml", head + dump(data))
        say(
            f"set {n} new target(s) in {dest}/targets.yaml"
            + (f"; unknown ids ignored: {', '.join(unknown)}" if unknown else "")
        )
    else:
        st = state(ctx)
        plan = st.plan()
        if (dest / "targets.yaml").exists():
            raise InputRefused(f"{dest}/targets.yaml already exists", "choose another --out, or --fill to set targets")
        records, updates = [], []
        store = st.open_store(write=False)  # last year's store is only read, never changed
        if store is not None:
            with store:
                records, updates = store.records(), store.task_updates()
        nxt = next_year(plan, records, updates, year)
        with writing(dest):
            dest.mkdir(parents=True, exist_ok=True)
            write_atomic(
                dest / "targets.yaml",
                f"# liupi plan data: {year}, carried from {plan.info.id} by "
                "`liupi plan next`; fill the new targets (targets-to-fill.csv).\n" + dump(nxt.targets),
            )
            write_atomic(
                dest / "tasks.yaml",
                f"# liupi plan data: tasks carried from {plan.info.id} "
                "(not done last year; see each note).\n" + dump({"tasks": nxt.tasks}),
            )
            write_atomic(dest / "targets-to-fill.csv", fill_csv(nxt.fill))
        if nxt.baselines:
            by = os.environ.get("LIUPI_USER") or getpass.getuser()
            new = Store(dest / "records.db", nxt.targets["plan"]["id"])
            try:
                new.add_many(
                    nxt.baselines,
                    by,
                    dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    batch=f"plan next from {plan.info.id}",
                )
            finally:
                new.close()
        for note in nxt.notes:
            say(f"note: {note}")
        say(
            f"wrote {dest}: {len(nxt.targets['indicators'])} indicator(s), {nxt.carried_tasks} task(s) carried, "
            f"{len(nxt.baselines)} baseline record(s) from {plan.info.year}; {len(nxt.fill)} target(s) to fill in "
            f"{dest}/targets-to-fill.csv, then: liupi plan next --year {year} --out {dest} --fill "
            f"{dest}/targets-to-fill.csv"
        )
    _, problems = check_plan(dest)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        say(f"{len(errors)} thing(s) still to decide before `liupi check` passes; `liupi -d {dest} check` lists them")
    else:
        say("`liupi check` passes")
