"""The `liupi` command. Errors from the core are translated here, once."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from liupi_cli import __version__
from liupi_cli.cli.context import state
from liupi_cli.cli.i18n import current_lang, line
from liupi_cli.errors import ExitCode, LiupiError, PlanInvalid
from liupi_cli.render.safe import json_inert


class LiupiGroup(TyperGroup):
    """Catches domain errors from any command and prints one clear line (a traceback only with --debug)."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        argv = [*getattr(ctx, "_protected_args", []), *ctx.args]
        asked = next((b for a, b in zip(argv, argv[1:]) if a == "--lang"), None) or next(
            (a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
        try:
            return super().invoke(ctx)
        except LiupiError as exc:
            st = state(ctx)  # type: ignore[arg-type]
            if st.debug:
                traceback.print_exc()
            report_error(exc, json_envelope=st.json_errors, lang=st.lang)
            raise typer.Exit(exc.exit_code) from None
        except UsageError as exc:  # a command's own options; in Chinese when asked for
            lang = current_lang(asked)
            if lang != "zh":
                raise
            command = exc.ctx.command_path if exc.ctx else "liupi"
            print(line("error", exc.format_message(), lang), file=sys.stderr)
            print(line("hint", f"`{command} -h` 查看用法", lang), file=sys.stderr)
            raise typer.Exit(ExitCode.USAGE) from None


def report_error(exc: LiupiError, json_envelope: bool = False, lang: str = "en") -> None:
    if isinstance(exc, PlanInvalid):
        for p in exc.problems:
            if p.severity == "error":
                print(line("error", str(p), lang), file=sys.stderr)
    print(line("error", exc.message, lang), file=sys.stderr)
    if exc.hint:
        print(line("hint", exc.hint, lang), file=sys.stderr)
    if json_envelope:
        doc = {"error": {"message": exc.message, "hint": exc.hint, "exit_code": exc.exit_code}}
        if isinstance(exc, PlanInvalid):
            doc["error"]["problems"] = [str(p) for p in exc.problems if p.severity == "error"]
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
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", "-d", metavar="DIR", help="A workspace (folder holding liupi.toml) or a plan folder "
        "holding targets.yaml and tasks.yaml. Default: $LIUPI_HOME, then the nearest liupi.toml here or above, "
        "then ./data, then the bundled sample plan.", show_default=False),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help="Record store file. Default: $LIUPI_DB, "
                                      "then liupi.toml's store, then records.db beside the plan (see `liupi info`)."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    st = state(ctx)
    st.data_dir_opt, st.db_opt, st.debug = data_dir, db, debug


def _register() -> None:
    from liupi_cli.cli import cadence_cmds, plan_cmds, plan_import_cmds, record_cmds, report_cmd, workspace_cmds

    for module in (workspace_cmds, plan_cmds, record_cmds, report_cmd, cadence_cmds, plan_import_cmds):
        module.register(app)
    for group in app.registered_groups:  # sub-command groups (`liupi task`) get the same plain help
        if group.typer_instance is not None:
            group.typer_instance.rich_markup_mode = None


_register()


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
    try:
        app(prog_name="liupi")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        print("\ninterrupted; everything already saved is kept", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

__all__ = ["app", "main", "ExitCode"]
