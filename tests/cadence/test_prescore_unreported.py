"""At settlement a milestone nobody reported on (未报) is an indicator term of the pre-score of its own: it is
counted in the indicator part at the plan's points for 未报 (0 unless set), not dropped as a grey light is."""

from __future__ import annotations

from conftest import MINI

from liupi_cli.cadence.prescore import build_prescore
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report import build_report


def test_an_unreported_milestone_counts_in_the_indicator_part_at_settlement():
    plan = load_plan(MINI)
    overall = build_prescore(plan, build_report(plan, [], parse_period("2023")), []).overall
    unreported = [p for p in overall.parts if p.outcome == "unreported"]
    assert [(p.id, p.what, p.points, p.weight) for p in unreported] == [("power_project_start", "indicator", 0.0, 1.0)]
    assert (overall.indicator_weight, overall.indicator_part, overall.score) == (1.0, 0.0, 0.0)
    assert overall.working == "indicators (unreported 0×1) ÷ 1 = 0"
