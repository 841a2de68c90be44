"""Read a .docx: paragraphs and tables in document order (python-docx, imported here only)."""

from __future__ import annotations

from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.grid import Row, Sheet


def read_docx(path: Path) -> list[Sheet]:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - dependency of the package
        raise InputRefused(f"{path}: reading .docx needs python-docx", "pip install python-docx") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError variants for a bad file
        raise InputRefused(
            f"{path}: not a readable .docx ({type(exc).__name__})", "save it again from Word or WPS as .docx (not .doc)"
        ) from None
    rows: list[Row] = []
    n_par = n_tab = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_par += 1
            text = Paragraph(child, document).text.strip()
            if text:
                rows.append(Row([text], f"{path.name} paragraph {n_par}", paragraph=True))
        elif tag == "tbl":
            n_tab += 1
            table = Table(child, document)
            above: list = []
            for r, row in enumerate(table.rows, 1):
                cells = list(row.cells)
                texts, merged = [], []
                for c, cell in enumerate(cells):
                    if c > 0 and cell._tc is cells[c - 1]._tc:
                        merged.append("h")
                    elif c < len(above) and cell._tc is above[c]._tc:
                        merged.append("v")
                    else:
                        merged.append("")
                    texts.append("\n".join(p.text for p in cell.paragraphs).strip())
                above = cells
                rows.append(Row(texts, f"{path.name} table {n_tab} row {r}", merged=merged))
    return [Sheet(str(path), path.name, rows)]
