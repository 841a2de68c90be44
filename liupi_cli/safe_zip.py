"""Checks a table file before any reader opens it: a regular file of sane size, no zip bomb in an xlsx.

An xlsx is a zip archive. A few kilobytes can declare a sheet that inflates to gigabytes, and a
reader would try to hold it all. Python's zipfile never inflates a member past its declared size
(a member that lies fails its CRC check), so the declared sizes are a safe upper bound to judge by.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.messages import Msg, msg

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a county's 20,000-row import is a few MB of sheet XML
MAX_RATIO = 200  # real sheets compress 5-30 times; a bomb compresses thousands of times
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like


def check_table_file(path: Path) -> None:
    """Raise InputRefused unless ``path`` is a regular file that is safe to hand to a table reader."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise InputRefused(msg("file.not_found", path=path), msg("file.not_found.hint")) from exc
    except OSError as exc:
        raise InputRefused(msg("file.unreadable", path=path, why=exc.strerror)) from exc
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would be waited on, or read for ever
        raise InputRefused(msg("file.not_regular", path=path), msg("file.not_regular.hint"))
    if info.st_size > MAX_UNCOMPRESSED:  # a CSV is read whole; no county's figures come near this
        raise InputRefused(msg("file.too_big", path=path, size=info.st_size // (1024 * 1024),
                               limit=MAX_UNCOMPRESSED // (1024 * 1024)), msg("file.too_big.hint"))
    with open(path, "rb") as fh:  # safe now: a regular file never blocks
        is_zip = fh.read(4) == b"PK\x03\x04"
    if is_zip:  # an xlsx, whatever its name
        check_xlsx_sizes(path)


def check_xlsx_sizes(path: Path) -> None:
    """Refuse an xlsx whose members declare more than MAX_UNCOMPRESSED bytes or inflate suspiciously."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputRefused(msg("file.bad_xlsx", path=path, detail=str(exc)), msg("file.bad_xlsx.hint")) from exc
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputRefused(msg("file.zip_bomb", path=path, member=m.filename,
                                   ratio=m.file_size // max(m.compress_size, 1), size=m.file_size // (1024 * 1024)),
                               msg("file.bad_xlsx.hint"))
    if total > MAX_UNCOMPRESSED:
        raise InputRefused(msg("file.inflates", path=path, size=total // (1024 * 1024),
                               limit=MAX_UNCOMPRESSED // (1024 * 1024)), msg("file.inflates.hint"))


# -- plan documents (plan import) -------------------------------------------------------------------------
# A task list is a few hundred rows; a province's a few thousand. The readers (python-docx, openpyxl) hold a
# whole document in memory, a merged range as one object per cell, and python-docx follows a vertical merge
# one call per row: so the document's XML is measured first, streaming, and refused past these limits.

MAX_DOCUMENT_ROWS = 20_000  # table rows (docx) or sheet rows (xlsx) in one document
MAX_PARAGRAPHS = 200_000  # paragraphs in a .docx, those inside table cells included
MAX_COLUMNS = 512  # grid columns of a table or a sheet (a task table has five to ten)
MAX_MERGED_CELLS = 200_000  # cells covered by merged ranges in one workbook
_CHUNK = 1 << 20
_OVERLAP = 512  # longer than any tag measured below

_DOCX = {"row": re.compile(rb"<w:tr[\s>/]"), "paragraph": re.compile(rb"<w:p[\s>/]"),
         "span": re.compile(rb'<w:gridSpan\s+w:val="(\d{1,12})"')}
_XLSX_CELL = re.compile(rb'<(?:\w{1,10}:)?c\s[^>]{0,400}?\br="([A-Z]{1,7})(\d{1,12})"')
_XLSX_MERGE = re.compile(rb'<(?:\w{1,10}:)?mergeCell\s[^>]{0,400}?'
                         rb'\bref="([A-Z]{1,7})(\d{1,12})(?::([A-Z]{1,7})(\d{1,12}))?"')


def check_plan_document(path: Path) -> None:
    """Raise InputRefused unless ``path`` (a task list for plan import) is within the limits above: a regular
    file of sane size, no zip bomb, and for .docx/.xlsx no more rows, columns or merged cells than a plan has."""
    try:
        check_table_file(path)
    except InputRefused as exc:
        raise InputRefused(exc.message, msg("document.check.hint")) from exc
    with open(path, "rb") as fh:
        if fh.read(4) != b"PK\x03\x04":
            return  # a CSV: its reader counts rows and cell lengths as it goes
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "word/document.xml" in names:
                _check_docx(path, archive)
            for name in names:
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet(path, archive, name)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:  # RuntimeError: an encrypted member
        raise InputRefused(msg("document.unreadable", path=path, detail=str(exc)),
                           msg("document.unreadable.hint")) from exc


def _scan(archive: zipfile.ZipFile, name: str, patterns: list[re.Pattern[bytes]]):
    """Yield (pattern index, match) for every match in a member, reading it in chunks (never whole). A match
    starting in the last _OVERLAP bytes of a chunk is left for the next round, which sees it whole."""
    tail = b""
    with archive.open(name) as member:
        while True:
            chunk = member.read(_CHUNK)
            buffer = tail + chunk
            cut = max(len(buffer) - _OVERLAP, 0) if chunk else len(buffer)
            for i, pattern in enumerate(patterns):
                for m in pattern.finditer(buffer):
                    if m.start() < cut:
                        yield i, m
            if not chunk:
                return
            tail = buffer[cut:]


def _too_many(path: Path, what: Msg, n: int, limit: int) -> InputRefused:
    return InputRefused(msg("document.too_many", path=path, what=what, n=f"{n:,}", limit=f"{limit:,}"),
                        msg("document.too_many.hint"))


def _check_docx(path: Path, archive: zipfile.ZipFile) -> None:
    rows = paragraphs = 0
    for i, m in _scan(archive, "word/document.xml", [_DOCX["row"], _DOCX["paragraph"], _DOCX["span"]]):
        if i == 0:
            rows += 1
            if rows > MAX_DOCUMENT_ROWS:
                raise _too_many(path, msg("document.rows"), rows, MAX_DOCUMENT_ROWS)
        elif i == 1:
            paragraphs += 1
            if paragraphs > MAX_PARAGRAPHS:
                raise _too_many(path, msg("document.paragraphs"), paragraphs, MAX_PARAGRAPHS)
        elif int(m[1]) > MAX_COLUMNS:
            raise _too_many(path, msg("document.span"), int(m[1]), MAX_COLUMNS)


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_sheet(path: Path, archive: zipfile.ZipFile, name: str) -> None:
    sheet = name.rsplit("/", 1)[-1]
    merged = 0
    for i, m in _scan(archive, name, [_XLSX_CELL, _XLSX_MERGE]):
        if i == 0:
            if int(m[2]) > MAX_DOCUMENT_ROWS:
                raise _too_many(path, msg("document.sheet_row", sheet=sheet), int(m[2]), MAX_DOCUMENT_ROWS)
            if _column(m[1]) > MAX_COLUMNS:
                raise _too_many(path, msg("document.sheet_column", sheet=sheet), _column(m[1]), MAX_COLUMNS)
            continue
        if m[3] is None:
            continue
        if max(int(m[2]), int(m[4])) > MAX_DOCUMENT_ROWS:
            raise _too_many(path, msg("document.merge_row", sheet=sheet), max(int(m[2]), int(m[4])),
                            MAX_DOCUMENT_ROWS)
        if max(_column(m[1]), _column(m[3])) > MAX_COLUMNS:
            raise _too_many(path, msg("document.merge_column", sheet=sheet), max(_column(m[1]), _column(m[3])),
                            MAX_COLUMNS)
        rows = abs(int(m[4]) - int(m[2])) + 1
        cols = abs(_column(m[3]) - _column(m[1])) + 1
        merged += rows * cols
        if merged > MAX_MERGED_CELLS:
            raise _too_many(path, msg("document.merged_cells", sheet=sheet), merged, MAX_MERGED_CELLS)
