"""`liupi history` as a text table: every record of an indicator or a task, revisions marked.

At any width the columns that tell a revised figure from its replacement stay (which record, for which
period, what was entered, what it supersedes, whether it is current); the others wrap, shorten or give way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from liupi_cli.render.textgrid import Column, render_table

RECORD_COLUMNS = ["id", "period", "baseline", "entered", "value", "unit", "recorded_by", "recorded_at", "source",
                  "note", "supersedes", "current"]
TASK_COLUMNS = ["id", "date", "status", "percent", "note", "recorded_by", "recorded_at", "current"]
# Never dropped, then the order in which the others are kept longest (the last gives way first): when a
# correction was made (recorded_at) before the note and the source, which shorten first.
KEEP = {"id", "period", "date", "baseline", "entered", "status", "supersedes", "current"}
PRIORITY = ["id", "period", "date", "baseline", "entered", "status", "supersedes", "current", "recorded_at",
            "percent", "note", "recorded_by", "source", "value", "unit"]


def _text(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if column == "recorded_at":  # 2023-07-05T09:00:12+08:00 -> 2023-07-05 09:00 (the files keep it whole)
        return str(value)[:16].replace("T", " ")
    return str(value)


def history_lines(rows: Sequence[Any], columns: Sequence[str], total: int,
                  paint: Callable[[str, str | None], str] | None = None,
                  forced: frozenset[int] = frozenset(), lang: str = "en") -> list[str]:
    """The table's lines; superseded rows styled ``dim``; the records in ``forced`` marked after their figure;
    headings and keys in ``lang`` (render/rows.py: in English the field names and values)."""
    from liupi_cli.messages import msg
    from liupi_cli.render.rows import heading, in_words

    dimmed = [None if getattr(r, "current", True) else "dim" for r in rows]
    mark = msg("label.history.forced").text(lang)

    def cell(r: Any, c: str) -> str:
        value = getattr(r, c)
        return in_words(c, value, _text(c, value), lang) + (mark if c == "entered" and r.id in forced else "")

    grid = [Column(heading(c, lang), [cell(r, c) for r in rows], priority=100 - PRIORITY.index(c), keep=c in KEEP,
                   wrap=c not in KEEP or c == "recorded_at", min_width=8 if c != "recorded_at" else 10,
                   max_width=48, max_lines=3, styles=dimmed) for c in columns]
    return render_table(grid, total, paint=paint)
