"""《经济发展指标月度评估办法》 (a city's monthly assessment of its 县(市)区 and 经济技术开发区, organised by the
市委办 and 市政府办 and carried out by the 市发改委; 2020 text read at
www.meidadianqi.com/gongwenfanwen/2021/1012/5037.html, 2023 text at m.wnwk.com/doc/1934906.html), worked by hand.

三 评估办法:
  "目标完成计分法:指标完成年度目标即得该项指标满分,未完成目标不得分。"
  "争先进位计分法:完成实绩最高的县(市)区得该项指标满分,其余按高低排序计算得分,第二位得满分的95%,
   第三位得满分的90%,以后按5%依次递减。"
  "地区生产总值增幅采取'目标完成计分法'+'争先进位计分法',完成8%的目标得4分,未完成不得分;超过8%的,
   按照争先进位法计分,实绩最高的得满分6分。"
The 办法 is silent on equal figures, on a county that reports nothing and on places below the 21st (100% − 20×5%
= 0): liupi's stated rules apply there (equal figures share the higher place and the next are skipped; no
figure scores 0 and is flagged 未报; never below 0). It scores places, not moves: 进位/退位 against the previous
month is reported beside each county, not scored.
"""

from liupi_cli.city.ranking import build_ranking
from liupi_cli.city.scoring import completion, completion_contest, contest
from liupi_cli.periods import Period

from .citykit import city_plan, config, decomposition, index


def test_contest_clause_three_places_ties_and_a_county_without_figure():
    """三 争先进位计分法 on 8 points: 1st 8, 2nd 95% = 7.6, 3rd 90% = 7.2, …; b and e tie for 2nd (7.6 each),
    the next is 4th (85% = 6.8); f reported nothing: 0, 未报, no place."""
    got = {s.county: s for s in contest({"a": 12.1, "b": 10.4, "c": 9.0, "d": 6.2, "e": 10.4, "f": None}, 8)}
    assert [(c, got[c].place, got[c].points) for c in "abecd"] == [
        ("a", 1, 8.0), ("b", 2, 7.6), ("e", 2, 7.6), ("c", 4, 6.8), ("d", 5, 6.4)]
    assert got["b"].tied and got["e"].tied and not got["c"].tied
    assert (got["f"].points, got["f"].flag, got["f"].place) == (0.0, "no_figure", None)


def test_contest_clause_three_the_fall_stops_at_zero():
    """三 "以后按5%依次递减": the 21st place is 100% − 20 × 5% = 0; the 22nd would be −5%: 0 too (capped)."""
    got = {s.county: s for s in contest({f"c{i:02d}": float(i) for i in range(22)}, 10)}
    assert (got["c01"].place, got["c01"].points) == (21, 0.0)
    assert (got["c00"].place, got["c00"].points) == (22, 0.0)
    assert (got["c02"].place, got["c02"].points) == (20, 0.5)


def test_completion_clause_three_full_or_nothing():
    """三 目标完成计分法, 5 points, target 10%: 10.0 met (5); 9.99 not met (0); 14 met, still 5 (no bonus: the full
    points are the cap); no figure: 0, flagged 未报."""
    assert completion("a", 10.0, 10.0, 5).points == 5
    assert completion("a", 9.99, 10.0, 5).points == 0
    assert completion("a", 14.0, 10.0, 5).points == 5
    missing = completion("a", None, 10.0, 5)
    assert (missing.points, missing.flag) == (0, "no_figure")


def test_completion_contest_clause_three_gdp_rule():
    """三, 地区生产总值增幅: 8% met earns 4; above 8% placed by 争先进位 for 6 more.
    a 9.5 and e 9.5 tie 1st above 8%: 4 + 6 = 10 each; b 8.8 is 3rd above 8%: 4 + 6 × 90% = 9.4;
    c 8.0 met, not above: 4; d 7.5 not met: 0; f reported nothing: 0, 未报."""
    values = {"a": 9.5, "b": 8.8, "c": 8.0, "d": 7.5, "e": 9.5, "f": None}
    got = {s.county: s for s in completion_contest(values, dict.fromkeys(values, 8.0), 4, 6)}
    assert {c: got[c].points for c in values} == {"a": 10.0, "b": 9.4, "c": 4.0, "d": 0.0, "e": 10.0, "f": 0.0}
    assert (got["a"].place, got["a"].tied, got["b"].place, got["c"].place) == (1, True, 3, None)
    assert got["b"].working == "8.8 ≥ 8: met, 4; above the target, place 3: 6×90% = 5.4; total 9.4"
    assert got["c"].working == "8 ≥ 8: met, 4; not above the target: 0"
    assert got["d"].working == "7.5 < 8: not met, 0"
    assert got["f"].flag == "no_figure"
    zh = {s.county: s for s in completion_contest(values, dict.fromkeys(values, 8.0), 4, 6, lang="zh")}
    assert zh["a"].working == "9.5 ≥ 8：完成，4；超过目标第1名（并列）：6×100% = 6；合计 10"


def test_completion_contest_a_county_without_target_is_flagged():
    got = completion_contest({"a": 9.0, "b": 9.5}, {"a": 8.0, "b": None}, 4, 6)
    assert (got[0].points, got[1].points, got[1].flag) == (10.0, 0.0, "no_target")


RULES = [{"indicator": "growth", "method": "completion_contest", "points": 4, "contest_points": 6},
         {"indicator": "sales_growth", "method": "contest", "points": 10}]
TARGETS = {"growth": {"a": 8, "b": 8, "c": 8, "d": 8}}
FIGURES = {("growth", "2023-05"): {"a": 8.5, "b": 7.0, "c": 9.0, "d": 8.0},
           ("sales_growth", "2023-05"): {"a": 5, "b": 9, "c": 7, "d": 6},
           ("growth", "2023-06"): {"a": 9.0, "b": 8.2, "c": 7.9, "d": None},
           ("sales_growth", "2023-06"): {"a": 6, "b": 8, "c": 8, "d": 7}}


def test_a_month_under_the_monthly_assessment_with_moves(tmp_path):
    """三 on two months, 进位/退位 between them.

    May: 地区生产总值增幅 (8% target: 4, above it 6 by place): a 8.5 -> 4 + 6×95% = 9.7, b 7.0 -> 0, c 9.0 -> 10,
         d 8.0 -> 4; sales growth (争先进位, 10): b 10, c 9.5, d 9, a 8.5. Totals a 18.2, b 10, c 19.5, d 13:
         places c 1, a 2, d 3, b 4.
    June: growth a 9.0 -> 10, b 8.2 -> 9.7, c 7.9 -> 0, d none -> 0 (未报); sales growth b and c tie 1st (10
         each), d 3rd 9, a 4th 8.5. Totals a 18.5, b 19.7, c 10, d 9: places b 1, a 2, c 3, d 4.
    Moves (May place − June place): a 0 (持平), b +3 (进3位), c −2 (退2位), d −1 (退1位).
    """
    rk = build_ranking(config(RULES), city_plan(tmp_path), decomposition(TARGETS), index(FIGURES),
                       Period(2023, 6, "month"))
    got = {r.county: r for r in rk.counties}
    assert [(c, got[c].total, got[c].place) for c in "abcd"] == [("a", 18.5, 2), ("b", 19.7, 1), ("c", 10, 3),
                                                                  ("d", 9, 4)]
    assert [(c, got[c].previous_place, got[c].move) for c in "abcd"] == [("a", 2, 0), ("b", 4, 3), ("c", 1, -2),
                                                                         ("d", 3, -1)]
    assert got["d"].scores[0].flag == "no_figure" and got["d"].flags == ["growth: no_figure"]
    assert got["b"].scores[1].working == "place 1 (tied): 10×100% = 10"
    assert rk.top_three == ["b县", "a县", "c县"]


def test_the_circular_states_the_gdp_rule_as_the_banfa_does(tmp_path):
    """The 考核指标及计分办法 table says the rule in the 办法's words: 4 for the target, up to 6 by 争先进位."""
    from liupi_cli.render.city_doc import ranking_doc

    rk = build_ranking(config(RULES), city_plan(tmp_path), decomposition(TARGETS), index(FIGURES),
                       Period(2023, 6, "month"), lang="zh")
    rules = next(s for s in ranking_doc(rk, "zh").sections if s.title == "考核指标及计分办法")
    assert rules.rows[0][1:4] == ["4", "目标完成计分法+争先进位计分法",
                                  "完成目标得4分，未完成不得分；超过目标的按争先进位计分法另计，最高6分"]
    en = next(s for s in ranking_doc(rk, "en").sections if s.title == "Rules")
    assert en.rows[0][3].startswith("target met: 4, else 0; above the target: ranked for 6 more")
