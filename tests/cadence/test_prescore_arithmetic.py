"""The pre-score's arithmetic (cadence/prescore.py) on hand-made parts, so a bureau can recompute its number:
the indicator part is Σ weight × points ÷ Σ weight, the task part the mean, mixed by the indicator share; a part
with nothing judged drops out; grey is left out unless the plan scores it; unreported milestones are a term of
their own; the working writes every step; units are listed highest first."""

from __future__ import annotations

import pytest

from liupi_cli.cadence.prescore import ScorePart, WorkingWords, score, written_working
from liupi_cli.models import PrescoreWeights

W = PrescoreWeights()


def ind(i: str, outcome: str, points: float | None, weight: float = 1.0) -> ScorePart:
    return ScorePart(id=i, name_zh=i, what="indicator", outcome=outcome, points=points, weight=weight)


def task(i: str, outcome: str, points: float) -> ScorePart:
    return ScorePart(id=i, name_zh=i, what="task", outcome=outcome, points=points, weight=1.0)


def test_both_parts_mixed_by_the_indicator_share():
    s = score("fgj", "县发改局", [ind("a", "green", 100, 2), ind("b", "yellow", 60), ind("c", "red", 0),
                                 task("t1", "done_on_time", 100), task("t2", "overdue", 0)], W)
    assert (s.indicator_sum, s.indicator_weight, s.indicator_part) == (260, 4, 65)
    assert (s.task_sum, s.task_count, s.task_part) == (100, 2, 50)
    assert s.score == pytest.approx(0.7 * 65 + 0.3 * 50) == 60.5
    assert s.working == ("indicators (100×2 + 60×1 + 0×1) ÷ 4 = 65; tasks (100×1 + 0×1) ÷ 2 = 50; "
                         "0.7×65 + 0.3×50 = 60.5")
    assert (s.key, s.name_zh) == ("fgj", "县发改局")


def test_a_part_with_nothing_judged_drops_out():
    only_tasks = score("x", "x", [ind("a", "grey", None), task("t1", "done_late", 60)], W)
    assert (only_tasks.indicator_part, only_tasks.task_part, only_tasks.score) == (None, 60, 60)
    assert only_tasks.working == "tasks (60×1) ÷ 1 = 60"
    only_ind = score("x", "x", [ind("a", "yellow", 60), ind("b", "green", 100)], W)
    assert (only_ind.score, only_ind.task_part, only_ind.task_count) == (80, None, 0)
    assert only_ind.working == "indicators (100×1 + 60×1) ÷ 2 = 80"
    nothing = score("x", "x", [ind("a", "grey", None)], W)
    assert (nothing.score, nothing.working) == (None, "nothing judged")
    assert written_working(nothing, WorkingWords("指标", "任务", "未报", "无可评分项")) == "无可评分项"


def test_a_zero_weight_indicator_is_left_out():
    s = score("x", "x", [ind("a", "red", 0, 0), ind("b", "green", 100)], W)
    assert (s.indicator_weight, s.indicator_part) == (1, 100)
    assert s.working == "indicators (100×1) ÷ 1 = 100"


def test_unreported_milestones_are_a_term_of_their_own_after_the_others():
    s = score("x", "x", [ind("a", "unreported", 0, 3), ind("b", "red", 0), ind("c", "green", 100)], W)
    assert s.indicator_part == 20
    assert s.working == "indicators (100×1 + 0×1 + unreported 0×3) ÷ 5 = 20"
    words = WorkingWords("指标", "任务", "未报", "无")
    assert written_working(s, words) == "指标 (100×1 + 0×1 + 未报 0×3) ÷ 5 = 20"


def test_figures_are_written_to_two_decimals_at_most():
    s = score("x", "x", [ind("a", "green", 100), ind("b", "yellow", 60), ind("c", "red", 0),
                         task("t", "done_late", 60)], PrescoreWeights(indicator_share=0.65))
    assert s.indicator_part == 53.33 and s.score == round(0.65 * 160 / 3 + 0.35 * 60, 2) == 55.67
    assert s.working == "indicators (100×1 + 60×1 + 0×1) ÷ 3 = 53.33; tasks (60×1) ÷ 1 = 60; " \
                        "0.65×53.33 + 0.35×60 = 55.67"


def test_every_part_is_kept_with_the_score():
    parts = [ind("a", "grey", None), ind("b", "green", 100), task("t", "overdue", 0)]
    s = score("x", "x", parts, W)
    assert s.parts == parts and "share" not in s.model_dump()


def test_fractional_weights_are_kept_as_given():
    s = score("x", "x", [ind("a", "green", 100, 0.5), ind("b", "red", 0, 1.25)], W)
    assert (s.indicator_weight, s.indicator_sum) == (1.75, 50)
    assert s.indicator_part == round(50 / 1.75, 2) == 28.57
    assert s.working == "indicators (100×0.5 + 0×1.25) ÷ 1.75 = 28.57"
