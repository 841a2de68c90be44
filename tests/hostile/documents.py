"""Hostile documents for plan import and figure files, built small: a bomb is a few hundred kilobytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]


def _docx_parts() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _cell(text: str, extra: str = "") -> str:
    return f"<w:tc><w:tcPr>{extra}</w:tcPr>{_para(text)}</w:tc>"


def docx(path: Path, body: str | bytes, *, stream: int = 0) -> None:
    """A .docx whose body is ``body``; ``stream`` > 0 appends that many bytes of spaces (a bomb)."""
    parts = _docx_parts()
    doc = parts.pop("word/document.xml").decode("utf-8")
    start, end = doc.index("<w:body>") + len("<w:body>"), doc.index("</w:body>")
    head, tail = doc[:start], doc[end:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            f.write(body.encode() if isinstance(body, str) else body)
            block = b" " * (1 << 20)
            for _ in range(stream // len(block)):
                f.write(block)
            f.write(tail.encode())


def task_table(rows: int, *, lead_merged_down: bool = False, span: int | None = None) -> str:
    """A 序号 · 工作任务 · 牵头单位 · 责任单位 · 完成时限 table of ``rows`` tasks."""
    out = ["<w:tbl>", "<w:tr>" + "".join(_cell(h) for h in HEAD) + "</w:tr>"]
    for i in range(1, rows + 1):
        if lead_merged_down:
            lead = _cell("县发改局", '<w:vMerge w:val="restart"/>') if i == 1 else _cell("", "<w:vMerge/>")
        else:
            lead = _cell("县发改局")
        task = _cell(f"完成第{i}项工作", f'<w:gridSpan w:val="{span}"/>' if span and i == 1 else "")
        out.append(f"<w:tr>{_cell(str(i))}{task}{lead}{_cell('县财政局')}{_cell('2024年6月底')}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def xlsx(path: Path, rows: list[list[str]], *, merges: list[str] = (), far_cell: str | None = None) -> None:
    """An .xlsx of ``rows`` (openpyxl), with merged ranges written into the XML as given (even absurd ones)."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                if far_cell:
                    text = text.replace("</sheetData>", f'<row r="{far_cell[1]}"><c r="{far_cell[0]}{far_cell[1]}" '
                                                        't="inlineStr"><is><t>x</t></is></c></row></sheetData>')
                if merges:
                    cells = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                    text = text.replace("</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{cells}'
                                                        "</mergeCells>")
                data = text.encode("utf-8")
            dst.writestr(name, data)


def task_rows(n: int) -> list[list[str]]:
    return [HEAD] + [[str(i), f"完成第{i}项工作", "县发改局", "县财政局", "2024年6月底"] for i in range(1, n + 1)]
