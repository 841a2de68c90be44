"""Making user text inert wherever it is shown: terminals, Markdown, CSV and spreadsheets.

Names, notes, sources and `--by` come from people and plan files. They may hold control
characters (an ESC starting a terminal escape sequence, an OSC title or hyperlink), bidi
overrides that reorder what a reader sees, or text a spreadsheet would run as a formula.
Each function here turns such text into something shown, never obeyed.
"""

from __future__ import annotations

import html
import json
import math
import re

# C0 controls except tab and newline, DEL, C1 controls, the bidi embedding/override/isolate marks,
# and the invisible characters that make a message lie about what was typed (zero-width space,
# word joiner, BOM) or break a line where none is seen (line and paragraph separators).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
# What openpyxl (and the xlsx format) cannot hold at all.
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, keep_newlines: bool = True) -> str:
    """Control characters shown as ``\\x1b``-style escapes, so nothing reaches a terminal raw.

    Tabs stay; newlines stay unless ``keep_newlines`` is False (one-line messages).
    """
    text = _CONTROL.sub(_escape, text)
    if not keep_newlines:
        text = text.replace("\n", "\\n").replace("\t", " ")
    return text


def json_inert(document: str) -> str:
    """A JSON document with DEL, C1 controls and bidi marks written as \\u escapes (json.dumps leaves
    them raw): the same data, but nothing a terminal would obey."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# The same characters as ``_CONTROL`` as UTF-8 spells them: C0 and DEL are single bytes (looked for by deleting
# them and comparing lengths); C1, the bidi marks, the invisible ones and the BOM are 2- or 3-byte sequences,
# each found by a search with a literal prefix. Over a 30 MB report this is several times faster than
# ``_CONTROL`` over the decoded text, and a document almost never holds one.
_C0_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_UTF8_MARKS = tuple(re.compile(p) for p in (
    rb"\xc2[\x80-\x9f]", rb"\xe2\x80[\x8b\x8e\x8f\xa8-\xae]", rb"\xe2\x81[\xa0\xa6-\xa9]", rb"\xef\xbb\xbf"))


def json_inert_utf8(document: bytes) -> bytes:
    """``json_inert`` of a UTF-8 document, as UTF-8: returned unchanged (not copied) when it holds none of the
    characters, which the bytes tell without decoding them."""
    if len(document.translate(None, _C0_BYTES)) == len(document) and not any(m.search(document)
                                                                           for m in _UTF8_MARKS):
        return document
    return json_inert(document.decode("utf-8")).encode("utf-8")


def json_document(data: object) -> str:
    """Always valid JSON, nothing a terminal obeys: a number that overflowed to infinity (JSON cannot
    hold it) is null, and controls json.dumps leaves raw are \\u escapes."""
    return json_inert(json.dumps(_finite(data), ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _finite(obj: object) -> object:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    return obj


_MD_ESCAPES = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "\n": " "})


def markdown_text(text: object) -> str:
    """Plan and user text as inert Markdown: no raw HTML (<script>), no links, no broken table cells."""
    return inert(str(text)).translate(_MD_ESCAPES)


def html_text(text: object) -> str:
    """Plan and user text as inert HTML: tags escaped (<script> shows as text), controls escaped."""
    return html.escape(inert(str(text)))


def one_line(text: str) -> str:
    """A message for stderr: escaped controls, no line breaks."""
    return inert(text, keep_newlines=False)


def neutralise(text: str) -> str:
    """Keep spreadsheet programs from reading user text as a formula (CSV and XLSX cells)."""
    text = inert(text)
    if text and text[0] in "=+-@\t\r":
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def xlsx_cell(value: object) -> object:
    """A value an xlsx cell can hold: free of characters the format forbids, and never a formula.

    In a workbook a text cell is text: only ``=`` makes openpyxl write a formula (and ``@`` one in the
    spreadsheet's own editor), so only those are quoted. A signed figure (``-2.8个百分点``, ``+1.2``) is
    written as it reads: the apostrophe CSV needs against Excel's parser would print in the cell."""
    if not isinstance(value, str):
        return value
    text = inert(value)
    if text[:1] in ("=", "@"):
        text = "'" + text
    return _XLSX_ILLEGAL.sub(_escape, text)


def scrub_workbook(wb) -> None:
    """Every text an openpyxl workbook holds (cells, page headers and footers) free of the characters XML
    cannot hold, shown escaped (``\\x1b``): a name with an ESC in it must not stop the workbook being
    written. Call just before ``wb.save``."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and _XLSX_ILLEGAL.search(cell.value):
                    cell.value = _XLSX_ILLEGAL.sub(_escape, cell.value)
        for part in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter, ws.firstHeader, ws.firstFooter):
            for side in (part.left, part.center, part.right):
                if isinstance(side.text, str) and _XLSX_ILLEGAL.search(side.text):
                    side.text = _XLSX_ILLEGAL.sub(_escape, side.text)


_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no []:*?/\\ or control characters, at most 31 characters."""
    return _SHEET_TITLE_FORBIDDEN.sub("_", inert(text, keep_newlines=False))[:31].strip("'") or "sheet"
