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


def test_the_working_is_written_in_chinese_words_not_translated_from_english():
    """The Chinese working is the same arithmetic written with the catalogue's words: 指标, 任务, 未报 — swap the
    words back and it is the English working character for character."""
    from liupi_cli.cadence.prescore import ScorePart, score
    from liupi_cli.models import PrescoreWeights
    from liupi_cli.render.cadence_doc import working

    parts = [ScorePart(id="a", name_zh="甲", what="indicator", outcome="green", points=100, weight=2),
             ScorePart(id="b", name_zh="乙", what="indicator", outcome="unreported", points=0, weight=1),
             ScorePart(id="t", name_zh="丙", what="task", outcome="overdue", points=0, weight=1)]
    s = score("u", "县某局", parts, PrescoreWeights(indicator_share=0.7))
    assert s.working == ("indicators (100×2 + unreported 0×1) ÷ 3 = 66.67; tasks (0×1) ÷ 1 = 0; "
                         "0.7×66.67 + 0.3×0 = 46.67")
    zh = working(s, "zh")
    assert zh == "指标 (100×2 + 未报 0×1) ÷ 3 = 66.67; 任务 (0×1) ÷ 1 = 0; 0.7×66.67 + 0.3×0 = 46.67"
    assert working(s, "en") == s.working
    assert "share" not in s.model_dump()  # the JSON product keeps its fields
    empty = score("v", "县另局", [], PrescoreWeights())
    assert (empty.working, working(empty, "zh")) == ("nothing judged", "无可评分项")


def test_the_lights_line_of_a_chinese_product_is_set_with_full_width_punctuation(tmp_path):
    from liupi_cli.cadence.products import month_circular
    from liupi_cli.render.cadence_doc import product_doc

    plan = load_plan(MINI)
    circular = month_circular(plan, [], [], parse_period("2023-06"))
    zh, en = product_doc(circular, "zh").lines[0], product_doc(circular, "en").lines[0]
    assert zh.startswith("亮灯情况：红灯 ") and "，黄灯 " in zh and ", " not in zh
    assert en.startswith("Lights: ") and ", " in en


def test_a_battle_is_scored_when_it_has_indicators_even_without_tasks_and_only_then():
    """The per-battle pre-score lists each battle with anything scored — indicators alone suffice — and leaves
    out a battle with nothing in the period's parts."""
    plan = load_plan(MINI)
    report = build_report(plan, [], parse_period("2023-06"))
    growth_only = report.model_copy(update={"rows": [r for r in report.rows if r.battle == "growth"]})
    prescore = build_prescore(plan, growth_only, [])
    assert [s.key for s in prescore.by_battle] == ["growth"]
    assert {p.id for p in prescore.by_battle[0].parts} == {r.id for r in growth_only.rows}
