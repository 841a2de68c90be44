"""--lang is one global option every command honours, with one default: `liupi --lang zh CMD …`, `liupi CMD …
--lang zh` (a group's too: `liupi plan --lang zh fill …`) and LIUPI_LANG=zh say the same thing; --lang en wins
over LIUPI_LANG; neither: English. The commands are read from the typer app, so a new one is checked too."""

from __future__ import annotations

import pytest
from messages.test_refusal_walk import LEAVES, _required

# commands that succeed on the mini plan, to compare whole outputs (stdout and stderr)
SUCCEEDS = [
    ["check"], ["info"], ["targets"], ["tasks"], ["tasks", "--overdue", "--as-of", "2023-06-30"], ["history", "t1"],
    ["export", "--format", "json"], ["report", "--month", "2023-06"], ["missing", "--month", "2023-06"],
    ["summary", "--month", "2023-06"], ["unit", "fgj", "--month", "2023-06"],
]


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_takes_lang_after_its_name(name):
    assert any(p.name == "lang" for p in LEAVES[name].params)


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_says_the_same_in_chinese_however_it_is_asked(run, monkeypatch, name):
    cmd = [*name.split(), *_required(LEAVES[name]), "--bogus"]
    monkeypatch.delenv("LIUPI_LANG", raising=False)
    after, before = run(*cmd, "--lang", "zh"), run("--lang", "zh", *cmd)
    monkeypatch.setenv("LIUPI_LANG", "zh")
    env, overridden = run(*cmd), run(*cmd, "--lang", "en")
    assert after.stderr.startswith("错误：") and after.exit_code == 2
    assert before.stderr == after.stderr == env.stderr
    assert overridden.stderr.startswith("error: ") and "错误" not in overridden.stderr
    monkeypatch.delenv("LIUPI_LANG")
    assert run(*cmd).stderr == overridden.stderr


def test_a_group_takes_lang_too(run):
    result = run("plan", "--lang", "zh", "fill", "nosuch.csv")
    assert result.exit_code == 1 and result.stderr.startswith("错误：nosuch.csv：无法读取：文件或目录不存在")
    assert run("task", "--lang", "zh", "nosuch").stderr.startswith("错误：没有命令“nosuch”；可用命令：set")


@pytest.mark.parametrize("cmd", SUCCEEDS, ids=[" ".join(c) for c in SUCCEEDS])
def test_a_command_that_succeeds_speaks_the_language_asked(run, monkeypatch, cmd):
    monkeypatch.setenv("LIUPI_TODAY", "2023-07-21")
    monkeypatch.delenv("LIUPI_LANG", raising=False)
    after, before, en = run(*cmd, "--lang", "zh"), run("--lang", "zh", *cmd), run(*cmd)
    monkeypatch.setenv("LIUPI_LANG", "zh")
    env = run(*cmd)
    assert after.exit_code == en.exit_code, after.stderr
    assert (before.stdout, before.stderr) == (after.stdout, after.stderr) == (env.stdout, env.stderr)
    assert "错误" not in en.stderr and "error" not in after.stderr


def test_an_unknown_language_is_refused_in_two_lines(run):
    for argv in (["--lang", "fr", "info"], ["info", "--lang", "fr"]):
        result = run(*argv)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert lines[0].startswith("error: invalid value for --lang: 'fr'") and lines[1].startswith("hint: `liupi")
        assert len(lines) == 2


@pytest.mark.parametrize("argv", [["--lang", "zh", "info", "--lang", "fr"], ["info", "--lang", "zh", "--lang=fr"],
                                  ["--lang", "zh", "report", "--lang=fr", "--month", "2023-06"]],
                         ids=["zh-before-fr-after", "zh-then-fr-equals", "report"])
def test_an_unknown_language_is_refused_in_the_language_asked_otherwise(run, monkeypatch, argv):
    monkeypatch.delenv("LIUPI_LANG", raising=False)
    result = run(*argv)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：选项 --lang 的值“fr”无效") and "\n提示：`liupi" in result.stderr


def test_an_unknown_language_after_liupi_lang_zh_is_refused_in_chinese(run, monkeypatch):
    monkeypatch.setenv("LIUPI_LANG", "zh")
    for argv in (["info", "--lang", "fr"], ["--lang", "fr", "info"]):
        assert run(*argv).stderr.startswith("错误：选项 --lang 的值“fr”无效"), argv
    assert run("--lang", "en", "info", "--lang", "fr").stderr.startswith("error: invalid value for --lang")


def test_info_speaks_chinese(run):
    said = run("info", "--lang", "zh").stdout
    assert said.startswith("计划目录：") and "年度：      2023" in said
    assert run("info").stdout.startswith("data dir:   ")


@pytest.mark.parametrize("name", ["summary", "rank", "template"])
def test_a_document_for_a_chinese_office_says_its_own_default_in_its_help(run, name):
    helped = run(name, "--help").stdout
    assert "else zh for the document" in " ".join(helped.split()), name
    assert "else zh" not in " ".join(run("report", "--help").stdout.split())
