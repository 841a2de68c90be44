"""Recording as a county statistics office meets it: `--dry-run`, the year's period, the settlement hint,
`export`'s note, `history` of a mistyped id, a period typed as a number, `task set` status and percent."""

import json

import pytest


def _history(run, item):
    result = run("history", item, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_dry_run_of_one_value_writes_nothing(run):
    run("update", "new_urban_jobs", "1200", "--period", "2023-05")
    result = run("update", "new_urban_jobs", "1500", "--period", "2023-06", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "new_urban_jobs\t2023-06\t1500\n"
    assert "dry run: 1 figure would be recorded; nothing was written" in result.stderr
    assert [r["period"] for r in _history(run, "new_urban_jobs")] == ["2023-05"]


def test_dry_run_of_a_revision_shows_old_and_new_and_keeps_the_old(run):
    run("update", "new_urban_jobs", "1200", "--period", "2023-05")
    result = run("update", "new_urban_jobs", "1250", "--period", "2023-05", "--revise", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "new_urban_jobs\t2023-05\t1200 -> 1250\n"
    assert "1 figure would be revised" in result.stderr
    assert [r["value"] for r in _history(run, "new_urban_jobs")] == [1200]


def test_dry_run_of_one_value_still_refuses_what_a_real_run_would(run):
    run("update", "new_urban_jobs", "1200", "--period", "2023-05")
    result = run("update", "new_urban_jobs", "1100", "--period", "2023-06", "--dry-run")
    assert result.exit_code == 1
    assert "cannot fall within the year" in result.stderr


def test_dry_run_before_any_store_creates_none(run, mini):
    result = run("update", "new_urban_jobs", "1500", "--period", "2023-06", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not (mini / "records.db").exists()


def test_the_year_is_december_for_a_monthly_figure_as_it_is_q4_for_a_quarterly_one():
    from liupi_cli.models import Frequency
    from liupi_cli.periods import parse_period, period_for

    assert period_for(Frequency.monthly, parse_period("2023"), 2023).key == "2023-12"
    assert period_for(Frequency.monthly, parse_period("全年", 2023), 2023).key == "2023-12"
    assert period_for(Frequency.quarterly, parse_period("2023"), 2023).key == "2023Q4"


def test_the_settlement_hint_runs_template_and_update_for_the_year(run, mini, tmp_path):
    """`report --year` on an empty store says: `liupi update ID VALUE --period 2023` or
    `liupi template --period 2023 --out sheet.xlsx`; both must run for monthly indicators too."""
    hint = run("report", "--year", "2023")
    assert "`liupi template --period 2023 --out sheet.xlsx`" in hint.stdout
    out = tmp_path / "sheet.csv"
    result = run("template", "--period", "2023", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    periods = {line.split(",")[-1]: line.split(",")[3] for line in rows[1:]}
    assert periods["new_urban_jobs"] == "2023年1-12月"
    assert periods["gdp_growth"] == "2023年四季度"
    result = run("update", "new_urban_jobs", "3300", "--period", "2023")
    assert result.exit_code == 0, result.stderr
    assert [r["period"] for r in _history(run, "new_urban_jobs")] == ["2023-12"]


def test_export_csv_says_the_task_updates_it_does_not_hold(run):
    run("update", "new_urban_jobs", "1500", "--period", "2023-06")
    run("task", "set", "t1", "--status", "in_progress", "--date", "2023-06-30")
    result = run("export", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2  # heading and the one figure
    assert result.stderr == ("1 record(s); 1 task update(s) not in the CSV: `liupi export --format json` or "
                             "`--out FILE.xlsx` holds them too\n")
    both = json.loads(run("export", "--format", "json").stdout)
    assert (len(both["records"]), len(both["task_updates"])) == (1, 1)


def test_history_of_a_mistyped_task_id_suggests_the_task(run):
    result = run("history", "t1x")
    assert result.exit_code == 1
    assert result.stderr == "error: unknown indicator or task 't1x'\nhint: did you mean t1?\n"
    indicator = run("history", "gdp_growht")
    assert indicator.stderr == "error: unknown indicator 'gdp_growht'\nhint: did you mean gdp_growth?\n"
    zh = run("history", "t1x", "--lang", "zh")  # --lang is global: accepted after every command
    assert (zh.exit_code, zh.stderr) == (1, "错误：未知指标或任务“t1x”\n提示：是否要找：t1？\n")


def test_history_of_a_mistyped_task_id_in_chinese(run, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    assert run("history", "t1x").stderr == "错误：未知指标或任务“t1x”\n提示：是否要找：t1？\n"


@pytest.mark.parametrize("number,message", [
    (2023.7, "B2: the period is the number 2023.7 (a number cell loses the month's zeros): type the period as "
             "text, e.g. 2023-07"),
    (2023.1, "B2: the period is the number 2023.1: is it 2023.10 (October) or 2023.1 (January)? type the period "
             "as text, e.g. 2023-10"),
])
def test_a_period_typed_as_a_number_is_explained_with_the_months_it_could_be(run, tmp_path, number, message):
    """2023.7 was explained as 'is it 2023.70 (October) or January?'."""
    from .test_spreadsheets import HEAD, _xlsx

    path = _xlsx(tmp_path / "p.xlsx", [HEAD, ["new_urban_jobs", number, 2800, "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert f"error: {path}: row 2: {message}\n" in result.stderr


@pytest.mark.parametrize("status,percent,message", [
    ("done", "50", "a task that is done is 100% done, not 50%"),
    ("not_started", "30", "a task not started cannot be 30% done"),
])
def test_task_set_refuses_a_status_its_percent_contradicts(run, status, percent, message):
    result = run("task", "set", "t1", "--status", status, "--percent", percent, "--date", "2023-06-30")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {message}"
    assert json.loads(run("history", "t1", "--format", "json").stdout) == []


@pytest.mark.parametrize("status,percent", [("done", "100"), ("not_started", "0"), ("in_progress", "0"),
                                            ("blocked", "40")])
def test_task_set_takes_a_status_its_percent_agrees_with(run, status, percent):
    assert run("task", "set", "t1", "--status", status, "--percent", percent, "--date", "2023-06-30").exit_code == 0
