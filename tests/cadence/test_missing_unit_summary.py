"""`liupi missing`, `liupi unit` and `liupi summary` at the command line: the language they speak
(--lang, LIUPI_LANG) and what `--fail-on` says it found."""

import pytest


@pytest.mark.parametrize("command", [["missing", "--month", "2023-06", "--unit", "县人设局"],
                                     ["unit", "县人设局", "--month", "2023-06"]])
def test_missing_and_unit_speak_chinese_with_lang_zh(run, command):
    result = run(*command, "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr == "错误：未知单位“县人设局”\n提示：是否要找：县人社局？\n"


@pytest.mark.parametrize("command,line,heading", [
    (["missing", "--month", "2023-06", "--unit", "rsj"], "2023年1–6月：未报指标数据", "# 催报清单"),
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
