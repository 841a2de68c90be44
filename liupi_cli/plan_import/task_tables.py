"""Task tables: rows → tasks, following merged cells, continuation rows and the outline numbering."""

from __future__ import annotations

from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.headings import TEXT_ROLES, Columns
from liupi_cli.plan_import.numbering import Number, bare_number, leading_number
from liupi_cli.plan_import.outline import RawTask, TaskList, clean, first_sentence, source_path, split_section_lead


def _cell(row: Row, cols: list[int], *, keep_lines: bool = False, units: bool = False) -> tuple[str, bool]:
    """Joined text of the row's cells in these columns (horizontal merges once) and whether any was a
    vertical merge (a value carried down from the row above)."""
    parts, vmerged = [], False
    for c in cols:
        if c >= len(row.cells) or row.merged[c] == "h":
            continue
        t = row.cells[c].strip()
        if row.merged[c] == "v":
            vmerged = True
        if t and t not in parts:
            parts.append(t)
    if units:  # 责任单位 and 配合单位 side by side: a list, not one name
        return "、".join(_unit_lines(p) for p in parts), vmerged
    text = "\n".join(parts)
    return (text.strip() if keep_lines else clean(text)), vmerged


def _unit_lines(text: str) -> str:
    """A unit cell's line breaks: between two units' names a separator (县财政局 / 县税务局), inside one name
    a wrap (县政府办 / （金融办）, 县财 / 政局)."""
    from liupi_cli.plan_import.units import looks_like_unit

    lines = [clean(x) for x in text.splitlines() if x.strip()]
    out = lines[:1]
    for line in lines[1:]:
        whole = looks_like_unit(out[-1].split("、")[-1]) and looks_like_unit(line.split("、")[0])
        out[-1:] = [out[-1], line] if whole else [out[-1] + line]
    return "、".join(out)


_ROLES = ("lead", "resp", "leader", "deadline", "category", "goal", "progress", "note")
_INHERITED = ("lead", "deadline", "category", "leader")


def read_table(tl: TaskList, cols: Columns, rows: list[Row]) -> None:
    """Read one table's rows into ``tl``'s tasks: the outline continues across tables of one list (a table broken
    by a page repeats its header); unrecognised headings are reported, their cells kept in the task text."""
    reader = _TableReader(tl, cols, rows)
    for row in rows:
        if row.filled:
            reader.read_row(row)
    _join_group_titles(tl)


class _TableReader:
    """The state carried from row to row of one table: the outline so far, the task above, the row counter."""

    def __init__(self, tl: TaskList, cols: Columns, rows: list[Row]):
        self.tl, self.cols = tl, cols
        self.title_cols = [i for i, r in enumerate(cols.roles) if r in TEXT_ROLES]
        self.no_cols = cols.idx("no")
        self.has_item = bool(cols.idx("item"))
        self.lead_from_resp = not cols.idx("lead") and bool(cols.idx("resp"))
        self.state: dict[int, Number] = tl.outline
        self.texts: dict[int, str] = tl.outline_texts  # rank -> title text at that rank
        self.col_rank: dict[int, int] = tl.column_ranks
        self.prev: RawTask | None = tl.tasks[-1] if tl.tasks else None
        self.prev_vals: dict[str, str] = {}
        self.position = 0
        self.counter = 0
        self._column_notes(rows)
        self.auto = self._numbers_nothing(rows)

    def _column_notes(self, rows: list[Row]) -> None:
        """Notes on columns read in a particular way: no 牵头单位, a 进展情况 column."""
        if self.lead_from_resp:
            self.tl.notes.append(
                (
                    rows[0].ref if rows else self.tl.ref,
                    "no 牵头单位 column: the first unit named under 责任单位 is taken as the lead",
                )
            )
        if self.cols.idx("progress"):
            self.tl.notes.append(
                (
                    rows[0].ref if rows else self.tl.ref,
                    "进展情况 column read as progress notes only; record progress with `liupi task`",
                )
            )

    def _numbers_nothing(self, rows: list[Row]) -> bool:
        """A table with no numbering at all (no 序号, no 一、/1.): each row with its own task text is a task."""
        auto = not self.no_cols and not any(
            leading_number(clean(r.cells[c]))[0]
            for r in rows
            for c in self.title_cols + self.cols.idx("measures")
            if c < len(r.cells) and r.cells[c].strip()
        )
        if auto and rows:
            self.tl.notes.append((rows[0].ref, "the table numbers no task: tasks numbered by row, in order"))
        return auto

    def _sequence(self, row: Row) -> int | None:
        """The row's 序号 (or, in a table that numbers nothing, its place among the rows with a task)."""
        seq = None
        for c in self.no_cols:
            if c < len(row.cells) and row.merged[c] != "v":
                seq = bare_number(row.cells[c]) if row.cells[c].strip() else None
        if self.auto and any(
            c < len(row.cells) and row.cells[c].strip() and row.merged[c] == "" for c in self.title_cols
        ):
            self.counter += 1
            seq = self.counter
        return seq

    def _title_cells(self, row: Row) -> tuple[list[tuple[int, str]], Number | None, list[tuple[int, Number, str]]]:
        """The row's title cells: those without a number, the item's own number (（1）/① under a 序号), and
        the numbered ones (column, number, text after it)."""
        title_texts: list[tuple[int, str]] = []
        item_no: Number | None = None
        found: list[tuple[int, Number, str]] = []
        for c in self.title_cols:
            if c >= len(row.cells) or row.merged[c] in ("h", "v") or not row.cells[c].strip():
                continue
            n, rest = leading_number(clean(row.cells[c]))
            if n:
                if self.no_cols and self.cols.roles[c] == "item":
                    item_no = n  # （1）/① under a 序号: the item's place in its group, not an outline level
                    continue
                found.append((c, n, rest))
            else:
                title_texts.append((c, clean(row.cells[c])))
        return title_texts, item_no, found

    def _outline_numbers(self, row: Row, found: list[tuple[int, Number, str]]) -> list[tuple[Number, str]]:
        """The numbers found, each at its column's level when a column uses another style than its number's."""
        nums: list[tuple[Number, str]] = []
        for k, (c, n, rest) in enumerate(found):
            later = {m.rank for _, m, _ in found[k + 1 :]}
            if n.rank in later and self.col_rank.get(c, 0) != n.rank:
                self.tl.notes.append(
                    (
                        row.ref,
                        f"'{n.written}' numbers a heading in a column that uses another style: "
                        "read as that column's level",
                    )
                )
                n = Number(self.col_rank.get(c, 0), n.value, n.written)
            self.col_rank.setdefault(c, n.rank)
            nums.append((n, rest))
        return nums

    def _advance(self, nums: list[tuple[Number, str]]) -> None:
        """The outline moves to these numbers: deeper levels below each are closed."""
        for n, rest in nums:
            for r in [r for r in self.state if r >= n.rank]:
                self.state.pop(r)
                self.texts.pop(r, None)
            self.state[n.rank] = n
            self.texts[n.rank] = rest
        self.position = 0

    def _deepest_task_rank(self) -> int:
        return max((r for r in self.state if r not in self.tl.item_ranks), default=-1)

    def _numbered_item(self, item_text: str, vals: dict[str, str], nums: list[tuple[Number, str]]
                       ) -> tuple[str, bool]:
        """An item numbered below the outline (numbered measures, or an item cell with its own number) opens a
        level of items; returns the item text and whether it did."""
        if not item_text and vals["text"] and leading_number(clean(vals["text"]))[0]:
            n0 = leading_number(clean(vals["text"]))[0]
            if n0 and n0.rank > self._deepest_task_rank():
                # numbered measures: each row is an item
                item_text, vals["text"] = vals["text"], ""
        if not item_text:
            return item_text, False
        n, rest = leading_number(clean(item_text))
        if not (n and n.rank > self._deepest_task_rank()):
            return item_text, False
        self.tl.item_ranks.add(n.rank)
        for r in [r for r in self.state if r >= n.rank]:
            self.state.pop(r)
        self.state[n.rank] = n
        self.texts[n.rank] = rest
        nums.append((n, rest))
        return item_text, True

    def _continue_above(self, row: Row, vals: dict[str, str], vmerge: dict[str, bool], item_text: str,
                        title_texts: list[tuple[int, str]]) -> None:
        """A continuation row: more text for the task above, or a cell the row above left empty."""
        prev = self.prev
        if prev is None:
            self.tl.notes.append(
                (row.ref, "row before the first numbered task skipped: " + clean(" ".join(row.filled))[:60])
            )
            return
        for role in _ROLES:
            if vals[role] and not vmerge[role] and not getattr(prev, role):
                setattr(prev, role, vals[role])
        extra = "\n".join(t for t in (item_text, vals["text"], *(t for _, t in title_texts)) if t)
        if extra:
            prev.text = (prev.text + "\n" + extra).strip()
        prev.refs.append(row.ref)
        self.tl.notes.append(
            (row.ref, f"row has no number of its own: read as part of the task above ({prev.source_path})")
        )

    def _values(self, row: Row, item_no: Number | None) -> tuple[dict[str, str], dict[str, bool], str]:
        """The row's cells by role (and whether each was merged down from above), its measures as ``text``, and
        its item's text without the item's own number."""
        vals, vmerge = {}, {}
        for role in _ROLES:
            vals[role], vmerge[role] = _cell(row, self.cols.idx(role), units=role in ("lead", "resp"))
        vals["text"], _ = _cell(row, self.cols.idx("measures"), keep_lines=True)
        item_text, _ = _cell(row, self.cols.idx("item"), keep_lines=True)
        if item_no is not None:
            item_text = leading_number(clean(item_text))[1]
        return vals, vmerge, item_text

    def _numbers(self, row: Row
                 ) -> tuple[int | None, list[tuple[Number, str]], list[tuple[int, str]], Number | None]:
        """The row's 序号, its outline numbers (the 序号 first, at level 2), its unnumbered title cells (the
        task's own title taken by the 序号) and its item's number."""
        seq = self._sequence(row)
        title_texts, item_no, found = self._title_cells(row)
        nums = self._outline_numbers(row, found)
        if seq is not None:
            nums.insert(0, (Number(2, seq, str(seq)), title_texts[0][1] if title_texts else ""))
            if title_texts and self.cols.roles[title_texts[0][0]] == "task":
                title_texts = title_texts[1:]
        return seq, nums, title_texts, item_no

    def read_row(self, row: Row) -> None:
        """One filled row: a heading, a task, an item of a task, or the continuation of the task above."""
        seq, nums, title_texts, item_no = self._numbers(row)
        vals, vmerge, item_text = self._values(row, item_no)
        seq_item = seq is not None or (not nums and self.has_item and self.no_cols and self.prev is not None)
        if nums:
            self._advance(nums)
        numbered_item = False
        if not seq_item:
            item_text, numbered_item = self._numbered_item(item_text, vals, nums)
        if not nums and not seq_item:
            self._continue_above(row, vals, vmerge, item_text, title_texts)
            return
        if not seq_item and not title_texts and not _states_more(vals, item_text):
            return  # a heading row: 一、… alone sets the section for the rows below
        grouped = bool(seq_item and self.has_item)  # an item in a group under one 序号
        if grouped:
            self.position = item_no.value if item_no is not None else self.position + 1
        t = self._task(row, vals, item_text, title_texts, grouped, numbered_item)
        self._fill_from_above(t, vmerge, grouped and seq is None)
        self.tl.tasks.append(t)
        self.prev = t
        self.prev_vals = {r: getattr(t, r) for r in _INHERITED}

    def _task(self, row: Row, vals: dict[str, str], item_text: str, title_texts: list[tuple[int, str]],
              grouped: bool, numbered_item: bool) -> RawTask:
        """The task a row states, at its place in the outline: path, titles, section, text and columns."""
        state, texts = self.state, self.texts
        ranks = sorted(state)
        path = [state[r].value for r in ranks]
        if grouped:
            path.append(self.position)
        src = source_path(state, ranks)
        top = ranks[0] if ranks else None
        deepest_title = texts.get(ranks[-1], "") if ranks else ""
        task_title = item_text if grouped else (deepest_title or (title_texts[0][1] if title_texts else ""))
        group_title = texts.get(ranks[-1], "") if grouped else ""
        t = RawTask(path=path, source_path=src, title=first_sentence(task_title), ref=row.ref, refs=[row.ref])
        if group_title:
            t.title = group_title
            t.item = first_sentence(item_text)  # the item itself, joined to the title below if the group has several
        if top is not None and len(ranks) > 1 and not (grouped and len(ranks) == 1):
            section_text = texts.get(top, "")
            section_text, t.section_lead = split_section_lead(section_text)
            t.section = first_sentence(section_text, 40)
        t.text = "\n".join(d for d in _description(vals, item_text, task_title, grouped, numbered_item) if d)
        for role in ("lead", "resp", "leader", "deadline", "category", "goal", "progress"):
            setattr(t, role, vals[role])
        t.note = vals["note"]
        t.lead_from_resp = self.lead_from_resp
        return t

    def _fill_from_above(self, t: RawTask, vmerge: dict[str, bool], sub_row: bool) -> None:
        """Cells taken from the row above are marked inherited: a sub-row's empty cells under a merged
        序号/工作任务 cell, and vertically merged cells."""
        if sub_row and self.prev is not None:
            # a sub-row under a merged 序号/工作任务 cell: empty cells are the merged cells of the row above
            for role in _INHERITED:
                if not getattr(t, role) and self.prev_vals.get(role):
                    setattr(t, role, self.prev_vals[role])
                    t.inherited.append(role)
        for role in ("lead", "deadline", "category", "leader", "resp"):
            if vmerge[role] and getattr(t, role):
                t.inherited.append(role)


def _states_more(vals: dict[str, str], item_text: str) -> bool:
    """Whether a row says more than its title: a unit, a deadline, a goal, measures or an item."""
    return bool(
        any(vals[r] for r in ("lead", "resp", "deadline", "leader", "goal", "category"))
        or vals["text"]
        or item_text
    )


def _description(vals: dict[str, str], item_text: str, task_title: str, grouped: bool,
                 numbered_item: bool) -> list[str]:
    """A task's text: the rest of its title after the first sentence (or the item), the measures, and an
    item's text that is not itself numbered."""
    desc = []
    if not grouped:
        remainder = clean(task_title)[len(first_sentence(task_title)) :].lstrip("。；; ")
        if remainder:
            desc.append(remainder)
    else:
        desc.append(clean(item_text))
    if vals["text"]:
        desc.append(vals["text"])
    if not grouped and item_text and not numbered_item and not leading_number(clean(item_text))[0]:
        desc.append(item_text)
    return desc


def _join_group_titles(tl: TaskList) -> None:
    """Rows under one 序号 with their own 工作事项: title '工作任务：事项' when the group has several."""
    groups: dict[tuple[int, ...], list[RawTask]] = {}
    for t in tl.tasks:
        if t.item and len(t.path) >= 2:
            groups.setdefault(tuple(t.path[:-1]), []).append(t)
    for members in groups.values():
        for t in members:
            if len(members) > 1:
                t.title = f"{t.title}：{t.item}"
