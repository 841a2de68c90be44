"""One text decoder for every file a user hands liupi (a bureau's figures, a task list, a filled-in table, a
city's decomposition): a BOM says UTF-8 or UTF-16; otherwise UTF-16 without a BOM is told by its zero bytes
(either byte order), then strict UTF-8, then strict GB18030 (which covers GBK and GB2312)."""

from __future__ import annotations

import codecs

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (with BOM)"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): BOMs first, then strict UTF-8, then strict GB18030; None of them -> refused."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                return _undecodable()
    candidates = [("utf-8", "UTF-8"), ("gb18030", "GB18030 (GBK)")]
    if b"\x00" in data[:4096]:  # UTF-16 without a BOM: every ASCII character has a zero byte beside it
        zeros_odd = data[1:4096:2].count(0) >= data[0:4096:2].count(0)
        candidates = [("utf-16-le", "UTF-16") if zeros_odd else ("utf-16-be", "UTF-16")]
    for codec, name in candidates:
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    return _undecodable()


def _undecodable() -> tuple[str, str]:
    raise InputRefused(msg("file.undecodable"), msg("file.undecodable.hint"))
