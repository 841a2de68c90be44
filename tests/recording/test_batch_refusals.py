"""A file of figures checked row by row against the plan and the figures already recorded: each refused row says
why and what to do (and which option would let it through); blank rows are counted as no figure, not as 0."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from liupi_cli.errors import InputRefused
from liupi_cli.plan import check_plan
from liupi_cli.recording import Given, prepare_batch
from liupi_cli.store import Record


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


PLAN, _ = check_plan(FIXTURES / "mini")


def rec(i, iid, period, value, baseline=False):
    return Record(id=i, indicator=iid, period=period, value=value, entered=f"{value:g}", entered_unit=None,
                  unit=None, baseline=baseline, source=None, note=None, recorded_by="张三",
                  recorded_at="2023-07-01T09:00", supersedes=None)


CURRENT = {("major_accidents", "2023-03", False): rec(1, "major_accidents", "2023-03", 1),
           ("new_urban_jobs", "2023-06", False): rec(2, "new_urban_jobs", "2023-06", 1500),
           ("major_accidents", "2023-09", False): rec(3, "major_accidents", "2023-09", 2),
           ("new_urban_jobs", "2022-06", True): rec(4, "new_urban_jobs", "2022-06", 1400, baseline=True)}
FALL = "a year-to-date figure cannot fall within the year"


def _problems(rows, **kw):
    batch = prepare_batch(PLAN, CURRENT, list(enumerate(rows, start=2)), **kw)
    return batch, [(p.row, p.message, p.hint, p.needs) for p in batch.problems]


@pytest.mark.parametrize("row,problem", [
    ({"id": "new_urban_jobs", "value": "1600", "period": "2023-06"},
     ("new_urban_jobs already has 1500 for 2023-06, recorded by 张三 at 2023-07-01T09:00",
      "pass --revise to supersede it (the old value stays in `liupi history`)", "revise")),
    ({"id": "new_urban_jobs", "value": "1450", "period": "2022-06", "baseline": "是"},
     ("new_urban_jobs already has last year's 1400 for 2022-06, recorded by 张三 at 2023-07-01T09:00",
      "pass --revise to supersede it (the old value stays in `liupi history`)", "revise")),
    ({"id": "major_accidents", "value": "0", "period": "2023-06"},
     (f"major_accidents 2023-06 is 0, smaller than 1 for 2023-03 (recorded): {FALL}",
      "correct 2023-03 first with --revise, or pass --force with a --note saying why", "force")),
    ({"id": "major_accidents", "value": "3", "period": "2023-06"},
     (f"major_accidents 2023-06 is 3, larger than 2 recorded for 2023-09: {FALL}",
      "correct 2023-09 first with --revise, or pass --force with a --note saying why", "force")),
    ({"id": "gdp_growth", "name": "城镇新增就业", "value": "5", "period": "2023Q2"},
     ("id gdp_growth is 地区生产总值, but 指标 says '城镇新增就业'",
      "correct whichever is wrong (was one column sorted on its own?)", None)),
    ({"id": "gdp_growth", "value": "5", "period": ""},
     ("no period: the row's 期间 cell is empty and --period was not given",
      "fill the 期间 column, or give the month of the whole file, e.g. --period 2023-06", None)),
    ({"id": "gdp_growth", "value": "5", "period": "2023Q2", "baseline": "maybe"},
     ("baseline (去年同期) is 'maybe'",
      "write 是 (or 1) when the row records last year's same-period figure; its value goes in 数值", None)),
], ids=plain_id)
def test_a_refused_row_says_why_and_what_to_do(row, problem):
    batch, problems = _problems([row])
    assert problems == [(2, *problem)]
    assert batch.changes == [] or problem[2] == "force"  # a fall is a problem of the batch: none of it is written


def test_the_same_figure_again_is_unchanged_not_refused():
    batch, problems = _problems([{"id": "new_urban_jobs", "value": "1,500", "period": "2023-06"}])
    assert problems == [] and batch.changes == [] and [c.row for c in batch.unchanged] == [2]
    assert batch.unchanged[0].replaces.id == 2


def test_a_figure_given_twice_in_one_file_names_the_first_row():
    _, problems = _problems([{"id": "air_quality", "value": "88", "unit": "%", "period": "2023-06"},
                             {"name": "空气质量优良率", "value": "89", "period": "1-6月"}])
    assert problems == [(3, "air_quality 2023-06 is also given in row 2", None, None)]


def test_a_fall_is_measured_against_the_latest_earlier_figure_in_the_file_too():
    _, problems = _problems([{"id": "major_accidents", "value": "0", "period": "2023-06"},
                             {"id": "major_accidents", "value": "1", "period": "2023-05"}])
    assert problems == [(2, f"major_accidents 2023-06 is 0, smaller than 1 for 2023-05 (row 3): {FALL}",
                         "correct 2023-05 first with --revise, or pass --force with a --note saying why", "force")]


def test_force_lets_a_fall_through_only_with_a_note():
    batch, problems = _problems([{"id": "major_accidents", "value": "0", "period": "2023-06", "note": "核减一起"}],
                                force=True)
    assert problems == [] and [c.record.note for c in batch.changes] == ["核减一起"]
    _, problems = _problems([{"id": "major_accidents", "value": "0", "period": "2023-06"}], force=True)
    assert [(p[2], p[3]) for p in problems] == [("--force needs a --note saying why the figure fell", "force")]
    batch, problems = _problems([{"id": "major_accidents", "value": "0", "period": "2023-06"}],
                                given=Given(note="核减一起"), force=True)
    assert problems == [] and len(batch.changes) == 1


def test_revise_supersedes_the_current_figure():
    batch, problems = _problems([{"id": "new_urban_jobs", "value": "1600", "period": "2023-06"}], revise=True)
    assert problems == [] and [(c.record.value, c.replaces.value) for c in batch.changes] == [(1600.0, 1500.0)]


@pytest.mark.parametrize("blank", ["", "-", "--", "—", "——", "–", "/", "N/A", " ", "－"], ids=plain_id)
def test_a_row_left_blank_or_marked_no_figure_is_counted_not_recorded(blank):
    batch, problems = _problems([{"id": "air_quality", "value": blank, "period": "2023-06"},
                                 {"id": "gdp_growth", "value": "6.1", "period": "2023Q2"}])
    assert problems == [] and batch.no_figure == 1 and [c.record.indicator for c in batch.changes] == ["gdp_growth"]


def test_what_the_user_gave_fills_the_cells_a_row_leaves_empty():
    batch, problems = _problems([{"id": "gdp_growth", "value": "6.1"},
                                 {"id": "gdp_growth", "value": "5.9", "period": "2023Q1", "source": "统计局"}],
                                given=Given(period="2023Q2", source="发改局", note="季报"))
    assert problems == []
    assert [(c.record.period, c.record.source, c.record.note) for c in batch.changes] == [
        ("2023Q2", "发改局", "季报"), ("2023Q1", "统计局", "季报")]


@pytest.mark.parametrize("cell,baseline", [("是", True), ("1", True), ("√", True), ("Y", True), ("否", False),
                                           ("", False), ("0", False), ("false", False)], ids=plain_id)
def test_a_last_year_cell_says_yes_or_no(cell, baseline):
    batch, problems = _problems([{"id": "air_quality", "value": "88", "period": "6月", "baseline": cell}])
    assert problems == []
    assert [(c.record.baseline, c.record.period) for c in batch.changes] == [
        (baseline, "2022-06" if baseline else "2023-06")]


def test_baseline_given_for_a_file_with_its_own_last_year_column_is_refused():
    with pytest.raises(InputRefused) as exc:
        _problems([{"id": "new_urban_jobs", "value": "1400", "period": "2022-06", "baseline": "是"}],
                  given=Given(baseline=True))
    assert (exc.value.message, exc.value.hint) == (
        "--baseline is for a file without a 去年同期 column; this file has one",
        "write 是 in the 去年同期 column of last year's rows, or leave out --baseline")


def test_a_unit_in_its_own_column_is_the_figure_s_unit():
    batch, problems = _problems([{"id": "new_urban_jobs", "value": "0.16", "unit": "万人", "period": "2023-07"},
                                 {"id": "air_quality", "value": "88％", "unit": "%", "period": "2023-07"}])
    assert problems == []
    assert [(c.record.value, c.record.entered, c.record.entered_unit) for c in batch.changes] == [
        (1600.0, "0.16万人", "万人"), (88.0, "88％", "%")]
