"""One normaliser for every reader: find the task lists in a stream of rows, recognise the column
headings, follow merged cells and continuation rows, and number the tasks from the document's own
outline (一、 / （一） / 1. / (1) / ① / 序号). Nothing here knows units or dates: it returns the cell
texts of each task with the row it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from liupi_cli.plan_import.grid import Row, Sheet
from liupi_cli.plan_import.numbering import Number, bare_number, int_to_cn, leading_number

# Column roles and the headings that name them (after removing spaces). Longer headings win.
HEADINGS: dict[str, tuple[str, ...]] = {
    "no": ("序号", "编号"),
    "task": ("工作任务", "重点任务", "任务内容", "重点工作", "主要任务", "任务名称", "专委会", "项目名称", "工作名称"),
    "item": ("工作事项", "任务事项", "具体事项"),
    "measures": ("具体措施", "工作措施", "主要措施", "工作内容", "具体内容", "工作要求"),
    "goal": ("工作目标", "目标任务", "主要目标", "目标要求"),
    "lead": ("牵头单位", "牵头责任单位", "牵头部门", "主责单位", "责任主体"),
    "resp": ("责任单位", "配合单位", "协同单位", "责任部门", "配合部门", "协办单位", "参与单位"),
    "leader": ("牵头领导", "责任领导", "召集人", "分管领导", "县级领导", "联系领导", "责任县领导"),
    "deadline": ("完成时限", "时间节点", "进度安排", "完成时间", "时限要求", "时间要求", "时限"),
    "category": ("类型", "类别"),
    "progress": ("进展情况", "完成情况", "推进情况", "工作进展", "进度情况"),
    "note": ("备注",),
}
_BY_HEADING = sorted(((h, role) for role, hs in HEADINGS.items() for h in hs), key=lambda x: -len(x[0]))
TEXT_ROLES = ("task", "item")  # columns that carry the outline (titles)
_LABEL = re.compile(r"附件\s*(\d+(?:\s*[-－—]\s*\d+)?)")
_TITLE_END = ("清单", "分解表", "任务表", "一览表", "台账", "计划表", "安排表", "重点工作")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff“”、，。（）()])\s+(?=[\u3400-\u9fff“”、，。（）()])")
_SECTION_LEAD = re.compile(r"[（(]\s*([^（()）]+?)\s*(?:总牵头|牵头)\s*[)）]\s*$")
_INLINE = re.compile(r"(牵头单位|牵头部门|责任单位|配合单位|协同单位|牵头领导|责任领导|完成时限|时间节点|完成时间)\s*[:：]\s*")


def split_section_lead(text: str) -> tuple[str, str | None]:
    """'激发释放消费潜力(县科工信局总牵头）' → ('激发释放消费潜力', '县科工信局'); nested or missing brackets too."""
    m = re.search(r"(?:总牵头|牵头)\s*[)）]?\s*$", text)
    if not m:
        return text, None
    before = text[:m.start()].rstrip()
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return before[:i].rstrip(), before[i + 1:].strip() or None
            depth -= 1
    m2 = re.search(r"((?:县|市)[^县市]*?(?:[（(][^）)]*[）)])?)$", before)
    if m2 and m2.start() > 0:
        return before[:m2.start()].rstrip(), m2[1]
    return text, None


def heading_role(text: str) -> str | None:
    t = re.sub(r"\s+", "", text)
    if not t or len(t) > 12:
        return None
    for h, role in _BY_HEADING:
        if t == h:
            return role
    for h, role in _BY_HEADING:
        if h in t and len(t) <= len(h) + 4:
            return role
    return None


def clean(text: str) -> str:
    """One line: line breaks inside a cell joined, stray spaces between Chinese characters dropped."""
    t = re.sub(r"\s*\n\s*", "", text.strip())
    return _CJK_SPACE.sub("", t).strip()


def first_sentence(text: str, limit: int = 30) -> str:
    t = clean(text)
    head = re.split(r"[。；;！!]", t, maxsplit=1)[0]
    if len(head) > limit:
        head = re.split(r"[，,：:]", head, maxsplit=1)[0]
    return head.strip()


@dataclass
class RawTask:
    path: list[int]  # outline numbers from the top, e.g. [4, 3, 2]
    source_path: str  # as written in source: "一.1(1)", "3"
    title: str
    ref: str  # the row (or paragraph) it starts on
    section: str | None = None
    section_lead: str | None = None  # cell text naming the section's lead (总牵头)
    lead: str = ""
    resp: str = ""
    leader: str = ""
    deadline: str = ""
    category: str = ""
    text: str = ""  # the task's own wording (工作事项/具体措施/the paragraph)
    goal: str = ""
    progress: str = ""
    note: str = ""
    lead_from_resp: bool = False  # no 牵头 column: the first responsible unit leads
    inherited: list[str] = field(default_factory=list)  # fields taken from the row above (merged cells)
    refs: list[str] = field(default_factory=list)  # every row that contributed


@dataclass
class TaskList:
    source: str
    label: str | None  # "附件2-1"
    title: str | None
    ref: str
    tasks: list[RawTask] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (ref, message) for the review
    layout: str = "table"
    outline: dict = field(default_factory=dict)
    outline_texts: dict = field(default_factory=dict)
    column_ranks: dict = field(default_factory=dict)
    item_ranks: set = field(default_factory=set)  # outline levels numbered in the 工作事项/措施 column

    @property
    def prefix(self) -> str | None:
        if not self.label:
            return None
        return "a" + re.sub(r"\s+", "", self.label).replace("附件", "").replace("－", "-").replace("—", "-")


@dataclass
class _Columns:
    roles: list[str | None]

    def idx(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def _header(row: Row) -> _Columns | None:
    roles = [heading_role(c) for c in row.cells]
    named = {r for r in roles if r}
    if len(named) >= 2 and named & {"task", "item", "measures", "goal"} and named & {"lead", "resp", "deadline", "leader"}:
        return _Columns(roles)
    return None


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
        if _is_context(row) and (row.paragraph or not current or not current.tasks or _LABEL.fullmatch(clean(row.filled[0]))):
            t = clean(row.filled[0])
            m = _LABEL.fullmatch(t) or (_LABEL.match(t) if t.startswith("附件") else None)
            if current and current.tasks:
                _flush_paragraphs(current, pending_paras)
                current = None
            if m:
                label = "附件" + re.sub(r"[\s－—]", lambda x: "-" if x[0] in "－—" else "", m[1])
                rest = t[m.end():].lstrip(":： ")
                if rest:
                    title = rest
            else:
                title = t
            i += 1
            continue
        cols = _header(row)
        if cols:
            if current is None or current.layout != "table" or (current.tasks and (current.label, current.title) != (label, title)):
                if current and current.layout == "paragraphs":
                    _flush_paragraphs(current, pending_paras)
                current = TaskList(sheet.source, label, title, row.ref)
                lists.append(current)
            j = i + 1
            while j < len(rows) and not _header(rows[j]) and not (rows[j].paragraph) and not (
                    _is_context(rows[j]) and _LABEL.fullmatch(clean(rows[j].filled[0]))):
                j += 1
            _read_table(current, cols, rows[i + 1:j])
            i = j
            continue
        if row.paragraph:
            if current is None or current.layout != "paragraphs" or current.label != label or current.title != title:
                if current and current.layout == "paragraphs":
                    _flush_paragraphs(current, pending_paras)
                current = TaskList(sheet.source, label, title, row.ref, layout="paragraphs")
                lists.append(current)
            pending_paras.append(row)
        i += 1
    if current and current.layout == "paragraphs":
        _flush_paragraphs(current, pending_paras)
    return [tl for tl in lists if tl.tasks]


# ---------------------------------------------------------------- tables

def _cell(row: Row, cols: list[int], *, keep_lines: bool = False) -> tuple[str, bool]:
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
    text = "\n".join(parts)
    return (text.strip() if keep_lines else clean(text)), vmerged


def _read_table(tl: TaskList, cols: _Columns, rows: list[Row]) -> None:
    title_cols = [i for i, r in enumerate(cols.roles) if r in TEXT_ROLES]
    no_cols = cols.idx("no")
    has_item = bool(cols.idx("item"))
    lead_from_resp = not cols.idx("lead") and bool(cols.idx("resp"))
    if lead_from_resp:
        tl.notes.append((rows[0].ref if rows else tl.ref,
                         "no 牵头单位 column: the first unit named under 责任单位 is taken as the lead"))
    if cols.idx("progress"):
        tl.notes.append((rows[0].ref if rows else tl.ref,
                         "进展情况 column read as progress notes only; record progress with `liupi task`"))
    # unrecognised headings are reported, their cells kept in the task text
    # the outline continues across tables of one list (a table broken by a page repeats its header)
    state: dict[int, Number] = tl.outline
    texts: dict[int, str] = tl.outline_texts  # rank -> title text at that rank
    col_rank: dict[int, int] = tl.column_ranks
    prev: RawTask | None = tl.tasks[-1] if tl.tasks else None
    prev_vals: dict[str, str] = {}
    position = 0
    # a table with no numbering at all (no 序号, no 一、/1.): each row with its own task text is a task
    auto = not no_cols and not any(
        leading_number(clean(r.cells[c]))[0] for r in rows for c in title_cols + cols.idx("measures")
        if c < len(r.cells) and r.cells[c].strip())
    if auto and rows:
        tl.notes.append((rows[0].ref, "the table numbers no task: tasks numbered by row, in order"))
    counter = 0
    for row in rows:
        if not row.filled:
            continue
        nums: list[tuple[Number, str]] = []
        seq = None
        for c in no_cols:
            if c < len(row.cells) and row.merged[c] != "v":
                seq = bare_number(row.cells[c]) if row.cells[c].strip() else None
        if auto and any(c < len(row.cells) and row.cells[c].strip() and row.merged[c] == "" for c in title_cols):
            counter += 1
            seq = counter
        title_texts = []
        found: list[tuple[int, Number, str]] = []
        for c in title_cols:
            if c >= len(row.cells) or row.merged[c] in ("h", "v") or not row.cells[c].strip():
                continue
            n, rest = leading_number(clean(row.cells[c]))
            if n:
                found.append((c, n, rest))
            else:
                title_texts.append((c, clean(row.cells[c])))
        for k, (c, n, rest) in enumerate(found):
            later = {m.rank for _, m, _ in found[k + 1:]}
            if n.rank in later and col_rank.get(c, 0) != n.rank:
                tl.notes.append((row.ref, f"'{n.written}' numbers a heading in a column that uses another style: "
                                          "read as that column's level"))
                n = Number(col_rank.get(c, 0), n.value, n.written)
            col_rank.setdefault(c, n.rank)
            nums.append((n, rest))
        if seq is not None:
            nums.insert(0, (Number(2, seq, str(seq)), title_texts[0][1] if title_texts else ""))
            if title_texts and cols.roles[title_texts[0][0]] == "task":
                title_texts = title_texts[1:]
        vals = {}
        vmerge = {}
        for role in ("lead", "resp", "leader", "deadline", "category", "goal", "progress", "note"):
            vals[role], vmerge[role] = _cell(row, cols.idx(role))
        vals["text"], _ = _cell(row, cols.idx("measures") + ([] if seq is None and not nums else []), keep_lines=True)
        item_text, _ = _cell(row, cols.idx("item"), keep_lines=True)
        seq_item = seq is not None or (not nums and has_item and no_cols and prev is not None)
        if nums:
            for n, rest in nums:
                for r in [r for r in state if r >= n.rank]:
                    state.pop(r)
                    texts.pop(r, None)
                state[n.rank] = n
                texts[n.rank] = rest
            position = 0
        numbered_item = False
        if not item_text and vals["text"] and not seq_item and leading_number(clean(vals["text"]))[0]:
            n0 = leading_number(clean(vals["text"]))[0]
            if n0 and n0.rank > max((r for r in state if r not in tl.item_ranks), default=-1):
                # numbered measures: each row is an item
                item_text, vals["text"] = vals["text"], ""
        if item_text and not seq_item:
            n, rest = leading_number(clean(item_text))
            if n and n.rank > max((r for r in state if r not in tl.item_ranks), default=-1):
                tl.item_ranks.add(n.rank)
                for r in [r for r in state if r >= n.rank]:
                    state.pop(r)
                state[n.rank] = n
                texts[n.rank] = rest
                numbered_item = True
                nums.append((n, rest))
        if not nums and not seq_item:
            # a continuation row: more text or a cell the row above left empty
            if prev is None:
                tl.notes.append((row.ref, "row before the first numbered task skipped: " + clean(" ".join(row.filled))[:60]))
                continue
            for role in ("lead", "resp", "leader", "deadline", "category", "goal", "progress", "note"):
                if vals[role] and not vmerge[role] and not getattr(prev, role):
                    setattr(prev, role, vals[role])
            extra = "\n".join(t for t in (item_text, vals["text"], *(t for _, t in title_texts)) if t)
            if extra:
                prev.text = (prev.text + "\n" + extra).strip()
            prev.refs.append(row.ref)
            tl.notes.append((row.ref, f"row has no number of its own: read as part of the task above ({prev.source_path})"))
            continue
        non_title = any(vals[r] for r in ("lead", "resp", "deadline", "leader", "goal", "category")) or vals["text"] or item_text
        if not non_title and title_texts == [] and not seq_item:
            continue  # a heading row: 一、… alone sets the section for the rows below
        if seq_item and has_item:
            position += 1
        ranks = sorted(state)
        path = [state[r].value for r in ranks]
        if seq_item and has_item:
            path.append(position)
        src = _source_path(state, ranks)
        top = ranks[0] if ranks else None
        deepest_title = texts.get(ranks[-1], "") if ranks else ""
        task_title = item_text if (seq_item and has_item) else (deepest_title or (title_texts[0][1] if title_texts else ""))
        group_title = texts.get(ranks[-1], "") if (seq_item and has_item) else ""
        t = RawTask(path=path, source_path=src, title=first_sentence(task_title), ref=row.ref, refs=[row.ref])
        if group_title:
            t.title = group_title
            t.note = first_sentence(item_text)  # the item itself, joined to the title below if the group has several
        if top is not None and len(ranks) > 1 and not (seq_item and has_item and len(ranks) == 1):
            section_text = texts.get(top, "")
            section_text, t.section_lead = split_section_lead(section_text)
            t.section = first_sentence(section_text, 40)
        desc = []
        if not (seq_item and has_item):
            remainder = clean(task_title)[len(first_sentence(task_title)):].lstrip("。；; ")
            if remainder:
                desc.append(remainder)
        else:
            desc.append(clean(item_text))
        if vals["text"]:
            desc.append(vals["text"])
        if not (seq_item and has_item) and item_text and not numbered_item and not leading_number(clean(item_text))[0]:
            desc.append(item_text)
        t.text = "\n".join(d for d in desc if d)
        for role in ("lead", "resp", "leader", "deadline", "category", "goal", "progress"):
            setattr(t, role, vals[role])
        if vals["note"]:
            t.note = (t.note + "；" if t.note else "") + vals["note"]
        t.lead_from_resp = lead_from_resp
        if (seq_item and has_item) and seq is None and prev is not None:
            # a sub-row under a merged 序号/工作任务 cell: empty cells are the merged cells of the row above
            for role in ("lead", "deadline", "category", "leader"):
                if not getattr(t, role) and prev_vals.get(role):
                    setattr(t, role, prev_vals[role])
                    t.inherited.append(role)
        for role in ("lead", "deadline", "category", "leader", "resp"):
            if vmerge[role] and getattr(t, role):
                t.inherited.append(role)
        tl.tasks.append(t)
        prev = t
        prev_vals = {r: getattr(t, r) for r in ("lead", "deadline", "category", "leader")}
    _join_group_titles(tl)


def _join_group_titles(tl: TaskList) -> None:
    """Rows under one 序号 with their own 工作事项: title '工作任务：事项' when the group has several."""
    groups: dict[tuple[int, ...], list[RawTask]] = {}
    for t in tl.tasks:
        if t.note and len(t.path) >= 2:
            groups.setdefault(tuple(t.path[:-1]), []).append(t)
    for members in groups.values():
        for t in members:
            item = t.note
            t.note = ""
            if len(members) > 1 and item:
                t.title = f"{t.title}：{item}"


def _source_path(state: dict[int, Number], ranks: list[int]) -> str:
    out = ""
    for r in ranks:
        n = state[r]
        if r in (0, 1):
            out += int_to_cn(n.value)
        elif r == 2:
            out += ("." if out else "") + str(n.value)
        else:
            out += f"({n.value})"
    return out


# ---------------------------------------------------------------- numbered paragraphs

def _flush_paragraphs(tl: TaskList, paras: list[Row]) -> None:
    if not paras:
        return
    items: list[tuple[Number | None, str, Row]] = []
    for row in paras:
        text = clean(row.filled[0])
        n, rest = leading_number(text)
        items.append((n, rest, row))
    paras.clear()
    has_units = [bool(_INLINE.search(rest)) for _, rest, _ in items]
    if not any(has_units):
        return
    state: dict[int, Number] = {}
    texts: dict[int, str] = {}
    prev: RawTask | None = None
    for (n, rest, row), units in zip(items, has_units):
        if n is None:
            if prev is not None and (units or rest):
                _inline_fields(prev, rest)
                prev.refs.append(row.ref)
            continue
        for r in [r for r in state if r >= n.rank]:
            state.pop(r)
            texts.pop(r, None)
        state[n.rank] = n
        texts[n.rank] = rest
        if not units:
            prev = None
            continue  # a heading: 一、县财政局牵头重点工作
        ranks = sorted(state)
        t = RawTask(path=[state[r].value for r in ranks], source_path=_source_path(state, ranks),
                    title="", ref=row.ref, refs=[row.ref])
        body = _inline_fields(t, rest)
        t.title = first_sentence(body)
        t.text = body[len(t.title):].lstrip("。；; ")
        if len(ranks) > 1:
            head = texts[ranks[0]]
            m = re.match(r"^(.+?)(?:总)?牵头(?:的)?(?:重点)?(?:工作|任务)", head)
            if m:
                t.section_lead = m[1]
            t.section = first_sentence(head, 40)
        t.lead_from_resp = not t.lead
        tl.tasks.append(t)
        prev = t


def _inline_fields(t: RawTask, text: str) -> str:
    """Take '责任单位：…。' '完成时限：…' out of a paragraph; return the rest."""
    parts = _INLINE.split(text)
    body = parts[0]
    for key, value in zip(parts[1::2], parts[2::2]):
        value = re.split(r"[。]", value, maxsplit=1)
        val, after = value[0].strip("；; "), (value[1] if len(value) > 1 else "")
        if key in ("牵头单位", "牵头部门"):
            t.lead = val
        elif key in ("责任单位", "配合单位", "协同单位"):
            t.resp = (t.resp + "、" + val).strip("、") if t.resp else val
        elif key in ("牵头领导", "责任领导"):
            t.leader = val
        else:
            t.deadline = val
        body += after
    return body.strip()
