"""The one CSV writer, and the one rule for its byte-order mark.

A CSV *file* is UTF-8 starting with a byte-order mark, so that Excel and WPS open its Chinese intact (without
the mark they read it in the local code page and show mojibake). CSV on standard output has none: it is for
other programs. Every CSV liupi writes (reports, products, listings, export, the fill-in sheet, next year's
table of targets) is made by ``csv_text`` and, when it goes to a file, marked by ``for_file``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

BOM = "\ufeff"


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]], newline: str = "\n") -> str:
    """The header and the rows as CSV text (``newline`` ends each line: \\n, or \\r\\n for the sheets people
    fill in and send back)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def is_csv_file(path: Path | str) -> bool:
    return Path(path).suffix.lower() == ".csv"


def for_file(text: str) -> str:
    """CSV text as a file holds it: the byte-order mark first."""
    return BOM + text


def file_bytes(text: str) -> bytes:
    """A CSV file's bytes: UTF-8, the byte-order mark first."""
    return for_file(text).encode("utf-8")


def pieces_for_file(pieces: Iterable[str]) -> Iterator[str]:
    """CSV text coming in pieces, as a file holds it: the mark once, before the first piece."""
    yield BOM
    yield from pieces
