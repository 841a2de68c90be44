"""Plain workbooks of rows (``liupi export``): one sheet per table, a bold frozen header, every cell inert."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from liupi_cli.render.safe import sheet_title, xlsx_cell


def tables_to_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[dict[str, object]]]]) -> bytes:
    """``sheets`` is (sheet name, columns, rows as dicts); lists and dicts are written as their text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, columns, rows in sheets:
        ws = book.create_sheet(sheet_title(name))
        ws.append(list(columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([xlsx_cell(_plain(row.get(c))) for c in columns])
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    from liupi_cli.render.safe import scrub_workbook

    scrub_workbook(book)  # nothing XML cannot hold
    book.save(buf)
    return buf.getvalue()


def _plain(value: object) -> object:
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
