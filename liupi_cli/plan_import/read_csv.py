"""Read a .csv exported by Excel or WPS: UTF-8 (with or without BOM), UTF-16 or GB18030."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.messages import Msg, msg
from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.safe_zip import MAX_DOCUMENT_ROWS, check_plan_document
from liupi_cli.text_decode import decode


def csv_problem(exc: Exception) -> Msg:
    """The csv module's complaint in a user's words."""
    text = str(exc)
    if "field larger than field limit" in text:
        return msg("import.csv_cell_too_long", limit=f"{csv.field_size_limit():,}")
    return msg("import.csv_unreadable", text=text)


def read_csv(path: Path) -> list[Sheet]:
    check_plan_document(path)  # a FIFO, a device, a file over the size limit: refused unread
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRefused(msg("import.cannot_read", path=path, why=exc.strerror)) from None
    try:
        text, _ = decode(raw)
    except InputRefused as exc:
        raise InputRefused(msg("import.file_said", path=path, what=exc.message), exc.hint) from None
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
                raise InputRefused(msg("import.too_many_rows", path=path, limit=f"{MAX_DOCUMENT_ROWS:,}"),
                                   msg("import.too_many_rows.hint"))
    except csv.Error as exc:  # a cell past the csv module's field limit (131,072 characters), a stray NUL
        raise InputRefused(msg("import.csv_line", path=path, line=reader.line_num, what=csv_problem(exc)),
                           msg("import.csv_line.hint")) from None
    return [Sheet(str(path), path.name, rows)]
