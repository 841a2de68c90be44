"""The decomposition table read cell by cell (headings in either language and any letter case, a county by id or
name, an empty cell no target, a percent-formatted Excel cell read as typed, a missing unit or city column taken
from the plan), each refusal one line at file:row with its hint, and each check of its parts said precisely."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from liupi_cli.city.decomposition import Decomposition, Part, check_decomposition, read_decomposition
from liupi_cli.errors import InputRefused

from .citykit import city_plan, config


def _csv(tmp_path, rows, name="decomposition.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _read(tmp_path, path, counties="ab"):
    return read_decomposition(path, config([], counties=counties), city_plan(tmp_path), label="decomposition.csv")


REFUSED = [
    ([["指标", "单位", "c县"], ["jobs", "人", "1"]],
     "decomposition.csv:1: column 'c县' is neither a heading nor one of the city's counties",
     "counties: a (a县), b (b县)"),
    ([["单位", "a"], ["人", "1"]], "decomposition.csv:1: no indicator column",
     "name the first column indicator (指标)"),
    ([["指标", "a"], ["jobs", "1"], ["", "2"]], "decomposition.csv:3: unknown indicator ''", None),
    ([["指标", "a"], ["nojobs", "1"]], "decomposition.csv:2: unknown indicator 'nojobs'", None),
    ([["指标", "a", "b"], ["jobs", "1", "很多"]], "decomposition.csv:2: b: cannot read value '很多'", None),
    ([["指标", "全市"], ["jobs", "很多"]], "decomposition.csv:2: city: cannot read value '很多'", None),
]


@pytest.mark.parametrize(("rows", "message", "hint"), REFUSED)
def test_a_bad_table_is_one_line_at_its_row_with_a_hint(tmp_path, rows, message, hint):
    with pytest.raises(InputRefused) as exc:
        _read(tmp_path, _csv(tmp_path, rows))
    assert exc.value.message.startswith(message)
    assert exc.value.hint if hint is None else exc.value.hint == hint


def test_headings_in_any_case_and_counties_by_id_or_name(tmp_path):
    path = _csv(tmp_path, [["", "Indicator", "County_Indicator", "UNIT", "全市目标", "a", "b县"],
                           ["", "jobs", "county_jobs", "", "", "1,000", ""],
                           ["", "", "", "", "", "", ""],
                           ["", "sales", "", "亿元", "500", "300"]])
    d = _read(tmp_path, path)
    assert d.file == "decomposition.csv"
    jobs, sales = d.parts
    assert (jobs.row, jobs.indicator, jobs.county_indicator, jobs.unit, jobs.city_target) == \
        (2, "jobs", "county_jobs", "人", None)
    assert jobs.targets == {"a": 1000, "b": None}
    assert (sales.indicator, sales.county_indicator, sales.unit, sales.city_target) == ("sales", "sales", "亿元", 500)
    assert sales.targets == {"a": 300, "b": None}  # a row shorter than the headings: no target
    assert d.part("sales") is sales and d.part("growth") is None


def test_without_a_city_column_the_city_target_is_the_plans(tmp_path):
    d = _read(tmp_path, _csv(tmp_path, [["指标", "a", "b"], ["jobs", "800", "800"], ["growth", "8%", "9"]]))
    assert [(p.city_target, p.unit) for p in d.parts] == [(1600, "人"), (8, "%")]
    assert d.part("growth").targets == {"a": 8, "b": 9}


def test_an_excel_table_reads_a_percent_cell_as_typed_and_a_plain_number_as_it_is(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "单位", "全市", "a县", "b县"])
    ws.append(["growth", "%", 0.08, 0.085, 9])
    ws.append(["jobs", "人", 1600, 1000, 600])
    for cell in ws[2][2:4]:
        cell.number_format = "0.0%"
    path = tmp_path / "decomposition.xlsx"
    wb.save(path)
    d = _read(tmp_path, path)
    assert d.part("growth").city_target == pytest.approx(8)
    assert d.part("growth").targets == pytest.approx({"a": 8.5, "b": 9})
    assert d.part("jobs").targets == {"a": 1000, "b": 600} and d.part("jobs").city_target == 1600


def test_a_table_of_another_kind_or_a_damaged_workbook_is_refused_saying_how_to_save_it(tmp_path):
    txt = tmp_path / "decomposition.txt"
    txt.write_text("指标,a\njobs,1\n", encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        read_decomposition(txt, config([], counties="ab"), city_plan(tmp_path))
    assert (exc.value.message, exc.value.hint) == (f"{txt}: a decomposition table is .xlsx or .csv",
                                                   "save it as .xlsx (Excel 工作簿) or CSV")
    bad = tmp_path / "decomposition.xlsx"
    bad.write_bytes(b"this is no workbook")
    with pytest.raises(InputRefused) as exc:
        read_decomposition(bad, config([], counties="ab"), city_plan(tmp_path))
    assert exc.value.message.startswith(f"{bad}: not a readable .xlsx workbook (")
    assert exc.value.hint == "open it in Excel or WPS and save it as .xlsx"
    with pytest.raises(InputRefused) as exc:
        read_decomposition(tmp_path / "gone.csv", config([], counties="ab"), city_plan(tmp_path))
    assert exc.value.message == f"{tmp_path / 'gone.csv'}: file not found"  # the path itself when no label


def _part(indicator, unit, city, targets, row=2):
    return Part(row=row, indicator=indicator, county_indicator=indicator, unit=unit, city_target=city, targets=targets)


def _checked(tmp_path, *parts):
    cfg = config([], counties="ab")
    return [(p.line, p.path, p.severity, p.message, p.hint)
            for p in check_decomposition(Decomposition(file="d.csv", parts=list(parts)), city_plan(tmp_path),
                                         {"a": None, "b": None}, cfg)]


def test_the_parts_of_an_amount_against_the_city_target(tmp_path):
    hint = "the parts of an amount or a count add up to at least the city's target"
    assert _checked(tmp_path, _part("jobs", "人", 1600, {"a": 1000, "b": 600})) == []
    assert _checked(tmp_path, _part("jobs", "人", 1600, {"a": 1000, "b": 500.5}, row=5)) == [
        (5, "jobs", "error", "the counties' targets add up to 1500.5, short of the city target 1600 by 99.5", hint)]
    assert _checked(tmp_path, _part("jobs", "人", 1600, {"a": 1000, "b": 700})) == [
        (2, "jobs", "warning", "the counties' targets add up to 1700, over the city target 1600 by 100", hint)]
    assert _checked(tmp_path, _part("jobs", "人", 1600, {"a": 1000, "b": None})) == [
        (2, "jobs × b", "warning", "no target for this county", None),
        (2, "jobs", "warning", "1 county target(s) missing: the parts cannot be checked against the city target 1600",
         None)]
    assert _checked(tmp_path, _part("jobs", "人", None, {"a": 1000, "b": 1})) == []


def test_parts_equal_to_the_city_target_within_rounding_are_not_said(tmp_path):
    assert _checked(tmp_path, _part("sales", "亿元", 0.3, {"a": 0.1, "b": 0.2})) == []  # 0.1 + 0.2 ≠ 0.3 exactly
    assert _checked(tmp_path, _part("sales", "亿元", 0.3, {"a": 0.1, "b": 0.2001}))[0][2] == "warning"


def test_a_rate_is_not_added_up_and_a_unit_other_than_the_plans_is_an_error(tmp_path):
    assert _checked(tmp_path, _part("growth", "%", 8, {"a": 1, "b": 1})) == []
    assert _checked(tmp_path, _part("jobs", "万人", 0.16, {"a": 0.1, "b": 0.06})) == [
        (2, "jobs", "error", "unit 万人 differs from the city plan's 人",
         "the table and targets.yaml must measure the indicator in the same unit")]
