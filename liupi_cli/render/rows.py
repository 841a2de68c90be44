"""Products that are rows of one model: the listings (``liupi targets``, ``tasks``), an item's ``history``
and the store's ``export``. JSON is the rows dumped; CSV one line per row with the named columns; the
terminal table lays out the columns it names; the export's workbook is a sheet per table."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from liupi_cli.render.csv_file import csv_text
from liupi_cli.render.safe import inert, json_inert, neutralise

Paint = Callable[[str, "str | None"], str]


@dataclass(frozen=True)
class Listing:
    """Rows of one kind (pydantic models) with the columns CSV writes and the narrower set the table shows;
    ``max_widths`` caps a table column (longer words are shortened with …)."""

    rows: Sequence[Any]
    csv_columns: Sequence[str]
    table_columns: Sequence[str]
    max_widths: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class History:
    """Every record of an indicator (or update of a task), revisions included; ``forced``: the ids of the
    records made with --force (marked after their figure in the table)."""

    rows: Sequence[Any]
    columns: Sequence[str]
    forced: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Export:
    """The whole store: every record, current and superseded, and every task update."""

    plan: str
    records: Sequence[Any]
    task_updates: Sequence[Any]
    record_columns: Sequence[str]
    task_columns: Sequence[str]


def to_jsonable(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(o) for o in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def dump_json(obj: Any) -> str:
    return json_inert(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2)) + "\n"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "、".join(cell(v) for v in value)
    if hasattr(value, "model_dump"):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _json_cell(v: Any) -> Any:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def rows_to_csv(rows: Sequence[Any], columns: Sequence[str]) -> str:
    def line(r: Any) -> list[str]:
        d = r.model_dump(mode="json")
        return [neutralise(cell(_json_cell(d[c]))) for c in columns]

    return csv_text(columns, (line(r) for r in rows))


def rows_table(rows: Sequence[Any], columns: Sequence[str], width: int, paint: Paint | None = None,
               max_widths: dict[str, int] | None = None, lang: str = "en") -> str:
    from liupi_cli.render.textgrid import Column, render_table

    grid = [Column(heading(c, lang), [inert(in_words(c, getattr(r, c), cell(getattr(r, c)), lang)) for r in rows],
                   priority=100 - i, wrap=i > 0, min_width=8, max_width=(max_widths or {}).get(c, 48), max_lines=3)
            for i, c in enumerate(columns)]
    return "\n".join(render_table(grid, width, paint=paint)) + "\n"


# A table is read by people: in English it shows the field names and values that CSV and JSON carry (programs
# read those, in every language); in another language each heading and each value that is a key (a kind, a
# comparator, a task's state or status, a deadline that is ongoing, yes/no) is said in its words.


def heading(column: str, lang: str) -> str:
    """A column's heading in ``lang``: the field name in English (as CSV and JSON name it)."""
    if lang == "en":
        return column
    return _words("heading")[lang].get(column, column)


def in_words(column: str, value: Any, shown: str, lang: str) -> str:
    """A cell in ``lang``: ``shown`` (the value as English tables and CSV write it), or its words."""
    if lang == "en":
        return shown
    if isinstance(value, bool):
        return _words("yes_no")[lang][shown]
    words = _words(_SAID_AS.get(column, ""))
    return words[lang].get(shown, shown) if words else shown


_SAID_AS = {"kind": "kind", "comparator": "comparator", "state": "task_state", "status": "task_state",
            "deadline": "task_state"}  # a deadline is a date or ongoing (长期坚持)


@functools.cache
def _words(name: str) -> dict[str, dict[str, str]]:
    from liupi_cli.render.labels import STATUS, vocabulary

    if name == "task_state":  # a task's state uses the report's words where it has them (逾期, 已完成, 逾期完成)
        return {lang: {**words, **STATUS[lang]} for lang, words in vocabulary("label.task_state.").items()}
    return vocabulary(f"label.{name}.") if name else {}


# The renderers registry.TABLE names for these products: each takes the model and the registry's Options.


def draw_table(model: Listing | History, o: Any) -> str:
    if isinstance(model, History):
        from liupi_cli.render.history_text import history_lines

        return "\n".join(history_lines(model.rows, model.columns, o.width, o.paint, model.forced, o.lang)) + "\n"
    return rows_table(model.rows, model.table_columns, o.width, o.paint, model.max_widths, o.lang)


def draw_csv(model: Listing | History | Export, o: Any) -> str:
    if isinstance(model, Export):  # one CSV holds one table: the records (the CLI says where the updates are)
        return rows_to_csv(model.records, model.record_columns)
    return rows_to_csv(model.rows, model.csv_columns if isinstance(model, Listing) else model.columns)


def draw_json(model: Listing | History | Export, o: Any) -> str:
    if isinstance(model, Export):
        return dump_json({"plan": model.plan, "records": model.records, "task_updates": model.task_updates})
    return dump_json(list(model.rows))


def draw_xlsx(model: Export, o: Any) -> bytes:
    from liupi_cli.render.workbook import tables_workbook

    return tables_workbook([("records", model.record_columns, (r.model_dump() for r in model.records)),
                            ("task_updates", model.task_columns, (t.model_dump() for t in model.task_updates))],
                           lang=o.lang)
