"""Drawing a cadence Doc as markdown, HTML, CSV, JSON or an xlsx workbook.

Files are reproducible: the same Doc gives the same bytes (xlsx: the workbook's created/modified
times and every zip entry's time are pinned to the Doc's date, never the clock)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from pydantic import BaseModel

from liupi_cli.render.cadence_doc import LIGHT, Doc
from liupi_cli.render.safe import html_text, inert, json_document, markdown_text, neutralise

FILL = {"green": "C8E6C9", "yellow": "FFF59D", "red": "FFCDD2", "grey": "E0E0E0"}
_LIGHT_OF = {word: key for lang in LIGHT.values() for key, word in lang.items() if key}


def to_json(model: BaseModel) -> str:
    return json_document(model.model_dump(mode="json"))


_md = markdown_text  # plan and user text inert: no raw HTML, no links, no broken cells


def to_markdown(doc: Doc) -> str:
    out = [f"# {_md(doc.title)}", ""]
    out += [f"- {_md(line)}" for line in doc.lines] + [""]
    for s in doc.sections:
        out += [f"## {_md(s.title)}", ""]
        if not s.rows:
            out += [_md(s.note or "—"), ""]
            continue
        out.append("| " + " | ".join(_md(c) for c in s.columns) + " |")
        out.append("|" + "---|" * len(s.columns))
        out += ["| " + " | ".join(_md(v) for v in row) + " |" for row in s.rows]
        out.append("")
    return "\n".join(out)


def to_csv(doc: Doc) -> str:
    s = doc.sections[doc.csv_section]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(s.columns)
    for row in s.rows:
        w.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue()


CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}th,td{border:1px solid #bbb;padding:.2rem .4rem;
vertical-align:top;min-width:3em}th{background:#eee;white-space:nowrap}.wrap{overflow-x:auto}
.t{min-width:8em}
.green{background:#c8e6c9}.yellow{background:#fff59d}.red{background:#ffcdd2}.grey{background:#e0e0e0}"""


def to_html(doc: Doc) -> str:
    e = html_text
    out = ["<!doctype html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(doc.title)}</title><style>{CSS}</style></head><body>", f"<h1>{e(doc.title)}</h1>", "<ul>"]
    out += [f"<li>{e(line)}</li>" for line in doc.lines] + ["</ul>"]
    for s in doc.sections:
        out.append(f"<h2>{e(s.title)}</h2>")
        if not s.rows:
            out.append(f"<p>{e(s.note or '—')}</p>")
            continue
        out.append('<div class="wrap"><table><thead><tr>' + "".join(f"<th>{e(str(c))}</th>" for c in s.columns)
                   + "</tr></thead><tbody>")
        for row in s.rows:
            cells = []
            for i, v in enumerate(row):
                cls = _LIGHT_OF.get(str(v)) if i == s.light_column else None
                if cls is None and len(str(v)) > 5 and _width(v) > 1.5 * len(str(v)):
                    cls = "t"  # mostly Chinese text: give it room rather than one character a line
                cells.append(f'<td class="{cls}">{e(str(v))}</td>' if cls else f"<td>{e(str(v))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", inert(title, keep_newlines=False))[:28].strip() or "sheet"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def to_xlsx(doc: Doc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from liupi_cli.render.xlsx import print_layout

    pinned = dt.datetime.combine(doc.pinned or dt.date(2000, 1, 1), dt.time())
    wb = Workbook()
    wb.properties.creator = "liupi"
    wb.properties.created = pinned
    wb.properties.modified = pinned
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name(doc.title.split(" · ")[0], used)
    ws.append([neutralise(doc.title)])
    ws["A1"].font = Font(bold=True, size=13)
    for line in doc.lines:
        ws.append([neutralise(line)])
    ws.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):
        cell.alignment = wrap
    print_layout(ws, doc.title, doc.lang, "1:1")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILL.items()}
    for s in doc.sections:
        sh = wb.create_sheet(_sheet_name(s.title, used))
        sh.append([neutralise(s.title)])
        sh["A1"].font = Font(bold=True)
        sh.append([neutralise(str(c)) for c in s.columns])
        for col in range(1, len(s.columns) + 1):
            sh.cell(2, col).font = Font(bold=True)
        for row in s.rows:
            sh.append([neutralise(v) if isinstance(v, str) else v for v in row])
            if s.light_column is not None and (light := _LIGHT_OF.get(str(row[s.light_column]))):
                sh.cell(sh.max_row, s.light_column + 1).fill = fills[light]
        if not s.rows:
            sh.append([neutralise(s.note or "—")])
        sh.freeze_panes = "A3"
        print_layout(sh, f"{doc.title} · {s.title}", doc.lang, "1:2")
        for col, name in enumerate(s.columns, 1):
            longest = max([_width(name)] + [_width(r[col - 1]) for r in s.rows[:200]])
            sh.column_dimensions[get_column_letter(col)].width = min(max(6, longest + 2), 60)
            if longest + 2 > 60:  # a long task name wraps in its cell instead of being cut at the edge
                for (cell,) in sh.iter_rows(min_row=3, min_col=col, max_col=col):
                    cell.alignment = wrap
    buf = io.BytesIO()
    wb.save(buf)
    return pin_zip(buf.getvalue(), pinned)


def _width(value: object) -> float:
    """Display width in spreadsheet columns: a Chinese character is about two Latin ones."""
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.1 for ch in str(value))


def pin_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same workbook with every zip entry dated ``when`` and docProps/core.xml's times set to it."""
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
