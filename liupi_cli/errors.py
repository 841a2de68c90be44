"""Domain errors. Each carries a one-line message, an optional hint and an exit code.

The CLI translates them to ``error: …`` lines on stderr in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass


class ExitCode:
    """Exit codes are part of the interface (documented in the README)."""

    OK = 0
    INVALID = 1  # the data or the input was checked and is invalid; or a --fail-on condition hit
    USAGE = 2  # bad command-line usage
    UNREADABLE = 3  # a plan file or data dir cannot be read at all
    STORE = 4  # the record store cannot be opened, is locked or is damaged
    OUTPUT = 5  # the output file could not be written (nothing half-written is left behind)
    EMPTY = 6  # the report was written, but no figure at all is recorded for its period


class LiupiError(Exception):
    exit_code = ExitCode.INVALID

    def __init__(self, message: str, hint: str | None = None):
        """``message`` and ``hint`` are :class:`liupi_cli.messages.Msg` (an id with parameters, said in the
        run's language by the CLI); ``.message``/``.hint`` read as their English text."""
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Problem:
    """One finding about a plan file: where, what, and how to fix it."""

    file: str
    line: int | None
    path: str
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" | "warning"

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class PlanUnreadable(LiupiError):
    """A data file or directory cannot be read or parsed at all."""

    exit_code = ExitCode.UNREADABLE


class PlanInvalid(LiupiError):
    """The plan was read and is invalid; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        from liupi_cli.messages import msg

        errors = [p for p in problems if p.severity == "error"]
        super().__init__(msg("plan.invalid", count=len(errors)), msg("plan.invalid.hint"))
        self.problems = problems


class UnknownId(LiupiError):
    LISTED_BY = ("indicator", "task", "unit")  # the kinds whose hint says where they are listed
    WORDS = ("indicator", "task", "unit", "battle", "indicator or task")  # kinds said as a word of the catalogue

    def __init__(self, what: str, given: str, suggestions: list[str], known: list[str] | None = None):
        from liupi_cli.messages import msg

        word = msg("word." + what.replace(" ", "_")) if what in self.WORDS else what
        if suggestions:
            hint = msg("unknown.hint.did_you_mean", names=", ".join(suggestions))
        elif known:
            hint = msg("unknown.hint.one_of", names=", ".join(known))
        elif what in self.LISTED_BY:
            hint = msg(f"unknown.hint.{what}")
        else:
            hint = msg("unknown.hint.other", what=word)
        super().__init__(msg("unknown.id", what=word, given=given), hint)
        self.suggestions = suggestions


class InputRefused(LiupiError):
    """A value, period or file the user gave was refused; nothing was written."""


class UsageProblem(LiupiError):
    exit_code = ExitCode.USAGE


class StoreError(LiupiError):
    exit_code = ExitCode.STORE


class OutputUnwritable(LiupiError):
    """An output file or folder could not be written, or must not be (it is the plan or the store in use);
    nothing half-written is left behind."""

    exit_code = ExitCode.OUTPUT
