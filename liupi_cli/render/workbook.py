"""The one xlsx writer: a workbook that opens and prints as an office expects, every cell inert.

Every workbook liupi writes (the report, the cadence products, the fill-in sheet, ``liupi export``, the city's
ranking) is made here or with these pieces:

- ``new_workbook(pinned)``: an empty workbook; with ``pinned`` its created/modified times are that date.
- ``put(ws, row, column, value)`` / ``append(ws, values)``: cells written inert (``safe.xlsx_cell``: no formula,
  nothing the format cannot hold).
- ``print_layout(ws, title, lang, title_rows)``: the shared print settings: A4, landscape, one page wide and as
  many tall as needed, the heading rows repeated on every printed page, the title in the page header, page
  numbers in the footer, the margins, gridlines (``gridlines=False`` for tables with their own borders).
- ``freeze(ws, header_row, columns=0)``: the heading rows (and the first ``columns``) stay in view.
- ``table_sheet(wb, name, columns, rows, …)``: a sheet of rows under one bold heading row, frozen and printed
  with its heading on every page.
- ``finish(wb, pinned)``: the bytes; the workbook scrubbed of what XML cannot hold, and with ``pinned`` every
  zip entry dated too, so the same content gives the same bytes.

A product with its own layout (cadence_xlsx, xlsx) draws its cells and calls ``print_layout`` and ``finish``;
a plain table of rows is one ``table_sheet`` call.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence

from liupi_cli.render.safe import scrub_workbook, sheet_title, xlsx_cell

FOOTER = {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"}
SIDE_MARGIN_IN = 0.4  # inches left and right: A4 landscape leaves 277 mm for the columns (see cadence_xlsx)


def new_workbook(pinned: dt.datetime | None = None):
    """An empty workbook (its one sheet active); ``pinned``: the created/modified times written into it."""
    from openpyxl import Workbook

    wb = Workbook()
    if pinned is not None:
        wb.properties.creator = "liupi"
        wb.properties.created = wb.properties.modified = pinned
    return wb


def put(ws, row: int, column: int, value: object):
    """One cell, written inert; returns the cell."""
    return ws.cell(row, column, xlsx_cell(value))


def append(ws, values: Iterable[object]) -> None:
    """A row after the last, every cell written inert."""
    ws.append([xlsx_cell(v) for v in values])


def print_layout(ws, title: str, lang: str, title_rows: str | None, *, gridlines: bool = True) -> None:
    """Print as an office would: A4 landscape, one page wide and as many tall as needed, the heading rows
    (``title_rows``, e.g. "1:2"; None: none repeated) on every page, title in the page header, page numbers
    in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows is not None:
        ws.print_title_rows = title_rows
    ws.print_options.gridLines = gridlines
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddHeader.center.text = title.replace("&", "&&")  # & starts a header code (&P): written as itself
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = FOOTER["zh" if lang == "zh" else "en"]
    ws.oddFooter.center.size = 9


def freeze(ws, header_row: int, columns: int = 0) -> None:
    """Rows 1..``header_row`` (and the first ``columns`` columns) stay in view when scrolling."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = f"{get_column_letter(columns + 1)}{header_row + 1}"


def table_sheet(wb, name: str, columns: Sequence[str], rows: Iterable[Sequence[object] | Mapping[str, object]],
                *, title: str | None = None, lang: str = "en", widths: Sequence[float] | None = None):
    """A sheet named ``name`` of ``rows`` (sequences, or dicts read by ``columns``) under one bold heading row:
    frozen, printed with the heading on every page; lists and dicts are written as their JSON text, dates as
    ISO text. Returns the sheet."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet_title(name))
    append(ws, columns)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for row in rows:
        values = [row.get(c) for c in columns] if isinstance(row, Mapping) else row
        append(ws, (_plain(v) for v in values))
    freeze(ws, 1)
    for j, w in enumerate(widths or (), 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    print_layout(ws, title or name, lang, "1:1")
    return ws


def tables_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Mapping[str, object]]]],
                    lang: str = "en") -> bytes:
    """A workbook of plain tables (``liupi export``): ``sheets`` is (sheet name, columns, rows as dicts)."""
    wb = new_workbook()
    wb.remove(wb.active)
    for name, columns, rows in sheets:
        table_sheet(wb, name, columns, rows, lang=lang)
    return finish(wb)


def finish(wb, pinned: dt.datetime | None = None) -> bytes:
    """The workbook's bytes: nothing XML cannot hold; with ``pinned``, every zip entry dated then (and
    docProps' times), so the same workbook is the same bytes."""
    scrub_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue() if pinned is None else pin_zip(buf.getvalue(), pinned)


def _plain(value: object) -> object:
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def pin_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip (xlsx, docx) with every entry dated ``when`` and docProps/core.xml's times set to it."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{stamp}\g<2>", text)
                body = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body)
    return out.getvalue()
