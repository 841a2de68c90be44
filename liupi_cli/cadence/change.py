"""What changed between two reports: lights up and down, newly red, red in both."""

from __future__ import annotations

from pydantic import BaseModel

from liupi_cli.report.model import Report, Row

RANK = {"red": 0, "yellow": 1, "green": 2}


class LightChange(BaseModel):
    id: str
    name_zh: str
    name_en: str
    battle: str
    lead_unit: str | None
    lead_unit_zh: str | None
    before: str | None  # the light in the previous report (None: no previous report)
    after: str


class Change(BaseModel):
    period: str
    previous: str | None  # the period compared with (None: nothing before it, e.g. 1–2月 or Q1)
    up: list[LightChange]  # better light (red → yellow/green, yellow → green)
    down: list[LightChange]  # worse light
    newly_red: list[LightChange]  # red now, not red before (grey before included)
    persistent_red: list[LightChange]  # red in both


def _change(row: Row, before: str | None) -> LightChange:
    return LightChange(id=row.id, name_zh=row.name_zh, name_en=row.name_en, battle=row.battle,
                       lead_unit=row.lead_unit, lead_unit_zh=row.lead_unit_zh, before=before, after=row.light)


def compare(previous: Report | None, current: Report) -> Change:
    """Grey (no figure, not due) is neither up nor down: a figure arriving is not progress."""
    before = {r.id: r.light for r in previous.rows} if previous else {}
    up, down, newly, both = [], [], [], []
    for row in current.rows:
        was = before.get(row.id)
        if was in RANK and row.light in RANK and RANK[row.light] != RANK[was]:
            (up if RANK[row.light] > RANK[was] else down).append(_change(row, was))
        if row.light == "red":
            if was == "red":
                both.append(_change(row, was))
            elif previous is not None:
                newly.append(_change(row, was))
    return Change(period=current.period, previous=previous.period if previous else None, up=up, down=down,
                  newly_red=newly, persistent_red=both)
