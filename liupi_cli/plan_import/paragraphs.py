"""The numbered-paragraph layout: 一、县财政局牵头重点工作 / 1.……责任单位：县财政局。完成时限：6月底前。"""

from __future__ import annotations

import re

from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.numbering import Number, leading_number
from liupi_cli.plan_import.outline import RawTask, TaskList, clean, first_sentence, source_path

_INLINE = re.compile(
    r"(牵头单位|牵头部门|责任单位|配合单位|协同单位|牵头领导|责任领导|完成时限|时间节点|完成时间)\s*[:：]\s*"
)


def read_paragraphs(tl: TaskList, paras: list[Row]) -> None:
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
        t = RawTask(
            path=[state[r].value for r in ranks],
            source_path=source_path(state, ranks),
            title="",
            ref=row.ref,
            refs=[row.ref],
        )
        body = _inline_fields(t, rest)
        t.title = first_sentence(body)
        t.text = body[len(t.title) :].lstrip("。；; ")
        if len(ranks) > 1:
            head = texts[ranks[0]]
            m = re.match(r"^(.+?)(?:总)?牵头(?:的)?(?:重点)?(?:工作|任务)", head)
            if m and _LEADER.search(m[1]):
                t.leader = t.leader or m[1]  # 一、某某县长牵头重点工作: a person's post, not a unit
            elif m:
                t.section_lead = m[1]
            t.section = first_sentence(head, 40)
        t.lead_from_resp = not t.lead
        tl.tasks.append(t)
        prev = t


# Posts that lead a group of tasks in the paragraph layout: a leader, never a unit of government.
_LEADER = re.compile(r"(县长|区长|市长|书记|主任委员|政委|同志|领导)$")


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
