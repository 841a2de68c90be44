"""The pre-score (绩效预评分): a transparent formula over lights and task outcomes, kept in the plan's settings.

For a unit (or a battle, or the whole plan):

    indicator part = Σ (weight × points for its light) ÷ Σ weight
                     (points: settings.prescore green/yellow/red; grey left out, or grey points when set;
                      weight: the indicator's prescore_weight, default 1)
                     (at settlement a milestone nobody reported on, 未报, scores settings.prescore
                      unreported and is written as its own term: ``… + unreported 0×3``)
    task part      = mean of the points of its judged tasks (done on time, done late, overdue);
                     tasks not yet due, ongoing or undated and not done are not judged
    score          = indicator_share × indicator part + (1 − indicator_share) × task part
                     (when one part has nothing judged, the score is the other part; neither: no score)

Indicators count for their lead unit; tasks for each of their lead units. Every part is listed so a
bureau can recompute its own number by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from pydantic import BaseModel, Field

from liupi_cli.cadence.timeline import TaskLine
from liupi_cli.models import PrescoreWeights
from liupi_cli.plan import Plan
from liupi_cli.report.model import Report, Row

TASK_OUTCOME = {"done": "done_on_time", "done_late": "done_late", "overdue": "overdue"}


class ScorePart(BaseModel):
    id: str
    name_zh: str
    what: str  # indicator | task
    outcome: str  # a light, or done_on_time / done_late / overdue
    points: float | None  # None: left out (grey when grey is not scored)
    weight: float


class Score(BaseModel):
    key: str
    name_zh: str
    indicator_sum: float  # Σ weight × points
    indicator_weight: float  # Σ weight of the counted indicators
    indicator_part: float | None
    task_sum: float
    task_count: int
    task_part: float | None
    score: float | None
    working: str  # the arithmetic, written out in English words (written_working words it in another language)
    parts: list[ScorePart]
    share: float = Field(default=1.0, exclude=True)  # the indicator part's share of the score, for written_working


class Prescore(BaseModel):
    period: str
    weights: PrescoreWeights
    overall: Score
    by_battle: list[Score]
    by_unit: list[Score]


def _fmt(x: float) -> str:
    return f"{round(x, 2):g}"


class WorkingWords(NamedTuple):
    """The words a working is written with; the renderers pass the catalogue's for their language."""
    indicators: str = "indicators"
    tasks: str = "tasks"
    unreported: str = "unreported"
    nothing: str = "nothing judged"


def _terms(parts: list[ScorePart], words: WorkingWords) -> str:
    """Σ weight × points written by points level: ``100×2 + 60×1 + 0×1`` (points × the weight at that level);
    unreported milestones (未报) a term of their own after the others: ``… + unreported 0×3``."""
    weights: dict[tuple[bool, float], float] = {}
    for p in parts:
        key = (p.outcome != "unreported", p.points)
        weights[key] = weights.get(key, 0.0) + p.weight  # type: ignore[index]
    return " + ".join(f"{'' if reported else words.unreported + ' '}{_fmt(pts)}×{_fmt(w)}"
                      for (reported, pts), w in sorted(weights.items(), reverse=True))


def _indicator_part(row: Row, weight: float, w: PrescoreWeights) -> ScorePart:
    if row.status == "unreported":  # 未报 is not 未完成: its own outcome, points and term in the working
        return ScorePart(id=row.id, name_zh=row.name_zh, what="indicator", outcome="unreported",
                         points=w.unreported, weight=weight)
    points = w.grey if row.light == "grey" else getattr(w, row.light)
    return ScorePart(id=row.id, name_zh=row.name_zh, what="indicator", outcome=row.light, points=points, weight=weight)


def _counted(parts: list[ScorePart]) -> tuple[list[ScorePart], list[ScorePart]]:
    """The indicator parts that count (points and a weight) and the task parts."""
    return ([p for p in parts if p.what == "indicator" and p.points is not None and p.weight > 0],
            [p for p in parts if p.what == "task"])


def score(key: str, name_zh: str, parts: list[ScorePart], w: PrescoreWeights) -> Score:
    ind, tasks = _counted(parts)
    i_sum = sum(p.weight * p.points for p in ind)  # type: ignore[operator]
    i_weight = sum(p.weight for p in ind)
    t_sum = sum(p.points for p in tasks)  # type: ignore[misc]
    i_part = i_sum / i_weight if i_weight else None
    t_part = t_sum / len(tasks) if tasks else None
    total, _ = _combined(i_part, t_part, w.indicator_share)
    s = Score(key=key, name_zh=name_zh, indicator_sum=round(i_sum, 6), indicator_weight=round(i_weight, 6),
              indicator_part=_r2(i_part), task_sum=round(t_sum, 6), task_count=len(tasks), task_part=_r2(t_part),
              score=_r2(total), working="", parts=parts, share=w.indicator_share)
    s.working = written_working(s)
    return s


ENGLISH_WORKING = WorkingWords()


def written_working(s: Score, words: WorkingWords = ENGLISH_WORKING) -> str:
    """The score's arithmetic written out with ``words``: each part's sum, then their weighted sum."""
    ind, tasks = _counted(s.parts)
    i_weight = sum(p.weight for p in ind)
    i_part = sum(p.weight * p.points for p in ind) / i_weight if i_weight else None  # type: ignore[operator]
    t_part = sum(p.points for p in tasks) / len(tasks) if tasks else None  # type: ignore[misc]
    steps = _part_steps(ind, i_weight, i_part, tasks, t_part, words) + _combined(i_part, t_part, s.share)[1]
    return "; ".join(steps) or words.nothing


def _r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _part_steps(ind: list[ScorePart], i_weight: float, i_part: float | None, tasks: list[ScorePart],
                t_part: float | None, words: WorkingWords) -> list[str]:
    """Each part's arithmetic: ``indicators (100×2 + 60×1) ÷ 3 = 86.67``, ``tasks (100×1) ÷ 1 = 100``."""
    steps = []
    if i_part is not None:
        steps.append(f"{words.indicators} ({_terms(ind, words)}) ÷ {_fmt(i_weight)} = {_fmt(i_part)}")
    if t_part is not None:
        steps.append(f"{words.tasks} ({_terms(tasks, words)}) ÷ {len(tasks)} = {_fmt(t_part)}")
    return steps


def _combined(i_part: float | None, t_part: float | None, share: float) -> tuple[float | None, list[str]]:
    """The score and, when both parts have something judged, its weighted sum written out; else the one part
    there is (or none), with nothing more to write."""
    if i_part is None or t_part is None:
        return (i_part if i_part is not None else t_part), []
    total = share * i_part + (1 - share) * t_part
    return total, [f"{_fmt(share)}×{_fmt(i_part)} + {_fmt(1 - share)}×{_fmt(t_part)} "
                   f"= {_fmt(total)}"]


def build_prescore(plan: Plan, report: Report, tasks: Iterable[TaskLine]) -> Prescore:
    """The pre-score from a report's rows and the tasks' lines: overall, per battle, per lead unit."""
    w = plan.settings.prescore
    ind_parts = _indicator_parts(plan, report, w)
    task_parts = _task_parts(tasks, w)
    overall = score("all", "全部", [p for _, p in ind_parts] + [p for _, p in task_parts], w)
    return Prescore(period=report.period, weights=w, overall=overall,
                    by_battle=_by_battle(plan, ind_parts, task_parts, w),
                    by_unit=_by_unit(plan, ind_parts, task_parts, w))


def _indicator_parts(plan: Plan, report: Report, w: PrescoreWeights) -> list[tuple[Row, ScorePart]]:
    """Each indicator's part, weighted by its prescore_weight (1 when the plan gives none)."""
    ind_parts: list[tuple[Row, ScorePart]] = []
    for row in report.rows:
        weight = plan.indicators[row.id].prescore_weight
        ind_parts.append((row, _indicator_part(row, 1.0 if weight is None else weight, w)))
    return ind_parts


def _task_parts(tasks: Iterable[TaskLine], w: PrescoreWeights) -> list[tuple[TaskLine, ScorePart]]:
    """Each task with an outcome that scores (done, overdue…), at that outcome's points."""
    task_parts: list[tuple[TaskLine, ScorePart]] = []
    for t in tasks:
        outcome = TASK_OUTCOME.get(t.state)
        if outcome:
            task_parts.append((t, ScorePart(id=t.id, name_zh=t.title_zh, what="task", outcome=outcome,
                                            points=getattr(w, f"task_{outcome}"), weight=1.0)))
    return task_parts


def _by_battle(plan: Plan, ind_parts: list[tuple[Row, ScorePart]], task_parts: list[tuple[TaskLine, ScorePart]],
               w: PrescoreWeights) -> list[Score]:
    """A score per battle with anything scored, in the battles' order."""
    battles = sorted(plan.battles.values(), key=lambda b: b.number)
    return [score(b.id, b.name_zh, [p for r, p in ind_parts if r.battle == b.id]
                  + [p for t, p in task_parts if t.battle == b.id], w)
            for b in battles if any(r.battle == b.id for r, _ in ind_parts)
            or any(t.battle == b.id for t, _ in task_parts)]


def _by_unit(plan: Plan, ind_parts: list[tuple[Row, ScorePart]], task_parts: list[tuple[TaskLine, ScorePart]],
             w: PrescoreWeights) -> list[Score]:
    """A score per lead unit, the highest first (units with nothing scored last)."""
    unit_ids = sorted({r.lead_unit for r, _ in ind_parts if r.lead_unit}
                      | {u for t, _ in task_parts for u in t.lead_units})
    by_unit = [score(u, plan.unit_name(u) or u, [p for r, p in ind_parts if r.lead_unit == u]
                     + [p for t, p in task_parts if u in t.lead_units], w) for u in unit_ids]
    by_unit.sort(key=lambda s: (s.score is None, -(s.score or 0), s.key))
    return by_unit
