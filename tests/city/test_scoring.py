"""Scoring methods against published 考核办法, worked by hand.

Sources (each test names the one it follows; the full list, with what the texts leave unsaid, is in docs/city.md):
- 滁州市人民政府《关于调整完善全市经济运行季度考核机制有关事项的通知》(read at cz.investchn.com/news/detail/id/3031):
  一(二)1 "以功效系数法计算静态、动态分值(静态、动态基础分值均为60分),按照静态占40%、动态占60%计算指标各报告期得分";
  一(二)2 "主要经济指标报告期实际值每高于(低于)全市水平0.1个百分点,加(扣)0.1分" (no cap stated).
- 《经济发展指标月度评估办法》(a city's monthly assessment of its 县(市)区; 2020 text read at
  www.meidadianqi.com/gongwenfanwen/2021/1012/5037.html, 2023 text at m.wnwk.com/doc/1934906.html), 三 评估办法:
  "目标完成计分法:指标完成年度目标即得该项指标满分,未完成目标不得分。争先进位计分法:完成实绩最高的县(市)区得该项
  指标满分,其余按高低排序计算得分,第二位得满分的95%,第三位得满分的90%,以后按5%依次递减" (tests in
  test_published_rules.py).
- 临沂市《2012年度县域经济发展考核办法》as reported (m.oceanchannel.com.cn/news/2012-04-23/29985.html):
  "指标考核采取功效系数法,各项指标的基本得分为权重的60%".
None of them says how equal figures are placed or how a county with no figure is scored: there liupi's stated
rules apply (equal figures share the higher place, the next places skipped; no figure: 0, flagged 未报).
"""

import pytest

from liupi_cli.city.scoring import completion, contest, efficacy, efficacy_split, num, r2, versus_average


def test_rounding_is_half_up_as_circulars_print():
    assert r2(2.675) == 2.68  # round() would give 2.67
    assert num(63.5) == "63.5" and num(100.0) == "100" and num(-0.001) == "0"


def test_contest_places_and_shares():
    """《经济发展指标月度评估办法》三 争先进位计分法: 1st 100%, 2nd 95%, 3rd 90%, then 5% less per place; 10 points."""
    got = {s.county: s for s in contest({"a": 9.1, "b": 12.0, "c": 10.5, "d": 8.0}, 10)}
    assert (got["b"].place, got["b"].points) == (1, 10.0)
    assert (got["c"].place, got["c"].points) == (2, 9.5)
    assert (got["a"].place, got["a"].points) == (3, 9.0)
    assert (got["d"].place, got["d"].points) == (4, 8.5)
    assert got["c"].working == "place 2: 10×95% = 9.5"


def test_contest_ties_share_the_higher_place_and_skip_the_next():
    """《经济发展指标月度评估办法》三 is silent on ties; liupi's stated rule: equal figures share the higher place,
    the next skipped (1, 2, 2, 4)."""
    got = {s.county: s for s in contest({"a": 5.0, "b": 7.0, "c": 7.0, "d": 9.0}, 20)}
    assert [got[c].place for c in "dbca"] == [1, 2, 2, 4]
    assert got["b"].tied and got["c"].tied and not got["d"].tied
    assert got["b"].points == got["c"].points == 19.0  # 20 × 95%
    assert got["a"].points == 17.0  # place 4: 20 × 85%
    assert got["b"].working == "place 2 (tied): 20×95% = 19"


def test_contest_lower_is_better_and_a_county_without_figure():
    """A ceiling (e.g. 失业率): the lowest ranks first; a county with no figure scores 0, flagged 未报, and does
    not take a place."""
    got = {s.county: s for s in contest({"a": 5.5, "b": None, "c": 4.9}, 10, higher_is_better=False)}
    assert (got["c"].place, got["c"].points) == (1, 10.0)
    assert (got["a"].place, got["a"].points) == (2, 9.5)
    assert got["b"].points == 0 and got["b"].flag == "no_figure" and got["b"].place is None


def test_contest_never_below_zero():
    values = {f"c{i}": float(i) for i in range(25)}  # place 25 would be 100% − 120%
    got = {s.county: s for s in contest(values, 10)}
    assert got["c0"].place == 25 and got["c0"].points == 0.0
    assert got["c4"].place == 21 and got["c4"].points == 0.0  # 100% − 20×5% = 0


def test_efficacy_60_plus_40():
    """滁州 一(二)1: 功效系数法, base 60 (临沂 2012: 基本得分为权重的60%): 60 + 40 × (x − min)/(max − min).
    The 通知 is silent on a county with no figure: 0, flagged 未报, and left out of min and max."""
    got = {s.county: s for s in efficacy({"a": 8.0, "b": 12.0, "c": 10.0, "d": None}, 10)}
    assert got["b"].points == 10.0  # 100% of 10
    assert got["a"].points == 6.0  # 60%
    assert got["c"].points == 8.0  # 60 + 40 × 2/4 = 80
    assert got["c"].working == "60 + 40×(10−8)/(12−8) = 80; 10×80% = 8"
    assert got["d"].points == 0 and got["d"].flag == "no_figure"


def test_efficacy_all_equal_scores_100_each():
    """滁州 一(二)1 divides by max − min: with every figure equal there is no spread; each earns the full points."""
    assert [s.points for s in efficacy({"a": 3.0, "b": 3.0}, 5)] == [5.0, 5.0]


def test_efficacy_split_40_level_60_growth():
    """滁州 一(二)1: static (level) 40%, dynamic (growth) 60%, each by 功效系数法.

    level:  a 100 亿元, b 200, c 150 -> e 60, 100, 80
    growth: a 10%, b 5%, c 7% -> e 100, 60, 60 + 40×2/5 = 76
    a: 0.4×60 + 0.6×100 = 84; b: 0.4×100 + 0.6×60 = 76; c: 0.4×80 + 0.6×76 = 77.6; × 20 points
    """
    got = {s.county: s for s in efficacy_split({"a": 100.0, "b": 200.0, "c": 150.0},
                                               {"a": 10.0, "b": 5.0, "c": 7.0}, 20)}
    assert got["a"].points == 16.8 and got["b"].points == 15.2 and got["c"].points == 15.52
    assert "0.4×80 + 0.6×76 = 77.6; 20×77.6% = 15.52" in got["c"].working


def test_efficacy_split_missing_growth_scores_zero_on_that_part():
    """滁州 一(二)1, 动态 part not reported (the 通知 is silent): that part scores 0, the county flagged 未报."""
    got = {s.county: s for s in efficacy_split({"a": 100.0, "b": 200.0}, {"a": 10.0, "b": None}, 10)}
    # b: level 100 × 0.4 + growth 0 (未报) × 0.6 = 40 -> 4 points; a: growth alone present -> 100
    assert got["b"].points == 4.0 and got["b"].flag == "no_figure"
    assert got["a"].points == 8.4  # 0.4×60 + 0.6×100 = 84 -> 8.4


def test_completion_met_or_not():
    """《经济发展指标月度评估办法》三 目标完成计分法: "完成年度目标即得该项指标满分,未完成目标不得分";
    far beyond the target still earns only the full points (the 办法 gives no bonus: the points are capped)."""
    assert completion("a", 12.0, 11.5, 10).points == 10
    assert completion("a", 12.0, 11.5, 10).working == "12 ≥ 11.5: met, 10"
    assert completion("a", 11.0, 11.5, 10).points == 0
    assert completion("a", None, 11.5, 10).flag == "no_figure"
    assert completion("a", 30.0, 11.5, 10).points == 10  # far beyond: full points, no more


def test_completion_proportional_and_ceiling():
    """目标完成计分法, the proportional variant: the share reached, at most the full points."""
    s = completion("a", 9.2, 11.5, 10, proportional=True)
    assert s.points == 8.0 and s.working == "9.2 < 11.5: 10×9.2/11.5 = 8"
    ceiling = completion("a", 6.0, 5.5, 10, at_most=True, proportional=True)  # 失业率 5.5% 以内, got 6.0
    assert ceiling.points == r2(10 * 5.5 / 6)  # 9.17
    assert completion("a", 5.0, 5.5, 10, at_most=True).points == 10


def test_versus_average_per_tenth_of_a_point():
    """滁州 一(二)2: each 0.1 percentage point above (below) the city's figure adds (deducts) 0.1 point."""
    assert versus_average("a", 10.3, 10.0).points == 0.3
    assert versus_average("a", 10.3, 10.0).working == "10.3−10 = 0.3 points: 3×0.1 = 0.3"
    assert versus_average("a", 9.75, 10.0).points == -0.2  # 0.25 below: two whole steps
    assert versus_average("a", 10.0, 10.0).points == 0


def test_versus_average_without_caps_as_chuzhou_states_it():
    """滁州 一(二)2: 3 percentage points above the city's figure: 30 steps × 0.1 = +3, no cap; 1.25 below: −1.2."""
    assert versus_average("a", 13.0, 10.0).points == 3.0 and versus_average("a", 13.0, 10.0).flag is None
    assert versus_average("a", 8.75, 10.0).points == -1.2


def test_versus_average_caps():
    """滁州 一(二)2 states no cap; a city that caps the bonus and the deduction sets them (here +1 / −0.5)."""
    high = versus_average("a", 13.0, 10.0, bonus_cap=1, deduction_cap=0.5)
    assert high.points == 1.0 and high.flag == "capped" and high.working.endswith("capped at +1")
    low = versus_average("a", 8.0, 10.0, bonus_cap=1, deduction_cap=0.5)
    assert low.points == -0.5 and low.flag == "capped"


def test_versus_average_without_a_city_figure_scores_nothing_flagged():
    s = versus_average("a", 10.0, None)
    assert s.points == 0 and s.flag == "no_city_figure"


@pytest.mark.parametrize("value,expected", [(5.0, 0.5), (5.6, -0.1)])
def test_versus_average_lower_is_better(value, expected):
    """For a ceiling (失业率) below the city's figure is better: 5.0 vs 5.5 is 5 steps better."""
    assert versus_average("a", value, 5.5, higher_is_better=False).points == expected


def test_negative_figures_are_bracketed_in_the_working():
    got = {s.county: s for s in efficacy({"a": -1.2, "b": 4.8}, 10)}
    assert got["a"].working.startswith("60 + 40×((−1.2)−(−1.2))/(4.8−(−1.2)) = 60")


def test_the_working_in_chinese():
    """The 排名通报 is in Chinese: the same numbers and formula, the words from the zh catalogue."""
    got = {s.county: s for s in contest({"a": 5.0, "b": 7.0, "c": 7.0, "d": None}, 20, lang="zh")}
    assert got["b"].working == "第1名（并列）：20×100% = 20"
    assert got["d"].working == "未报：0"
    assert completion("a", 12.0, 11.5, 10, lang="zh").working == "12 ≥ 11.5：完成，10"
    assert versus_average("a", 13.0, 10.0, bonus_cap=1, lang="zh").working == "13−10 = 3 个百分点：30×0.1 = 3，封顶+1"
    split = efficacy_split({"a": 100.0, "b": 200.0}, {"a": 10.0, "b": None}, 10, lang="zh")[1]
    assert split.working.startswith("水平 60 + 40×(200−100)/(200−100) = 100；增速未报 0；")
