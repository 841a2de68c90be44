"""Checks a table file before any reader opens it: a regular file of sane size, no zip bomb in an xlsx.

An xlsx is a zip archive. A few kilobytes can declare a sheet that inflates to gigabytes, and a
reader would try to hold it all. Python's zipfile never inflates a member past its declared size
(a member that lies fails its CRC check), so the declared sizes are a safe upper bound to judge by.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from liupi_cli.errors import InputRefused

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a county's 20,000-row import is a few MB of sheet XML
MAX_RATIO = 200  # real sheets compress 5-30 times; a bomb compresses thousands of times
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like


def check_table_file(path: Path) -> None:
    """Raise InputRefused unless ``path`` is a regular file that is safe to hand to a table reader."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise InputRefused(f"{path}: file not found") from exc
    except OSError as exc:
        raise InputRefused(f"{path}: cannot read: {exc.strerror}") from exc
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would be waited on, or read for ever
        raise InputRefused(f"{path}: not a regular file", "give a .csv or .xlsx file")
    if info.st_size > MAX_UNCOMPRESSED:  # a CSV is read whole; no county's figures come near this
        raise InputRefused(f"{path}: {info.st_size // (1024 * 1024)} MB is over the "
                           f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB limit for a file of figures",
                           "split the figures into smaller files")
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
        raise InputRefused(f"{path}: not a readable xlsx file ({exc})",
                           "open it in a spreadsheet and save it again as .xlsx") from exc
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputRefused(f"{path}: {m.filename} inflates {m.file_size // max(m.compress_size, 1)} times "
                               f"(to {m.file_size // (1024 * 1024)} MB); refusing a likely zip bomb",
                               "open it in a spreadsheet and save it again as .xlsx")
    if total > MAX_UNCOMPRESSED:
        raise InputRefused(f"{path}: the workbook inflates to {total // (1024 * 1024)} MB, over the "
                           f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB limit",
                           "split the figures into smaller files, or save them as .csv")
