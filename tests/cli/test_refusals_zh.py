"""Every command's refusals under --lang zh (before the command or after it) and under LIUPI_LANG=zh: the
error and its hint read in Chinese; only ids, option names, file names, periods and what the user typed stay
in Latin letters. One case (at least) per command a user can type."""

from __future__ import annotations

import re

import pytest

from liupi_cli.cli.app import COMMANDS

# (the command, what the user typed that must come back as typed)
CASES = [
    (["check", "--bogus"], ["--bogus"]),
    (["info", "--bogus"], ["--bogus"]),
    (["targets", "--battle", "nope"], ["nope"]),
    (["targets", "--kind", "weird"], ["weird"]),
    (["tasks", "--unit", "不存在局"], ["不存在局"]),
    (["update", "new_urban_jobs", "5"], []),
    (["update", "new_urban_jobs", "abc", "-p", "2023-06"], ["abc"]),
    (["update", "--file", "nofile.csv"], ["nofile.csv"]),
    (["update", "new_urban_jobs", "5", "-p", "2023-06", "--unit", "x"], []),
    (["template", "--period", "2023-06", "--out", "x.pdf"], [".pdf"]),
    (["history", "nosuch"], ["nosuch"]),
    (["export", "--format", "xlsx"], []),
    (["export", "--out", "x.pdf"], ["x.pdf"]),
    (["report", "--month", "2023-06", "--quarter", "2023Q2"], []),
    (["report", "--month", "2023Q2"], ["2023Q2"]),
    (["report", "--month", "2023-06", "--fail-on", "blue"], ["blue"]),
    (["report", "--month", "2023-06", "--light", "purple"], ["purple"]),
    (["report", "--month", "2023-06", "--format", "pdf"], ["pdf"]),
    (["missing", "--month", "junk"], ["junk"]),
    (["missing", "--year", "2023", "--fail-on", "red"], []),
    (["unit", "nobody", "--month", "2023-06"], ["nobody"]),
    (["summary", "--dekad", "2023-13-1"], ["2023-13-1"]),
    (["summary", "--month", "2024-06"], []),
    (["summary", "--month", "2023-06", "--format", "xlsx"], []),
    (["task", "set", "nosuch", "--status", "done"], ["nosuch"]),
    (["task", "set", "t1", "--status", "weird"], ["weird"]),
    (["task", "set", "t1", "--status", "done", "--date", "2023-13-01"], ["2023-13-01"]),
    (["collect"], ["mini"]),
    (["rank", "--month", "2023-06"], ["mini"]),
    (["plan", "import", "nofile.csv"], ["nofile.csv"]),
    (["init", "somewhere"], []),
    (["store", "init-server"], []),
    (["store", "copy", "nofile.db", "postgresql://office:pw@localhost/liupi"], ["nofile.db"]),
    (["review", "--return", "12"], []),
]
IDS = [f"{i}-{'-'.join(c[0][:2])}" for i, c in enumerate(CASES)]


def english_left(text: str, typed: list[str]) -> list[str]:
    """Latin words left once the user's own text, option names, ids, commands and file names are taken out."""
    for t in sorted(typed, key=len, reverse=True):
        text = text.replace(t, "")
    text = re.sub(r"`[^`]*`", "", text)  # commands quoted
    text = re.sub(r"--[a-z][a-z-]*", "", text)  # option names
    text = re.sub(r"\S*/\S*", "", text)  # paths
    text = re.sub(r"\b\d{4}(Q[1-4])?\b", "", text)  # period keys such as 2023Q2
    text = re.sub(r"\b[a-z]+(_[a-z]+)+\b", "", text)  # ids such as new_urban_jobs
    text = re.sub(r"\bliupi( [a-z]+)*", "", text)  # a command line in a hint
    text = re.sub(r"'[a-z]+'", "", text)  # choices listed: 'table', 'csv'
    text = re.sub(r"可选：.*", "", text)  # ids listed to choose from: growth_rate, cumulative, level
    names = r"(?:DIR|FILE|UTF-8|CSV|Excel|WPS|xlsx|csv|json|html|md|markdown|table|docx|red|yellow|green|grey|" \
            r"missing|overdue|growth|livelihood|in_progress|done|blocked|zh|en|toml|yaml|targets|units|city)"
    text = re.sub(rf"\b{names}\b", "", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_the_check_finds_an_english_sentence():
    assert english_left("错误：give exactly one of --month", []) == ["give", "exactly", "one", "of"]
    assert english_left("错误：未知指标“nosuch”\n提示：`liupi targets` 可列出全部指标", ["nosuch"]) == []


def test_the_walk_covers_every_command():
    walked = {c[0][0] for c in CASES}
    assert set(COMMANDS) <= walked


def _check(result, typed):
    assert result.exit_code not in (0, None), result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and not ln.startswith("liupi: ")]
    assert lines and lines[0].startswith("错误："), result.stderr
    assert "error:" not in result.stderr and "hint:" not in result.stderr
    assert english_left("\n".join(lines), typed) == [], result.stderr


@pytest.mark.parametrize("cmd,typed", CASES, ids=IDS)
def test_refused_in_chinese_with_lang_after_the_command(run, cmd, typed):
    _check(run(*cmd, "--lang", "zh"), typed)


@pytest.mark.parametrize("cmd,typed", CASES[::3], ids=IDS[::3])
def test_refused_in_chinese_with_lang_before_the_command(run, cmd, typed):
    _check(run("--lang", "zh", *cmd), typed)


@pytest.mark.parametrize("cmd,typed", CASES[1::3], ids=IDS[1::3])
def test_refused_in_chinese_under_liupi_lang(run, monkeypatch, cmd, typed):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    _check(run(*cmd), typed)


@pytest.mark.parametrize("cmd,typed", CASES[2::3], ids=IDS[2::3])
def test_refused_in_english_by_default(run, monkeypatch, cmd, typed):
    monkeypatch.delenv("LIUPI_LANG", raising=False)
    result = run(*cmd)
    assert result.exit_code != 0
    assert "错误" not in result.stderr and "提示" not in result.stderr


def test_lang_after_the_command_wins_over_liupi_lang(run, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    assert run("history", "nosuch", "--lang", "en").stderr.startswith("error: unknown indicator 'nosuch'")
    assert run("--lang", "en", "history", "nosuch").stderr.startswith("error: unknown indicator 'nosuch'")
