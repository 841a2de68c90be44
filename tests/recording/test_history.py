"""`liupi history`: what tells a revised figure from its replacement is never dropped, at any width; an
indicator or a task with nothing recorded says so in one line."""

from __future__ import annotations

import pytest

from liupi_cli.render.textgrid import Column, fit


def _revised(run):
    first = run("update", "gdp_growth", "4.5", "-p", "2023Q1", "--source", "县统计局 季报", "--note", "初步核算数")
    assert first.exit_code == 0
    assert run("update", "gdp_growth", "4.7", "-p", "2023Q1", "--revise", "--source", "县统计局 季报",
               "--note", "最终核实数，市统计局反馈").exit_code == 0


@pytest.mark.parametrize("columns", [60, 80, 90, 100, 120])
def test_history_keeps_supersedes_and_current_at_every_width(run, monkeypatch, columns):
    _revised(run)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run("history", "gdp_growth")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "period", "baseline", "entered"]
    assert lines[0].split()[-2:] == ["supersedes", "current"]
    assert all(len(line) <= columns for line in lines)
    first = [ln for ln in lines if ln.startswith("1 ")][0].split()
    second = [ln for ln in lines if ln.startswith("2 ")][0].split()
    # record 1 (4.5) is superseded: it supersedes nothing and is not current; record 2 (4.7) supersedes 1
    assert (first[3], first[-1]) == ("4.5", "False")
    assert (second[3], second[-2], second[-1]) == ("4.7", "1", "True")


def test_history_shows_the_time_of_recording_without_seconds(run, monkeypatch):
    _revised(run)
    monkeypatch.setenv("COLUMNS", "200")
    table = run("history", "gdp_growth").stdout
    (stamp,) = {w for w in table.split() if w.count(":") == 1 and len(w) == 5}
    assert stamp[2] == ":"  # HH:MM; the CSV and JSON keep the whole timestamp
    assert "T" in run("history", "gdp_growth", "--format", "csv").stdout.splitlines()[1]


def test_an_indicator_without_records_says_so(run):
    _revised(run)  # the store exists
    result = run("history", "air_quality")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "air_quality 空气质量优良率: no record yet\n"
    assert run("history", "air_quality", "--format", "json").stdout.strip() == "[]"


def test_a_task_never_updated_says_so(run):
    _revised(run)
    result = run("history", "t1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "t1: no task update yet\n")


def test_kept_columns_are_never_dropped_others_give_way_by_priority():
    cols = [Column("id", ["1"], priority=100, keep=True), Column("long", ["x" * 30], priority=90),
            Column("mark", ["True"], priority=10, keep=True)]
    assert [c.header for c, _ in fit(cols, 20)] == ["id", "mark"]  # 30 columns of text give way, not "mark"
    assert [c.header for c, _ in fit(cols, 50)] == ["id", "long", "mark"]


def test_at_80_columns_a_revision_keeps_when_it_was_made_and_a_forced_figure_is_marked(run, monkeypatch):
    _revised(run)  # both records carry a note and a source
    assert run("update", "gdp_growth", "69", "-p", "2023Q2", "--force", "--note", "县统计局 核实").exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("history", "gdp_growth").stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "recorded_at" in lines[0].split()  # the note and the source shorten or give way first
    rows = {ln.split()[0]: ln.split() for ln in lines[2:] if ln[:1].isdigit()}
    assert rows["3"][3:5] == ["69", "(forced)"]  # 69% is outside ±50%: only --force recorded it
    assert rows["2"][3] == "4.7" and "(forced)" not in rows["2"]
