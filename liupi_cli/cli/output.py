"""Output plumbing shared by all commands: formats, stdout vs stderr, plain tables when piped."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported by the commands that make models, not by every start
    from collections.abc import Iterable

    from pydantic import BaseModel

from liupi_cli.render.safe import inert, json_inert, neutralise


class Fmt(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"  # a Word document in 公文 layout (the city's 排名通报)


EXTENSIONS = {".txt": Fmt.table, ".md": Fmt.markdown, ".csv": Fmt.csv, ".json": Fmt.json,
              ".xlsx": Fmt.xlsx, ".html": Fmt.html, ".htm": Fmt.html,
              ".docx": Fmt.docx}


def pick_format(fmt: Fmt | None, out: Path | None, allowed: tuple[Fmt, ...]) -> Fmt:
    """--format wins; else the --out file's extension; else table. Either way a format that is not
    available is a usage error (exit 2), as an unknown --format value is. Callers check --out first
    (``State.check_out``): naming a plan file is refused whatever the format."""
    from liupi_cli.errors import UsageProblem
    from liupi_cli.messages import msg

    if fmt is None and out is not None:
        fmt = EXTENSIONS.get(out.suffix.lower())
        if fmt is None:
            raise UsageProblem(msg("option.format_unknown", name=out.name),
                               msg("option.format_unknown.hint", choices="|".join(f.value for f in allowed)))
    fmt = fmt or Fmt.table
    if fmt not in allowed:
        raise UsageProblem(msg("option.format_not_here", fmt=fmt.value),
                           msg("option.format_not_here.hint", choices=", ".join(f.value for f in allowed)))
    return fmt


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


def to_jsonable(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, list):
        return [to_jsonable(o) for o in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def dump_json(obj: Any) -> str:
    return json_inert(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2)) + "\n"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "、".join(cell(v) for v in value)
    if hasattr(value, "model_dump"):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def rows_to_csv(rows: list[BaseModel], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        d = r.model_dump(mode="json")
        w.writerow([neutralise(cell(_json_cell(d[c]))) for c in columns])
    return buf.getvalue()


def _json_cell(v: Any) -> Any:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return json.dumps(v, ensure_ascii=False)
    return v


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


def write_out(text: str | bytes | Iterable[str], out: Path | None, lang: str | None = None) -> None:
    """Write to stdout, or to the file ``out``, whole or not at all (a temporary file renamed over the
    path). CSV files start with a UTF-8 byte-order mark so that Excel and WPS open Chinese text
    correctly; CSV on stdout has none (it is for other programs). ``text`` may come in pieces (a large
    document written as it is made, never held whole). ``--out -`` (or ``/dev/stdout``) asks for standard output."""
    if out is not None and str(out) in STREAMS:
        out = None
    if out is None:
        if isinstance(text, (str, bytes)):
            sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        else:
            for piece in text:
                sys.stdout.write(piece)
        return
    from liupi_cli.atomic import write_atomic, write_atomic_with

    encoding = "utf-8-sig" if out.suffix.lower() == ".csv" else "utf-8"
    with writing(out):
        if isinstance(text, (str, bytes)):
            write_atomic(out, text, encoding=encoding)
        else:
            pieces = iter(text)

            def write_pieces(f) -> None:
                first = next(pieces, "")
                f.write(first.encode(encoding))  # utf-8-sig: the mark once, before the first piece
                for piece in pieces:
                    f.write(piece.encode("utf-8"))

            write_atomic_with(out, write_pieces)
    from liupi_cli.messages import msg

    say(msg("output.wrote", path=out))


def emit_rows(rows: list[BaseModel], csv_columns: list[str], table_columns: list[str], fmt: Fmt,
              out: Path | None = None, dim=None, max_widths: dict[str, int] | None = None) -> None:
    """A list of rows as JSON, CSV or a plain table (``dim(row)`` greys out superseded rows; ``max_widths``
    caps a column of the table, whose longer words are shortened with …)."""
    if fmt is Fmt.json:
        write_out(dump_json(rows), out)
        return
    if fmt is Fmt.csv:
        write_out(rows_to_csv(rows, csv_columns), out)
        return
    from liupi_cli.render.textgrid import Column, render_table

    dimmed = [("dim" if dim and dim(r) else None) for r in rows]
    columns = [Column(c, [inert(cell(getattr(r, c))) for r in rows], priority=100 - i, wrap=i > 0, min_width=8,
                      max_width=(max_widths or {}).get(c, 48), max_lines=3, styles=dimmed)
               for i, c in enumerate(table_columns)]
    colour = out is None and use_colour()
    lines = render_table(columns, table_width(), paint=paint if colour else None)
    write_out("\n".join(lines) + "\n", out)
