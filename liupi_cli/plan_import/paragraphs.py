"""The numbered-paragraph layout: 一、县财政局牵头重点工作 / 1.……责任单位：县财政局。完成时限：6月底前。"""

from __future__ import annotations

import re

from liupi_cli.plan_import.grid import Row
from liupi_cli.plan_import.numbering import Number, leading_number
from liupi_cli.plan_import.outline import RawTask, TaskList, clean, first_sentence, source_path

_LEAD_KEYS = ("牵头单位", "牵头部门", "牵头责任单位", "主要责任单位")
_RESP_KEYS = ("责任单位", "配合单位", "协同单位", "协同责任单位", "其他责任单位", "责任部门", "配合部门")
_LEADER_KEYS = ("牵头领导", "责任领导", "牵头负责领导", "分管省领导", "分管市领导", "分管县领导", "分管区领导",
                "分管领导", "牵头县领导", "牵头市领导", "包抓领导")
_DEADLINE_KEYS = ("完成时限", "时间节点", "完成时间")
_INLINE = re.compile(
    "(" + "|".join(sorted(_LEAD_KEYS + _RESP_KEYS + _LEADER_KEYS + _DEADLINE_KEYS, key=len, reverse=True))
    + r")\s*[:：]\s*"
)
# 「部门分工:省发展改革委牵头,各地、各部门配合。」 and 「(市政府办公室、市司法局牵头,市级各有关部门按职责分工负责)」:
# who leads and who shares, written as a sentence instead of keyed fields
_SHARE = r"(?:按职责分工)?(?:配合|负责|参与)?"
_DIVISION = re.compile(r"部门分工\s*[:：]\s*([^。；;]*?)牵头\s*[，,；;]?\s*([^。]*?)" + _SHARE + r"\s*(?:。|$)")
_ROLE_BRACKET = re.compile(r"[（(]([^（()）]*?)牵头\s*[，,；;]?\s*([^（()）]*?)" + _SHARE + r"\s*[)）]\s*$")


def _keyed(text: str) -> str:
    """The sentence forms rewritten as keyed fields (牵头单位：…。配合单位：…。)."""
    def fields(m: re.Match) -> str:
        out = f"牵头单位：{m[1].strip()}。"
        return out + (f"配合单位：{m[2].strip('，,、 ')}。" if m[2].strip("，,、 ") else "")

    text = _DIVISION.sub(fields, text)
    m = _ROLE_BRACKET.search(text)
    if m and not _INLINE.search(m[0]):
        text = text[: m.start()] + fields(m)
    return text


def read_paragraphs(tl: TaskList, paras: list[Row]) -> None:
    """Read the gathered paragraphs (then cleared) into ``tl``'s tasks: a numbered paragraph with its fields
    (责任单位：…) is a task, one without is a heading, an unnumbered one adds to the task above."""
    if not paras:
        return
    items: list[tuple[Number | None, str, Row]] = []
    for row in paras:
        text = clean(row.filled[0])
        n, rest = leading_number(text)
        items.append((n, _keyed(rest), row))
    paras.clear()
    has_units = _with_fields(items)
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
        prev = _task(state, texts, rest, row)
        tl.tasks.append(prev)


def _with_fields(items: list[tuple[Number | None, str, Row]]) -> list[bool]:
    """Which paragraphs hold a task's fields: their own, or (1.坚持并完善…。 / 责任单位：…) a numbered item's
    fields standing in the unnumbered paragraph(s) after it."""
    has_units = [bool(_INLINE.search(rest)) for _, rest, _ in items]
    if not any(has_units):
        return has_units
    for k, (n, _, _) in enumerate(items):
        if n is not None and not has_units[k]:
            j = k + 1
            while j < len(items) and items[j][0] is None and not has_units[j]:
                j += 1
            if j < len(items) and items[j][0] is None and has_units[j] and _fields_only(items[j][1]):
                has_units[k] = True
    return has_units


def _task(state: dict[int, Number], texts: dict[int, str], rest: str, row: Row) -> RawTask:
    """A numbered paragraph with fields: the task at its place in the outline, its section from the top
    heading (一、县财政局牵头重点工作: the section's lead unit, or a leader's post)."""
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
        m = re.match(r"^(.+?)(?:总牵头|牵头|主抓|领办|负责|分管|联系)(?:的)?(?:重点)?(?:工作|任务)", head)
        if m and _LEADER.search(m[1]):
            t.leader = t.leader or m[1]  # 一、某某县长牵头重点工作: a person's post, not a unit
        elif m:
            t.section_lead = m[1]
        t.section = first_sentence(head, 40)
    t.lead_from_resp = not t.lead
    return t


def _fields_only(text: str) -> bool:
    """A paragraph that starts with 责任单位：/牵头单位：/完成时限：… (no task text of its own)."""
    return bool(re.match(r"^[（(]?\s*" + _INLINE.pattern, text))


# Posts that lead a group of tasks in the paragraph layout: a leader, never a unit of government.
_LEADER = re.compile(r"(县长|区长|市长|州长|旗长|书记|主任委员|政委|同志|领导|秘书长)$")


def _inline_fields(t: RawTask, text: str) -> str:
    """Take '责任单位：…。' '完成时限：…' out of a paragraph; return the rest."""
    parts = _INLINE.split(text)
    body = re.sub(r"[（(]\s*$", "", parts[0])
    for key, value in zip(parts[1::2], parts[2::2]):
        value = re.split(r"[。]", value, maxsplit=1)
        val, after = value[0].strip("；; ）)"), (value[1] if len(value) > 1 else "")
        if key in _LEAD_KEYS:
            t.lead = val
        elif key in _RESP_KEYS:
            t.resp = (t.resp + "、" + val).strip("、") if t.resp else val
        elif key in _LEADER_KEYS:
            t.leader = val
        else:
            t.deadline = val
        body += after
    return body.strip()
