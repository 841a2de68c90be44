"""Markdown, CSV and JSON renderings of a report."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from liupi_cli.render.labels import (
    COLUMNS,
    LIGHT_WORD,
    STATUS,
    WORDS,
    battle_title,
    cell_text,
    cells,
    decimals,
    heading,
    rows_by_battle,
    subheading,
)
from liupi_cli.render.safe import json_inert, markdown_text, neutralise
from liupi_cli.report.model import Report, Row

CSV_FIELDS = [f for f in Row.model_fields if f != "series"]


def to_json(report: Report) -> str:
    """pydantic's own serialiser: the same document json_document writes (infinities as null, UTF-8,
    two-space indent), five times faster at province scale."""
    return "".join(json_parts(report))


_ROWS_LAST = '\n  "rows": []\n}'


def json_parts(report: Report) -> Iterator[str]:
    """``to_json``'s document in pieces, one row at a time, for writing as it is made: at province scale
    the whole document is 30 MB of text, held two or three times over while it is joined and encoded.

    ``rows`` is the report's last field: the rest is dumped with no rows, then each row is dumped alone at
    the nesting depth it has in the whole (two-space indent: a row's lines move right by four spaces).
    """
    head = json_inert(report.model_copy(update={"rows": []}).model_dump_json(indent=2))
    if not report.rows or not head.endswith(_ROWS_LAST):  # not the layout this was written for: whole
        yield json_inert(report.model_dump_json(indent=2)) + "\n"
        return
    yield head[: -len(_ROWS_LAST)] + '\n  "rows": [\n'
    last = len(report.rows) - 1
    for n, row in enumerate(report.rows):
        text = json_inert(row.model_dump_json(indent=2)).replace("\n", "\n    ")
        yield "    " + text + (",\n" if n < last else "\n")
    yield "  ]\n}\n"


def _rounded(value: float, places: int) -> float | int:
    v = round(value, places)
    return int(v) if places == 0 else v


def to_csv(report: Report, lang: str = "en") -> str:
    """English: one tidy row per indicator with the JSON row fields (for programs). Chinese: the
    circular's columns with Chinese headings and words (红灯, 月度, 暂无数据), numbers rounded to the
    precision shown, for people opening it in Excel or WPS."""
    if lang == "zh":
        return _csv_zh(report)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for row in report.rows:
        d = row.model_dump(mode="json")
        out = []
        for f in CSV_FIELDS:
            v = d[f]
            if isinstance(v, (list, dict)):
                v = json.dumps(v, ensure_ascii=False) if v else ""
            elif v is None:
                v = ""
            elif isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, float):
                v = round(v, 4)  # no float noise such as -0.8000000000000007
            out.append(neutralise(str(v)) if isinstance(v, str) else v)
        w.writerow(out)
    return buf.getvalue()


ZH_EXTRA = ("指标代码", "数据期")


def _csv_zh(report: Report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    keys = [k for k, *_ in COLUMNS]
    w.writerow([ZH_EXTRA[0], *(zh for _, _, zh in COLUMNS), ZH_EXTRA[1]])
    for _battle, rows in rows_by_battle(report):
        for n, r in enumerate(rows, 1):
            c = cells(r, n, "zh")
            out: list[object] = [r.id]
            for k in keys:
                v = c[k]
                if isinstance(v, float):
                    v = _rounded(v, 1 if k in PERCENT_KEYS else max(decimals(r.unit), 0 if v.is_integer() else 2))
                out.append("" if v is None else neutralise(v) if isinstance(v, str) else v)
            out.append(r.actual_period or "")
            w.writerow(out)
    return buf.getvalue()


PERCENT_KEYS = {"growth", "completion", "expected", "gap_expected", "gap_growth"}


_md = markdown_text


def to_markdown(report: Report, lang: str = "en") -> str:
    w = WORDS[lang]
    lines = [f"# {_md(heading(report, lang))}", "", _md(subheading(report, lang)), "", f"## {w['summary']}", ""]
    head = [w["by_battle"], *(LIGHT_WORD[lang][k] for k in ("red", "yellow", "green", "grey")), w["total"]]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in [*report.summary.by_battle, report.summary.overall]:
        name = w["overall"] if c.key == "all" else battle_title(report, c.key, lang)
        lines.append(f"| {_md(name)} | {c.red} | {c.yellow} | {c.green} | {c.grey} | {c.total} |")
    rows = {r.id: r for r in report.rows}
    lines += ["", f"**{w['laggards']}:** " + (", ".join(
        f"{_md(rows[i].name_zh)} ({LIGHT_WORD[lang][rows[i].light]})" for i in report.summary.laggards[:10])
        or w["none"])]
    if report.summary.persistent:
        lines.append(f"**{w['persistent']}:** " + ", ".join(_md(rows[i].name_zh) for i in report.summary.persistent))
    for battle, brows in rows_by_battle(report):
        lines += ["", f"## {_md(battle_title(report, battle, lang))}", ""]
        keys = [k for k, *_ in COLUMNS if k != "battle"]
        labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
        lines += ["| " + " | ".join(labels[k] for k in keys) + " |", "|" + "---|" * len(keys)]
        for n, r in enumerate(brows, 1):
            c = cells(r, n, lang)
            lines.append("| " + " | ".join(_md(cell_text(k, c[k], r)) for k in keys) + " |")
    lines += ["", f"## {w['overdue']} ({len(report.summary.tasks_overdue)})", ""]
    if report.summary.tasks_overdue:
        lines += [f"| {w['id']} | {w['task']} | {w['deadline']} | {w['days']} | {w['status']} |",
                  "|---|---|---|---|---|"]
        for t in report.summary.tasks_overdue:
            status = STATUS[lang].get(t.status or "", t.status or "—")
            lines.append(f"| {t.id} | {_md(t.title_zh)} ({_md('、'.join(t.lead_units_zh))}) | {t.deadline} | "
                         f"{t.days_overdue} | {_md(status)} |")
    else:
        lines.append(w["none"])
    lines += ["", f"{report.summary.tasks_done}/{report.summary.tasks_total} {w['tasks_done']}", ""]
    return "\n".join(lines)
