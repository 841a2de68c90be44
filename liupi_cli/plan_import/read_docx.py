"""Read a .docx: paragraphs and tables in document order (python-docx, imported here only)."""

from __future__ import annotations

from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.safe_zip import check_plan_document


def read_docx(path: Path) -> list[Sheet]:
    check_plan_document(path)  # size, zip bomb, rows, paragraphs, spans: before python-docx holds it all
    try:
        import docx  # python-docx
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - dependency of the package
        raise InputRefused(msg("import.needs_docx", path=path), msg("import.needs_docx.hint")) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError variants for a bad file
        raise InputRefused(msg("import.bad_docx", path=path, error=type(exc).__name__),
                           msg("import.bad_docx.hint")) from None
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
            rows.extend(_table_rows(child, document, f"{path.name} table {n_tab}"))
    return [Sheet(str(path), path.name, rows)]


def _table_rows(tbl, document, where: str) -> list[Row]:
    """One Row per table row, a cell per grid column: a cell spanning columns repeats its text ("h"), a cell
    merged down from above repeats the text of the cell it continues ("v"). Walked row by row, keeping the
    row above: python-docx's own walk recurses once per merged row (3,000 rows: RecursionError)."""
    from docx.text.paragraph import Paragraph

    out: list[Row] = []
    above: dict[int, tuple[object, str]] = {}  # grid column -> (the cell that holds the text, its text)
    for r, tr in enumerate(tbl.tr_lst, 1):
        here: dict[int, tuple[object, str]] = {}
        texts: list[str] = []
        merged: list[str] = []
        col, left = tr.grid_before, None
        for tc in tr.tc_lst:
            if tc.vMerge == "continue" and col in above:
                top, text = above[col]
            else:
                top = tc
                text = "\n".join(Paragraph(p, document).text for p in tc.p_lst).strip()
            for _ in range(tc.grid_span):
                if texts and top is left:
                    merged.append("h")
                elif col in above and above[col][0] is top:
                    merged.append("v")
                else:
                    merged.append("")
                texts.append(text)
                here[col] = (top, text)
                left = top
                col += 1
        above = here
        out.append(Row(texts, f"{where} row {r}", merged=merged))
    return out
