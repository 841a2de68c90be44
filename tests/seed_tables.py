"""The six task lists (附件2-1 … 7-1) of the bundled plan, read back from the plan's own text.

The seed text is the plan document as extracted text: a table row is a run of lines that start with a
tab (one cell each), a line without a tab continues the cell above, and a blank line ends a row.
Tests use this to write the lists as .docx/.xlsx/.csv in the document's own layout and import them.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, seed_text  # noqa: F401  (the one place that decides skip vs fail in CI)

LISTS = ("附件2-1", "附件3-1", "附件4-1", "附件5-1", "附件6-1", "附件7-1")


def task_lists(text: str) -> list[dict]:
    """[{label, title, tables: [[row cells…]…]}] for the six task lists, tables split where the header repeats."""
    lines = text.splitlines()
    out = []
    for label in LISTS:
        start = next(i for i, line in enumerate(lines) if line.strip() == label)
        title = lines[start + 1].strip()
        n = int(label[2])
        stop = next((i for i in range(start + 2, len(lines)) if lines[i].strip() == f"附件{n + 1}"), len(lines))
        rows: list[list[str]] = []
        row: list[str] | None = None
        for line in lines[start + 2 : stop]:
            if not line.strip() and not line.startswith("\t"):
                if row:
                    rows.append(row)
                row = None
                continue
            if line.startswith(("\t", " \t")):
                if line.startswith(" \t") and row:
                    rows.append(row)
                    row = None
                row = row if row is not None else []
                row.append(line.split("\t", 1)[1])
            elif row is not None:
                row[-1] += "\n" + line
        if row:
            rows.append(row)
        tables: list[list[list[str]]] = []
        for r in rows:
            if r and r[0].strip() in ("工作任务", "序号"):
                tables.append([])
            if not tables:
                continue
            tables[-1].append([c.strip() for c in r])
        tables = [_rejoin(t) for t in tables]
        out.append({"label": label, "title": title, "tables": tables})
    return out


def _rejoin(table: list[list[str]]) -> list[list[str]]:
    """A blank line inside a cell splits one row in two in the extracted text; put such rows back together."""
    n = max(len(r) for r in table)
    out: list[list[str]] = []
    for r in table:
        if out and len(out[-1]) < n and len(out[-1]) + len(r) <= n:
            out[-1] = out[-1] + r
        else:
            out.append(list(r))
    return out


def widths(table: list[list[str]]) -> int:
    return max(len(r) for r in table)


def header_spans(header: list[str], ncols: int) -> list[int]:
    """How many columns each header cell spans: the first (工作任务) takes up the outline columns."""
    extra = ncols - len(header)
    return [1 + extra if i == 0 else 1 for i in range(len(header))]


def write_docx(lists: list[dict], path: Path) -> None:
    import docx

    d = docx.Document()
    for tl in lists:
        d.add_paragraph(tl["label"])
        d.add_paragraph(tl["title"])
        for table in tl["tables"]:
            ncols = widths(table)
            t = d.add_table(rows=len(table), cols=ncols)
            header = table[0]
            col = 0
            for text, span in zip(header, header_spans(header, ncols)):
                cell = t.cell(0, col)
                if span > 1:
                    cell = cell.merge(t.cell(0, col + span - 1))
                _put(cell, text)
                col += span
            for row, cells in zip(t.rows[1:], table[1:]):
                for cell, text in zip(row.cells, cells):  # row.cells once per row: t.cell() rescans the table
                    _put(cell, text)
    d.save(str(path))


def _put(cell, text: str) -> None:
    parts = text.split("\n")
    cell.text = parts[0]
    for more in parts[1:]:
        cell.add_paragraph(more)


def flat_rows(lists: list[dict]) -> list[list[str]]:
    """Every list as rows of a single sheet: label, title, header (spans spelled out), data rows."""
    rows: list[list[str]] = []
    for tl in lists:
        rows.append([tl["label"]])
        rows.append([tl["title"]])
        for table in tl["tables"]:
            ncols = widths(table)
            header: list[str] = []
            for text, span in zip(table[0], header_spans(table[0], ncols)):
                header += [text] * span
            rows.append(header)
            rows.extend(table[1:])
    return rows


def write_xlsx(lists: list[dict], path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for tl in lists:
        ws = wb.create_sheet(tl["label"])
        ws.append([tl["label"]])
        ws.append([tl["title"]])
        for table in tl["tables"]:
            ncols = widths(table)
            r0 = ws.max_row + 1
            col = 1
            for text, span in zip(table[0], header_spans(table[0], ncols)):
                ws.cell(r0, col, text)
                if span > 1:
                    ws.merge_cells(start_row=r0, start_column=col, end_row=r0, end_column=col + span - 1)
                col += span
            for cells in table[1:]:
                ws.append(cells)
    wb.save(str(path))


def write_csv(lists: list[dict], path: Path, encoding: str = "gb18030") -> None:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    for row in flat_rows(lists):
        w.writerow(row)
    path.write_bytes(buf.getvalue().encode(encoding))


__all__ = ["task_lists", "seed_text", "write_docx", "write_xlsx", "write_csv", "REPO"]
