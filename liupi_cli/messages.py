"""Messages said to a user, by id: the core raises and reports them, the CLI says them in the run's language.

``msg("period.unreadable", text="junk")`` is a :class:`Msg`: a ``str`` whose value is the English text (so
``exc.message``, comparisons and f-strings keep working), carrying its ``id`` and named ``params`` so that
``.text("zh")`` gives the Chinese. Both texts live in :mod:`liupi_cli.messages_catalogue`, read on the first
message made or the first product rendered (render/labels.py reads the report's words, ``label.*``, from it;
a run that says and renders nothing never loads it). A parameter that is itself a ``Msg`` (a word such as
``word.indicator``) is said in the same language.
"""

from __future__ import annotations

from typing import Any

LANGS = ("en", "zh")


def _catalogue() -> dict[str, tuple[str, str]]:
    from liupi_cli.messages_catalogue import CATALOGUE

    return CATALOGUE


class Items(list):  # type: ignore[type-arg]
    """A parameter that is a list of things said one after another: "a; b" / "a；b"."""


def _param(value: Any, lang: str) -> Any:
    """A parameter as said in ``lang``: a message in that language; a tuple as alternatives ("a, b or c");
    :class:`Items` joined by the language's separator ("a; b" / "a；b"); a list as its items, each after that
    separator, so that an empty list says nothing."""
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, Items):
        return ("；" if lang == "zh" else "; ").join(str(_param(v, lang)) for v in value)
    if isinstance(value, tuple):  # alternatives: "a, b or c" / "a、b 或 c"
        items = [str(_param(v, lang)) for v in value]
        if lang == "zh":
            return "、".join(items[:-1]) + " 或 " + items[-1] if len(items) > 1 else "".join(items)
        return ", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else "".join(items)
    if isinstance(value, list):
        sep = "；" if lang == "zh" else "; "
        return "".join(sep + str(_param(v, lang)) for v in value)
    return value


def render(id_: str, params: dict[str, Any], lang: str) -> str:
    en, zh = _catalogue()[id_]
    template = zh if lang == "zh" else en
    return template.format(**{k: _param(v, lang) for k, v in params.items()})


class Msg(str):
    """A message by id with its parameters; its ``str`` value is the English text."""

    id: str
    params: dict[str, Any]

    def __new__(cls, id_: str, params: dict[str, Any] | None = None) -> Msg:
        params = dict(params or {})
        self = super().__new__(cls, render(id_, params, "en"))
        self.id, self.params = id_, params
        return self

    def text(self, lang: str = "en") -> str:
        return render(self.id, self.params, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Msg, (self.id, self.params))


def msg(id_: str, **params: Any) -> Msg:
    """The message ``id_`` with its named parameters (a ``KeyError`` for an id not in the catalogue)."""
    return Msg(id_, params)


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, said in the run's language when it is one of the reasons the
    catalogue knows (``os.ENOENT``…: the English is the system's own words); else the system's words."""
    import errno

    name = errno.errorcode.get(exc.errno or 0)
    if name and f"os.{name}" in _catalogue() and exc.strerror == render(f"os.{name}", {}, "en"):
        return msg(f"os.{name}")
    return exc.strerror or str(exc)


def say_in(text: str | None, lang: str) -> str | None:
    """A message in ``lang``; a plain string (text the user typed, or a message not yet given an id) as it is."""
    if isinstance(text, Msg):
        return text.text(lang)
    return text
