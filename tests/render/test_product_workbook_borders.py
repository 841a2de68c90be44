"""The products' workbooks (月通报 and the rest) print their tables ruled on every side: each heading and body
cell of a table has a thin line left, right, top and bottom; the title above the tables has none."""

from __future__ import annotations

import datetime as dt
import io

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.cadence_xlsx import to_xlsx


def test_every_table_cell_is_ruled_on_all_four_sides():
    import openpyxl

    doc = Doc(title="月通报", lines=["说明"], lang="zh", pinned=dt.date(2023, 7, 1),
              sections=[Section("亮灯情况", ["编号", "灯"], [["a", "红灯"], ["b", "绿灯"]], light_column=1)])
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc, dt.datetime(2023, 7, 1)))).worksheets[0]
    table = [c for row in ws.iter_rows() for c in row if c.value in ("编号", "灯", "a", "b", "红灯", "绿灯")]
    assert len(table) == 6
    for cell in table:
        b = cell.border
        assert (b.left.style, b.right.style, b.top.style, b.bottom.style) == ("thin",) * 4, cell.coordinate
    title = next(c for row in ws.iter_rows() for c in row if c.value == "月通报")
    assert title.border.left.style is None
