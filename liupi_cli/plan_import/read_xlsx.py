"""Read an .xlsx: every worksheet, merged ranges filled with their top-left value (openpyxl)."""

from __future__ import annotations

from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.safe_zip import check_plan_document


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y年%m月%d日")  # type: ignore[union-attr]
    return str(value).strip()


def read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl

    check_plan_document(path)  # size, zip bomb, rows, columns, merged cells: before openpyxl holds it all
    try:
        wb = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException for a bad file
        raise InputRefused(msg("import.bad_xlsx", path=path, error=type(exc).__name__),
                           msg("import.bad_xlsx.hint")) from None
    sheets = []
    for ws in wb.worksheets:
        grid = [[_text(c.value) for c in row] for row in ws.iter_rows()]
        marks = [[""] * len(r) for r in grid]
        for rng in ws.merged_cells.ranges:
            if rng.min_row > len(grid) or rng.min_col > len(grid[rng.min_row - 1]):
                continue
            top = grid[rng.min_row - 1][rng.min_col - 1]
            for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):  # only cells the sheet has
                for c in range(rng.min_col, min(rng.max_col, len(grid[r - 1])) + 1):
                    if (r, c) == (rng.min_row, rng.min_col):
                        continue
                    grid[r - 1][c - 1] = top
                    marks[r - 1][c - 1] = "h" if r == rng.min_row else "v"
        rows = []
        for i, (cells, merged) in enumerate(zip(grid, marks), 1):
            if any(cells):
                rows.append(Row(cells, f"{path.name} {ws.title}!row {i}", merged=merged))
        sheets.append(Sheet(str(path), ws.title, rows))
    return sheets
