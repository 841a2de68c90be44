"""Next year's plan, the core: carried deadlines, targets to be set, the filled table read as `update` reads."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.fill_table import read_target
from liupi_cli.models import Indicator, LightThresholds
from liupi_cli.periods import Period
from liupi_cli.report.judge import Facts, judge
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
    assert apply_fill(targets, cells, "f.csv").set == ["urban_unemployment"]
    entry = targets["indicators"][0]
    # 以内 says "at most", as 控制在5.5%以内 does: last year's 控制在…左右 (about) does not stay under new words
    assert (entry["target"], entry["comparator"], entry["qualifier"], entry["stated"]) == (
        5.5, "at_most", "以内", "5.5%以内")
    assert "to_be_set" not in entry


def test_a_filled_cell_that_would_break_the_indicator_is_refused_and_nothing_changes():
    from liupi_cli.fill_table import apply_fill, read_fill

    targets = {"indicators": [_ceiling_entry()]}
    cells = read_fill("indicator,new_target\nurban_unemployment,增长8%以上\n", "f.csv")
    (problem,) = apply_fill(targets, cells, "f.csv").problems
    assert problem.message == ("f.csv:2: urban_unemployment: '增长8%以上': "
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


# ---- the filled table: only what is to be set, read as people type it, every bad row at once ----

def _gdp_entry(**kw) -> dict:
    return dict(id="gdp_growth", name_zh="地区生产总值", name_en="GDP", battle="growth", kind="growth_rate",
                comparator="at_least", unit="%", frequency="quarterly", source="main", **kw)


def _milestone_entry(**kw) -> dict:
    return dict(id="lingdao_expressway_start", name_zh="凌道高速开工", name_en="Lingdao expressway start",
                battle="growth", kind="milestone", comparator="equal", frequency="once", source="main", **kw)


def test_last_years_settled_plan_is_refused_in_one_line_and_not_changed():
    import copy

    from liupi_cli.fill_table import apply_fill, read_fill

    settled = {"plan": {"id": "shuangpai-2023-six-battles", "year": 2023},
               "indicators": [_gdp_entry(target=8, qualifier="以上", stated="增长8%以上"),
                              _milestone_entry(due=D(2023, 9, 30))]}
    before = copy.deepcopy(settled)
    cells = read_fill("indicator,new_target,new_due\ngdp_growth,7%,\nlingdao_expressway_start,,2024-08-31\n", "f.csv")
    with pytest.raises(InputRefused) as err:
        apply_fill(settled, cells, "f.csv")
    assert err.value.message == ("this plan (shuangpai-2023-six-battles, 2023) has no target to be set for the rows "
                                 "of f.csv: nothing was changed")
    assert "liupi plan next --year 2024" in err.value.hint
    assert settled == before


def test_a_table_for_another_year_is_refused_whole():
    from liupi_cli.fill_table import apply_fill, read_fill

    plan = {"plan": {"id": "p-2023", "year": 2023}, "indicators": [_gdp_entry(to_be_set=["target"])]}
    cells = read_fill("indicator,new_target,new_due,year\ngdp_growth,7%,,2024\n", "f.csv")
    with pytest.raises(InputRefused, match=r"^f.csv is for 2024, but this plan is for 2023: nothing was changed$"):
        apply_fill(plan, cells, "f.csv")
    assert "target" not in plan["indicators"][0]


def test_a_decided_target_among_ones_to_be_set_is_a_bad_row_and_the_same_table_again_is_unchanged():
    from liupi_cli.fill_table import apply_fill, read_fill

    plan = {"plan": {"id": "p-2024", "year": 2024},
            "indicators": [_gdp_entry(to_be_set=["target"]), _milestone_entry(due=D(2025, 12, 31))]}
    table = "indicator,new_target,new_due\ngdp_growth,7%,\nlingdao_expressway_start,,2024-08-31\n"
    res = apply_fill(plan, read_fill(table, "f.csv"), "f.csv")
    assert [(p.row, p.message) for p in res.problems] == [
        (3, "f.csv:3: lingdao_expressway_start: its due is already decided (2025-12-31): "
            "the table fills only what is marked to be set")]
    assert res.set == [] and "target" not in plan["indicators"][0]
    table = "indicator,new_target\ngdp_growth,7%\n"
    assert apply_fill(plan, read_fill(table, "f.csv"), "f.csv").set == ["gdp_growth"]
    again = apply_fill(plan, read_fill(table, "f.csv"), "f.csv")
    assert (again.set, again.unchanged, again.problems) == ([], ["gdp_growth"], [])


def test_every_bad_row_is_listed_in_one_run():
    from liupi_cli.fill_table import apply_fill, read_fill

    plan = {"plan": {"id": "p-2024", "year": 2024},
            "indicators": [_gdp_entry(to_be_set=["target"]), _milestone_entry(to_be_set=["due"]),
                           dict(_ceiling_entry(), id="u2")]}
    table = ("indicator,new_target,new_due\ngdp_growth,八点五,\nlingdao_expressway_start,,2023-05-31\n"
             "u2,增长8%以上,\n")
    res = apply_fill(plan, read_fill(table, "f.csv"), "f.csv")
    assert [p.row for p in res.problems] == [2, 3, 4]
    assert res.problems[1].message == ("f.csv:3: new_due '2023-05-31' is before the plan's year 2024: "
                                       "it would be overdue all year")
    assert res.problems[1].hint == "give a date in 2024 or later, e.g. 2024-05-31"


@pytest.mark.parametrize("typed,day", [
    ("2024-08-31", D(2024, 8, 31)), ("2024/8/31", D(2024, 8, 31)), ("2024年8月底前", D(2024, 8, 31)),
    ("8月15日", D(2024, 8, 15)), ("2025年6月底", D(2025, 6, 30)),
])
def test_a_new_due_date_is_read_as_plan_import_reads_a_deadline(typed, day):
    from liupi_cli.fill_table import read_due

    assert read_due(typed, 2024, "f.csv:2") == day


@pytest.mark.parametrize("typed,unit,expected", [
    ("5.5%以内", "%", {"target": 5.5, "comparator": "at_most", "qualifier": "以内", "stretch": False}),
    ("控制在5.5%以内", "%", {"target": 5.5, "comparator": "at_most", "qualifier": "控制在…以内", "stretch": False}),
    ("0.9‰以内", "‰", {"target": 0.9, "comparator": "at_most", "qualifier": "以内", "stretch": False}),
    ("0.9‰以下", "‰", {"target": 0.9, "comparator": "at_most", "qualifier": "以下", "stretch": False}),
    ("8以上", "%", {"target": 8.0, "comparator": "at_least", "qualifier": "以上", "stretch": False}),  # % by unit
    ("36以上", "亿元", {"target": 36.0, "comparator": "at_least", "qualifier": "以上", "stretch": False}),
])
def test_qualifier_words_are_read_the_same_with_or_without_their_lead_word(typed, unit, expected):
    assert read_target(typed, unit, "t.csv:2") == expected


def test_a_range_is_read_as_its_lower_bound_with_a_note_never_silently():
    notes: list[str] = []
    assert read_target("7.5%-8%", "%", "t.csv:3", notes) == {"target": 7.5}
    assert notes == ["t.csv:3: '7.5%-8%' is a range: the target is its lower bound, 7.5; the stated text keeps "
                     "the range"]
    assert read_target("3至5亿元", "亿元", "t.csv:4", notes) == {"target": 3.0} and len(notes) == 2


# ---- what is carried: milestones reached are not owed again; texts still saying last year are flagged ----

def _bundled_next(records):
    from liupi_cli.plan import load_plan
    from liupi_cli.rollover import next_year
    from liupi_cli.workspace import bundled_data_dir

    return next_year(load_plan(bundled_data_dir()), records, [], 2024)


def _done(indicator: str, period: str):
    from liupi_cli.store import Record

    return Record(id=1, indicator=indicator, period=period, baseline=False, value=1.0, entered="done",
                  entered_unit=None, unit=None, recorded_by="t", recorded_at="2023-09-01T10:00:00+08:00",
                  source=None, note=None, supersedes=None)


def test_a_milestone_reached_last_year_is_left_out_and_listed_in_the_review():
    from liupi_cli.rollover import review_md

    nxt = _bundled_next([_done("tianzishan_pumped_storage_start", "2023-08")])
    ids = {i["id"] for i in nxt.targets["indicators"]}
    assert "tianzishan_pumped_storage_start" not in ids and len(ids) == 288  # 289 in 2023, one reached
    assert "tianzishan_pumped_storage_start" not in {r.indicator for r in nxt.fill}
    assert not any("tianzishan_pumped_storage_start" in t.get("indicators", []) for t in nxt.tasks)
    assert nxt.achieved == [("tianzishan_pumped_storage_start", "天子山抽水蓄能项目开工", "2023-08")]
    assert "| tianzishan_pumped_storage_start | 天子山抽水蓄能项目开工 | 2023-08 |" in review_md(nxt, 2024)


def test_one_count_of_targets_to_be_set_the_table_holds_exactly_the_marked_ones():
    nxt = _bundled_next([])
    marked = [i["id"] for i in nxt.targets["indicators"] if i.get("to_be_set")]
    assert [r.indicator for r in nxt.fill] == marked and len(marked) == 233  # 2025-12-31 milestone keeps its date


def test_names_and_stated_texts_saying_last_year_are_flagged_in_the_review():
    from liupi_cli.rollover import review_md

    nxt = _bundled_next([])
    flagged = {(i, name): text for i, name, text in nxt.old_year_texts}
    assert flagged[("random_inspection_plan_2023", "name_zh")] == "2023年度抽查计划的制定"
    assert flagged[("key_livelihood_projects", "stated")] == "高质量完成好2023年“十大重点民生实事”"
    assert "| random_inspection_plan_2023 | name_zh | 2023年度抽查计划的制定 |" in review_md(nxt, 2024)


def test_a_plan_whose_targets_were_never_set_rolls_over_too(tmp_path):
    from liupi_cli.plan import load_plan
    from liupi_cli.plan_import.writer import dump
    from liupi_cli.rollover import next_year

    y2024 = _bundled_next([])
    (tmp_path / "targets.yaml").write_text(dump(y2024.targets), encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(dump({"tasks": y2024.tasks}), encoding="utf-8")
    y2025 = next_year(load_plan(tmp_path), [], [], 2025)  # 2024's targets still to be set: no figure to format
    raised = [i for i in y2025.targets["indicators"] if i["kind"] == "standard_raised"]
    assert raised and all(i["baseline"] is not None and i["to_be_set"] == ["target"] for i in raised)
    assert len(y2025.fill) == len([i for i in y2025.targets["indicators"] if i.get("to_be_set")])


def test_a_new_due_date_read_with_a_doubt_says_so():
    from liupi_cli.fill_table import read_due

    notes: list[str] = []
    assert read_due("2024年6月至8月底", 2024, "f.csv:5", notes) == D(2024, 8, 31)
    assert notes == ["f.csv:5: new_due '2024年6月至8月底': a range from 2024-06-30 to 2024-08-31: "
                     "the end is the deadline"]
