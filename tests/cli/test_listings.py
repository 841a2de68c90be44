"""`liupi targets` / `liupi tasks`: filters and the table, csv and json formats."""

import csv
import io
import json

import pytest


def test_targets_json_has_the_documented_fields(run):
    result = run("targets", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 13
    required = {"id", "battle", "name_zh", "name_en", "kind", "comparator", "target", "unit", "frequency",
                "source", "alternatives"}
    assert required <= set(rows[0])
    iva = next(r for r in rows if r["id"] == "industrial_va_growth")
    assert iva["alternatives"][0]["target"] == 10


@pytest.mark.parametrize("args,ids", [
    (["--battle", "livelihood", "--kind", "cumulative"], ["new_urban_jobs"]),
    (["--battle", "2", "--kind", "ceiling"], ["urban_unemployment"]),
    (["--unit", "县应急管理局"], ["major_accidents", "accident_count", "accident_deaths"]),
    (["--unit", "人社局", "--kind", "cumulative"], ["new_urban_jobs"]),
])
def test_targets_filters(run, args, ids):
    result = run("targets", *args, "-f", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ids


def test_tasks_filter_by_unit_includes_responsible_units(run):
    result = run("tasks", "--unit", "rsj", "-f", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["t1", "t2"]
    row = json.loads(run("tasks", "-f", "json").stdout)[2]
    assert {"id", "battle", "title_zh", "lead_units", "responsible_units", "deadline", "category",
            "indicators"} <= set(row)
    assert row["deadline"] == "ongoing"


def test_csv_is_tidy(run):
    result = run("tasks", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["t1", "t2", "t3", "t4"]
    assert rows[0]["deadline"] == "2023-08-31"
    assert rows[0]["indicators"] == "power_project_start"


def test_table_is_plain_when_piped(run):
    result = run("targets", "--kind", "cumulative")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "城镇新增就业" in result.stdout and "3200" in result.stdout
    assert "2 indicator(s)" in result.stderr


def test_out_file_format_follows_extension(run, tmp_path):
    out = tmp_path / "t.json"
    result = run("targets", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 13


@pytest.mark.parametrize("args,message,code", [
    (["targets", "--battle", "grwoth"], "unknown battle 'grwoth'", 1),
    (["targets", "--unit", "县发改"], "unknown unit '县发改'", 1),
    (["targets", "--kind", "speed"], "unknown kind 'speed'", 1),
    (["targets", "--format", "xml"], "xml", 2),
    (["targets", "--out", "x.pdf"], "cannot tell the format", 2),  # as --format pdf: usage
])
def test_bad_filters_get_one_line(run, args, message, code):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_json_errors_are_one_json_document(run):
    result = run("targets", "--battle", "nope", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["message"] == "unknown battle 'nope'"


@pytest.mark.parametrize("args,hint", [
    (["targets", "--battle", "xx"], "one of growth, livelihood"),
    (["targets", "--unit", "县XX局"], "units are listed under `units:` in targets.yaml"),
])
def test_unknown_names_hint_at_real_places(run, args, hint):
    result = run(*args)
    assert result.exit_code == 1
    assert hint in result.stderr
    assert "`liupi battles`" not in result.stderr and "`liupi units`" not in result.stderr


@pytest.mark.parametrize("args,heading", [
    (["tasks", "--overdue", "--as-of", "2023-01-15"], "days_overdue"),
    (["tasks", "--unit", "县妇联", "--status", "done"], "deadline"),
    (["targets", "--battle", "risk", "--kind", "ranking"], "lead_unit_zh"),
])
def test_an_empty_listing_is_its_heading_not_a_traceback(run_shipped, args, heading):
    result = run_shipped(*args)
    assert result.exit_code == 0, result.stderr
    assert heading in result.stdout.splitlines()[0] and len(result.stdout.splitlines()) == 2
    assert "0 " in result.stderr and "Traceback" not in result.stderr
