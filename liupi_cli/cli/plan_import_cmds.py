"""`liupi plan import` and `liupi plan next`: thin adapters over liupi_cli.plan_import and liupi_cli.rollover."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.output import say
from liupi_cli.errors import ExitCode, OutputUnwritable
from liupi_cli.messages import msg
from liupi_cli.render.safe import inert

plan_app = typer.Typer(
    help="Make a plan from documents: import task lists, roll over to next year.", no_args_is_help=True
)


@contextmanager
def writing(out: Path):
    """A plan folder that cannot be written is one line and exit 5; files already there are left whole."""
    try:
        yield
    except OSError as exc:
        raise OutputUnwritable(msg("output.cannot_write", path=out, why=exc.strerror or exc),
                               msg("import.cannot_write.hint")) from None


def _refuse_review_over_plan(review: Path, dest: Path) -> None:
    """The review file never replaces the plan it describes (exit 5); the store and liupi.toml are refused
    by the rule every written file follows (liupi_cli/atomic.py)."""
    import os

    from liupi_cli.atomic import check_replaceable

    check_replaceable(review)  # before any plan file is written
    for name in ("targets.yaml", "tasks.yaml", "imported-lists.yaml"):
        if os.path.realpath(review) == os.path.realpath(dest / name):
            raise OutputUnwritable(msg("import.review_over_plan", review=review, plan=dest / name),
                                   msg("import.review_over_plan.hint"))


def _out_dir(ctx: typer.Context, out: Path | None) -> tuple[Path, Path | None]:
    """(plan folder, its record store): --out, else the plan folder of the workspace named (--data-dir,
    LIUPI_HOME) or stood in, else --data-dir, else ./plan; the store beside it unless liupi.toml names one."""
    import os

    from liupi_cli.workspace import STORE_FILE, find_workspace

    opt = state(ctx).data_dir_opt
    if out is None:
        ws = find_workspace(opt, os.environ, Path.cwd())
        if ws.settings is not None:
            return ws.path, ws.store or ws.path / STORE_FILE
        out = opt if opt is not None else Path("plan")
    return out, out / STORE_FILE


@plan_app.command("import")
def import_cmd(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Task lists: .docx, .xlsx or .csv (UTF-8, UTF-16 or GB18030)."),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Plan folder to write (default: the workspace's plan folder, else --data-dir, else ./plan). An "
        "existing plan there gains the lists, in their own ids; an empty `liupi init --empty` skeleton is replaced.",
    ),
    battle: str | None = typer.Option(
        None,
        "--battle",
        "-b",
        help="Put every task under this battle (id, number or Chinese name; a new id makes a new battle).",
    ),
    year: int | None = typer.Option(
        None, "--year", help="Plan year (default: the year the documents' titles state, else the existing plan's, "
        "else the year the document names most)."
    ),
    list_id: str | None = typer.Option(
        None, "--list-id", help="Id namespace of the imported list (default: from its 附件 number, else its title)."
    ),
    plan_id: str | None = typer.Option(None, "--plan-id", help="Id of a new plan (default plan-YEAR)."),
    review: Path | None = typer.Option(None, "--review", help="Review file (default DIR/import-review.md)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the counts and the review; write nothing."),
    replace: bool = typer.Option(
        False, "--replace", help="Start the plan there afresh (its id and settings kept): tasks, units, battles, "
        "indicators only from these documents."
    ),
) -> None:
    """Import task lists (工作任务 · 牵头单位 · 责任单位 · 完成时限 tables, or numbered paragraphs) into plan files.

    Example: liupi plan import 任务清单.docx --out plan --year 2024
    """
    from liupi_cli.atomic import write_atomic
    from liupi_cli.cli.i18n import active, problem_text
    from liupi_cli.plan import check_plan
    from liupi_cli.plan_import import import_plan

    dest, store = _out_dir(ctx, out)
    result = import_plan(files, dest, year=year, battle=battle, plan_id=plan_id, replace=replace, list_id=list_id,
                         store=store)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    if dry_run:
        sys.stdout.write(inert(result.files["review"]))  # names from the document: shown, never obeyed
        say(msg("cli.import.dry_run", counts=counts))
        return
    review_path = review or dest / "import-review.md"
    _refuse_review_over_plan(review_path, dest)
    with writing(dest):
        dest.mkdir(parents=True, exist_ok=True)
        for name in ("targets.yaml", "tasks.yaml", "imported-lists.yaml"):
            if name in result.files:
                write_atomic(dest / name, result.files[name])
        write_atomic(review_path, result.files["review"])
    targets = [f"{dest}/targets.yaml"] if "targets.yaml" in result.files else []
    written = [f"{dest}/tasks.yaml", *targets, f"{dest}/imported-lists.yaml"]
    say(msg("cli.import.wrote", files=", ".join(written), review=review_path, counts=counts))
    _, problems = check_plan(dest)
    errors = [p for p in problems if p.severity == "error"]
    for p in errors:
        said = msg("cli.import.to_decide", problem=problem_text(p, active())).text(active())
        print(inert(said, keep_newlines=False), file=sys.stderr)
    if errors:
        say(msg("cli.import.undecided", count=len(errors)))
        raise typer.Exit(ExitCode.INVALID)
    say(msg("cli.import.passes", review=review_path, count=len(result.review)))


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")


from liupi_cli.cli import next_year_cmds  # noqa: E402 - `plan next` and `plan fill` join the plan group

next_year_cmds.register(plan_app)
