"""Options every command shares, declared once: the language, the period choice, --fail-on, --format/--out.

``--lang`` is one global option: ``liupi --lang zh report …`` or, for the scripts and docs that put it after
the command, ``liupi report … --lang zh`` (the command loader adds it to every command, sub-commands
included). Its one default: ``$LIUPI_LANG`` when it says zh or en, else en. The three documents written
for a Chinese office (`summary`'s circulars, `rank`'s 排名通报, `template`'s fill-in sheet) are in Chinese
unless --lang or $LIUPI_LANG chooses: see :meth:`State.document_lang`.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:  # output (csv, json) is imported by the commands that write, not by `liupi --help`
    from liupi_cli.cli.output import Fmt

LANGS = ("en", "zh")


class Lang(str, Enum):
    en = "en"
    zh = "zh"


LANG_HELP = "Language of output and messages: en or zh. Default: $LIUPI_LANG, else en."
# the documents written for a Chinese office: their own default (State.document_lang)
DOCUMENTS_ZH = ("summary", "rank", "template")
DOCUMENT_LANG_HELP = ("Language of output and messages: en or zh. Default: $LIUPI_LANG, else zh for the document "
                      "(it is for a Chinese office) and en for messages.")


def _chosen(ctx: typer.Context, value: Lang | None) -> None:
    from liupi_cli.cli.context import state

    if value is not None:
        state(ctx).choose_lang(value.value)


def lang_option(help_text: str = LANG_HELP) -> Any:
    """The --lang option a command accepts after its name (the same as ``liupi --lang``); it sets the run's
    language and is not passed to the command."""
    holder = typer.Typer()

    @holder.command()
    def _declared(lang: Lang | None = typer.Option(None, "--lang", metavar="en|zh", is_eager=True,
                                                      callback=_chosen, help=help_text)) -> None:
        """Only declares the option."""

    param = typer.main.get_command(holder).params[0]
    param.expose_value = False
    return param


def add_lang(command: Any) -> None:
    """Give ``command`` (a group too: ``liupi plan --lang zh fill …``, and every sub-command of a group) the
    shared --lang, unless it has one."""
    for sub in getattr(command, "commands", {}).values():
        add_lang(sub)
    if not any(p.name == "lang" for p in command.params):
        command.params.append(lang_option(DOCUMENT_LANG_HELP if command.name in DOCUMENTS_ZH else LANG_HELP))


FORMAT_ALIASES = {"md": "markdown", "txt": "table", "text": "table", "htm": "html"}  # as the file extensions say


def format_option(*allowed: Fmt, default: str = "table, or from --out") -> Any:
    """--format/-f, listing the formats a command writes. A name it does not write (or no format at all) is
    refused with the command's own formats; ``md``, ``txt`` and ``htm`` are read as the extensions read."""

    def parse(text: str) -> Fmt:
        from liupi_cli.cli.output import Fmt
        from liupi_cli.messages import msg

        name = text.strip().lower()
        fmt = next((f for f in allowed if f.value == FORMAT_ALIASES.get(name, name)), None)
        if fmt is None:
            raise ValueError(msg("usage.not_a_choice", option="--format", given=text,
                                   choices=", ".join(f.value for f in allowed)))
        return Fmt(fmt)

    return typer.Option(None, "--format", "-f", metavar="FORMAT", parser=parse,
                        help=f"{' | '.join(f.value for f in allowed)} (default {default}).")


def out_option(help: str = "Write to FILE; the format follows its extension.") -> Any:
    return typer.Option(None, "--out", "-o", metavar="FILE", help=help)


def include_submitted_option() -> Any:
    """--include-submitted, as `liupi report` and `liupi summary` both take it (docs/server.md)."""
    return typer.Option(False, "--include-submitted",
                        help="A server store: judge submitted figures not yet approved too, marked (submitted).")


def one_period(given: dict[str, str | None], example: str) -> tuple[str, str]:
    """The one period option given among ``given`` (option name -> value), or a usage error naming them all."""
    from liupi_cli.errors import UsageProblem
    from liupi_cli.messages import msg

    chosen = [(name, value) for name, value in given.items() if value]
    if len(chosen) != 1:
        raise UsageProblem(msg("option.one_period", options=tuple(given)), msg("option.example.hint", example=example))
    return chosen[0]


def grain_checked(name: str, value: str, period: Any, grain: str) -> Any:
    """``period`` read from option ``name``, refused when it is not of the option's ``grain``."""
    from liupi_cli.errors import UsageProblem
    from liupi_cli.messages import msg

    if period.grain != grain:
        example = {"month": "2023-06", "quarter": "2023Q2", "year": "2023"}[grain]
        raise UsageProblem(msg("period.not_a_grain", option=name, text=value, grain=msg(f"word.{grain}")),
                           msg("option.example.hint", example=example))
    return period


def fail_on(text: str | None, allowed: tuple[str, ...]) -> set[str]:
    """--fail-on's comma-separated conditions, each one of ``allowed``."""
    from liupi_cli.errors import UsageProblem
    from liupi_cli.messages import msg

    conditions = {f.strip() for f in (text or "").split(",") if f.strip()}
    if conditions - set(allowed):
        raise UsageProblem(msg("option.fail_on", given=text), msg("option.fail_on.hint", choices=", ".join(allowed)))
    return conditions


__all__ = ["LANGS", "add_lang", "fail_on", "format_option", "one_period", "out_option"]
