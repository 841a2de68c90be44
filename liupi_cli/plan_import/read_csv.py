"""Read a .csv exported by Excel or WPS: UTF-8 (with or without BOM), UTF-16 or GB18030."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.grid import Row, Sheet


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding). Tries the BOMs, then UTF-8, then GB18030 (which also reads GBK/GB2312)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if len(raw) >= 4 and raw[1:4:2] == b"\x00\x00" and raw[0] != 0:
        return raw.decode("utf-16-le"), "utf-16-le"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputRefused(
            "not UTF-8, UTF-16 or GB18030 text", "save the sheet as 'CSV UTF-8' from Excel or WPS"
        ) from None


def read_csv(path: Path) -> list[Sheet]:
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
    for cells in reader:
        cells = [c.strip() for c in cells]
        if any(cells):
            rows.append(Row(cells, f"{path.name} line {reader.line_num}"))
    return [Sheet(str(path), path.name, rows)]
