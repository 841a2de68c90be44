"""Which plan is used: --data-dir, then LIUPI_HOME, then ./data holding targets.yaml, then the bundled plan."""

import shutil
from pathlib import Path

from conftest import MINI, Run

from liupi_cli.plan import bundled_data_dir, resolve_data_dir


def _plan_dir(where: Path) -> Path:
    shutil.copytree(MINI, where)
    return where


def test_order_of_resolution(tmp_path):
    a, b = _plan_dir(tmp_path / "a"), _plan_dir(tmp_path / "b")
    cwd = tmp_path / "work"
    _plan_dir(cwd / "data")
    env = {"LIUPI_HOME": str(b)}
    assert resolve_data_dir(a, env, cwd).origin == "--data-dir"
    assert resolve_data_dir(None, env, cwd).path == b
    assert resolve_data_dir(None, {}, cwd).path == cwd / "data"
    empty = tmp_path / "empty"
    (empty / "data").mkdir(parents=True)  # a ./data without targets.yaml does not count
    found = resolve_data_dir(None, {}, empty)
    assert found.origin == "bundled" and found.path == bundled_data_dir()


def test_info_says_which_plan_and_where_from(tmp_path, monkeypatch):
    home = _plan_dir(tmp_path / "home")
    monkeypatch.setenv("LIUPI_HOME", str(home))
    result = Run(None)("info")
    assert result.exit_code == 0
    assert f"data dir:   {home} (from LIUPI_HOME)" in result.stdout
    assert "plan:       mini-2023" in result.stdout
    assert "indicators: 13 (" in result.stdout
    assert "tasks:      4" in result.stdout


def test_info_on_the_bundled_plan(tmp_path):
    result = Run(None)("info")
    assert result.exit_code == 0
    assert "(from bundled)" in result.stdout
    assert "shuangpai-2023-six-battles" in result.stdout
    assert "records:" in result.stdout and "user data dir" in result.stdout
