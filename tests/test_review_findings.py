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
