"""Next year's plan, the core: carried deadlines, targets to be set, the filled table read as `update` reads."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.models import Indicator, LightThresholds
from liupi_cli.periods import Period
from liupi_cli.report.judge import Facts, judge
from liupi_cli.fill_table import read_target
from liupi_cli.rollover import carry_deadline

D = dt.date


@pytest.mark.parametrize("deadline,expected,flagged", [
    (D(2023, 12, 31), D(2024, 12, 31), "deadline moved from 2023-12-31 to 2024-12-31 (same day in 2024): review it"),
    (D(2023, 6, 30), D(2024, 6, 30), "deadline moved from 2023-06-30 to 2024-06-30 (same day in 2024): review it"),
    (D(2022, 11, 30), None, "deadline 2022-11-30 was before 2023: to be set"),  # nothing sensible to move it to
    (D(2024, 3, 31), D(2024, 3, 31), None),  # already in the new year
    (D(2025, 12, 31), D(2025, 12, 31), None),  # a three-year task
    ("ongoing", "ongoing", None),  # 长期坚持 stays ongoing
    (None, None, None),
])
def test_a_carried_deadline_is_never_before_the_new_year(deadline, expected, flagged):
    assert carry_deadline(deadline, 2023, 2024) == (expected, flagged)


def test_29_february_moves_to_28_february_in_a_common_year():
    assert carry_deadline(D(2024, 2, 29), 2024, 2025)[0] == D(2025, 2, 28)


@pytest.mark.parametrize("typed,unit,expected", [
    ("7%", "%", {"target": 7.0}),
    ("360000万元", "亿元", {"target": 36.0}),  # converted to the indicator's unit, as `liupi update` does
    ("1,200", "亿元", {"target": 1200.0}),
    ("６．５％", "%", {"target": 6.5}),  # full width, as typed in a Chinese input method
    ("增长8%以上", "%", {"target": 8.0, "comparator": "at_least", "qualifier": "以上", "stretch": False}),
    ("控制在5.5%左右", "%", {"target": 5.5, "comparator": "about", "qualifier": "控制在…左右", "stretch": False}),
    ("力争突破36亿元", "亿元", {"target": 36.0, "comparator": "at_least", "qualifier": "力争…突破", "stretch": True}),
])
def test_a_typed_target_is_read_by_the_update_value_parser_then_the_target_sentence_reader(typed, unit, expected):
    assert read_target(typed, unit, "t.csv:2") == expected


def test_a_typed_target_in_another_unit_is_refused_with_the_parsers_reason():
    with pytest.raises(InputRefused) as err:
        read_target("7%", "亿元", "t.csv:4")
    assert err.value.message == "t.csv:4: new_target '7%': value '7%' is in %, but this indicator is measured in 亿元"


def _ind(**kw) -> Indicator:
    base = dict(id="gdp_growth", name_zh="地区生产总值", name_en="GDP", battle="growth", kind="growth_rate",
                comparator="at_least", unit="%", frequency="quarterly", source="main")
    return Indicator.model_validate({**base, **kw})


def test_a_target_to_be_set_loads_and_is_judged_grey_whatever_the_figure():
    ind = _ind(to_be_set=["target"])
    assert ind.target is None and ind.target_to_be_set
    facts = Facts.of(ind, LightThresholds(), actual=-3.0, at=Period(2024, 3, "quarter"), as_of=D(2024, 3, 31))
    j = judge(facts)
    assert (j.light, j.status) == ("grey", "target_to_be_set")  # negative growth, but nothing to judge it by
    assert judge(facts, settle=True).met is None


def test_without_the_marker_a_missing_target_is_still_an_error():
    with pytest.raises(ValueError, match="a growth_rate indicator needs target"):
        _ind()


@pytest.mark.parametrize("kw,message", [
    (dict(target=8, to_be_set=["due"]), "only a milestone has a due date to be set"),
    (dict(kind="double_decline", comparator="at_most", unit="起", group="g", to_be_set=["target"]),
     "a double_decline has no target to be set"),
    (dict(to_be_set=["deadline"]), "Input should be 'target' or 'due'"),
])
def test_what_can_be_to_be_set(kw, message):
    with pytest.raises(ValueError, match=message):
        _ind(**kw)


def test_a_set_target_is_judged_even_if_the_marker_was_left():
    ind = _ind(target=8, to_be_set=["target"])
    assert not ind.target_to_be_set
    facts = Facts.of(ind, LightThresholds(), actual=8.5, at=Period(2024, 3, "quarter"), as_of=D(2024, 3, 31))
    assert judge(facts).light == "green"


def _ceiling_entry() -> dict:
    return dict(id="urban_unemployment", name_zh="城镇调查失业率", name_en="Urban surveyed unemployment",
                battle="livelihood", kind="ceiling", comparator="about", qualifier="控制在…左右", unit="%",
                frequency="monthly", source="main", to_be_set=["target"])


def test_a_filled_cell_is_set_and_no_longer_to_be_set():
    from liupi_cli.fill_table import apply_fill, read_fill

    targets = {"indicators": [_ceiling_entry()]}
    cells = read_fill("indicator,new_target\nurban_unemployment,5.5%以内\n", "f.csv")
    assert apply_fill(targets, cells, "f.csv") == (1, [])
    entry = targets["indicators"][0]
    # 以内 read by the sentence reader gives no qualifier it is sure of: last year's 控制在…左右 (about) stays
    assert (entry["target"], entry["comparator"], entry["stated"]) == (5.5, "about", "5.5%以内")
    assert "to_be_set" not in entry


def test_a_filled_cell_that_would_break_the_indicator_is_refused_and_nothing_changes():
    from liupi_cli.fill_table import apply_fill, read_fill

    targets = {"indicators": [_ceiling_entry()]}
    cells = read_fill("indicator,new_target\nurban_unemployment,增长8%以上\n", "f.csv")
    with pytest.raises(InputRefused) as err:
        apply_fill(targets, cells, "f.csv")
    assert err.value.message == ("f.csv:2: urban_unemployment: '增长8%以上': "
                                 "a ceiling's comparator is at_most or about")
    assert targets["indicators"][0] == _ceiling_entry()


def test_next_years_folder_is_beside_last_years_named_from_it_and_the_year(tmp_path):
    from pathlib import Path

    from liupi_cli.next_workspace import default_folder
    from liupi_cli.plan import load_plan
    from liupi_cli.workspace import Workspace, bundled_data_dir

    plan = load_plan(bundled_data_dir())  # a 2023 plan
    county = tmp_path / "county"
    ws = Workspace(county / "data", "liupi.toml", county / "liupi.toml")
    assert default_folder(ws, plan, 2024, Path("/elsewhere")) == tmp_path / "county-2024"
    ws = Workspace(tmp_path / "shuangpai2023" / "data", "liupi.toml", tmp_path / "shuangpai2023" / "liupi.toml")
    assert default_folder(ws, plan, 2024, Path("/elsewhere")) == tmp_path / "shuangpai2024"
    old_layout = Workspace(tmp_path / "office" / "data", "./data")  # ./data without liupi.toml: the folder holding it
    assert default_folder(old_layout, plan, 2024, tmp_path / "office") == tmp_path / "office-2024"
    bundled = Workspace(bundled_data_dir(), "bundled")
    assert default_folder(bundled, plan, 2024, tmp_path) == tmp_path / "shuangpai-2024-six-battles"
