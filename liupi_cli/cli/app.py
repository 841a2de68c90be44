"""The `liupi` command. Errors from the core are translated here, once."""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer._click.exceptions import UsageError

from liupi_cli import __version__
from liupi_cli.cli.context import State, state
from liupi_cli.cli.i18n import current_lang, line
from liupi_cli.cli.options import LANG_HELP, Lang, add_lang
from liupi_cli.cli.usage import NamedCommands
from liupi_cli.errors import ExitCode, LiupiError, PlanInvalid
from liupi_cli.messages import LANGS
from liupi_cli.render.safe import json_inert

# Every command: the module (in liupi_cli.cli) that registers it and its one-line help, in `liupi --help`
# order. A command's module is imported only when that command runs or shows its own help, so `liupi
# --help` and each command import only what they use. tests/test_readme.py checks this table against the
# modules (every command listed, the help lines the same as the commands' own).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("workspace_cmds", "Create a workspace: plan files (data/targets.yaml, data/tasks.yaml), the record "
             "store (data/records.db) and liupi.toml."),
    "check": ("plan_cmds", "Validate the plan files and list every problem at once."),
    "info": ("plan_cmds", "Show which plan is in use, where it came from, its counts and where records are kept."),
    "targets": ("plan_cmds", "List the plan's indicators (targets)."),
    "tasks": ("plan_cmds", "List the plan's tasks."),
    "update": ("record_cmds", "Record actual figures: one value, a whole file, or interactively at a terminal."),
    "template": ("record_cmds", "Write a fill-in sheet of the indicators due for a period; a bureau fills the "
                 "数值 column."),
    "history": ("record_cmds", "Show every record of an indicator or a task, revisions marked."),
    "export": ("record_cmds", "Export every record, current and superseded, and every task update."),
    "report": ("report_cmd", "Where do we stand? Every target with its latest figure, the gap, 序时进度 and a light."),
    "missing": ("cadence_cmds", "Who still owes what (催报): per lead unit, the figures due for the period with "
                "none recorded and the tasks with no progress update in it; a count per unit first, complete "
                "units included."),
    "unit": ("cadence_cmds", "One bureau's page: the indicators it leads and co-leads with lights and gaps, its "
             "tasks (status, percent, deadline, overdue or days left), what it still owes, and its pre-score."),
    "summary": ("cadence_cmds", "The plan's products: 旬简报 (--dekad), 月通报 (--month), 季总结 (--quarter), "
                "年终结账 (--year)."),
    "task": ("record_cmds", "Record task progress."),
    "collect": ("city_cmds", "Collect the counties' figures into the city's store (data/collected.db), each with "
                "its origin."),
    "rank": ("city_cmds", "The 排名通报: each county's score on each rule with its working, total, 位次, 进位/退位 "
             "against the previous month, the top three, and the city roll-up."),
    "plan": ("plan_import_cmds", "Make a plan from documents: import task lists, roll over to next year."),
    "store": ("store_cmds", "The record store on a server: set it up, copy a store to it and back."),
    "review": ("review_cmds", "报送 → 审核: list the figures waiting for the office's review per unit; approve "
               "them, or return them."),
}


def command_app(module_name: str) -> typer.Typer:
    """A Typer holding the commands one module registers (plain help for its sub-command groups too)."""
    module = importlib.import_module(f"liupi_cli.cli.{module_name}")
    sub = typer.Typer(rich_markup_mode=None, add_completion=False)
    module.register(sub)
    for group in sub.registered_groups:  # sub-command groups (`liupi task`): the same plain help, the same refusal
        if group.typer_instance is not None:  # of a command they do not have
            group.typer_instance.rich_markup_mode = None
            group.typer_instance.info.cls = NamedCommands
    return sub


def full_app() -> typer.Typer:
    """Every command registered at once, as the lazy table loads them (for tests and documentation checks)."""
    full = typer.Typer(rich_markup_mode=None, add_completion=False)
    for module_name in dict.fromkeys(m for m, _ in COMMANDS.values()):
        sub = command_app(module_name)
        full.registered_commands.extend(sub.registered_commands)
        full.registered_groups.extend(sub.registered_groups)
    return full


class LiupiGroup(NamedCommands):
    """Catches domain errors from any command and prints one clear line (a traceback only with --debug).

    Commands are loaded lazily from COMMANDS: listing them reads the table, running one imports its module.
    """

    def list_commands(self, ctx: Any) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            sub = command_app(COMMANDS[cmd_name][0])
            sub.callback()(lambda: None)  # a callback makes a group, whatever the module registers
            loaded = typer.main.get_command(sub)
            for name, cmd in loaded.commands.items():  # type: ignore[attr-defined]
                add_lang(cmd)  # the global --lang, accepted after the command too
                self.commands.setdefault(name, cmd)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # type: ignore[override]
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        with formatter.section("Commands"):
            formatter.write_dl([(name, make_default_short_help(help_, limit)) for name, (_, help_) in COMMANDS.items()])

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        """liupi's own options (`liupi --lang fr info`) refused as a command's are: two lines, no usage dump."""
        argv = list(args)  # the parser consumes ``args``
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            _usage_error(exc, ctx, argv)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        argv = [*getattr(ctx, "_protected_args", []), *ctx.args]
        try:
            return super().invoke(ctx)
        except LiupiError as exc:
            st = state(ctx)  # type: ignore[arg-type]
            if st.debug:
                import traceback

                traceback.print_exc()
            report_error(exc, json_envelope=st.json_errors, lang=st.lang)
            raise typer.Exit(exc.exit_code) from None
        except UsageError as exc:  # a command's own options: two lines like liupi's own, in Chinese when asked for
            _usage_error(exc, ctx, argv)


def _usage_error(exc: UsageError, ctx: typer.Context, argv: list[str]) -> None:
    """A usage error as two lines (error, then where the usage is shown), in the language asked for: --lang
    when the command line gives a valid one, else the run's choice so far, else $LIUPI_LANG."""
    from liupi_cli.cli.usage import usage_message
    from liupi_cli.messages import msg

    # a --lang that is not a language (`liupi --lang zh report --lang fr`: that is the error) chooses nothing
    asked = next((b for a, b in zip(argv, argv[1:]) if a == "--lang" and b in LANGS), None) or next(
        (v for a in argv if a.startswith("--lang=") and (v := a.split("=", 1)[1]) in LANGS), None)
    given = getattr(ctx.params.get("lang"), "value", None)  # `liupi --lang zh nosuch`: parsed, not yet chosen
    lang = current_lang(asked or given or (ctx.obj.lang_chosen if isinstance(ctx.obj, State) else None))
    command = exc.ctx.command_path if exc.ctx else "liupi"
    print(line("error", usage_message(exc, argv), lang), file=sys.stderr)
    print(line("hint", msg("usage.see_help", command=command), lang), file=sys.stderr)
    raise typer.Exit(ExitCode.USAGE) from None


def report_error(exc: LiupiError, json_envelope: bool = False, lang: str = "en") -> None:
    if isinstance(exc, PlanInvalid):
        for p in exc.problems:
            if p.severity == "error":
                print(line("error", str(p), lang), file=sys.stderr)
    print(line("error", exc.message, lang), file=sys.stderr)
    if exc.hint:
        print(line("hint", exc.hint, lang), file=sys.stderr)
    if json_envelope:  # in the run's language, as the lines on stderr
        from liupi_cli.cli.i18n import problem_text, tr

        doc = {"error": {"message": tr(exc.message, lang), "hint": tr(exc.hint, lang), "exit_code": exc.exit_code}}
        if isinstance(exc, PlanInvalid):
            doc["error"]["problems"] = [problem_text(p, lang) for p in exc.problems if p.severity == "error"]
        sys.stdout.write(json_inert(json.dumps(doc, ensure_ascii=False)) + "\n")


app = typer.Typer(
    cls=LiupiGroup,
    name="liupi",
    help="Track a county's annual plan: targets, tasks, recorded actuals and gap-to-target reports.",
    no_args_is_help=True,
    add_completion=False,  # no --install-completion / --show-completion: shell completion is not offered
    rich_markup_mode=None,  # plain help: flags shown as flags (`--debug`), no `<bool>`
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"liupi {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Path | None = typer.Option(
        None, "--data-dir", "-d", metavar="DIR", help="A workspace (folder holding liupi.toml) or a plan folder "
        "holding targets.yaml and tasks.yaml. Default: $LIUPI_HOME, then the nearest liupi.toml here or above, "
        "then ./data, then the bundled sample plan.", show_default=False),
    db: str | None = typer.Option(None, "--db", metavar="FILE", help="Record store file, or a postgresql:// server "
                                     "address. Default: $LIUPI_DB, then liupi.toml's store, then records.db beside "
                                     "the plan (see `liupi info`)."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for errors."),
    lang: Lang | None = typer.Option(None, "--lang", metavar="en|zh", help=LANG_HELP + " Also accepted after "
                                        "the command."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    st = state(ctx)
    st.data_dir_opt, st.db_opt, st.debug = data_dir, db, debug
    if lang is not None:
        st.choose_lang(lang.value)


def _utf8_io() -> None:
    """Chinese names and text must come out right under cron's bare environment and `LC_ALL=C`.

    With an ASCII locale and UTF-8 mode turned off (PYTHONUTF8=0), Python cannot even name a file
    月通报.xlsx: run again in UTF-8 mode (the arguments' bytes are passed through unchanged). Streams
    that still cannot write Chinese are switched to UTF-8.
    """
    import codecs
    import os

    fs = codecs.lookup(sys.getfilesystemencoding()).name
    if fs != "utf-8" and os.name == "posix" and not os.environ.get("LIUPI_UTF8_REEXEC"):
        env = dict(os.environ, PYTHONUTF8="1", LIUPI_UTF8_REEXEC="1")
        os.execve(sys.executable, [sys.executable, "-m", "liupi_cli", *sys.argv[1:]], env)
    for stream in (sys.stdout, sys.stderr):
        try:
            "六仗".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
            except (AttributeError, ValueError):  # pragma: no cover - a replaced stream
                pass


def main() -> None:
    _utf8_io()
    # liupi uses no pydantic plugins: without this, building the first model validator scans every
    # installed package's entry points for them (milliseconds on each run)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command is a short process that builds its objects once and exits: the cyclic collector's passes
    # over them (pydantic building validators at start-up, rows and figures in bulk) are pure cost, about
    # a tenth of a small report. Reference counting still frees everything; interactive `update`, the one
    # long-lived command, turns the collector back on.
    gc.disable()
    try:
        app(prog_name="liupi")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        print("\ninterrupted; everything already saved is kept", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

__all__ = ["app", "main", "ExitCode"]
