"""Read a .csv exported by Excel or WPS: UTF-8 (with or without BOM), UTF-16 or GB18030."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.safe_zip import MAX_DOCUMENT_ROWS, check_plan_document
from liupi_cli.text_decode import decode


def csv_problem(exc: Exception) -> str:
    """The csv module's complaint in a user's words."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell longer than {csv.field_size_limit():,} characters"
    return f"not readable as CSV ({text})"


def read_csv(path: Path) -> list[Sheet]:
    check_plan_document(path)  # a FIFO, a device, a file over the size limit: refused unread
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRefused(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text, _ = decode(raw)
    except InputRefused as exc:
        raise InputRefused(f"{path}: {exc.message}", exc.hint) from None
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            cells = [c.strip() for c in cells]
            if any(cells):
                rows.append(Row(cells, f"{path.name} line {reader.line_num}"))
            if len(rows) > MAX_DOCUMENT_ROWS:
                raise InputRefused(f"{path}: more than {MAX_DOCUMENT_ROWS:,} rows, over the limit for a plan document",
                                   "a task list is a few hundred rows: split the file, or check it is the right one")
    except csv.Error as exc:  # a cell past the csv module's field limit (131,072 characters), a stray NUL
        raise InputRefused(f"{path} line {reader.line_num}: {csv_problem(exc)}",
                           "check this is the task list; a cell of a table is a sentence or two") from None
    return [Sheet(str(path), path.name, rows)]
