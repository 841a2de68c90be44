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


def read_table(tl: TaskList, cols: Columns, rows: list[Row]) -> None:
    title_cols = [i for i, r in enumerate(cols.roles) if r in TEXT_ROLES]
    no_cols = cols.idx("no")
    has_item = bool(cols.idx("item"))
    lead_from_resp = not cols.idx("lead") and bool(cols.idx("resp"))
    if lead_from_resp:
        tl.notes.append(
            (
                rows[0].ref if rows else tl.ref,
                "no 牵头单位 column: the first unit named under 责任单位 is taken as the lead",
            )
        )
    if cols.idx("progress"):
        tl.notes.append(
            (
                rows[0].ref if rows else tl.ref,
                "进展情况 column read as progress notes only; record progress with `liupi task`",
            )
        )
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
        leading_number(clean(r.cells[c]))[0]
        for r in rows
        for c in title_cols + cols.idx("measures")
        if c < len(r.cells) and r.cells[c].strip()
    )
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
        item_no: Number | None = None
        found: list[tuple[int, Number, str]] = []
        for c in title_cols:
            if c >= len(row.cells) or row.merged[c] in ("h", "v") or not row.cells[c].strip():
                continue
            n, rest = leading_number(clean(row.cells[c]))
            if n:
                if no_cols and cols.roles[c] == "item":
                    item_no = n  # （1）/① under a 序号: the item's place in its group, not an outline level
                    continue
                found.append((c, n, rest))
            else:
                title_texts.append((c, clean(row.cells[c])))
        for k, (c, n, rest) in enumerate(found):
            later = {m.rank for _, m, _ in found[k + 1 :]}
            if n.rank in later and col_rank.get(c, 0) != n.rank:
                tl.notes.append(
                    (
                        row.ref,
                        f"'{n.written}' numbers a heading in a column that uses another style: "
                        "read as that column's level",
                    )
                )
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
            vals[role], vmerge[role] = _cell(row, cols.idx(role), units=role in ("lead", "resp"))
        vals["text"], _ = _cell(row, cols.idx("measures") + ([] if seq is None and not nums else []), keep_lines=True)
        item_text, _ = _cell(row, cols.idx("item"), keep_lines=True)
        if item_no is not None:
            item_text = leading_number(clean(item_text))[1]
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
                tl.notes.append(
                    (row.ref, "row before the first numbered task skipped: " + clean(" ".join(row.filled))[:60])
                )
                continue
            for role in ("lead", "resp", "leader", "deadline", "category", "goal", "progress", "note"):
                if vals[role] and not vmerge[role] and not getattr(prev, role):
                    setattr(prev, role, vals[role])
            extra = "\n".join(t for t in (item_text, vals["text"], *(t for _, t in title_texts)) if t)
            if extra:
                prev.text = (prev.text + "\n" + extra).strip()
            prev.refs.append(row.ref)
            tl.notes.append(
                (row.ref, f"row has no number of its own: read as part of the task above ({prev.source_path})")
            )
            continue
        non_title = (
            any(vals[r] for r in ("lead", "resp", "deadline", "leader", "goal", "category"))
            or vals["text"]
            or item_text
        )
        if not non_title and title_texts == [] and not seq_item:
            continue  # a heading row: 一、… alone sets the section for the rows below
        if seq_item and has_item:
            position = item_no.value if item_no is not None else position + 1
        ranks = sorted(state)
        path = [state[r].value for r in ranks]
        if seq_item and has_item:
            path.append(position)
        src = source_path(state, ranks)
        top = ranks[0] if ranks else None
        deepest_title = texts.get(ranks[-1], "") if ranks else ""
        task_title = (
            item_text if (seq_item and has_item) else (deepest_title or (title_texts[0][1] if title_texts else ""))
        )
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
            remainder = clean(task_title)[len(first_sentence(task_title)) :].lstrip("。；; ")
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
