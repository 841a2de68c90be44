"""data/city.yaml read strictly: each rule's own requirement, a county listed twice, an adjustment for a county
not listed, unknown keys and bad values, each said at its line in city.yaml with the catalogue's words; class
points taking the place of a rule's points."""

from __future__ import annotations

import pytest
import yaml

from liupi_cli.city.config import CityConfig, Rule, Scoring, city_file, is_city, load_city
from liupi_cli.errors import PlanInvalid


def _write(tmp_path, data) -> None:
    (tmp_path / "city.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


BASE = {"city": {"name_zh": "某市", "year": 2023},
        "counties": [{"id": "a", "name_zh": "a县", "plan": "a-2023", "source": "a.json"},
                     {"id": "b", "name_zh": "b县", "class": "eco", "plan": "b-2023", "source": "b.json"}]}


def _problems(tmp_path, **change) -> list[tuple[int | None, str, str]]:
    _write(tmp_path, {**BASE, **change})
    with pytest.raises(PlanInvalid) as exc:
        load_city(tmp_path)
    return [(p.line, p.path, str(p.message)) for p in exc.value.problems]


def test_a_valid_city_is_read_whole(tmp_path):
    _write(tmp_path, {**BASE, "decomposition": "d.xlsx", "levels": {"g": "l"},
                      "scoring": {"by_class": True, "rules": [{"indicator": "g", "method": "contest", "points": 5}],
                                  "class_points": {"eco": {"g": 3}}},
                      "adjustments": [{"county": "b", "month": "2023-06", "points": -0.5, "reason": "约谈"}]})
    assert is_city(tmp_path) and city_file(tmp_path) == tmp_path / "city.yaml"
    c = load_city(tmp_path)
    assert (c.city.name_zh, c.city.year, c.city.issuer, c.decomposition, c.levels) == ("某市", 2023, None, "d.xlsx",
                                                                                       {"g": "l"})
    assert [(k.id, k.klass) for k in c.counties] == [("a", None), ("b", "eco")]
    assert c.county("b").name_zh == "b县" and c.county("z") is None
    rule = c.scoring.rules[0]
    assert (c.scoring.points(rule, "eco"), c.scoring.points(rule, None), c.scoring.points(rule, "other")) == (3, 5, 5)
    assert c.adjustments[0].points == -0.5 and c.scoring.by_class


def test_not_a_city_without_city_yaml(tmp_path):
    assert not is_city(tmp_path)
    (tmp_path / "city.yaml").mkdir()
    assert not is_city(tmp_path)


@pytest.mark.parametrize(("rule", "said"), [
    ({"indicator": "g", "method": "efficacy_split", "points": 5},
     "an efficacy_split rule names its growth indicator (growth: …)"),
    ({"indicator": "g", "method": "contest"}, "a contest rule needs points above 0"),
    ({"indicator": "g", "method": "completion", "points": 0}, "a completion rule needs points above 0"),
    ({"indicator": "g", "method": "completion_contest", "points": 4},
     "a completion_contest rule needs contest_points above 0 (the points ranked among the counties over their "
     "target)"),
])
def test_each_rule_says_what_its_method_needs(tmp_path, rule, said):
    problems = _problems(tmp_path, scoring={"rules": [rule]})
    assert [(path, message) for _, path, message in problems] == [("scoring.rules[0]", said)]
    assert problems[0][0] is not None  # at its line in city.yaml


def test_rules_that_need_nothing_more(tmp_path):
    assert Rule(indicator="g", method="versus_average").points == 0
    r = Rule(indicator="g", method="efficacy_split", growth="gg", points=10)
    assert (r.level_share, r.step, r.per_step, r.proportional, r.bonus_cap) == (0.4, 0.1, 0.1, False, None)
    assert Scoring().rules == [] and Scoring().class_points == {} and not Scoring().by_class


def test_a_county_twice_or_an_adjustment_for_a_stranger_is_refused(tmp_path):
    twice = _problems(tmp_path, counties=BASE["counties"] + [BASE["counties"][0]])
    assert [m for _, _, m in twice] == ["county 'a' is listed twice"]
    stranger = _problems(tmp_path, adjustments=[{"county": "z", "month": "2023-06", "points": 1, "reason": "x"}])
    assert [m for _, _, m in stranger] == ["adjustment for unknown county 'z'"]


def test_bad_values_and_unknown_keys_are_each_located(tmp_path):
    problems = _problems(tmp_path, city={"name_zh": "某市", "year": 1999, "mayor": "x"},
                         adjustments=[{"county": "a", "month": "2023-6", "points": 1, "reason": "x"}])
    paths = [p for _, p, _ in problems]
    assert paths == ["city.year", "city.mayor", "adjustments[0].month"]
    assert all(line is not None for line, _, _ in problems)
    assert not any(m.startswith("Value error") for _, _, m in problems)


def test_a_config_in_memory_checks_the_same(tmp_path):
    with pytest.raises(ValueError, match="listed twice"):
        CityConfig.model_validate({**BASE, "counties": BASE["counties"] * 2})
