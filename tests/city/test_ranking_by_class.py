"""A ranking by class with every kind of rule at once: counties scored and placed within their class (listed class
by class), class points as each county's full points, a comparison with the city's roll-up when it has no figure of
its own, a month's adjustment as a line of its own, the rules as the circular states them, and the header."""

from __future__ import annotations

from liupi_cli.city.ranking import TIE_RULE, build_ranking
from liupi_cli.periods import Period

from .citykit import city_plan, config, decomposition, index

JUNE = Period(2023, 6, "month")
RULES = [{"indicator": "jobs", "method": "versus_average", "step": 10, "per_step": 1},
         {"indicator": "sales", "method": "efficacy_split", "growth": "sales_growth", "level_share": 0.3, "points": 20},
         {"indicator": "growth", "method": "completion_contest", "points": 4, "contest_points": 6},
         {"indicator": "unemp", "method": "completion", "points": 5}]
TARGETS = {"jobs": {c: 400 for c in "abcd"}, "sales": {c: 100 for c in "abcd"}, "growth": {c: 8 for c in "abcd"},
           "unemp": {c: 5.5 for c in "abcd"}}
FIGURES = {("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": 250},
           ("sales", "2023-06"): {"a": 50, "b": 60, "c": 70, "d": 80},
           ("sales_growth", "2023-06"): {"a": 5, "b": 6, "c": 7, "d": 8},
           ("growth", "2023-06"): {"a": 9, "b": 8, "c": 7, "d": 8.5},
           ("unemp", "2023-06"): {"a": 5, "b": 6, "c": 5.5, "d": None}}


def _ranking(tmp_path, rules=RULES, city_figures=None):
    cfg = config(rules, classes={"a": "x", "b": "y", "c": "x", "d": "y"},
                 scoring={"by_class": True, "class_points": {"x": {"sales": 10}}},
                 adjustments=[{"county": "b", "month": "2023-06", "points": 1.5, "reason": "表彰"},
                              {"county": "b", "month": "2023-05", "points": -3, "reason": "约谈"}],
                 city={"name_zh": "某市", "year": 2023, "issuer": "某市政府办", "recipients": "各县"})
    return build_ranking(cfg, city_plan(tmp_path), decomposition(TARGETS), index(FIGURES), JUNE, city_figures)


def test_the_header_of_the_circular(tmp_path):
    rk = _ranking(tmp_path)
    assert (rk.city, rk.year, rk.period, rk.label_zh, rk.previous_period, rk.by_class, rk.tie_rule) == \
        ("某市", 2023, "2023-06", "2023年1–6月", None, True, TIE_RULE)
    assert (rk.issuer, rk.recipients) == ("某市政府办", "各县")
    assert [r.indicator for r in rk.rollup.rows] == ["jobs", "sales", "growth", "unemp"]


def test_counties_are_placed_within_their_class_and_listed_class_by_class(tmp_path):
    rk = _ranking(tmp_path)
    assert [(r.county, r.klass, r.total, r.place, r.tied, r.move) for r in rk.counties] == [
        ("a", "x", -39.0, 1, False, None), ("c", "x", -55.0, 2, False, None),
        ("d", "y", -25.0, 1, False, None), ("b", "y", -37.5, 2, False, None)]
    assert rk.top_three == ["a县", "c县", "d县", "b县"]  # places 1 and 2 of each class
    assert [r.flags for r in rk.counties] == [[], [], ["unemp: no_figure"], []]


def test_each_score_with_its_full_points_place_and_working(tmp_path):
    got = {r.county: {s.indicator: s for s in r.scores} for r in _ranking(tmp_path).counties}
    jobs = got["a"]["jobs"]
    assert (jobs.method, jobs.points, jobs.full, jobs.period) == ("versus_average", -60.0, 0.0, "2023-06")
    assert jobs.working == "200−800 = -600 points: -60×1 = -60"  # against the roll-up's sum: no city figure
    sales = got["a"]["sales"]
    assert (sales.points, sales.full) == (6.0, 10.0)  # class x: 10 points; the efficacy within the class
    assert sales.working == ("level 60 + 40×(50−50)/(70−50) = 60; growth 60 + 40×(5−5)/(7−5) = 60; "
                             "0.3×60 + 0.7×60 = 60; 10×60% = 6")
    assert (got["d"]["sales"].points, got["d"]["sales"].full) == (20.0, 20.0)
    growth = got["d"]["growth"]
    assert (growth.points, growth.place, growth.full) == (10.0, 1, 4.0)
    assert got["b"]["growth"].working == "8 ≥ 8: met, 4; not above the target: 0"
    assert (got["b"]["unemp"].working, got["d"]["unemp"].flag) == ("6 > 5.5: not met, 0", "no_figure")


def test_a_months_adjustment_is_a_line_of_its_own(tmp_path):
    b = next(r for r in _ranking(tmp_path).counties if r.county == "b")
    adj = b.scores[-1]
    assert (adj.indicator, adj.name_zh, adj.method, adj.period, adj.value, adj.points, adj.full, adj.working) == \
        ("", "表彰", "adjustment", "2023-06", None, 1.5, 0.0, "表彰 +1.5")
    assert len(b.scores) == 5 and b.total == -55 + 12 + 4 + 0 + 1.5


def test_the_citys_own_figure_comes_before_its_roll_up_and_a_rate_without_one_scores_nothing(tmp_path):
    a = {s.indicator: s for s in next(r for r in _ranking(tmp_path, city_figures={("jobs", "2023-06"): 190}).counties
                                      if r.county == "a").scores}
    assert a["jobs"].working == "200−190 = 10 points: 1×1 = 1"
    rules = [{"indicator": "growth", "method": "versus_average"}]
    scores = [r.scores[0] for r in _ranking(tmp_path, rules).counties]
    assert {(s.points, s.flag, s.working) for s in scores} == {(0.0, "no_city_figure",
                                                                "no city figure to compare with: 0")}


def test_the_rules_as_the_circular_states_them(tmp_path):
    rules = _ranking(tmp_path).rules
    assert [(r.indicator, r.method, r.points, r.class_points, r.details) for r in rules] == [
        ("jobs", "versus_average", 0.0, {}, {"step": 10.0, "per_step": 1.0, "bonus_cap": None, "deduction_cap": None}),
        ("sales", "efficacy_split", 20.0, {"x": 10.0}, {"growth": "sales_growth", "level_share": 0.3}),
        ("growth", "completion_contest", 4.0, {}, {"contest_points": 6.0}),
        ("unemp", "completion", 5.0, {}, {"proportional": False})]
