"""Column headings of county task lists and the role each names (工作任务 → task, 牵头单位 → lead …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from liupi_cli.plan_import.grid import Row

# Column roles and the headings that name them (after removing spaces). Longer headings win.
HEADINGS: dict[str, tuple[str, ...]] = {
    "no": ("序号", "编号"),
    "task": ("工作任务", "重点任务", "任务内容", "重点工作", "主要任务", "任务名称", "专委会", "项目名称", "工作名称",
             "实事项目", "民生实事", "重点工作任务"),
    "item": ("工作事项", "任务事项", "具体事项", "具体任务"),
    "measures": ("具体措施", "工作措施", "主要措施", "工作内容", "具体内容", "工作要求",
                 "工作举措", "实施计划", "工作举措及实施计划"),
    "goal": ("工作目标", "目标任务", "主要目标", "目标要求"),
    "lead": ("牵头单位", "牵头责任单位", "牵头部门", "主责单位", "责任主体"),
    "resp": ("责任单位", "配合单位", "协同单位", "责任部门", "配合部门", "协办单位", "参与单位"),
    "leader": ("牵头领导", "责任领导", "召集人", "分管领导", "县级领导", "联系领导", "责任县领导",
               "牵头县领导", "牵头市领导", "分管县领导", "分管市领导", "包抓领导", "牵头负责领导"),
    "deadline": ("完成时限", "时间节点", "进度安排", "完成时间", "时限要求", "时间要求", "时限"),
    "category": ("类型", "类别"),
    "progress": ("进展情况", "完成情况", "推进情况", "工作进展", "进度情况"),
    "note": ("备注",),
}
_BY_HEADING = sorted(((h, role) for role, hs in HEADINGS.items() for h in hs), key=lambda x: -len(x[0]))
TEXT_ROLES = ("task", "item")  # columns that carry the outline (titles)


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


@dataclass
class Columns:
    roles: list[str | None]

    def idx(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def header_of(row: Row) -> Columns | None:
    """The columns' roles when this row is a header row (a task column and a unit or date column)."""
    roles = [heading_role(c) for c in row.cells]
    named = {r for r in roles if r}
    if (
        len(named) >= 2
        and named & {"task", "item", "measures", "goal"}
        and named & {"lead", "resp", "deadline", "leader"}
    ):
        return Columns(roles)
    return None
