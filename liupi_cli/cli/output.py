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
from typing import Any

from pydantic import BaseModel

from liupi_cli.render.safe import neutralise


class Fmt(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


EXTENSIONS = {".txt": Fmt.table, ".md": Fmt.markdown, ".csv": Fmt.csv, ".json": Fmt.json,
              ".xlsx": Fmt.xlsx, ".html": Fmt.html, ".htm": Fmt.html}


def pick_format(fmt: Fmt | None, out: Path | None, allowed: tuple[Fmt, ...]) -> Fmt:
    """--format wins; else the --out file's extension; else table."""
    from liupi_cli.errors import InputRefused

    if fmt is None and out is not None:
        fmt = EXTENSIONS.get(out.suffix.lower())
        if fmt is None:
            raise InputRefused(f"cannot tell the format from '{out.name}'",
                               f"pass --format ({'|'.join(f.value for f in allowed)})")
    fmt = fmt or Fmt.table
    if fmt not in allowed:
        raise InputRefused(f"--format {fmt.value} is not available here",
                           f"choose one of {', '.join(f.value for f in allowed)}")
    return fmt


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = stream.isatty() and not os.environ.get("NO_COLOR")
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "160"))
    return Console(file=stream, no_color=not color, color_system="auto" if color else None,
                   highlight=False, soft_wrap=False, width=width, emoji=False)


def say(message: str) -> None:
    """Talk (progress, warnings, confirmations) goes to stderr."""
    print(message, file=sys.stderr)


def to_jsonable(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, list):
        return [to_jsonable(o) for o in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def dump_json(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "、".join(cell(v) for v in value)
    if isinstance(value, BaseModel):
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


@contextmanager
def writing(out: Path):
    """Turn a failed write (no such folder, no permission, disk full) into one clear line."""
    from liupi_cli.errors import InputRefused

    try:
        yield
    except OSError as exc:
        raise InputRefused(f"cannot write {out}: {exc.strerror or exc}", "check the folder exists and is writable") \
            from exc


def write_out(text: str | bytes, out: Path | None, lang: str | None = None) -> None:
    """Write to stdout, or to the file ``out``. CSV files start with a UTF-8 byte-order mark so that
    Excel and WPS open Chinese text correctly; CSV on stdout has none (it is for other programs)."""
    if out is None:
        sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        return
    with writing(out):
        if isinstance(text, bytes):
            out.write_bytes(text)
        else:
            out.write_text(text, encoding="utf-8-sig" if out.suffix.lower() == ".csv" else "utf-8")
    from liupi_cli.cli.i18n import current_lang

    say(f"已写入 {out}" if current_lang(lang) == "zh" else f"wrote {out}")


def emit_rows(rows: list[BaseModel], csv_columns: list[str], table_columns: list[str], fmt: Fmt,
              out: Path | None = None, dim=None) -> None:
    """A list of rows as JSON, CSV or a plain table (``dim(row)`` greys out superseded rows)."""
    if fmt is Fmt.json:
        write_out(dump_json(rows), out)
        return
    if fmt is Fmt.csv:
        write_out(rows_to_csv(rows, csv_columns), out)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for c in table_columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(cell(getattr(r, c)) for c in table_columns), style="dim" if dim and dim(r) else None)
    if out is None:
        console().print(table)
        return
    buf = io.StringIO()
    Console(file=buf, no_color=True, width=200).print(table)
    write_out(buf.getvalue(), out)
