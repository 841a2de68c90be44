"""`liupi store`: set up a record store on a PostgreSQL server, copy a store to it and back (docs/server.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.output import say
from liupi_cli.errors import UsageProblem
from liupi_cli.messages import msg

store_app = typer.Typer(help="The record store on a server: set it up, copy a store to it and back.",
                        no_args_is_help=True)


def _where(text: str, label: str):  # label: which argument, said in the run's language
    """A store named on the command line: a postgresql:// address (never with a password) or a SQLite file."""
    from liupi_cli.server_address import is_server, server_address

    return server_address(text, label) if is_server(text) else Path(text).expanduser()


def _server(st, address: str | None, example: str):
    """The server to set up: the one named, else the store in use when it is a server (``example``: how the
    command names one, for the hint)."""
    if address is not None:
        where = _where(address, msg("server.word.address"))
    else:
        where = st.store_location().path
    if not getattr(where, "is_server", False):
        raise UsageProblem(msg("server.not_a_server", where=where), msg("server.not_a_server.hint", example=example))
    return where


@store_app.command("init-server")
def init_server(
    ctx: typer.Context,
    address: str | None = typer.Argument(None, help="postgresql://… (default: the store in use, from liupi.toml "
                                         "or LIUPI_DB)."),
) -> None:
    """Create the record store's tables on a PostgreSQL server, or bring them up to this liupi's schema.

    Run once, as the database's owner. Example: liupi store init-server postgresql://stats.county.local/liupi
    """
    from liupi_cli.store_pg import init_server as set_up

    st = state(ctx)
    where = _server(st, address, "liupi store init-server postgresql://host/database")
    from liupi_cli.store_pg import who_answers

    plan = st.plan()
    before, after = set_up(str(where), plan.info.id, who_answers(plan))
    say(msg("said.server_ready" if before == after else "said.server_set_up", url=where, before=before, after=after))


@store_app.command("copy")
def copy(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="FROM", help="A store file (records.db) or a postgresql:// address."),
    dest: str = typer.Argument(..., metavar="TO", help="An empty store: a new file, or a server set up with "
                                "init-server."),
) -> None:
    """Copy every record and task update, ids and history kept, into an empty store; checked field by field.

    Example: liupi store copy data/records.db postgresql://stats.county.local/liupi
    """
    from liupi_cli.store_copy import copy_store

    st = state(ctx)
    done = copy_store(_where(source, msg("server.word.from")), _where(dest, msg("server.word.to")), st.plan().info.id)
    say(msg("said.store_copied", source=source, dest=dest, records=done.records, tasks=done.task_updates))


@store_app.command("add-role")
def add_role(
    ctx: typer.Context,
    role: str = typer.Argument(..., help="The database role a bureau (or the office, or a leader) signs in as."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="A bureau's role: the unit it records for (id or "
                                    "Chinese name)."),
    office: bool = typer.Option(False, "--office", help="The statistics office's role: records and revises "
                                "everything."),
    leader: bool = typer.Option(False, "--leader", help="A leader's role: reads only."),
    server: str | None = typer.Option(None, "--server", help="postgresql://… (default: the store in use)."),
) -> None:
    """Let a role in: created if missing (without a password), with what it may do on the server.

    Example: liupi store add-role renshe --unit 县人社局
    """
    from liupi_cli.store_pg import add_role as let_in

    st = state(ctx)
    if [unit is not None, office, leader].count(True) != 1:
        raise UsageProblem(msg("server.role_kind"), msg("option.example.hint", example=f"liupi store add-role {role} "
                                                                                      "--unit 县人社局"))
    where = _server(st, server, "--server postgresql://host/database")
    plan = st.plan()
    unit_id = plan.unit_id(unit) if unit is not None else None
    kind = "bureau" if unit_id else "office" if office else "leader"
    created = let_in(str(where), role, kind, unit_id)
    what = msg("said.role_bureau", unit=plan.unit_name(unit_id)) if unit_id else msg(f"said.role_{kind}")
    say(msg("said.role_added", role=role, done=msg("said.role_created" if created else "said.role_updated"),
            what=what))
    if created:
        say(msg("said.role_no_password", role=role))


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")
