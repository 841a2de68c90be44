"""With --lang zh, the refusals county staff meet most often read in Chinese end to end: the error and
its hint, with ids, periods and values kept as typed. Each case is one command a bureau really mistypes."""

from __future__ import annotations

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")

CASES = [
    # (setup commands, the command, Chinese the error or hint must contain)
    ([], ["update", "gdp_growth", "abc", "-p", "2023-06"], ["无法识别数值“abc”", "可写作 4.5"]),
    ([], ["update", "new_urban_jobs", "5", "-p", "2024-06"], ["统计期 2024-06 不在计划年度 2023 年内", "例如 2023-06"]),
    ([], ["report", "--month", "2022-06"], ["报告期 2022-06 不在计划年度 2023 年内", "--month 2023-06 或 --year 2023"]),
    ([], ["update", "new_urban_jobs", "1e20", "-p", "2023-06"], ["过大，不可能是统计数据", "多了一个0"]),
    ([], ["update", "new_urban_jobs", "-5", "-p", "2023-06"], ["-5 为负数，但城镇新增就业不能小于0"]),
    ([["update", "new_urban_jobs", "1500", "-p", "2023-06"]], ["update", "new_urban_jobs", "1600", "-p", "2023-06"],
     ["new_urban_jobs 的 2023-06 已有数据 1500", "如需更正，加 --revise"]),
    ([["update", "new_urban_jobs", "1500", "-p", "2023-05"]], ["update", "new_urban_jobs", "1400", "-p", "2023-06"],
     ["new_urban_jobs 2023-06 为 1400，小于 2023-05 的 1500", "请先用 --revise 更正 2023-05"]),
    ([], ["unit", "不存在局", "--month", "2023-06"], ["未知单位“不存在局”", "单位列在 targets.yaml"]),
]


# ASCII ids: mutmut hands test ids back to pytest, and an id with Chinese and a space in it is not found
@pytest.mark.parametrize("setup,cmd,expected", CASES, ids=[f"{c[1][0]}-{i}" for i, c in enumerate(CASES)])
def test_common_refusals_read_in_chinese(run, monkeypatch, setup, cmd, expected):
    for s in setup:
        assert run(*s).exit_code == 0
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run(*cmd)
    assert result.exit_code != 0
    for text in expected:
        assert text in result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(("错误：", "提示："))]
    assert lines and all(CJK.search(ln.split("：", 1)[1]) for ln in lines), result.stderr


def test_a_headingless_csv_is_explained_in_chinese(run, monkeypatch, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run("update", "--file", str(path))
    assert result.exit_code != 0
    assert "找不到含 id, period, value 列的标题行" in result.stderr
    assert "`liupi template` 可生成模板" in result.stderr


def test_bad_rows_of_a_file_are_listed_in_chinese_with_their_row_numbers(run, monkeypatch, tmp_path):
    assert run("update", "new_urban_jobs", "1500", "-p", "2023-05").exit_code == 0
    path = tmp_path / "f.csv"
    path.write_text("id,period,value\nnew_urban_jobs,2023-06,1400\ngdp_growth,2023Q2,abc\n", encoding="utf-8")
    english = run("update", "--file", str(path))
    assert f"error: {path}: row 2: new_urban_jobs 2023-06 is 1400, smaller than 1500" in english.stderr
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run("update", "--file", str(path))
    assert result.exit_code == 1
    assert f"错误：{path}：第2行：new_urban_jobs 2023-06 为 1400，小于 2023-05 的 1500" in result.stderr
    assert f"错误：{path}：第3行：无法识别数值“abc”（可写作 4.5" in result.stderr
    assert f"错误：{path}：2行有误，未录入任何数据" in result.stderr
    assert "error:" not in result.stderr


def test_confirmations_on_stderr_follow_the_language(run, monkeypatch, tmp_path):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    first = run("update", "new_urban_jobs", "1500", "-p", "2023-06", "--by", "张三")
    assert first.exit_code == 0 and "已录入 new_urban_jobs 2023-06：1500（张三，记录 1）" in first.stderr
    again = run("update", "new_urban_jobs", "1500", "-p", "2023-06")
    assert "未变：new_urban_jobs 2023-06 已是 1500（张三 于" in again.stderr
    out = tmp_path / "t.csv"
    made = run("template", "--period", "2023-07", "--out", str(out))
    assert made.exit_code == 0 and f"已写入 {out}：2023-07 应报" in made.stderr
    monkeypatch.setenv("LIUPI_LANG", "en")
    assert "recorded new_urban_jobs 2023-07: 1600" in run("update", "new_urban_jobs", "1600", "-p", "2023-07").stderr


def test_store_problems_read_in_chinese(run, monkeypatch, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all, just words " * 8)
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run("--db", str(bad), "update", "new_urban_jobs", "1500", "-p", "2023-06")
    assert result.exit_code == 4
    assert f"错误：无法打开数据库 {bad}：不是 SQLite 数据库文件" in result.stderr
    missing = run("--db", str(tmp_path / "none.db"), "report", "--month", "2023-06")
    assert f"错误：找不到数据库 {tmp_path / 'none.db'}" in missing.stderr
    assert "首次 `liupi update` 时才创建" in missing.stderr


def test_an_empty_report_says_why_in_chinese(run, monkeypatch, tmp_path):
    assert run("--db", str(tmp_path / "s.db"), "update", "new_urban_jobs", "1500", "-p", "2022-06",
               "--baseline").exit_code == 0
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run("--db", str(tmp_path / "s.db"), "report", "--month", "2023-06", "--format", "json")
    assert result.exit_code == 6
    assert f"错误：{tmp_path / 's.db'} 中没有 2023 年截至 2023-06 的数据" in result.stderr


def test_an_unknown_format_names_the_choices_in_chinese(run, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run("report", "--month", "2023-06", "--format", "pdf")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first == "错误：选项 --format 的值“pdf”无效，可选：table, markdown, csv, json, xlsx, html"
    assert "Value error" not in result.stderr


def test_task_progress_is_confirmed_and_refused_in_chinese(run, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    bad = run("task", "set", "t1", "--status", "in_progress", "--percent", "150", "--date", "2023-06-01")
    assert bad.exit_code == 1
    assert bad.stderr.splitlines() == ["错误：完成百分比 150 超出 0–100", "提示：请填完成比例，0 到 100"]
    ok = run("task", "set", "t1", "--status", "in_progress", "--percent", "50", "--date", "2023-06-01")
    assert ok.exit_code == 0 and "已记录任务 t1：推进中 50%（截至 2023-06-01，进展记录 1）" in ok.stderr


def test_check_names_each_problem_s_kind_and_the_count_in_chinese(run_shipped, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    result = run_shipped("check")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(ln.startswith("警告：") for ln in lines)  # the bundled plan has warnings, no errors
    assert f"：错误0处，警告{len(lines)}处" in result.stderr
