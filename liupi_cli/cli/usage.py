"""Click's own usage errors (a mistyped option, a missing one, a value not among the choices) as catalogue
messages, read from the exception's fields, not from its English text."""

from __future__ import annotations

from typing import Any

from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError
from typer.core import TyperGroup

from liupi_cli.messages import Msg, msg


class NamedCommands(TyperGroup):
    """A command group that refuses a command it does not have from its own list of commands (a catalogue
    message, said in the run's language), not with click's English."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:  # type: ignore[override]
        name = args[0] if args else None
        known = self.list_commands(ctx)
        if name is not None and not name.startswith("-") and name not in known:
            raise UsageError(msg("usage.no_such_command", name=name, commands=", ".join(known)), ctx)
        return super().resolve_command(ctx, args)


def _hint(exc: BadParameter) -> str:
    names = exc.param_hint if exc.param_hint is not None else (exc.param.opts if exc.param is not None else [])
    if isinstance(names, str):
        return names
    return " / ".join(names)


def _given(argv: list[str], names: list[str], choices: list[str]) -> str | None:
    """What the user typed after one of the option ``names`` (``--format pdf`` or ``--format=pdf``) that is not
    one of ``choices``: the value refused when the option is given twice (``--lang zh … --lang=fr``)."""
    typed = [argv[i + 1] if arg == name else arg[len(name) + 1:]
             for i, arg in enumerate(argv) for name in names
             if (arg == name and i + 1 < len(argv)) or arg.startswith(name + "=")]
    return next((v for v in typed if v not in choices), typed[0] if typed else None)


def _argument(param: Any) -> str:
    """An argument as the usage line names it: ITEM, FILE."""
    return param.metavar or param.name.upper()


def _said_by_liupi(exc: BadParameter) -> Msg | None:
    """The catalogue message of a ValueError raised by one of liupi's option parsers, if that is the cause."""
    errors = exc.__cause__.errors(include_url=False) if hasattr(exc.__cause__, "errors") else []
    error = errors[0].get("ctx", {}).get("error") if len(errors) == 1 else None
    said = error.args[0] if isinstance(error, ValueError) and error.args else None
    return said if isinstance(said, Msg) else None


def _detail(exc: BadParameter) -> str:
    """Why a value was refused: pydantic's words for a number or a date that is not one (the catalogue's
    ``check.field.*``, from the error's type), else the exception's own text."""
    cause = exc.__cause__
    if hasattr(cause, "errors"):
        from liupi_cli.plan import field_message

        errors = cause.errors(include_url=False)
        if len(errors) == 1:
            return field_message(errors[0])
    return exc.message


def usage_message(exc: UsageError, argv: list[str]) -> Msg:
    if isinstance(exc.message, Msg):  # raised by liupi itself (NamedCommands)
        return exc.message
    if isinstance(exc, NoSuchOption):
        return msg("usage.no_such_option", option=exc.option_name)
    if isinstance(exc, MissingParameter):
        if exc.param is not None and not exc.param.opts[0].startswith("-"):  # an argument: as the usage line says
            return msg("usage.missing", what=_argument(exc.param))
        return msg("usage.missing", what=_hint(exc))
    if isinstance(exc, BadParameter) and (said := _said_by_liupi(exc)) is not None:
        return said  # a value liupi's own parser refused (--format): its message whole
    if isinstance(exc, BadParameter) and exc.param is not None:
        desc = getattr(exc.param, "type_descriptor", None)
        choices: Any = getattr(desc, "choices", None) if desc is not None else None
        values = [str(getattr(c, "value", c)) for c in choices or ()]
        given = _given(argv, list(exc.param.opts), values)
        if choices and given is not None:
            shown = ", ".join(repr(v) for v in values)
            return msg("usage.not_a_choice", option=exc.param.opts[0], given=given, choices=shown)
        return msg("usage.bad_value", option=_hint(exc), detail=_detail(exc))
    return msg("usage.other", detail=exc.format_message())
