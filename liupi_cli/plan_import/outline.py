"""What the normaliser hands on: task lists and their tasks' cell texts, with the rows they came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from liupi_cli.plan_import.numbering import Number, int_to_cn

_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff“”、，。（）()])\s+(?=[\u3400-\u9fff“”、，。（）()])")


def split_section_lead(text: str) -> tuple[str, str | None]:
    """'激发释放消费潜力(县科工信局总牵头）' → ('激发释放消费潜力', '县科工信局'); nested or missing brackets too."""
    m = re.search(r"(?:总牵头|牵头)\s*[)）]?\s*$", text)
    if not m:
        return text, None
    before = text[: m.start()].rstrip()
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return before[:i].rstrip(), before[i + 1 :].strip() or None
            depth -= 1
    m2 = re.search(r"((?:县|市)[^县市]*?(?:[（(][^）)]*[）)])?)$", before)
    if m2 and m2.start() > 0:
        return before[: m2.start()].rstrip(), m2[1]
    return text, None


def clean(text: str) -> str:
    """One line: line breaks inside a cell joined, stray spaces between Chinese characters dropped, control
    characters (ESC, BEL…) a document may carry dropped."""
    t = re.sub(r"\s*\n\s*", "", text.strip())
    t = "".join(ch for ch in t if ch == "\t" or unicodedata.category(ch) != "Cc")
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
    note: str = ""  # the 备注 column
    item: str = ""  # a grouped row's own 工作事项, joined to the group's title when the group has several
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


def source_path(state: dict[int, Number], ranks: list[int]) -> str:
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
