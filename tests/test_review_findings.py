"""Findings of a walk through the README as a county statistics office would do it, each pinned by a test."""

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


@pytest.mark.parametrize("command", [["missing", "--month", "2023-06", "--unit", "县人设局"],
                                     ["unit", "县人设局", "--month", "2023-06"]])
def test_missing_and_unit_speak_chinese_with_lang_zh(run, command):
    result = run(*command, "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr == "错误：未知单位“县人设局”\n提示：是否要找：县人社局？\n"


@pytest.mark.parametrize("command,line,heading", [
    (["missing", "--month", "2023-06", "--unit", "rsj"], "2023-06：未报指标数据", "# 催报清单"),
    (["unit", "rsj", "--month", "2023-06"], "县人社局 2023-06：指标", "# 县人社局"),
])
def test_missing_and_unit_follow_liupi_lang_like_report(run, monkeypatch, tmp_path, command, line, heading):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    out = tmp_path / "owed.md"
    result = run(*command, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"已写入 {out}\n")
    assert line in result.stderr and "figure(s)" not in result.stderr and "indicator(s)" not in result.stderr
    assert out.read_text(encoding="utf-8").startswith(heading)
    english = run(*command, "--lang", "en")
    assert "错误" not in english.stderr and "已写入" not in english.stderr and "：" not in english.stderr


BOMB = """a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
units: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


@pytest.mark.parametrize("name,text,message", [
    ("targets.yaml", "plan:\n  title_zh: [unclosed\n  year: 2024\n",
     "targets.yaml:3: YAML syntax error: did not find expected ',' or ']'"),
    ("targets.yaml", BOMB, "targets.yaml:1: aliases (*name) expand to too many values"),
    ("tasks.yaml", "tasks:\n- id: a\n  deadline: !!python/object:os.system x\n", "tasks.yaml:3:"),
    ("tasks.yaml", "- just\n- a list\n", "tasks.yaml: not a tasks file"),
])
def test_plan_import_reads_the_plan_already_in_the_folder_with_the_plan_guards(tmp_path, name, text, message):
    """The folder an import writes into may hold a broken or hostile plan: one located line, exit 3, nothing
    written, and an alias bomb refused at once rather than expanded."""
    from conftest import REPO, Run

    out = tmp_path / "plan"
    out.mkdir()
    (out / name).write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = Run(None)("plan", "import", str(REPO / "examples" / "task-list-sample.docx"), "--out", str(out),
                       "--year", "2024", "--plan-id", "s-2024")
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr and len(result.stderr.splitlines()) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


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


def test_summary_fail_on_says_what_it_found(run, tmp_path):
    """A cron log shows the `wrote` lines; an exit 1 must say which condition hit, and how much."""
    run("update", "gdp_growth", "5", "--period", "2023Q2")
    result = run("summary", "--month", "2023-06", "--out-dir", tmp_path / "c", "--formats", "md",
                 "--fail-on", "red,overdue")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "2023-06: --fail-on red,overdue: 1 red, 1 task(s) overdue (exit 1)"
    quiet = run("summary", "--quarter", "2023Q2", "--out-dir", tmp_path / "c", "--formats", "md",
                "--fail-on", "missing")  # the 催报 list is the 月通报's: a 季总结 owes nothing
    assert quiet.exit_code == 0 and "--fail-on" not in quiet.stderr


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


def test_plan_import_review_never_rounds_a_refused_confidence_up_to_the_adopting_one(tmp_path):
    """0.8 and up is added; a 0.75 candidate printed as 'confidence 0.8 …; not added' contradicts that."""
    from conftest import Run

    src = tmp_path / "list.csv"
    src.write_text("序号,工作任务,牵头单位,完成时限\n1,农村自来水普及率不低于90%,县水利局,2023年12月底前\n"
                   "2,城镇新增就业2500人,县人社局,2023年12月底前\n", encoding="utf-8")
    result = Run(None)("plan", "import", str(src), "--out", str(tmp_path / "p"), "--year", "2023",
                       "--plan-id", "p-2023", "--dry-run")
    assert result.exit_code == 0, result.stderr
    review = result.stdout.replace("\\_", "_")
    assert "level at_least 90% (confidence 0.75); not added" in review
    assert "cumulative at_least 2500人 (confidence 0.8; frequency set to annual)" in review


@pytest.mark.parametrize("number,message", [
    (2023.7, "B2: the period is the number 2023.7 (a number cell loses the month's zeros): type the period as "
             "text, e.g. 2023-07"),
    (2023.1, "B2: the period is the number 2023.1: is it 2023.10 (October) or 2023.1 (January)? type the period "
             "as text, e.g. 2023-10"),
])
def test_a_period_typed_as_a_number_is_explained_with_the_months_it_could_be(run, tmp_path, number, message):
    """2023.7 was explained as 'is it 2023.70 (October) or January?'."""
    from test_spreadsheets import HEAD, _xlsx

    path = _xlsx(tmp_path / "p.xlsx", [HEAD, ["new_urban_jobs", number, 2800, "", "", ""]])
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert f"error: {path}: row 2: {message}\n" in result.stderr


@pytest.mark.parametrize("written,detail", [("2023-06-31", "'2023-06-31' is not (day is out of range for month)"),
                                            ("6月底", "'6月底' is not\n")])
def test_check_names_the_impossible_deadline(run, mini, written, detail):
    tasks = mini / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("deadline: 2023-08-31", f"deadline: {written}", 1), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert (f"tasks.yaml:9: tasks[0].deadline: deadline is a date (2023-12-31), 'ongoing', or empty; {detail}"
            in result.stdout)


@pytest.mark.parametrize("encoding,sep", [("gbk", ","), ("utf-16", "\t")])
def test_plan_next_fill_reads_the_table_as_chinese_excel_saves_it(run, mini, tmp_path, encoding, sep):
    """targets-to-fill.csv filled in Excel/WPS comes back GBK ("CSV (逗号分隔)") or UTF-16 with tabs ("Unicode
    text"), with the typed due date 2024-08-31 turned into 2024/8/31; it was refused as not UTF-8."""
    import csv
    import io

    import yaml

    out = tmp_path / "p24"
    assert run("plan", "next", "--year", "2024", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((out / "targets-to-fill.csv").read_text(encoding="utf-8-sig"))))
    for row in rows:
        if row["indicator"] == "gdp_growth":
            row["new_target"] = "7.5"
        if row["indicator"] == "power_project_start":
            row["new_due"] = "2024/8/31"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    filled = tmp_path / "filled.csv"
    filled.write_bytes(buf.getvalue().encode(encoding))
    result = run("plan", "next", "--year", "2024", "--out", str(out), "--fill", str(filled))
    assert result.exit_code in (0, 1), result.stderr  # 1: other targets are still to fill
    assert "set 2 new target(s)" in result.stderr
    ind = {i["id"]: i for i in yaml.safe_load((out / "data" / "targets.yaml").read_text(encoding="utf-8"))["indicators"]}
    assert ind["gdp_growth"]["target"] == 7.5
    assert str(ind["power_project_start"]["due"]) == "2024-08-31"


def test_plan_next_fill_of_a_missing_file_says_so(run, mini, tmp_path):
    out = tmp_path / "p24"
    run("plan", "next", "--year", "2024", "--out", str(out))
    result = run("plan", "next", "--year", "2024", "--out", str(out), "--fill", str(tmp_path / "nosuch.csv"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tmp_path / 'nosuch.csv'}: cannot read: No such file or directory\n"
                             f"hint: fill the table `liupi plan next` wrote: {out}/targets-to-fill.csv\n")


@pytest.mark.parametrize("unit", ["fgj", "rsj", "yjj"])
def test_targets_unit_lists_every_indicator_the_report_and_unit_page_give_that_unit(run, unit):
    """`targets --unit fgj` left out GDP, whose lead is the battle's (县发改局*), while `report --unit fgj` and
    `unit fgj` show it as fgj's."""
    listed = {r["id"] for r in json.loads(run("targets", "--unit", unit, "-f", "json").stdout)}
    page = json.loads(run("unit", unit, "--month", "2023-06", "-f", "json").stdout)
    owned = {r["row"]["id"] for r in page["indicators"]}
    report = json.loads(run("report", "--month", "2023-06", "--unit", unit, "-f", "json").stdout)
    assert owned == {r["id"] for r in report["rows"]}
    assert owned <= listed
    if unit == "fgj":
        assert {"gdp_growth", "county_rank", "rd_spending_growth"} <= listed


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
