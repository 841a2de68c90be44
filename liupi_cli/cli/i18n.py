"""What the CLI says on stderr, in Chinese with ``--lang zh`` or ``LIUPI_LANG=zh``.

Messages come from the catalogue (liupi_cli/messages.py: an id, parameters, English and Chinese); here the
``error:``/``hint:`` prefixes are added in the run's language. Nothing is translated by matching its English:
a message is said from its id, and ids, file names, values and the user's own text inside it stay as given.
"""

from __future__ import annotations

import os

from liupi_cli.errors import Problem
from liupi_cli.messages import Msg
from liupi_cli.render.safe import one_line

PREFIX = {"en": {"error": "error", "hint": "hint", "warning": "warning"},
          "zh": {"error": "错误", "hint": "提示", "warning": "警告"}}

_ACTIVE: list[str] = []  # the language of this run once a command has settled it (--lang, else $LIUPI_LANG)


def use(lang: str) -> None:
    """Make ``lang`` the language of everything said on stderr from now on."""
    _ACTIVE[:] = ["zh" if lang == "zh" else "en"]


def active() -> str:
    return _ACTIVE[0] if _ACTIVE else current_lang()


def current_lang(explicit: str | None = None) -> str:
    """``--lang`` when given, else ``$LIUPI_LANG`` (zh or en), else en."""
    lang = explicit or os.environ.get("LIUPI_LANG", "en")
    return "zh" if lang == "zh" else "en"


def tr(text: str | None, lang: str) -> str | None:
    """A message in ``lang``: a catalogue message (:class:`liupi_cli.messages.Msg`) by its id; anything else
    (the user's own text, a name) unchanged."""
    if isinstance(text, Msg):
        return text.text(lang)
    return text


def problem_text(problem: Problem, lang: str) -> str:
    """One problem of a plan file, ``file:line: path: message (hint: …)``, in ``lang``."""
    if lang != "zh":
        return str(problem)
    from liupi_cli.messages import msg

    where = problem.location()
    said = (msg("check.problem", where=where, path=problem.path, message=problem.message) if problem.path
            else msg("check.problem_here", where=where, message=problem.message))
    if problem.hint:
        said = msg("check.problem.hint", problem=said, hint=problem.hint)
    return said.text(lang)


def row_line(file: object, row: int, message: str, hint: str | None, lang: str) -> str:
    """One bad row of a file: ``error: f.csv: row 3: … (hint)`` / ``错误：f.csv：第3行：…（提示）``."""
    if lang == "zh":
        tail = f"（{tr(hint, lang)}）" if hint else ""
        return one_line(f"{PREFIX[lang]['error']}：{file}：第{row}行：{tr(message, lang)}{tail}")
    tail = f" ({hint})" if hint else ""
    return one_line(f"{PREFIX[lang]['error']}: {file}: row {row}: {message}{tail}")


def line(kind: str, text: str, lang: str) -> str:
    """``error: …`` / ``错误：…``."""
    sep = "：" if lang == "zh" else ": "
    return one_line(f"{PREFIX[lang][kind]}{sep}{tr(text, lang)}")  # user text in it shown escaped
