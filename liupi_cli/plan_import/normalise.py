"""One normaliser for every reader: find the task lists in a stream of rows, recognise the column
headings, follow merged cells and continuation rows, and number the tasks from the document's own
outline (一、 / （一） / 1. / (1) / ① / 序号). Nothing here knows units or dates: it returns the cell
texts of each task with the row it came from."""

from __future__ import annotations

import re

from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.plan_import.headings import HEADINGS, Columns, header_of, heading_role
from liupi_cli.plan_import.numbering import leading_number
from liupi_cli.plan_import.outline import RawTask, TaskList, clean, first_sentence
from liupi_cli.plan_import.paragraphs import read_paragraphs
from liupi_cli.plan_import.task_tables import read_table

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


def _is_label(row: Row) -> bool:
    """A line that starts another list even inside a table: 附件2-1, alone or followed by the list's title."""
    return _is_context(row) and bool(_LABEL.match(clean(row.filled[0])))


def find_lists(sheet: Sheet) -> list[TaskList]:
    """Split a sheet into task lists and read each one."""
    return _ListFinder(sheet).lists()


class _ListFinder:
    """A walk down a sheet's rows: the list's label (附件2-1) and title seen last, the list being read, and the
    paragraphs waiting to be read as one list's tasks."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.rows = sheet.rows
        self.found: list[TaskList] = []
        self.label: str | None = None
        self.title: str | None = None
        self.current: TaskList | None = None
        self.pending_paras: list[Row] = []

    def lists(self) -> list[TaskList]:
        """Each row is a list's label or title, a table's header (the table read up to its end), or a
        paragraph; the lists that hold tasks."""
        i = 0
        while i < len(self.rows):
            row = self.rows[i]
            if self._names_a_list(row):
                self._take_context(row)
                i += 1
            elif cols := header_of(row):
                i = self._take_table(i, cols)
            else:
                if row.paragraph:
                    self._take_paragraph(row)
                i += 1
        self._close_paragraphs()
        return [tl for tl in self.found if tl.tasks]

    def _names_a_list(self, row: Row) -> bool:
        """A label or title line that starts a new list (inside a table only a 附件 label does)."""
        current = self.current
        return _is_context(row) and bool(row.paragraph or not current or not current.tasks or _is_label(row))

    def _close_paragraphs(self) -> None:
        """Read the paragraphs gathered for a list laid out in paragraphs."""
        if self.current and self.current.layout == "paragraphs":
            read_paragraphs(self.current, self.pending_paras)

    def _take_context(self, row: Row) -> None:
        """附件2-1 (and a title after it) or a title line: the list read so far ends."""
        t = clean(row.filled[0])
        m = _LABEL.fullmatch(t) or (_LABEL.match(t) if t.startswith("附件") else None)
        if self.current and self.current.tasks:
            read_paragraphs(self.current, self.pending_paras)
            self.current = None
        if m:
            self.label = "附件" + re.sub(r"[\s－—]", lambda x: "-" if x[0] in "－—" else "", m[1])
            rest = t[m.end() :].lstrip(":： ")
            if rest:
                self.title = rest
        else:
            self.title = t

    def _take_table(self, i: int, cols: Columns) -> int:
        """A table's header at row ``i``: its rows, up to the next header, paragraph or 附件 label, read into the
        current table list (a new list unless it continues the one before); returns the row after it."""
        current, rows = self.current, self.rows
        if (
            current is None
            or current.layout != "table"
            or (current.tasks and (current.label, current.title) != (self.label, self.title))
        ):
            self._close_paragraphs()
            current = self.current = TaskList(self.sheet.source, self.label, self.title, rows[i].ref)
            self.found.append(current)
        j = i + 1
        while (
            j < len(rows)
            and not header_of(rows[j])
            and not (rows[j].paragraph)
            and not _is_label(rows[j])
        ):
            j += 1
        read_table(current, cols, rows[i + 1 : j])
        return j

    def _take_paragraph(self, row: Row) -> None:
        """A paragraph: part of the current paragraph list (a new one when the label or title changed)."""
        current = self.current
        if current is None or current.layout != "paragraphs" or current.label != self.label \
                or current.title != self.title:
            self._close_paragraphs()
            self.current = TaskList(self.sheet.source, self.label, self.title, row.ref, layout="paragraphs")
            self.found.append(self.current)
        self.pending_paras.append(row)


__all__ = ["find_lists", "RawTask", "TaskList", "HEADINGS", "heading_role", "clean", "first_sentence"]
