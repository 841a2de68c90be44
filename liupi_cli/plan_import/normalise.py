"""One normaliser for every reader: find the task lists in a stream of rows, recognise the column
headings, follow merged cells and continuation rows, and number the tasks from the document's own
outline (一、 / （一） / 1. / (1) / ① / 序号). Nothing here knows units or dates: it returns the cell
texts of each task with the row it came from."""

from __future__ import annotations

import re

from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.plan_import.headings import HEADINGS, header_of, heading_role
from liupi_cli.plan_import.numbering import leading_number
from liupi_cli.plan_import.outline import RawTask, TaskList, clean, first_sentence
from liupi_cli.plan_import.paragraphs import read_paragraphs
from liupi_cli.plan_import.tables import read_table

_LABEL = re.compile(r"附件\s*(\d+(?:\s*[-－—]\s*\d+)?)")
_TITLE_END = ("清单", "分解表", "任务表", "一览表", "台账", "计划表", "安排表", "重点工作", "要点", "方案", "责任分解",
              "工作事项", "推进情况表", "实事项目")


def _is_context(row: Row) -> bool:
    """A line that names a list rather than being part of one: 附件2-1, …任务清单."""
    filled = row.filled
    if len(filled) != 1:
        return False
    t = clean(filled[0])
    return bool(_LABEL.fullmatch(t)) or (t.endswith(_TITLE_END) and len(t) <= 60 and not leading_number(t)[0])


def find_lists(sheet: Sheet) -> list[TaskList]:
    """Split a sheet into task lists and read each one."""
    lists: list[TaskList] = []
    label: str | None = None
    title: str | None = None
    i, rows = 0, sheet.rows
    pending_paras: list[Row] = []
    current: TaskList | None = None
    while i < len(rows):
        row = rows[i]
        if _is_context(row) and (
            row.paragraph or not current or not current.tasks or _LABEL.fullmatch(clean(row.filled[0]))
        ):
            t = clean(row.filled[0])
            m = _LABEL.fullmatch(t) or (_LABEL.match(t) if t.startswith("附件") else None)
            if current and current.tasks:
                read_paragraphs(current, pending_paras)
                current = None
            if m:
                label = "附件" + re.sub(r"[\s－—]", lambda x: "-" if x[0] in "－—" else "", m[1])
                rest = t[m.end() :].lstrip(":： ")
                if rest:
                    title = rest
            else:
                title = t
            i += 1
            continue
        cols = header_of(row)
        if cols:
            if (
                current is None
                or current.layout != "table"
                or (current.tasks and (current.label, current.title) != (label, title))
            ):
                if current and current.layout == "paragraphs":
                    read_paragraphs(current, pending_paras)
                current = TaskList(sheet.source, label, title, row.ref)
                lists.append(current)
            j = i + 1
            while (
                j < len(rows)
                and not header_of(rows[j])
                and not (rows[j].paragraph)
                and not (_is_context(rows[j]) and _LABEL.fullmatch(clean(rows[j].filled[0])))
            ):
                j += 1
            read_table(current, cols, rows[i + 1 : j])
            i = j
            continue
        if row.paragraph:
            if current is None or current.layout != "paragraphs" or current.label != label or current.title != title:
                if current and current.layout == "paragraphs":
                    read_paragraphs(current, pending_paras)
                current = TaskList(sheet.source, label, title, row.ref, layout="paragraphs")
                lists.append(current)
            pending_paras.append(row)
        i += 1
    if current and current.layout == "paragraphs":
        read_paragraphs(current, pending_paras)
    return [tl for tl in lists if tl.tasks]


__all__ = ["find_lists", "RawTask", "TaskList", "HEADINGS", "heading_role", "clean", "first_sentence"]
