"""The ranking and the roll-up on a four-county city, worked by hand.

June 2023 (序时进度 6/12; jobs target 400 each -> 200 by June):
  growth (争先进位 10 points): a 9, b 7, c 9, d none -> a, c tied 1st (10), b 3rd (9), d 0 (未报)
  jobs (目标完成, proportional, 10): a 200 met 10, b 250 met 10, c 100 -> 10×100/200 = 5, d 240 met 10
  totals a 20, b 19, c 15, d 10 -> places 1, 2, 3, 4
May 2023 (jobs by May 400×5/12 = 166.67):
  growth: a 6, b 8, c 7, d 9 -> d 10, b 9.5, c 9, a 8.5
  jobs: a 100 -> 10×100/166.67 = 6; b 200 10; c 170 10; d 150 -> 9
  totals a 14.5, b 19.5, c 19, d 19 -> b 1, c and d tied 2nd, a 4th
Moves (May place − June place): a +3 (进3位), b −1, c −1, d −2.
"""

from liupi_cli.city.ranking import build_ranking, previous_month
from liupi_cli.city.rollup import build_rollup
from liupi_cli.periods import Period

from .citykit import city_plan, config, decomposition, index

JUNE, MAY = Period(2023, 6, "month"), Period(2023, 5, "month")
RULES = [{"indicator": "growth", "method": "contest", "points": 10},
         {"indicator": "jobs", "method": "completion", "points": 10, "proportional": True}]
TARGETS = {"jobs": {"a": 400, "b": 400, "c": 400, "d": 400}}
FIGURES = {("growth", "2023-06"): {"a": 9, "b": 7, "c": 9, "d": None},
           ("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": 240},
           ("growth", "2023-05"): {"a": 6, "b": 8, "c": 7, "d": 9},
           ("jobs", "2023-05"): {"a": 100, "b": 200, "c": 170, "d": 150}}


def _rank(tmp_path, rules=RULES, figures=FIGURES, month=JUNE, **kw):
    return build_ranking(config(rules, **kw), city_plan(tmp_path), decomposition(TARGETS), index(figures), month)


def test_totals_places_and_moves(tmp_path):
    rk = _rank(tmp_path)
    got = {r.county: r for r in rk.counties}
    assert [(c, got[c].total, got[c].place) for c in "abcd"] == [("a", 20, 1), ("b", 19, 2), ("c", 15, 3),
                                                                  ("d", 10, 4)]
    assert [got[c].previous_place for c in "abcd"] == [4, 1, 2, 2]
    assert [got[c].move for c in "abcd"] == [3, -1, -1, -2]
    assert rk.previous_period == "2023-05"
    assert rk.top_three == ["a县", "b县", "c县"]
    assert [r.county for r in rk.counties] == ["a", "b", "c", "d"]


def test_the_working_of_each_score_is_shown(tmp_path):
    got = {r.county: r for r in _rank(tmp_path).counties}
    growth_a, jobs_c = got["a"].scores[0], got["c"].scores[1]
    assert growth_a.working == "place 1 (tied): 10×100% = 10" and growth_a.place == 1
    assert jobs_c.working == "序时 target 400×6/12; 100 < 200: 10×100/200 = 5"


def test_a_county_without_a_figure_scores_zero_and_is_flagged(tmp_path):
    d = {r.county: r for r in _rank(tmp_path).counties}["d"]
    assert d.scores[0].points == 0 and d.scores[0].flag == "no_figure"
    assert d.flags == ["growth: no_figure"]


def test_equal_totals_share_a_place(tmp_path):
    got = {r.county: r for r in _rank(tmp_path, month=MAY).counties}
    assert (got["c"].place, got["c"].tied) == (2, True) and (got["d"].place, got["d"].tied) == (2, True)
    assert got["a"].place == 4
    assert got["b"].move is None  # no ranking before May's in the figures (April has none)


def test_class_points(tmp_path):
    """四川-style classes: the same indicator, other points for another class (eco: growth worth 5)."""
    rk = _rank(tmp_path, classes={"c": "eco", "d": "eco"}, scoring={"class_points": {"eco": {"growth": 5}}})
    c = {r.county: r for r in rk.counties}["c"]
    assert c.scores[0].points == 5 and c.scores[0].full == 5  # tied 1st: 5×100%
    assert c.total == 10  # 5 + 5


def test_ranked_within_classes(tmp_path):
    rk = _rank(tmp_path, classes={"a": "x", "b": "x", "c": "y", "d": "y"}, scoring={"by_class": True})
    got = {r.county: r for r in rk.counties}
    # class x: growth a 9 (1st, 10), b 7 (2nd, 9.5); class y: c 9 (1st, 10), d none (0)
    assert (got["a"].total, got["a"].place) == (20, 1) and (got["b"].total, got["b"].place) == (19.5, 2)
    assert (got["c"].total, got["c"].place) == (15, 1) and (got["d"].total, got["d"].place) == (10, 2)


def test_versus_the_city_figure_uses_the_city_record_first(tmp_path):
    rules = [{"indicator": "growth", "method": "versus_average", "bonus_cap": 1, "deduction_cap": 0.5}]
    rk = build_ranking(config(rules), city_plan(tmp_path), decomposition(TARGETS), index(FIGURES), JUNE,
                       {("growth", "2023-06"): 8.2})
    got = {r.county: r.scores[0] for r in rk.counties}
    assert got["a"].points == 0.8  # 9 − 8.2 = 0.8: 8 steps × 0.1
    assert got["b"].points == -0.5 and got["b"].flag == "capped"  # 7 − 8.2 = −1.2: −1.2 capped at −0.5


def test_previous_month_of_march_is_jan_feb():
    assert previous_month(Period(2023, 3, "month")) == Period(2023, 2, "month")
    assert previous_month(Period(2023, 2, "month")) is None


def test_rollup_sums_amounts_and_names_who_is_missing(tmp_path):
    figures = {("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": 240}}
    r = build_rollup(config(RULES), city_plan(tmp_path), decomposition(TARGETS), index(figures), JUNE).rows[0]
    assert (r.total, r.reported, r.how) == (790, 4, "sum of 4 counties")
    figures = {("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": None}}
    r = build_rollup(config(RULES), city_plan(tmp_path), decomposition(TARGETS), index(figures), JUNE).rows[0]
    assert r.total is None and r.missing == ["d县"]
    assert r.how == "no total: 1 county(ies) without a figure; the 3 that reported add up to 550"


def test_rollup_recomputes_a_rate_from_levels_or_says_it_does_not(tmp_path):
    """a: 110 亿元 at +10% (base 100); b: 105 at +5% (base 100): the city 215 ÷ 200 − 1 = +7.5%."""
    targets = {"sales": {"a": 200, "b": 200}, "sales_growth": {"a": 8, "b": 8}}
    figures = {("sales", "2023-06"): {"a": 110, "b": 105}, ("sales_growth", "2023-06"): {"a": 10, "b": 5}}
    cfg = config(RULES, counties="ab", levels={"sales_growth": "sales"})
    rows = {r.indicator: r for r in build_rollup(cfg, city_plan(tmp_path), decomposition(targets), index(figures),
                                                 JUNE).rows}
    assert round(rows["sales_growth"].total, 9) == 7.5
    assert rows["sales_growth"].how == "recomputed from levels (sales): 215 ÷ 200 − 1 = 7.5%"
    plain = build_rollup(config(RULES, counties="ab"), city_plan(tmp_path), decomposition(targets), index(figures),
                         JUNE).rows
    growth = next(r for r in plain if r.indicator == "sales_growth")
    assert growth.total is None and growth.how.startswith("not aggregated: a growth_rate does not add up")


def test_adjustments_for_a_month(tmp_path):
    """滁州 一(二)2: "受到市政府季度约谈的，每次扣1分…加(扣)分计入报告期得分": a deduction in June only;
    a's 20 − 1 = 19 ties b's 19 for first place, and May (no deduction) keeps a's 14.5."""
    cfg = config(RULES, adjustments=[{"county": "a", "month": "2023-06", "points": -1, "reason": "市政府季度约谈"}])
    rk = build_ranking(cfg, city_plan(tmp_path), decomposition(TARGETS), index(FIGURES), JUNE)
    got = {r.county: r for r in rk.counties}
    assert got["a"].total == 19 and got["a"].scores[-1].working == "市政府季度约谈 −1"
    assert (got["a"].place, got["a"].tied) == (1, True) and (got["b"].place, got["b"].tied) == (1, True)
    assert got["c"].place == 3 and got["a"].previous_place == 4


def test_rollup_says_how_in_chinese(tmp_path):
    figures = {("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": None}}
    r = build_rollup(config(RULES), city_plan(tmp_path), decomposition(TARGETS), index(figures), JUNE, "zh").rows[0]
    assert r.how == "不合计：1个县（市、区）未报；已报3个合计550"
