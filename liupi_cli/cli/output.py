"""Output plumbing shared by all commands: formats, stdout vs stderr, plain tables when piped."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported by the commands that make models, not by every start
    from collections.abc import Iterable

    from pydantic import BaseModel

from liupi_cli.render import registry
from liupi_cli.render.registry import BINARY, EXTENSIONS, Fmt  # noqa: F401  (the commands' format names)
from liupi_cli.render.rows import cell, dump_json, rows_to_csv, to_jsonable  # noqa: F401  (the names commands import from here)
from liupi_cli.render.safe import inert


def pick_format(fmt: Fmt | None, out: Path | None, allowed: tuple[Fmt, ...] | str) -> Fmt:
    """--format wins; else the --out file's extension; else table. Either way a format that is not
    available is a usage error (exit 2), as an unknown --format value is. ``allowed``: the formats, or the
    product whose formats they are (render/registry). Callers check --out first (``State.check_out``):
    naming a plan file is refused whatever the format."""
    from liupi_cli.errors import UsageProblem
    from liupi_cli.messages import msg

    if isinstance(allowed, str):
        allowed = registry.offered(allowed)
    if out is not None and str(out) not in STREAMS and out.is_dir():  # `--out /tmp`: a folder, whatever its name
        from liupi_cli.atomic import check_replaceable

        check_replaceable(out)  # exit 5, "… is a folder"
    if fmt is None and out is not None:
        fmt = EXTENSIONS.get(out.suffix.lower())
        if fmt is None:
            raise UsageProblem(msg("option.format_unknown", name=out.name),
                               msg("option.format_unknown.hint", choices="|".join(f.value for f in allowed)))
    return registry.check(fmt or Fmt.table, allowed)


DEFAULT_WIDTH = 100
ANSI = {"red": "1;31", "yellow": "1;33", "green": "1;32", "grey": "2", "dim": "2", "bold": "1"}


def table_width(stream=None) -> int:
    """Tables are as wide as ``$COLUMNS``, else the terminal, else 100 columns (when piped)."""
    stream = stream or sys.stdout
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if stream.isatty():
        import shutil

        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def use_colour(stream=None) -> bool:
    """Colour only at a terminal, never when piped, never with NO_COLOR."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR")


def paint(text: str, style: str | None) -> str:
    code = ANSI.get(style or "")
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


def say(message: str) -> None:
    """Talk (progress, warnings, confirmations) goes to stderr, user text in it shown inert, in the run's
    language (a catalogue message, liupi_cli.messages.Msg, in Chinese under --lang zh / LIUPI_LANG=zh)."""
    from liupi_cli.cli.i18n import active, tr

    print(inert(tr(message, active()) or ""), file=sys.stderr)


def _write_failures() -> tuple[type[BaseException], ...]:
    """OSError, and lxml's own error for the same failures (openpyxl writes through lxml when present:
    a full disk there is ``SerialisationError: IO_EFBIG``, not an OSError)."""
    etree = sys.modules.get("lxml.etree")
    return (OSError, etree.SerialisationError) if etree is not None else (OSError,)


def _finalise_quietly(exc: BaseException) -> None:
    """Let a library's half-finished writer (openpyxl's sheet streams) be finalised now, silently: left to
    the end of the process, Python would print its second failure as an "Exception ignored" traceback."""
    import gc
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


STREAMS = ("-", "/dev/stdout")  # --out values that ask for standard output, the one stream liupi writes into


@contextmanager
def writing(out: Path):
    """Turn a failed write (no such folder, no permission, disk full) into one clear line, exit 5."""
    from liupi_cli.errors import OutputUnwritable
    from liupi_cli.messages import msg

    try:
        yield
    except _write_failures() as exc:
        _finalise_quietly(exc)
        raise OutputUnwritable(msg("output.cannot_write", path=out, why=getattr(exc, "strerror", None) or exc),
                               msg("output.cannot_write.hint")) from exc


def _to_stdout(piece: str | bytes) -> None:
    """A piece of text on stdout; UTF-8 bytes go to its binary buffer as they are (not decoded to be encoded
    again), after the text written before them."""
    buffer = getattr(sys.stdout, "buffer", None)
    if isinstance(piece, str):
        sys.stdout.write(piece)
    elif buffer is None:
        sys.stdout.write(piece.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(piece)


def write_out(text: str | bytes | Iterable[str] | Iterable[bytes], out: Path | None, lang: str | None = None) -> None:
    """Write to stdout, or to the file ``out``, whole or not at all (a temporary file renamed over the
    path). CSV files start with a UTF-8 byte-order mark, CSV on stdout has none (render/csv_file). ``text``
    may come in pieces, str or UTF-8 bytes (a large document written as it is made, never held whole).
    ``--out -`` (or ``/dev/stdout``) asks for standard output."""
    if out is not None and str(out) in STREAMS:
        out = None
    if out is None:
        if isinstance(text, (str, bytes)):
            sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        else:
            for piece in text:
                _to_stdout(piece)
        return
    from liupi_cli.atomic import write_atomic, write_atomic_with
    from liupi_cli.render import csv_file

    if csv_file.is_csv_file(out) and not isinstance(text, bytes):
        text = csv_file.for_file(text) if isinstance(text, str) else csv_file.pieces_for_file(text)
    with writing(out):
        if isinstance(text, (str, bytes)):
            write_atomic(out, text, encoding="utf-8")
        else:
            pieces = iter(text)

            def write_pieces(f) -> None:
                for piece in pieces:
                    f.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))

            write_atomic_with(out, write_pieces)
    from liupi_cli.messages import msg

    say(msg("output.wrote", path=out))


def check_destination(fmt: Fmt, out: Path | None, example: str = "out") -> None:
    """xlsx and docx are files: without ``--out FILE`` (or with ``--out -``) a usage error (exit 2), whose hint
    names ``example`` with the format's extension."""
    if fmt in BINARY and (out is None or str(out) in STREAMS):
        from liupi_cli.errors import UsageProblem
        from liupi_cli.messages import msg

        raise UsageProblem(msg("option.needs_out", fmt=fmt.value),
                           msg("option.example.hint", example=f"--out {example}.{fmt.value}"))


def emit(model: Any, fmt: Fmt, out: Path | None = None, *, example: str = "out", **options: Any) -> None:
    """Every command's output: ``model`` drawn in ``fmt`` by the one renderer of the pair (render/registry), to
    stdout or to the file ``out`` (written whole, or not at all). A table at a terminal is as wide as it and
    coloured (never in a file or a pipe); xlsx and docx need a file (``example``: the file name the hint
    suggests, without its extension). ``options``: the renderer's (lang, the docx's date…)."""
    check_destination(fmt, out, example)
    if fmt is Fmt.table:
        options = {"width": table_width(), "paint": paint if out is None and use_colour() else None, **options}
    if fmt in BINARY:
        with writing(out):  # openpyxl spools sheets to temporary files: a full disk can strike here too
            data = registry.render(model, fmt, **options)
    else:
        data = registry.render(model, fmt, **options)
    write_out(data, out)


def emit_rows(rows: list[BaseModel], csv_columns: list[str], table_columns: list[str], fmt: Fmt,
              out: Path | None = None, max_widths: dict[str, int] | None = None) -> None:
    """A list of rows as JSON, CSV or a plain table (``max_widths`` caps a column of the table, whose longer
    words are shortened with …). The table is in the run's language; CSV and JSON keep the field names and values."""
    from liupi_cli.cli.i18n import active
    from liupi_cli.render.rows import Listing

    emit(Listing(rows, csv_columns, table_columns, max_widths or {}), fmt, out, lang=active())
