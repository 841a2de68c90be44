"""A file of figures checked row by row (recording.prepare_batch): every refusal exact, worked by hand."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.errors import InputRefused
from liupi_cli.plan import load_plan
from liupi_cli.recording import _yes_no, make_record, prepare_batch
from liupi_cli.store import Record

PLAN = load_plan(MINI)
ROWS = [
    (2, {"id": "new_urban_jobs", "period": "2023-06", "value": "1500"}),
    (3, {"id": "new_urban_jobs", "period": "2023-06", "value": "1600"}),  # the same figure twice
    (4, {"id": "retail_sales_total", "period": "2023-06", "value": "120000", "unit": "万元"}),  # 12亿元
    (5, {"id": "new_urban_jobs", "name": "规模工业增加值", "period": "2023-05", "value": "100"}),  # misaligned
    (6, {"id": "air_quality", "period": "2023-06", "value": "—"}),  # no figure
    (7, {"id": "air_quality", "period": "2023-06", "value": "n/a"}),  # no figure
    (8, {"id": "", "name": "城镇新增就业", "period": "2023-04", "value": "900"}),  # by name alone
    (9, {"id": "gdp_growth", "period": "2023Q2", "value": "7", "baseline": "maybe"}),
    (10, {"id": "major_accidents", "period": "2023-03", "value": "2"}),
    (11, {"id": "major_accidents", "period": "2023-05", "value": "1"}),  # a year-to-date count falls
]
FALL = ("major_accidents 2023-05 is 1, smaller than 2 for 2023-03 (row 10): a year-to-date figure cannot fall "
        "within the year")


def test_every_row_is_judged_and_every_problem_named():
    b = prepare_batch(PLAN, {}, ROWS)
    assert [(c.row, c.record.indicator, c.record.period, c.record.value, c.record.entered) for c in b.changes] == [
        (2, "new_urban_jobs", "2023-06", 1500.0, "1500"), (4, "retail_sales_total", "2023-06", 12.0, "120000万元"),
        (8, "new_urban_jobs", "2023-04", 900.0, "900"), (10, "major_accidents", "2023-03", 2.0, "2"),
        (11, "major_accidents", "2023-05", 1.0, "1")]
    assert [(p.row, p.message, p.hint) for p in b.problems] == [
        (3, "new_urban_jobs 2023-06 is also given in row 2", None),
        (5, "id new_urban_jobs is 城镇新增就业, but 指标 says '规模工业增加值'",
         "correct whichever is wrong (was one column sorted on its own?)"),
        (9, "baseline (去年同期) is 'maybe'",
         "write 是 (or 1) when the row records last year's same-period figure; its value goes in 数值"),
        (11, FALL, "correct 2023-03 first with --revise, or pass --force with a --note saying why"),
    ]
    assert b.no_figure == 2
    assert b.unchanged == []


def test_a_fall_needs_force_and_a_note():
    rows = ROWS[8:]
    forced = prepare_batch(PLAN, {}, rows, force=True)
    assert [(p.row, p.message, p.hint) for p in forced.problems] == [
        (11, FALL, "--force needs a --note saying why the figure fell")]
    noted = prepare_batch(PLAN, {}, rows, force=True, note="a case was reclassified")
    assert noted.problems == [] and [c.record.note for c in noted.changes] == ["a case was reclassified"] * 2
    own = prepare_batch(PLAN, {}, [rows[0], (11, {**rows[1][1], "note": "reclassified"})], force=True)
    assert own.problems == []
    assert prepare_batch(PLAN, {}, rows, note="why").problems != []  # a note alone is not enough


def _rec(iid, period, value, entered, baseline=False, rid=1):
    return Record(id=rid, indicator=iid, period=period, baseline=baseline, value=value, entered=entered,
                  entered_unit=None, unit=None, recorded_by="王科长", recorded_at="2023-07-05T09:00", source=None,
                  note=None, supersedes=None)


def test_against_what_is_recorded():
    current = {("new_urban_jobs", "2023-06", False): _rec("new_urban_jobs", "2023-06", 1500.0, "1,500人"),
               ("accident_count", "2022-06", True): _rec("accident_count", "2022-06", 6.0, "6", True, 2),
               ("major_accidents", "2023-09", False): _rec("major_accidents", "2023-09", 1.0, "1", rid=3)}
    rows = [(2, {"id": "new_urban_jobs", "period": "2023-06", "value": "1500.0000000001"}),  # the same figure
            (3, {"id": "accident_count", "period": "2022-06", "value": "7", "baseline": "是"}),
            (4, {"id": "major_accidents", "period": "2023-06", "value": "2"})]  # more than September's 1
    b = prepare_batch(PLAN, current, rows)
    assert [c.row for c in b.unchanged] == [2] and b.unchanged[0].replaces.id == 1
    assert [(p.row, p.message, p.hint) for p in b.problems] == [
        (3, "accident_count already has last year's 6 for 2022-06, recorded by 王科长 at 2023-07-05T09:00",
         "pass --revise to supersede it (the old value stays in `liupi history`)"),
        (4, "major_accidents 2023-06 is 2, larger than 1 recorded for 2023-09: a year-to-date figure cannot fall "
            "within the year", "correct 2023-09 first with --revise, or pass --force with a --note saying why"),
    ]
    revised = prepare_batch(PLAN, current, rows[1:2], revise=True)
    assert revised.problems == [] and revised.changes[0].replaces.id == 2


@pytest.mark.parametrize("text,meant", [("", False), ("0", False), ("false", False), ("No", False), ("n", False),
                                        ("否", False), ("1", True), ("TRUE", True), ("yes", True), ("y", True),
                                        ("是", True), ("√", True), ("✓", True), (" 是 ", True)])
def test_baseline_column_words(text, meant):
    assert _yes_no(text) is meant


def test_a_baseline_word_not_understood_is_refused():
    with pytest.raises(InputRefused):
        _yes_no("maybe")


def test_a_row_without_a_value_cell_is_no_figure():
    b = prepare_batch(PLAN, {}, [(2, {"id": "new_urban_jobs", "period": "2023-06"})])
    assert (b.no_figure, b.changes, b.problems) == (1, [], [])


def test_force_reaches_every_row():
    rows = [(2, {"id": "industrial_va_growth", "period": "2023-06", "value": "450"})]
    assert [p.row for p in prepare_batch(PLAN, {}, rows).problems] == [2]
    forced = prepare_batch(PLAN, {}, rows, force=True)
    assert forced.problems == [] and forced.changes[0].record.value == 450.0


def test_make_record_refuses_an_implausible_figure_unless_forced():
    from liupi_cli.recording import make_record

    with pytest.raises(InputRefused):
        make_record(PLAN, "industrial_va_growth", "450", "2023-06")
    assert make_record(PLAN, "industrial_va_growth", "450", "2023-06", force=True).value == 450.0


# -- a total far beyond its year's target is a typo until --force ----------------------------------------

@pytest.mark.parametrize("iid,value,refused", [
    ("new_urban_jobs", 9600, False),  # exactly 3 × 3200: accepted
    ("new_urban_jobs", 9601, True),
    ("new_urban_jobs", 14800, True),  # an extra 0 on 1480
    ("retail_sales_total", 102, False),  # 3 × 34亿元
    ("retail_sales_total", 185000, True),  # 185000万元 typed without its unit
])
def test_a_total_more_than_three_times_its_target_needs_force(iid, value, refused):
    plan = load_plan(MINI)
    if refused:
        with pytest.raises(InputRefused) as exc:
            make_record(plan, iid, str(value), "2023-06")
        assert "times the year's target" in exc.value.message and "--force" in exc.value.hint
        assert make_record(plan, iid, str(value), "2023-06", force=True).value == value
    else:
        assert make_record(plan, iid, str(value), "2023-06").value == value


def test_the_hint_names_the_smaller_unit_for_an_amount_in_yi_yuan():
    with pytest.raises(InputRefused) as exc:
        make_record(load_plan(MINI), "retail_sales_total", "185000", "2023-06")
    assert exc.value.hint.startswith("an extra 0, or the figure in 万元 (write it with its unit: 185000万元)?")
    # written with its unit it is 18.5亿元, well within the year's 34亿元
    assert make_record(load_plan(MINI), "retail_sales_total", "185000万元", "2023-06").value == pytest.approx(18.5)
