"""`liupi update`, `template`, `task set`, `history`, `export`: every path and every refusal."""

import json

import pandas as pd
import pytest

from liupi_cli.cli import record_cmds


def _history(run, item):
    result = run("history", item, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("ind,value,period,stored,stored_period", [
    ("new_urban_jobs", "1500", "2023-06", 1500, "2023-06"),
    ("城镇新增就业", "1,500人", "2023-06", 1500, "2023-06"),
    ("gdp_growth", "4.5%", "2023-06", 4.5, "2023Q2"),
    ("gdp_growth", "下降0.5%", "2023Q1", -0.5, "2023Q1"),
    ("gdp_growth", "-0.5", "2023Q3", -0.5, "2023Q3"),
    ("industrial_va_growth", "增长3倍", "2023-01/02", 300, "2023-02"),
    ("retail_sales_total", "2616611万元", "2023-06", 261.6611, "2023-06"),
    ("retail_sales_total", "17.5亿元", "2023-06", 17.5, "2023-06"),
    ("rd_spending_growth", "12", "2023", 12, "2023"),
    ("power_project_start", "done", "2023-08", 1, "2023-08"),
])
def test_values_in_every_documented_form(run, ind, value, period, stored, stored_period):
    result = run("update", ind, value, "--period", period, "--force")
    assert result.exit_code == 0, result.stderr
    (record,) = _history(run, ind)
    assert record["value"] == pytest.approx(stored)
    assert record["period"] == stored_period
    assert record["entered"] == value


def test_both_entered_and_converted_values_are_kept(run):
    run("update", "retail_sales_total", "170000万元", "-p", "2023-06", "--source", "县统计局 月报", "--by", "lin")
    (r,) = _history(run, "retail_sales_total")
    assert (r["entered"], r["entered_unit"], r["value"], r["unit"]) == ("170000万元", "万元", 17, "亿元")
    assert (r["source"], r["recorded_by"]) == ("县统计局 月报", "lin")


@pytest.mark.parametrize("args,message", [
    (["gdp_growth", "nan", "-p", "2023Q1"], "not a finite number"),
    (["gdp_growth", "inf", "-p", "2023Q1"], "not a finite number"),
    (["gdp_growth", "", "-p", "2023Q1"], "empty value"),
    (["gdp_growth", "abc", "-p", "2023Q1"], "cannot read value 'abc'"),
    (["gdp_growth", "450", "-p", "2023Q1"], "a growth of 450% is outside"),
    (["gdp_growth", "-120", "-p", "2023Q1"], "impossible"),
    (["gdp_growth", "4.5", "-p", "2023-05"], "valid periods: 2023Q1, 2023Q2, 2023Q3, 2023Q4"),
    (["gdp_growth", "4.5", "-p", "2024Q1"], "outside the plan year 2023"),
    (["rd_spending_growth", "13", "-p", "2023-06"], "valid periods: 2023"),
    (["new_urban_jobs", "-5", "-p", "2023-06"], "cannot be below 0"),
    (["new_urban_jobs", "5", "-p", "2023-01"], "published together with February"),
    (["new_urban_jobs", "5", "-p", "June"], "cannot read period 'June'"),
    (["retail_sales_total", "5人", "-p", "2023-06"], "is in 人, but this indicator is measured in 亿元"),
    (["air_quality", "120", "-p", "2023-06"], "is over 100%"),
    (["gpd_growth", "4", "-p", "2023Q1"], "did you mean gdp_growth"),
    (["accident_count", "3", "-p", "2023-06", "--baseline"], "outside last year's same period"),
])
def test_refusals_are_one_line_and_store_nothing(run, args, message):
    result = run("update", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run("export", "--format", "json").stdout)["records"] == []


def test_period_and_value_are_required(run):
    assert "--period is required" in run("update", "gdp_growth", "4").stderr
    assert "a value is missing" in run("update", "gdp_growth", "-p", "2023Q1").stderr
    assert run("update", "--bogus").exit_code == 2


def test_second_value_refused_unless_revised(run, tmp_path):
    first = run("update", "new_urban_jobs", "1500", "-p", "2023-06", "--by", "alice")
    assert first.exit_code == 0 and len(first.stderr.splitlines()) == 1  # one desk: nothing waits for review
    sheet = tmp_path / "s.csv"
    sheet.write_text("指标,数值,期间\nurban_unemployment,5.1%,2023-06\n", encoding="utf-8")
    assert "review" not in run("update", "--file", str(sheet)).stderr
    again = run("update", "new_urban_jobs", "1600", "-p", "2023-06")
    assert again.exit_code == 1
    assert "already has 1500 for 2023-06, recorded by alice" in again.stderr
    assert "--revise" in again.stderr
    revised = run("update", "new_urban_jobs", "1600", "-p", "2023-06", "--revise")
    assert revised.exit_code == 0 and "revised" in revised.stderr
    history = _history(run, "new_urban_jobs")
    assert [(h["value"], h["current"], h["supersedes"]) for h in history] == [
        (1500, False, None), (1600, True, history[0]["id"])]


def test_baseline_is_last_years_same_period(run):
    assert run("update", "accident_count", "4", "-p", "2022-06", "--baseline").exit_code == 0
    (r,) = _history(run, "accident_count")
    assert (r["baseline"], r["period"]) == (True, "2022-06")


def _write_csv(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


GOOD = [
    {"id": "new_urban_jobs", "period": "2023-06", "value": "1500", "unit": "", "source": "月报", "note": ""},
    {"id": "gdp_growth", "period": "2023Q2", "value": "4.5", "unit": "%", "source": "", "note": ""},
    {"id": "retail_sales_total", "period": "2023-06", "value": "170000", "unit": "万元", "source": "", "note": ""},
]


def test_batch_lands_whole(run, tmp_path):
    result = run("update", "--file", str(_write_csv(tmp_path / "a.csv", GOOD)))
    assert result.exit_code == 0, result.stderr
    assert "recorded 3 figure(s)" in result.stderr
    assert _history(run, "retail_sales_total")[0]["value"] == 17


def test_batch_with_bad_rows_lands_nothing_and_lists_every_row(run, tmp_path):
    rows = GOOD + [
        {"id": "nope", "period": "2023-06", "value": "1", "unit": "", "source": "", "note": ""},
        {"id": "gdp_growth", "period": "2023-05", "value": "4", "unit": "", "source": "", "note": ""},
        {"id": "new_urban_jobs", "period": "2023-06", "value": "1600", "unit": "", "source": "", "note": ""},
    ]
    result = run("update", "--file", str(_write_csv(tmp_path / "b.csv", rows)))
    assert result.exit_code == 1
    assert "row 5: unknown indicator 'nope'" in result.stderr
    assert "row 6: a quarterly indicator has no figure for 2023-05" in result.stderr
    assert "row 7: new_urban_jobs 2023-06 is also given in row 2" in result.stderr
    assert "3 bad row(s); nothing was recorded" in result.stderr
    assert json.loads(run("export", "-f", "json").stdout)["records"] == []


def test_batch_refuses_existing_values_unless_revise(run, tmp_path):
    run("update", "new_urban_jobs", "1400", "-p", "2023-06")
    path = _write_csv(tmp_path / "c.csv", GOOD)
    refused = run("update", "--file", str(path))
    assert refused.exit_code == 1 and "row 2: new_urban_jobs already has 1400" in refused.stderr
    assert run("update", "--file", str(path), "--revise").exit_code == 0
    assert [h["value"] for h in _history(run, "new_urban_jobs")] == [1400, 1500]


def test_dry_run_shows_changes_and_writes_nothing(run, tmp_path):
    run("update", "new_urban_jobs", "1400", "-p", "2023-06")
    result = run("update", "--file", str(_write_csv(tmp_path / "d.csv", GOOD)), "--dry-run", "--revise")
    assert result.exit_code == 0
    assert "new_urban_jobs\t2023-06\t1400 -> 1500" in result.stdout
    assert "nothing was written" in result.stderr
    assert len(json.loads(run("export", "-f", "json").stdout)["records"]) == 1


def test_template_xlsx_round_trip(run, tmp_path):
    out = tmp_path / "t.xlsx"
    result = run("template", "--period", "2023-06", "--unit", "县人社局", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    frame = pd.read_excel(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["指标", "数值", "单位", "期间", "年度目标", "来源", "备注", "去年同期", "牵头单位",
                                   "id"]
    assert set(frame["id"]) == {"new_urban_jobs", "urban_unemployment", "air_quality", "urban_dibao_standard"}
    frame.loc[frame["id"] == "new_urban_jobs", "数值"] = "1500"
    frame.to_excel(out, index=False)
    loaded = run("update", "--file", str(out))
    assert loaded.exit_code == 0, loaded.stderr
    assert "recorded 1 figure(s)" in loaded.stderr
    assert _history(run, "new_urban_jobs")[0]["value"] == 1500


def test_quarterly_indicators_are_due_only_at_quarter_ends(run, tmp_path):
    may, june = tmp_path / "may.csv", tmp_path / "june.csv"
    run("template", "-p", "2023-05", "--out", str(may))
    run("template", "-p", "2023-06", "--out", str(june))
    assert "gdp_growth" not in pd.read_csv(may)["id"].tolist()
    assert "gdp_growth" in pd.read_csv(june)["id"].tolist()
    assert pd.read_csv(june).set_index("id").loc["gdp_growth", "期间"] == "2023年二季度"


def test_interactive_refuses_without_a_terminal(run):
    result = run("update", "--period", "2023-06")
    assert result.exit_code == 1
    assert "interactive update needs a terminal" in result.stderr


def test_interactive_saves_each_answer_and_skips_blanks(run, monkeypatch):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    # due for 2023-06 with --unit rsj: new_urban_jobs, urban_unemployment, air_quality, urban_dibao_standard
    result = run("update", "--period", "2023-06", "--unit", "rsj", input="1500\nabc\n5.2\n\n")
    assert result.exit_code == 0, result.stderr
    assert "cannot read value 'abc'" in result.stderr
    assert _history(run, "new_urban_jobs")[0]["value"] == 1500
    assert _history(run, "urban_unemployment")[0]["value"] == 5.2
    assert _history(run, "air_quality") == []


@pytest.mark.parametrize("how", [["--lang", "zh"], "LIUPI_LANG"])
def test_interactive_speaks_chinese_with_lang_zh(run, monkeypatch, how):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    prompts: list[str] = []
    answers = iter(["1500", "abc", "5.2", ""])

    def fake_input(prompt):
        prompts.append(prompt)
        return next(answers, "")

    monkeypatch.setattr("builtins.input", fake_input)
    if how == "LIUPI_LANG":
        monkeypatch.setenv("LIUPI_LANG", "zh")
        how = []
    result = run("update", "--period", "2023-06", "--unit", "rsj", *how)
    assert result.exit_code == 0, result.stderr
    assert prompts[0] == "new_urban_jobs 城镇新增就业 [目标 3200人；上次 无] 2023-06："
    assert "2023-06应报指标4项" in result.stderr and "已保存 new_urban_jobs 2023-06：1500" in result.stderr
    assert "错误：" in result.stderr and "共保存 2 项数据" in result.stderr
    assert "recorded" not in result.stderr and "error:" not in result.stderr


def test_task_set_and_history(run):
    assert run("task", "set", "t2", "--status", "in_progress", "--percent", "40", "--date", "2023-06-30").exit_code == 0
    assert run("task", "set", "t2", "--status", "done", "--date", "2023-11-30").exit_code == 0
    history = _history(run, "t2")
    assert [(h["status"], h["current"]) for h in history] == [("in_progress", False), ("done", True)]


@pytest.mark.parametrize("args,message", [
    (["t9", "--status", "done"], "unknown task 't9'"),
    (["t2", "--status", "finished"], "unknown status 'finished'"),
    (["t2", "--status", "done", "--percent", "140"], "outside 0–100"),
    (["t2", "--status", "done", "--date", "30/06/2023"], "cannot read date"),
])
def test_task_set_refusals(run, args, message):
    result = run("task", "set", *args)
    assert result.exit_code == 1 and message in result.stderr


def test_export_formats(run, tmp_path):
    run("update", "new_urban_jobs", "1500", "-p", "2023-06", "--note", "=1+1")
    run("update", "new_urban_jobs", "1600", "-p", "2023-06", "--revise")
    doc = json.loads(run("export", "--format", "json").stdout)
    assert [r["current"] for r in doc["records"]] == [False, True]
    csv_text = run("export").stdout
    assert csv_text.splitlines()[0].startswith("id,indicator,period")
    assert "'=1+1" in csv_text  # a note never becomes a formula
    out = tmp_path / "all.xlsx"
    assert run("export", "--out", str(out)).exit_code == 0
    frame = pd.read_excel(out, sheet_name="records")
    assert frame["value"].tolist() == [1500, 1600]
    assert frame["note"].tolist()[0] == "'=1+1"  # neutralised in the workbook too, not a formula
    assert frame["current"].tolist() == [False, True]
    assert list(pd.read_excel(out, sheet_name="task_updates").columns)[:3] == ["id", "task", "date"]


def test_store_location_is_reported_and_overridable(run, tmp_path, monkeypatch, mini):
    assert f"records:    {mini / 'records.db'} (from beside the plan; not created yet)" in run("info").stdout
    monkeypatch.setenv("LIUPI_DB", str(tmp_path / "elsewhere.db"))
    missing = run("info")  # named explicitly and missing: a mistake, not a store to create
    assert missing.exit_code == 4 and f"no record store at {tmp_path / 'elsewhere.db'}" in missing.stderr
    assert run("update", "new_urban_jobs", "1", "-p", "2023-06").exit_code == 0
    assert (tmp_path / "elsewhere.db").exists()
    assert f"{tmp_path / 'elsewhere.db'} (from LIUPI_DB; 1 figure(s), 0 task update(s)" in run("info").stdout
    assert run("--db", str(tmp_path / "x.db"), "info").exit_code == 4
    assert not (tmp_path / "x.db").exists()


def test_an_unreadable_store_has_its_own_exit_code(run, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    result = run("--db", str(junk), "update", "new_urban_jobs", "1", "-p", "2023-06")
    assert result.exit_code == 4
    assert "cannot open the record store" in result.stderr


def test_ctrl_c_in_interactive_mode_keeps_what_was_entered(run, monkeypatch):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    answers = iter(["1500"])

    def fake_input(prompt):
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr("builtins.input", fake_input)
    result = run("update", "--period", "2023-06", "--unit", "rsj")
    assert result.exit_code == 130
    assert "stopped: recorded 1 figure(s)" in result.stderr
    assert _history(run, "new_urban_jobs")[0]["value"] == 1500


# -- a year-to-date figure never falls within its year ------------------------

def test_zero_after_one_major_accident_is_refused_showing_both(run):
    # 1 major accident by March, then 0 by June: the zero-tolerance target would turn green
    assert run("update", "major_accidents", "1", "-p", "2023-03").exit_code == 0
    result = run("update", "major_accidents", "0", "-p", "2023-06")
    assert result.exit_code == 1
    assert ("major_accidents 2023-06 is 0, smaller than 1 for 2023-03 (recorded): a year-to-date figure cannot "
            "fall within the year") in result.stderr
    assert "correct 2023-03 first with --revise, or pass --force with a --note" in result.stderr
    assert [h["value"] for h in _history(run, "major_accidents")] == [1]


def test_a_fall_needs_force_and_a_note(run):
    run("update", "new_urban_jobs", "1500", "-p", "2023-05")
    bare = run("update", "new_urban_jobs", "1499", "-p", "2023-06", "--force")
    assert bare.exit_code == 1 and "--force needs a --note" in bare.stderr
    noted = run("update", "new_urban_jobs", "1499", "-p", "2023-06", "--force", "--note", "县人社局 剔除重复登记")
    assert noted.exit_code == 0, noted.stderr
    assert [h["value"] for h in _history(run, "new_urban_jobs")] == [1500, 1499]


def test_revising_the_earlier_period_first_lets_the_later_figure_in(run):
    run("update", "major_accidents", "1", "-p", "2023-03")
    assert run("update", "major_accidents", "0", "-p", "2023-03", "--revise").exit_code == 0
    assert run("update", "major_accidents", "0", "-p", "2023-06").exit_code == 0


def test_an_earlier_figure_larger_than_a_later_one_is_refused(run):
    run("update", "accident_count", "4", "-p", "2023-06")
    result = run("update", "accident_count", "5", "-p", "2023-03")
    assert result.exit_code == 1
    assert "accident_count 2023-03 is 5, larger than 4 recorded for 2023-06" in result.stderr


@pytest.mark.parametrize("ind,first,second", [
    ("retail_sales_total", "17.5", "17.49"),  # cumulative amount: 0.01亿元 below
    ("accident_deaths", "3", "2"),  # double_decline count
])
def test_every_year_to_date_kind_is_checked_at_the_boundary(run, ind, first, second):
    run("update", ind, first, "-p", "2023-05")
    assert run("update", ind, second, "-p", "2023-06").exit_code == 1
    assert run("update", ind, first, "-p", "2023-06").exit_code == 0  # equal is not a fall


def test_last_years_series_is_checked_separately(run):
    run("update", "accident_count", "6", "-p", "2022-06", "--baseline")
    assert run("update", "accident_count", "2", "-p", "2023-09").exit_code == 0  # this year: no clash with 2022
    assert run("update", "accident_count", "5", "-p", "2022-09", "--baseline").exit_code == 1


@pytest.mark.parametrize("ind,first,second", [
    ("industrial_va_growth", "9.6", "8.0"),  # a growth rate may fall
    ("air_quality", "92", "91"),  # a level may fall
    ("urban_unemployment", "5.6", "5.4"),  # a ceiling may fall
])
def test_rates_and_levels_may_fall(run, ind, first, second):
    run("update", ind, first, "-p", "2023-05")
    assert run("update", ind, second, "-p", "2023-06").exit_code == 0


def test_a_file_with_a_falling_count_lands_nothing(run, tmp_path):
    rows = [{"id": "major_accidents", "period": "2023-03", "value": "1"},
            {"id": "major_accidents", "period": "2023-06", "value": "0"},
            {"id": "new_urban_jobs", "period": "2023-06", "value": "1500"}]
    result = run("update", "--file", str(_write_csv(tmp_path / "f.csv", rows)))
    assert result.exit_code == 1
    assert "row 3: major_accidents 2023-06 is 0, smaller than 1 for 2023-03 (row 2)" in result.stderr
    assert "1 bad row(s); nothing was recorded" in result.stderr
    assert json.loads(run("export", "-f", "json").stdout)["records"] == []
    rows[0]["value"] = "0"  # the file corrected: both rows revise nothing and land
    assert run("update", "--file", str(_write_csv(tmp_path / "g.csv", rows))).exit_code == 0


def test_the_same_figure_again_is_unchanged_not_refused(run):
    run("update", "new_urban_jobs", "1500", "-p", "2023-06", "--by", "alice")
    for extra in ([], ["--revise"]):
        again = run("update", "城镇新增就业", "1,500人", "-p", "2023年1-6月", *extra)
        assert again.exit_code == 0, again.stderr
        assert "unchanged: new_urban_jobs 2023-06 already has 1500, recorded by alice" in again.stderr
    assert len(_history(run, "new_urban_jobs")) == 1


@pytest.mark.parametrize("period", ["2023年6月", "2023年1-6月", "1-6月", "2023/06", "2023.06", "Jun-23", "2023/6/1"])
def test_the_command_line_takes_every_period_form(run, period):
    assert run("update", "new_urban_jobs", "1480", "-p", period).exit_code == 0
    assert _history(run, "new_urban_jobs")[0]["period"] == "2023-06"


def test_quarter_and_half_year_words_where_the_frequency_fits(run):
    assert run("update", "gdp_growth", "6.1%", "-p", "2023年上半年").exit_code == 0
    assert run("update", "gdp_growth", "6.3%", "-p", "2023年第三季度").exit_code == 0
    assert [h["period"] for h in _history(run, "gdp_growth")] == ["2023Q2", "2023Q3"]
    refused = run("update", "rd_spending_growth", "13", "-p", "2023年上半年")
    assert refused.exit_code == 1 and "valid periods: 2023" in refused.stderr


def test_baseline_period_without_a_year_is_last_year(run):
    assert run("update", "accident_count", "6", "-p", "1-6月", "--baseline").exit_code == 0
    assert _history(run, "accident_count")[0]["period"] == "2022-06"


def test_interactive_answers_are_checked_like_files(run, monkeypatch):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    run("update", "new_urban_jobs", "1500", "-p", "2023-05")
    # new_urban_jobs: 1400 falls below May's 1500 (refused, asked again), then 1600; then the rest skipped
    result = run("update", "--period", "2023年1-6月", "--unit", "rsj", input="1400\n1600\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "new_urban_jobs 2023-06 is 1400, smaller than 1500 for 2023-05" in result.stderr
    # options cannot be typed at a prompt: the hint is the command to run afterwards, not "pass --force"
    assert "liupi update new_urban_jobs 1400 --period 2023-06 --force --note" in result.stderr
    assert "pass --force" not in result.stderr
    assert "last 1500 (2023-05)" in result.stdout
    assert [h["value"] for h in _history(run, "new_urban_jobs")] == [1500, 1600]


def test_interactive_answer_for_a_period_already_recorded_names_the_revise_command(run, monkeypatch):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    run("update", "new_urban_jobs", "1500", "-p", "2023-06")
    result = run("update", "--period", "2023-06", "--unit", "rsj", "--lang", "zh", input="1 600\n\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "liupi update new_urban_jobs '1 600' --period 2023-06 --revise" in result.stderr
    assert "如需替换已报数据" in result.stderr
    assert [h["value"] for h in _history(run, "new_urban_jobs")] == [1500]


def test_a_file_with_a_real_fall_lands_with_force_and_the_note_kept(run, tmp_path):
    run("update", "new_urban_jobs", "1500", "-p", "2023-05")
    path = _write_csv(tmp_path / "n.csv", [{"id": "new_urban_jobs", "period": "2023-06", "value": "1490"}])
    assert "--force needs a --note" in run("update", "--file", str(path), "--force").stderr
    result = run("update", "--file", str(path), "--force", "--note", "剔除重复登记10人")
    assert result.exit_code == 0, result.stderr
    assert [(h["value"], h["note"]) for h in _history(run, "new_urban_jobs")] == [(1500, None),
                                                                                  (1490, "剔除重复登记10人")]


@pytest.mark.parametrize("extra", [["--unit", "万元"], ["--battle", "growth"]])
def test_interactive_filters_are_refused_with_id_value(run, extra):
    result = run("update", "retail_sales_total", "185000", "--period", "2023-06", *extra)
    assert result.exit_code == 2
    assert "does nothing with ID VALUE or --file" in result.stderr
    assert _history(run, "retail_sales_total") == []


def test_lang_zh_on_update_also_speaks_the_refusal_in_chinese(run):
    result = run("update", "new_urban_jobs", "14800", "--period", "2023-06", "--lang", "zh")
    assert result.exit_code == 1
    assert "错误：new_urban_jobs：14800人 是全年目标 3200人 的 4.6 倍" in result.stderr


def test_a_year_to_date_rate_cannot_fall_either(run_shipped):
    """森林火灾受害率 is burned area to date over the forest: it only grows within the year, so 0.8‰ in
    December after 1.2‰ in September is a typing slip (or needs --force with a note), like a count."""
    assert run_shipped("update", "forest_fire_rate", "1.2", "-p", "2023-09").exit_code == 0
    fell = run_shipped("update", "forest_fire_rate", "0.8", "-p", "2023-12")
    assert fell.exit_code == 1
    assert ("forest_fire_rate 2023-12 is 0.8, smaller than 1.2 for 2023-09 (recorded): a year-to-date figure "
            "cannot fall within the year") in fell.stderr
    assert run_shipped("update", "urban_unemployment", "5.6", "-p", "2023-09").exit_code == 0
    assert run_shipped("update", "urban_unemployment", "5.2", "-p", "2023-12").exit_code == 0  # a rate of the month
