"""The ranking circular's words: the rules table states a versus-the-city rule with its step, points and caps
in either language, and a county with no figure is worded in the circular's language by every method."""

from __future__ import annotations

from liupi_cli.city import scoring
from liupi_cli.city.ranking import build_ranking
from liupi_cli.periods import Period
from liupi_cli.render.city_doc import ranking_doc

from .citykit import city_plan, config, decomposition, index

JUNE = Period(2023, 6, "month")
RULES = [{"indicator": "growth", "method": "versus_average", "step": 0.5, "per_step": 0.2, "bonus_cap": 1,
          "deduction_cap": 0.5}]
FIGURES = {("growth", "2023-06"): {"a": 9, "b": 7, "c": 9, "d": None}}


def _rule_cell(plan, lang, rules=RULES):
    rk = build_ranking(config(rules), plan, decomposition({"jobs": {c: 400 for c in "abcd"}}),
                       index(FIGURES), JUNE, {("growth", "2023-06"): 8.2})
    section = ranking_doc(rk, lang).sections[-1]
    return section.rows[0][3]


def test_a_versus_the_city_rule_is_stated_with_its_step_points_and_caps(tmp_path):
    plan = city_plan(tmp_path)
    assert _rule_cell(plan, "en") == ("±0.2 per 0.5 percentage points against the city, bonus at most 1, "
                                "deduction at most 0.5")
    assert _rule_cell(plan, "zh") == "每高于（低于）全市水平0.5个百分点加（扣）0.2分，加分上限1，扣分上限0.5"
    uncapped = [{k: v for k, v in RULES[0].items() if not k.endswith("_cap")}]
    assert _rule_cell(plan, "en", uncapped) == "±0.2 per 0.5 percentage points against the city"


def test_a_county_without_a_figure_is_worded_in_the_circular_s_language():
    for lang, word in (("en", "no figure (未报): 0"), ("zh", "未报：0")):
        missing = scoring.versus_average("d", None, 8.2, lang=lang)
        assert (missing.points, missing.flag, missing.working) == (0.0, "no_figure", word)
        split = {s.county: s for s in scoring.efficacy_split({"a": 10.0, "b": 20.0, "d": None},
                                                             {"a": 5.0, "b": 6.0, "d": None}, 10, lang=lang)}
        assert (split["d"].points, split["d"].flag, split["d"].working) == (0.0, "no_figure", word)
