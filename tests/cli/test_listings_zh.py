"""Under --lang zh the tables people read (`targets`, `tasks`, `history`, `info`, a dry run, a refusal) say
their headings and keys in Chinese; CSV and JSON keep the field names and values programs read; English
tables keep the field names."""

import csv
import io
import json
import re

from messages.test_catalogue import english_words
from messages.test_refusal_walk import english_in

from liupi_cli.messages import msg


def _has(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _line(out: str, start: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(start))


def test_targets_table_has_chinese_headings_kinds_and_comparators(run):
    out = run("--lang", "zh", "targets").stdout
    heading = out.splitlines()[0]
    assert english_words(heading) == [], heading
    assert heading.split()[:4] == ["编号", "指标", "类型", "比较"]
    assert "增速" in _line(out, "gdp_growth") and "不低于" in _line(out, "gdp_growth")
    assert "节点" in _line(out, "power_project_start") and "等于" in _line(out, "power_project_start")
    assert "累计" in _line(out, "new_urban_jobs") and "左右" in _line(out, "urban_unemployment")
    for raw in ("growth_rate", "cumulative", "milestone", "at_least", "at_most", "about", "equal", "name_zh", "kind"):
        assert not _has(out, raw), raw


def test_tasks_table_says_ongoing_and_the_timeline_its_states_in_chinese(run):
    out = run("--lang", "zh", "tasks").stdout
    assert english_words(out.splitlines()[0]) == []
    assert "长期坚持" in _line(out, "t3") and not _has(out, "ongoing")
    assert run("task", "set", "t2", "--status", "in_progress", "--percent", "40", "--date", "2023-09-20").exit_code == 0
    timeline = run("--lang", "zh", "tasks", "--as-of", "2023-09-30").stdout
    assert english_words(timeline.splitlines()[0]) == [], timeline.splitlines()[0]
    assert "逾期" in _line(timeline, "t4") and "否" in _line(timeline, "t4")
    assert "推进中" in _line(timeline, "t2") and "未到期" in _line(timeline, "t2")
    assert "长期坚持" in _line(timeline, "t3")
    for raw in ("overdue", "open", "in_progress", "ongoing", "False", "True", "state", "stale"):
        assert not _has(timeline, raw), raw


def test_history_table_has_chinese_headings_and_yes_no(run):
    run("update", "new_urban_jobs", "2000", "--period", "2023-08")
    run("update", "new_urban_jobs", "2500", "--period", "2023-08", "--revise")
    out = run("--lang", "zh", "history", "new_urban_jobs").stdout
    assert english_words(out.splitlines()[0]) == [], out.splitlines()[0]
    assert "是" in _line(out, "2 ") and "否" in _line(out, "1 ")
    assert not _has(out, "False") and not _has(out, "True")


def test_english_tables_keep_the_field_names_and_csv_json_keep_them_in_chinese(run):
    english = run("targets").stdout
    assert english.splitlines()[0].split()[:4] == ["id", "name_zh", "kind", "comparator"]
    assert "growth_rate" in _line(english, "gdp_growth") and "at_least" in _line(english, "gdp_growth")
    rows = list(csv.DictReader(io.StringIO(run("--lang", "zh", "targets", "-f", "csv").stdout)))
    assert (rows[0]["kind"], rows[0]["comparator"]) == ("growth_rate", "at_least")
    tasks = json.loads(run("--lang", "zh", "tasks", "-f", "json").stdout)
    assert tasks[2]["deadline"] == "ongoing"
    timeline_csv = run("--lang", "zh", "tasks", "--as-of", "2023-09-30", "-f", "csv").stdout
    timeline = list(csv.DictReader(io.StringIO(timeline_csv)))
    assert {r["state"] for r in timeline} >= {"overdue"} and {r["stale"] for r in timeline} <= {"False", "True"}


def test_info_names_where_the_store_is_and_the_kinds_in_chinese(run):
    out = run("--lang", "zh", "info").stdout
    assert "beside the plan" not in out and "计划所在目录" in out
    kinds = _line(out, "指标")
    assert "上限 1" in kinds and "累计 2" in kinds and english_words(kinds) == [], kinds
    assert "ceiling 1, cumulative 2" in run("info").stdout


def test_a_falling_year_to_date_figure_is_refused_in_chinese(run):
    assert run("update", "new_urban_jobs", "2000", "--period", "2023-08").exit_code == 0
    result = run("--lang", "zh", "update", "new_urban_jobs", "1000", "--period", "2023-10")
    assert result.exit_code != 0
    assert "（已录入）" in result.stderr
    assert english_in(result.stderr, ["new_urban_jobs"]) == [], result.stderr


def test_a_dry_run_of_a_baseline_says_it_in_the_run_s_language(run):
    args = ("update", "new_urban_jobs", "1000", "--period", "2022-07", "--baseline", "--dry-run")
    assert "2022-07 去年同期数\t1000" in run("--lang", "zh", *args).stdout
    assert "2022-07 baseline\t1000" in run(*args).stdout


def test_missing_heads_with_the_report_s_period_words_and_full_width_colons(run):
    result = run("--lang", "zh", "missing", "--month", "2023-06")
    assert "2023年1–6月：未报指标数据" in result.stderr and "2023-06：" not in result.stderr
    assert "统计区间：2023-06-01" in result.stdout and "统计区间: " not in result.stdout
    assert "2023-06: " in run("missing", "--month", "2023-06").stderr


def test_a_role_created_reads_with_a_space_before_what_happened():
    said = msg("said.role_added", role="office", done=msg("said.role_created"), what=msg("said.role_office"))
    assert said.text("zh").startswith("角色 office 已创建：")
