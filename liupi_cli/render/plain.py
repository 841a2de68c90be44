"""Markdown, CSV and JSON renderings of a report."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator

from liupi_cli.render import markdown
from liupi_cli.render.csv_file import csv_text
from liupi_cli.render.labels import (
    COLUMNS,
    LIGHT_WORD,
    TASK_STATUS,
    WORDS,
    battle_title,
    cell_text,
    cells,
    decimals,
    heading,
    rows_by_battle,
    subheading,
)
from liupi_cli.render.safe import json_inert_utf8, markdown_text, neutralise
from liupi_cli.report.model import Report, Row

CSV_FIELDS = [f for f in Row.model_fields if f != "series"]


def to_json(report: Report) -> str:
    """pydantic's own serialiser: the same document json_document writes (infinities as null, UTF-8,
    two-space indent), five times faster at province scale."""
    return b"".join(json_parts(report)).decode("utf-8")


_ROWS_LAST = b'\n  "rows": []\n}'
CHUNK_ROWS = 500  # rows dumped at once: about 1 MB of a province's document


@functools.cache
def _rows_json() -> Callable[..., bytes]:
    from pydantic import TypeAdapter

    return TypeAdapter(list[Row]).dump_json


def json_parts(report: Report) -> Iterator[bytes]:
    """``to_json``'s document as UTF-8, in pieces of ``CHUNK_ROWS`` rows, for writing as it is made: at
    province scale the whole document is 30 MB, held two or three times over while it is joined and encoded.

    ``rows`` is the report's last field: the rest is dumped with no rows, then each chunk of rows is dumped as
    a list and moved to the nesting depth its rows have in the whole (two-space indent: a row's lines move right
    by two spaces more than in a list of its own).
    """
    head = json_inert_utf8(report.model_copy(update={"rows": []}).model_dump_json(indent=2).encode("utf-8"))
    if not report.rows or not head.endswith(_ROWS_LAST):  # not the layout this was written for: whole
        yield json_inert_utf8(report.model_dump_json(indent=2).encode("utf-8")) + b"\n"
        return
    yield head[: -len(_ROWS_LAST)] + b'\n  "rows": [\n'
    rows, dump = report.rows, _rows_json()
    for start in range(0, len(rows), CHUNK_ROWS):
        listed = dump(rows[start:start + CHUNK_ROWS], indent=2)  # b'[\n  {\n    "id": …\n  }\n]'
        inner = json_inert_utf8(listed[2:-2]).replace(b"\n", b"\n  ")  # a newline is never inside a JSON string
        yield b"  " + inner + (b",\n" if start + CHUNK_ROWS < len(rows) else b"\n")
    yield b"  ]\n}\n"


def _rounded(value: float, places: int) -> float | int:
    v = round(value, places)
    return int(v) if places == 0 else v


def to_csv(report: Report, lang: str = "en") -> str:
    """English: one tidy row per indicator with the JSON row fields (for programs). Chinese: the
    circular's columns with Chinese headings and words (红灯, 月度, 暂无数据), numbers rounded to the
    precision shown, for people opening it in Excel or WPS."""
    if lang == "zh":
        return _csv_zh(report)
    marked = any(r.review for r in report.rows)  # a server store's figures not approved yet: a column of their own
    fields = [f for f in CSV_FIELDS if f != "review" or marked]
    return csv_text(fields, (_csv_row(row, fields) for row in report.rows))


def _csv_row(row: Row, fields: list[str]) -> list[object]:
    d = row.model_dump(mode="json")
    return [_csv_value(d.get(f)) for f in fields]


def _csv_value(v: object) -> object:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False) if v else ""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return round(v, 4)  # no float noise such as -0.8000000000000007
    return neutralise(v) if isinstance(v, str) else v


ZH_EXTRA = ("指标代码", "数据期")


def _csv_zh(report: Report) -> str:
    keys = [k for k, *_ in COLUMNS]
    head = [ZH_EXTRA[0], *(zh for _, _, zh in COLUMNS), ZH_EXTRA[1]]
    body = []
    for _battle, rows in rows_by_battle(report):
        for n, r in enumerate(rows, 1):
            c = cells(r, n, "zh")
            body.append([r.id, *(_zh_value(k, c[k], r) for k in keys), r.actual_period or ""])
    return csv_text(head, body)


def _zh_value(k: str, v: object, r: Row) -> object:
    """A cell as the circular shows it: numbers rounded to the precision shown, text inert."""
    if isinstance(v, float):
        v = _rounded(v, 1 if k in PERCENT_KEYS else max(decimals(r.unit), 0 if v.is_integer() else 2))
    return "" if v is None else neutralise(v) if isinstance(v, str) else v


PERCENT_KEYS = {"growth", "completion", "expected", "gap_expected", "gap_growth"}


_md = markdown_text
LIGHTS = ("red", "yellow", "green", "grey")


def to_markdown(report: Report, lang: str = "en") -> str:
    lines = [f"# {_md(heading(report, lang))}", "", _md(subheading(report, lang)), ""]
    lines += _md_summary(report, lang)
    for battle, rows in rows_by_battle(report):
        lines += ["", f"## {_md(battle_title(report, battle, lang))}", ""]
        lines += _md_battle(rows, lang)
    lines += _md_overdue(report, lang)
    return "\n".join(lines)


def _md_summary(report: Report, lang: str) -> list[str]:
    """The counts by light per battle and overall, the laggards, the indicators red again."""
    w = WORDS[lang]
    head = [w["by_battle"], *(LIGHT_WORD[lang][k] for k in LIGHTS), w["total"]]
    counts = [[w["overall"] if c.key == "all" else battle_title(report, c.key, lang), c.red, c.yellow, c.green,
               c.grey, c.total] for c in [*report.summary.by_battle, report.summary.overall]]
    lines = [f"## {w['summary']}", "", *markdown.table(head, counts)]
    rows = {r.id: r for r in report.rows}
    lines += ["", f"**{w['laggards']}:** " + (", ".join(
        f"{_md(rows[i].name_zh)} ({LIGHT_WORD[lang][rows[i].light]})" for i in report.summary.laggards[:10])
        or w["none"])]
    if report.summary.persistent:
        lines.append(f"**{w['persistent']}:** " + ", ".join(_md(rows[i].name_zh) for i in report.summary.persistent))
    return lines


def _md_battle(rows: list[Row], lang: str) -> list[str]:
    """A battle's indicators: the circular's columns (the battle is the heading above)."""
    keys = [k for k, *_ in COLUMNS if k != "battle"]
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    body = []
    for n, r in enumerate(rows, 1):
        c = cells(r, n, lang)
        body.append([cell_text(k, c[k], r) for k in keys])
    return markdown.table([labels[k] for k in keys], body)


def _md_overdue(report: Report, lang: str) -> list[str]:
    """The overdue tasks (or none), then how many tasks are done."""
    w = WORDS[lang]
    tasks = report.summary.tasks_overdue
    lines = ["", f"## {w['overdue']} ({len(tasks)})", ""]
    if tasks:
        lines += markdown.table([w["id"], w["task"], w["deadline"], w["days"], w["status"]],
                                ([t.id, f"{t.title_zh} ({'、'.join(t.lead_units_zh)})", t.deadline, t.days_overdue,
                                  TASK_STATUS[lang].get(t.status or "", t.status or "—")] for t in tasks))
    else:
        lines.append(w["none"])
    return lines + ["", f"{report.summary.tasks_done}/{report.summary.tasks_total} {w['tasks_done']}", ""]
