"""Each scoring method's working written out for the cases a circular meets less often: no target, a target not
met (a ceiling too), the proportional share at its edges, a lower-is-better efficacy, a level part missing, the
counties met exactly or beyond their target, a cap reached exactly and a step other than 0.1."""

from __future__ import annotations

from liupi_cli.city.scoring import completion, completion_contest, efficacy, efficacy_split, versus_average


def _by_county(scored):
    return {s.county: (s.points, s.working, s.flag) for s in scored}


def test_completion_without_a_figure_or_a_target_or_not_met():
    s = completion("a", None, 5.0, 10)
    assert (s.value, s.points, s.working, s.flag) == (None, 0.0, "no figure (未报): 0", "no_figure")
    s = completion("a", 5.0, None, 10)
    assert (s.value, s.points, s.working, s.flag) == (5.0, 0.0, "no target decomposed: 0", "no_target")
    assert completion("a", 11.0, 11.5, 10).working == "11 < 11.5: not met, 0"
    assert completion("a", 6.0, 5.5, 10, at_most=True).working == "6 > 5.5: not met, 0"
    assert completion("a", 5.5, 5.5, 10, at_most=True).working == "5.5 ≤ 5.5: met, 10"
    assert completion("a", 11.5, 11.5, 10).working == "11.5 ≥ 11.5: met, 10"
    assert completion("a", 5.0, None, 10, lang="zh").working == "无分解目标：0"
    assert completion("a", 11.0, 11.5, 10, lang="zh").working == "11 < 11.5：未完成，0"


def test_the_proportional_share_at_its_edges():
    s = completion("a", 6.0, 5.5, 10, at_most=True, proportional=True)
    assert (s.points, s.working, s.flag) == (9.17, "6 > 5.5: 10×5.5/6 = 9.17", None)
    s = completion("a", -2.0, 10.0, 10, proportional=True)  # a negative growth: nothing, never below 0
    assert (s.points, s.working) == (0.0, "-2 < 10: 10×-2/10 = 0")
    assert completion("a", -2.0, 0.0, 10, proportional=True).points == 0.0
    assert completion("a", 0.0, -1.0, 10, at_most=True, proportional=True).points == 0.0
    assert completion("a", 5.0, 8.0, 12.5, proportional=True).points == 7.81  # 12.5×5/8 = 7.8125


def test_efficacy_lower_is_better_and_all_equal_written_out():
    got = _by_county(efficacy({"a": 4.0, "b": 6.0, "c": 5.0}, 10, higher_is_better=False))
    assert got == {"a": (10.0, "60 + 40×(6−4)/(6−4) = 100; 10×100% = 10", None),
                   "b": (6.0, "60 + 40×(6−6)/(6−4) = 60; 10×60% = 6", None),
                   "c": (8.0, "60 + 40×(6−5)/(6−4) = 80; 10×80% = 8", None)}
    assert _by_county(efficacy({"a": 3.0, "b": 3.0, "c": None}, 5)) == {
        "a": (5.0, "all 3: 100; 5×100% = 5", None), "b": (5.0, "all 3: 100; 5×100% = 5", None),
        "c": (0.0, "no figure (未报): 0", "no_figure")}
    assert efficacy({"a": None}, 5)[0].flag == "no_figure"
    assert efficacy({"a": 3.0, "b": 3.0}, 5, lang="zh")[0].working == "均为3：100；5×100% = 5"


def test_efficacy_split_with_the_level_missing_or_both_or_lower_is_better():
    got = {s.county: s for s in efficacy_split({"a": None, "b": 200.0, "c": None}, {"a": 10.0, "b": 5.0, "c": None},
                                               10)}
    assert (got["a"].value, got["a"].points, got["a"].flag) == (None, 6.0, "no_figure")
    assert got["a"].working == ("level: no figure (未报) 0; growth 60 + 40×(10−5)/(10−5) = 100; 0.4×0 + 0.6×100 = 60; "
                                "10×60% = 6")
    assert (got["b"].value, got["b"].points, got["b"].flag) == (200.0, 7.6, None)
    assert got["b"].working == ("level all 200: 100; growth 60 + 40×(5−5)/(10−5) = 60; 0.4×100 + 0.6×60 = 76; "
                                "10×76% = 7.6")
    assert (got["c"].points, got["c"].working, got["c"].flag) == (0.0, "no figure (未报): 0", "no_figure")
    low = {s.county: s.points for s in efficacy_split({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 2.0}, 10,
                                                      level_share=0.5, higher_is_better=False)}
    assert low == {"a": 10.0, "b": 6.0}


def test_completion_contest_met_exactly_beyond_not_met_and_without_a_target():
    values = {"a": 9.0, "b": 8.0, "c": 7.5, "d": None, "e": 9.0, "f": 8.5}
    targets = {"a": 8.0, "b": 8.0, "c": 8.0, "d": 8.0, "e": None, "f": 8.0}
    got = _by_county(completion_contest(values, targets, 4, 6))
    assert got == {"a": (10.0, "9 ≥ 8: met, 4; above the target, place 1: 6×100% = 6; total 10", None),
                   "b": (4.0, "8 ≥ 8: met, 4; not above the target: 0", None),
                   "c": (0.0, "7.5 < 8: not met, 0", None),
                   "d": (0.0, "no figure (未报): 0", "no_figure"),
                   "e": (0.0, "no target decomposed: 0", "no_target"),
                   "f": (9.7, "8.5 ≥ 8: met, 4; above the target, place 2: 6×95% = 5.7; total 9.7", None)}
    ceiling = {s.county: (s.points, s.place) for s in completion_contest({"a": 4.0, "b": 5.0, "c": 6.0},
                                                                        {c: 5.5 for c in "abc"}, 4, 6,
                                                                        higher_is_better=False)}
    assert ceiling == {"a": (10.0, 1), "b": (9.7, 2), "c": (0.0, None)}


def test_versus_average_caps_reached_exactly_and_other_steps():
    s = versus_average("a", 11.0, 10.0, bonus_cap=1)
    assert (s.points, s.flag) == (1.0, None)  # exactly at the cap: not capped
    s = versus_average("a", 9.0, 10.0, deduction_cap=0.5)
    assert (s.points, s.flag, s.working) == (-0.5, "capped", "9−10 = -1 points: -10×0.1 = -1, capped at −0.5")
    assert versus_average("a", 9.5, 10.0, deduction_cap=0.5).flag is None
    s = versus_average("a", 10.7, 10.0, step=0.5, per_step=0.2)
    assert (s.points, s.working) == (0.2, "10.7−10 = 0.7 points: 1×0.2 = 0.2")
    s = versus_average("a", 5.0, 5.5, higher_is_better=False)
    assert s.working == "5.5−5 = 0.5 points: 5×0.1 = 0.5"


def test_only_a_negative_figure_is_bracketed_in_the_working():
    got = _by_county(efficacy({"a": 0.5, "b": 1.5, "c": 0.0}, 10))
    assert got["b"][1] == "60 + 40×(1.5−0)/(1.5−0) = 100; 10×100% = 10"
    assert got["a"][1] == "60 + 40×(0.5−0)/(1.5−0) = 73.33; 10×73.33% = 7.33"
    assert versus_average("a", 0.5, 0.2).working == "0.5−0.2 = 0.3 points: 3×0.1 = 0.3"
    assert versus_average("a", -0.5, 0.2).working == "(−0.5)−0.2 = -0.7 points: -7×0.1 = -0.7"
