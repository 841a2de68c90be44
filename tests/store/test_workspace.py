"""Which plan and which store: --data-dir, LIUPI_HOME, the nearest liupi.toml, ./data, then the bundled
sample plan (said on stderr); `liupi init`; and the stores of a plan known on this computer."""

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import MINI, REPO, Run
from typer.testing import CliRunner

from liupi_cli.cli.app import app
from liupi_cli.cli.context import BUNDLED_NOTE
from liupi_cli.errors import PlanUnreadable
from liupi_cli.workspace import bundled_data_dir, find_workspace, store_location


def _plan_dir(where: Path) -> Path:
    shutil.copytree(MINI, where)
    return where


def _workspace(root: Path, settings: str = 'plan = "data"\n') -> Path:
    _plan_dir(root / "data")
    (root / "liupi.toml").write_text(settings, encoding="utf-8")
    return root


def test_order_of_resolution(tmp_path):
    a, b = _plan_dir(tmp_path / "a"), _plan_dir(tmp_path / "b")
    cwd = tmp_path / "work"
    _plan_dir(cwd / "data")
    env = {"LIUPI_HOME": str(b)}
    assert find_workspace(a, env, cwd).origin == "--data-dir"
    assert find_workspace(None, env, cwd).path == b
    assert find_workspace(None, {}, cwd).path == cwd / "data"
    assert find_workspace(None, {}, cwd).origin == "./data"
    empty = tmp_path / "empty"
    (empty / "data").mkdir(parents=True)  # a ./data without targets.yaml does not count
    found = find_workspace(None, {}, empty)
    assert found.origin == "bundled" and found.path == bundled_data_dir()


def test_the_nearest_liupi_toml_is_found_from_any_folder_below(tmp_path):
    ws = _workspace(tmp_path / "srv" / "liupi")
    deep = ws / "circulars" / "2023"
    deep.mkdir(parents=True)
    found = find_workspace(None, {}, deep)
    assert (found.path, found.origin, found.root) == (ws / "data", "liupi.toml", ws)
    inner = _workspace(ws / "circulars" / "nested")  # the nearest wins, as with git
    assert find_workspace(None, {}, inner / "data").root == inner
    # ./data beside you is nearer than a liupi.toml above you
    _plan_dir(deep / "data")
    assert find_workspace(None, {}, deep).origin == "./data"
    # an explicit folder may be a workspace too
    assert find_workspace(ws, {}, tmp_path).path == ws / "data"
    assert find_workspace(None, {"LIUPI_HOME": str(ws)}, tmp_path).settings == ws / "liupi.toml"


def test_where_the_store_is(tmp_path):
    ws = _workspace(tmp_path / "ws", 'plan = "plan"\nstore = "../shared/county.db"\n')
    (ws / "data").rename(ws / "plan")
    found = find_workspace(None, {}, ws)
    assert found.path == ws / "plan"
    loc = store_location(found, "mini-2023", None, {})
    assert (loc.path, loc.origin) == (ws / "../shared/county.db", "liupi.toml")
    assert store_location(found, "mini-2023", None, {"LIUPI_DB": "/x.db"}).origin == "LIUPI_DB"
    assert store_location(found, "mini-2023", Path("/y.db"), {"LIUPI_DB": "/x.db"}).path == Path("/y.db")
    plain = find_workspace(ws / "plan", {}, tmp_path)
    assert store_location(plain, "p", None, {}).path == ws / "plan" / "records.db"
    bundled = find_workspace(None, {}, tmp_path / "nowhere")
    loc = store_location(bundled, "p", None, {"XDG_DATA_HOME": "/xdg"})
    assert (loc.path, loc.origin) == (Path("/xdg/liupi/p.db"), "user data dir")


@pytest.mark.parametrize("text,message", [
    ('plan = "data"\nstor = "x"\n', "unknown setting(s) stor"),
    ("plan: data\n", "not valid TOML"),
    ("plan = 3\n", "must be a quoted path"),
    ('plan = ""\n', "must be a quoted path"),
])
def test_a_bad_settings_file_is_one_line(tmp_path, text, message):
    ws = _workspace(tmp_path / "ws", text)
    with pytest.raises(PlanUnreadable, match=re.escape(message)):
        find_workspace(None, {}, ws)


def test_the_bundled_plan_is_used_only_when_nothing_else_is_found_and_says_so(tmp_path):
    result = Run(None)("targets", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr.count(BUNDLED_NOTE) == 1
    assert "liupi init" in BUNDLED_NOTE
    _workspace(tmp_path / "ws")
    assert BUNDLED_NOTE not in Run(tmp_path / "ws")("targets").stderr


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


# -- liupi init ------------------------------------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_init_demo_then_a_report_with_real_lights(tmp_path, monkeypatch):
    result = _run("init", "demo", "--demo")
    assert result.exit_code == 0, result.stderr
    assert "recorded 17 made-up demo figure(s) (source 'demo')" in result.stderr
    ws = tmp_path / "demo"
    assert sorted(p.name for p in ws.iterdir()) == ["data", "liupi.toml"]
    assert sorted(p.name for p in (ws / "data").iterdir()) == ["records.db", "targets.yaml", "tasks.yaml"]
    assert (ws / "data" / "targets.yaml").read_bytes() == (bundled_data_dir() / "targets.yaml").read_bytes()
    monkeypatch.chdir(ws / "data")  # any folder inside the workspace
    report = _run("report", "--month", "2023-06", "--format", "json")
    assert report.exit_code == 0, report.stderr
    overall = json.loads(report.stdout)["summary"]["overall"]
    # accidents 7 → 5 fell but deaths 2 → 3 did not: the 双下降 pair failed, so accident_count is red too
    assert (overall["red"], overall["yellow"], overall["green"], overall["total"]) == (5, 4, 5, 289)
    history = json.loads(_run("history", "gdp_growth", "-f", "json").stdout)
    assert [(r["period"], r["entered"], r["source"], r["recorded_by"]) for r in history] == [
        ("2023Q1", "5.2%", "demo", "liupi init --demo"), ("2023Q2", "6.9%", "demo", "liupi init --demo")]


def test_init_empty_is_a_skeleton_that_passes_check_with_every_field_explained(tmp_path, monkeypatch):
    result = _run("init", "sp", "--empty", "--year", "2024", "--name", '某某县2024年"重点"工作: 计划')
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(tmp_path / "sp")
    check = _run("check")
    assert check.exit_code == 0 and "0 error(s), 0 warning(s)" in check.stderr
    info = _run("info").stdout
    assert "plan:       sp-2024 · 某某县2024年\"重点\"工作: 计划" in info and "year:       2024" in info
    targets = _run("targets", "--format", "json")
    (ind,) = json.loads(targets.stdout)
    assert (ind["id"], ind["kind"], ind["target"], ind["unit"]) == ("new_urban_jobs", "cumulative", 3000, "人")
    (task,) = json.loads(_run("tasks", "--format", "json").stdout)
    assert task["deadline"] == "2024-12-31"
    for name in ("targets.yaml", "tasks.yaml"):
        for line in (tmp_path / "sp" / "data" / name).read_text(encoding="utf-8").splitlines():
            if re.match(r"^[- ]*[a-z_]+:", line):  # every field: a comment in Chinese and in English
                comment = line.partition("  # ")[2]
                assert re.search(r"[\u4e00-\u9fff]", comment) and re.search(r"[a-z]{3}", comment), line
    # A figure recorded from a subfolder lands in the workspace's store and lights the report.
    (tmp_path / "sp" / "circulars").mkdir()
    monkeypatch.chdir(tmp_path / "sp" / "circulars")
    assert _run("update", "城镇新增就业", "1400", "-p", "2024-06").exit_code == 0
    report = _run("report", "--month", "2024-06", "--format", "json")
    assert report.exit_code == 0
    (row,) = json.loads(report.stdout)["rows"]
    # 1400 of 3000 is 46.7% against 50% elapsed: 3.3 points behind, inside the 10-point yellow band
    assert (row["actual"], row["completion"], row["light"]) == (1400, pytest.approx(46.7, abs=0.05), "yellow")


@pytest.mark.parametrize("args,code,message", [
    (["init", "w", "--demo", "--empty"], 2, "cannot go with --empty"),
    (["init", "w", "--from-sample", "--empty"], 2, "exclude each other"),
    (["init", "w", "--year", "2024"], 2, "the sample plan is for 2023, not 2024"),
    (["init", "w", "--empty", "--year", "1999"], 2, "is not a plan year"),
    (["--db", "x.db", "init", "w"], 2, "--data-dir and --db do not apply"),
    (["init", "w", "--name", " "], 1, "--name must be one line"),
])
def test_init_refusals_create_nothing(tmp_path, args, code, message):
    result = _run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert not (tmp_path / "w").exists() and not (tmp_path / "x.db").exists()


def test_init_never_overwrites(tmp_path):
    assert _run("init", "w").exit_code == 0
    targets = (tmp_path / "w" / "data" / "targets.yaml").read_bytes()
    again = _run("init", "w", "--empty", "--year", "2024")
    assert again.exit_code == 1 and "already exists; nothing was changed" in again.stderr
    assert (tmp_path / "w" / "data" / "targets.yaml").read_bytes() == targets
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "notes.txt").write_text("kept")
    assert _run("init", "plain").exit_code == 0  # a folder with other files is fine, as with git init
    assert (tmp_path / "plain" / "notes.txt").read_text() == "kept"


# -- figures in another store of the same plan -----------------------------------------------------------


def test_an_empty_report_says_where_this_plans_figures_are(tmp_path, monkeypatch):
    """The field report: figures typed from ~ went to the bundled plan's store; the cron job in the
    workspace read its own, empty store. Now the cron job exits 6 and names the other store."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    typed = _run("update", "new_urban_jobs", "1480", "-p", "2023-06")
    assert typed.exit_code == 0 and BUNDLED_NOTE in typed.stderr
    other = tmp_path / "xdg" / "liupi" / "shuangpai-2023-six-battles.db"
    assert other.exists()

    assert _run("init", str(tmp_path / "srv")).exit_code == 0
    monkeypatch.chdir(tmp_path / "srv")
    cron = _run("report", "--month", "2023-06", "--lang", "zh", "--out", "circular.xlsx")
    assert cron.exit_code == 6
    assert (tmp_path / "srv" / "circular.xlsx").exists()  # the report is still written
    line = cron.stderr.strip().splitlines()[-1]
    assert line == (f"错误：{tmp_path / 'srv' / 'data' / 'records.db'} 中没有 2023 年截至 2023-06 的数据；"
                    f"本计划有1项数据在 {other}：请加 --db {other} 或在该工作区运行 liupi")  # --lang zh
    english = _run("report", "--month", "2023-06", "--out", "circular.xlsx").stderr.strip().splitlines()[-1]
    assert english == ("error: no figure recorded in 2023 up to 2023-06 in "
                       f"{tmp_path / 'srv' / 'data' / 'records.db'}; "
                       f"1 figure(s) of this plan are in {other}: pass --db {other} or run liupi in that workspace")
    assert _run("--db", str(other), "report", "--month", "2023-06", "-f", "csv").exit_code == 0
    info = _run("info").stdout
    assert "stores of shuangpai-2023-six-battles known on this computer:" in info
    assert f"  {tmp_path / 'srv' / 'data' / 'records.db'}: 0 figure(s), 0 task update(s)  (in use)" in info
    assert f"  {other}: 1 figure(s), 0 task update(s), last recorded " in info


def test_figures_only_of_another_period_or_last_year_still_count_as_none(run, mini):
    assert run("update", "new_urban_jobs", "1600", "-p", "2023-07").exit_code == 0
    assert run("update", "gdp_growth", "4", "-p", "2022Q2", "--baseline").exit_code == 0
    june = run("report", "--month", "2023-06")
    assert june.exit_code == 6 and "no figure recorded in 2023 up to 2023-06" in june.stderr
    assert run("report", "--month", "2023-07").exit_code == 0
    assert run("report", "--month", "2023-06", "--fail-on", "missing").exit_code == 6  # 6 says more than 1


# -- the README's first command ------------------------------------------------------------------------


def test_the_readme_set_up_command_makes_a_demo_workspace_with_real_lights(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)```", readme, flags=re.S)[1].strip()
    assert first.startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    steps = [s.strip() for s in first.split("&&")][2:]
    assert steps == [".venv/bin/liupi init demo --demo", "cd demo", "../.venv/bin/liupi report --month 2023-06"]
    for step in steps:
        words = shlex.split(step)
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
            continue
        assert words[0].endswith("/liupi")
        result = _run(*words[1:])
        assert result.exit_code == 0, result.stderr
    assert "5 red, 4 yellow, 5 green" in result.stderr  # accidents 7 → 5 fell, deaths 2 → 3 did not: red


def test_the_list_of_known_stores(tmp_path):
    from liupi_cli.registry import known_stores, registry_file, remember

    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    a.touch()
    b.touch()
    remember("p", a, env)
    remember("p", tmp_path / "." / "a.db", env)  # the same file, spelt another way: listed once
    remember("q", b, env)
    with open(registry_file(env), "a", encoding="utf-8") as f:
        f.write('{"plan": "p", "sto')  # a line cut short by a crash is skipped
    remember("p", b, env)
    assert known_stores("p", env) == [a, b]
    b.unlink()
    assert known_stores("p", env) == [a]  # a store deleted since is no longer listed
    assert len(registry_file(env).read_text(encoding="utf-8").splitlines()) == 4
    unwritable = {"XDG_DATA_HOME": str(a)}  # a file where the folder should be: remembering never fails
    remember("p", a, unwritable)
    assert known_stores("p", unwritable) == []
