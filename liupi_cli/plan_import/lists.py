"""Several documents, one plan: each imported task list gets its own id namespace, kept in the plan
folder's ``imported-lists.yaml`` so that a revised document imported again finds its namespace (and its
task ids) while another document never takes it. Also the plan year as the documents' titles state it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from liupi_cli.plan_import.grid import Sheet
from liupi_cli.plan_import.outline import TaskList

LISTS = "imported-lists.yaml"
_ID = re.compile(r"[a-z][a-z0-9_\-]*")
_GENERIC = re.compile(
    r"(?:《?政府工作报告》?)?(?:重点|主要)?(?:工作)?(?:任务|目标任务|工作)?(?:分解表|分解|清单|责任分工|分工方案|分工|"
    r"一览表|台账|计划表|安排表|任务表|落实方案)+$"
)


@dataclass
class ListEntry:
    """One imported list: its namespace and what identifies it when it comes again."""

    id: str
    file: str
    label: str | None
    title: str | None
    tasks: int = 0
    battle: str | None = None  # the battle its tasks went to

    def same_list(self, label: str | None, title: str | None, file: str) -> bool:
        if label or title:
            return (self.label, self.title) == (label, title)
        return self.file == file and not (self.label or self.title)

    def as_yaml(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "label": self.label, "title": self.title, "tasks": self.tasks,
                "battle": self.battle}


def read_entries(data: Any) -> list[ListEntry]:
    out = []
    for e in (data or {}).get("lists") or [] if isinstance(data, dict) else []:
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            battle = e.get("battle") if isinstance(e.get("battle"), str) else None
            out.append(ListEntry(e["id"], str(e.get("file") or ""), e.get("label"), e.get("title"), 0, battle))
    return out


def core_title(title: str) -> str:
    """'某某县2024年优化营商环境重点任务清单' → '优化营商环境'."""
    t = re.sub(r"^附件\s*\d+(?:[-－—]\d+)?\s*[:：]?", "", title)
    t = re.sub(r"^.{0,12}?(?:县|市|区|旗|州|省)(?:人民政府)?(?=\d|二|〇|关于|《)", "", t)
    t = re.sub(r"^(?:关于)?(?:20\d\d|[二〇零○一三四五六七八九]{4})年(?:度)?", "", t)
    t = re.sub(r"^(?:县|市|区)(?:人民)?政府(?!工作报告)", "", t)
    return _GENERIC.sub("", t) or t


def derived_id(tl: TaskList) -> str | None:
    """The namespace a list names itself: 附件2-1 → a2-1; a title → the pinyin initials of its own words."""
    if tl.prefix:
        return tl.prefix
    if tl.title:
        from liupi_cli.plan_import.units import initials

        letters = initials(core_title(tl.title))[:6]
        if letters:
            return letters
    return None


def assign(
    lists: list[TaskList], known: list[ListEntry], taken: set[str], list_id: str | None
) -> list[ListEntry]:
    """One entry per list, in order: the same list as before keeps its namespace; a new one gets a namespace
    no other list holds (``taken``: the id prefixes of the tasks already in the plan)."""
    known_ids = {e.id for e in known}
    used = known_ids | set(taken)
    out: list[ListEntry] = []
    mine: set[str] = set()
    for k, tl in enumerate(lists, 1):
        file = _file(tl.source)
        base = _base_id(tl, k, len(lists), list_id)
        ns = _namespace_before(tl, file, base, [e for e in known if e.id not in mine], list_id)
        if ns is None and base in taken and base not in known_ids | mine and (tl.label or list_id):
            ns = base  # a plan imported before lists were recorded: its 附件 number is its namespace
        if ns is None:
            ns = _free(base, used | mine)
        mine.add(ns)
        battle = next((e.battle for e in known if e.id == ns), None)
        out.append(ListEntry(ns, file, tl.label, tl.title, len(tl.tasks), battle))
    return out


def _base_id(tl: TaskList, k: int, count: int, list_id: str | None) -> str:
    """The namespace the k-th of ``count`` lists asks for: --list-id (numbered when several), else its own."""
    if list_id:
        return list_id if count == 1 else f"{list_id}-{k}"
    return derived_id(tl) or ("t" if count == 1 else f"l{k}")


def _namespace_before(tl: TaskList, file: str, base: str, known: list[ListEntry], list_id: str | None) -> str | None:
    """The namespace this list had when imported before (with --list-id: only if it is the one asked for)."""
    same = [e for e in known if e.same_list(tl.label, tl.title, file)]
    if list_id:
        return base if any(e.id == base for e in same) else None
    return same[0].id if same else None


def _free(base: str, held: set[str]) -> str:
    """``base``, else base-2, base-3…: the first no list holds."""
    ns, n = base, 2
    while ns in held:
        ns, n = f"{base}-{n}", n + 1
    return ns


def merged_entries(known: list[ListEntry], new: list[ListEntry], task_ids: list[str]) -> list[dict[str, Any]]:
    """Every list of the plan, each with the number of tasks now in its namespace."""
    by_id = {e.id: e for e in known}
    for e in new:
        by_id[e.id] = e
    counts = Counter(namespace_of(t) for t in task_ids)
    for e in by_id.values():
        e.tasks = counts.get(e.id, 0)
    return [e.as_yaml() for e in by_id.values()]


def owned_battles(known: list[ListEntry], new: list[ListEntry]) -> list[str | None]:
    """The battle each list of this import owns already (None: none yet), then those of the plan's other lists."""
    return [e.battle for e in new] + [e.battle for e in known if e.id not in {n.id for n in new}]


def namespace_of(task_id: str) -> str:
    return task_id.split(".", 1)[0]


def _file(source: str) -> str:
    return re.split(r"[\\/]", source)[-1]


_CN_YEAR = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_TITLE_YEAR = re.compile(  # 2023年 / 二〇二三年, but not the year of a date (2023年12月)
    r"(20\d\d|[二][〇零○][〇零○一二三四五六七八九]{2})\s*年(?!\s*\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月)"
)


def title_years(lists: list[TaskList], sheets: list[Sheet]) -> Counter:
    """Years the documents' titles state (2023年…清单, 二〇二三年…): list titles and each file's first lines."""
    texts = [tl.title for tl in lists if tl.title]
    for s in sheets:
        heads = [r.cells[0] for r in s.rows[:4] if len(r.filled) == 1 and r.cells and r.cells[0].strip()]
        texts += [h for h in heads if len(h) <= 80]
    found: Counter = Counter()
    for t in texts:
        for m in _TITLE_YEAR.finditer(t):
            found[int(m[1].translate(_CN_YEAR))] += 1
    return found
