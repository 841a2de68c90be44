"""Drawing a cadence Doc as markdown, HTML, CSV, JSON or an xlsx workbook.

Files are reproducible: the same Doc gives the same bytes (xlsx: the workbook's created/modified
times and every zip entry's time are pinned to the Doc's date, never the clock)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from liupi_cli.render import markdown
from liupi_cli.render.cadence_doc import LIGHT_OF, Doc, Section, W
from liupi_cli.render.csv_file import csv_text
from liupi_cli.render.safe import html_text, json_document, markdown_text, neutralise
from liupi_cli.render.workbook import pin_zip  # noqa: F401  (the docx writer pins its zip with it)


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
        out += markdown.table(s.columns, s.rows)
        out.append("")
    return "\n".join(out)


def to_csv(doc: Doc) -> str:
    s = doc.sections[doc.csv_section]
    return csv_text(s.columns, ([neutralise(v) if isinstance(v, str) else v for v in row] for row in s.rows))


CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin:1.2rem 0 .3rem}ul{padding-left:1.2rem}
table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.85rem}th,td{border:1px solid #bbb;padding:.2rem .3rem;
vertical-align:top}th{background:#eee;white-space:nowrap}.wrap{overflow-x:auto}
.t{min-width:7em}.id{font-size:.75rem;color:#555;white-space:nowrap}.s{white-space:nowrap}
details{margin:1.2rem 0}summary{cursor:pointer}summary h2{display:inline;margin:0}
.green{background:#c8e6c9}.yellow{background:#fff59d}.red{background:#ffcdd2}.grey{background:#e0e0e0}"""

# Read on a phone (forwarded in WeChat, 390 px wide), a table shows what a row is about, its name, then
# its light and status without scrolling sideways; the English id, which only the statistics office
# types, goes last. Columns are known by their heading (the words of cadence_doc.W); the rest keep their
# order in between, so markdown and CSV keep the Doc's own order.
_PHONE_RANK = {"no": 0, "unit": 0, "kind": 0, "name": 1, "light": 2, "status": 2, "state": 2, "before": 2,
               "after": 2, "was": 2, "now": 2, "timing": 2, "score": 2, "entered": 2, "outcome": 2, "for": 2,
               "id": 9}


def phone_order(columns: list[str], lang: str) -> list[int]:
    """The order HTML shows a section's columns in (indexes into ``columns``)."""
    rank = {W[lang][key]: r for key, r in _PHONE_RANK.items()}
    return sorted(range(len(columns)), key=lambda i: (rank.get(str(columns[i]), 3), i))


FOLD = 30  # rows: a longer list without lights (what is owed, unit by unit) is folded and goes last
FOLDED = {"zh": "（{n}行，点开查看）", "en": " ({n} rows, tap to open)"}


def html_sections(doc: Doc) -> list[tuple[Section, bool]]:
    """The sections in the order a phone shows them, each with whether it is folded: the lights and the
    indicators first; a long list without lights (378 owed figures) last, folded in <details>."""
    fold = [len(s.rows) > FOLD and s.light_column is None for s in doc.sections]
    return ([(s, False) for s, f in zip(doc.sections, fold) if not f]
            + [(s, True) for s, f in zip(doc.sections, fold) if f])


def to_html(doc: Doc) -> str:
    e = html_text
    lang = doc.lang if doc.lang in W else "en"
    out = ["<!doctype html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(doc.title)}</title><style>{CSS}</style></head><body>", f"<h1>{e(doc.title)}</h1>", "<ul>"]
    out += [f"<li>{e(line)}</li>" for line in doc.lines] + ["</ul>"]
    for s, fold in html_sections(doc):
        out += _html_section(s, fold, lang)
    out.append("</body></html>\n")
    return "\n".join(out)


def _html_section(s: Section, fold: bool, lang: str) -> list[str]:
    """A section's heading (folded in <details> with its row count when ``fold``) and its table, columns in
    phone order; an empty section is its note (or none)."""
    e = html_text
    if fold:
        out = [f"<details><summary><h2>{e(s.title)}</h2>{e(FOLDED[lang].format(n=len(s.rows)))}</summary>"]
    else:
        out = [f"<h2>{e(s.title)}</h2>"]
    if not s.rows:
        return out + [f"<p>{e(s.note or W[lang]['none'])}</p>"]
    order = phone_order(s.columns, lang)
    classes = _column_classes(s, lang)
    out.append('<div class="wrap"><table><thead><tr>' + "".join(f"<th>{e(str(s.columns[i]))}</th>" for i in order)
               + "</tr></thead><tbody>")
    for row in s.rows:
        out.append("<tr>" + "".join(_html_cell(row[i], classes[i]) for i in order) + "</tr>")
    out.append("</tbody></table></div>" + ("</details>" if fold else ""))
    return out


def _column_classes(s: Section, lang: str) -> list[tuple[bool, bool, bool]]:
    """Per column: whether it holds lights, whether it is the id, whether it reads whole (a light, a status)."""
    rank = {W[lang][key]: r for key, r in _PHONE_RANK.items()}
    return [(i == s.light_column, str(c) == W[lang]["id"], rank.get(str(c)) == 2) for i, c in enumerate(s.columns)]


def _html_cell(v: object, column: tuple[bool, bool, bool]) -> str:
    """A cell with its class: its light's colour, the id's small type, a status kept on one line, mostly
    Chinese text given room rather than one character a line."""
    light, is_id, whole = column
    text = str(v)
    cls = LIGHT_OF.get(text) if light else "id" if is_id else None
    if whole and len(text) <= 12:
        cls = f"{cls} s" if cls else "s"  # a light or status reads whole, not one character a line
    if cls is None and len(text) > 5 and _width(v) > 1.5 * len(text):
        cls = "t"
    return f'<td class="{cls}">{html_text(text)}</td>' if cls else f"<td>{html_text(text)}</td>"


def to_xlsx(doc: Doc) -> bytes:
    """The printable workbook (see cadence_xlsx), byte for byte the same for the same Doc."""
    from liupi_cli.render.cadence_xlsx import to_xlsx as workbook

    return workbook(doc, dt.datetime.combine(doc.pinned or dt.date(2000, 1, 1), dt.time()))


def _width(value: object) -> float:
    """Display width in spreadsheet columns: a Chinese character is about two Latin ones."""
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.1 for ch in str(value))
