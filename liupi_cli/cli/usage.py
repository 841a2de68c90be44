"""Click's own usage errors (a mistyped option, a missing one, a value not among the choices) as catalogue
messages, read from the exception's fields, not from its English text."""

from __future__ import annotations

from typing import Any

from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError

from liupi_cli.messages import Msg, msg


def _hint(exc: BadParameter) -> str:
    names = exc.param_hint if exc.param_hint is not None else (exc.param.opts if exc.param is not None else [])
    if isinstance(names, str):
        return names
    return " / ".join(names)


def _given(argv: list[str], names: list[str]) -> str | None:
    """What the user typed after one of the option ``names`` (``--format pdf`` or ``--format=pdf``)."""
    for i, arg in enumerate(argv):
        for name in names:
            if arg == name and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(name + "="):
                return arg[len(name) + 1:]
    return None


def usage_message(exc: UsageError, argv: list[str]) -> Msg:
    if isinstance(exc, NoSuchOption):
        return msg("usage.no_such_option", option=exc.option_name)
    if isinstance(exc, MissingParameter):
        return msg("usage.missing", what=_hint(exc) or (exc.param.name if exc.param is not None else ""))
    if isinstance(exc, BadParameter) and exc.param is not None:
        desc = getattr(exc.param, "type_descriptor", None)
        choices: Any = getattr(desc, "choices", None) if desc is not None else None
        given = _given(argv, list(exc.param.opts))
        if choices and given is not None:
            shown = ", ".join(repr(getattr(c, "value", c)) for c in choices)
            return msg("usage.not_a_choice", option=exc.param.opts[0], given=given, choices=shown)
        return msg("usage.bad_value", option=_hint(exc), detail=exc.message)
    return msg("usage.other", detail=exc.format_message())
