"""The plan's rhythm at the command line: formats, files under --out-dir, exit codes, and cron's bare
environment (docs/products.md's crontab lines run as written, twice, byte for byte)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MINI, REPO

LIUPI = Path(sys.executable).with_name("liupi")
BARE = {"SHELL": "/bin/sh", "PATH": "/usr/bin:/bin"}


def _june(run):
    for args in (["update", "new_urban_jobs", "1500", "--period", "2023-05"],
                 ["update", "new_urban_jobs", "1550", "--period", "2023-06"],
                 ["update", "retail_sales_total", "6", "--period", "2023-06"],
                 ["update", "major_accidents", "0", "--period", "2023-06"],
                 ["update", "accident_count", "3", "--period", "2023-06"],
                 ["update", "accident_deaths", "1", "--period", "2023-06"],
                 ["task", "set", "t3", "--status", "in_progress", "--date", "2023-06-15"]):
        assert run(*args).exit_code == 0


def test_missing_counts_first_and_fail_on(run):
    _june(run)
    r = run("missing", "--month", "2023-06", "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert [(u["unit"], u["complete"]) for u in doc["units"]] == [("fgj", False), ("rsj", False), ("yjj", True)]
    assert "2 unit(s)" in r.stderr and "1 unit(s) complete" in r.stderr
    r = run("missing", "--month", "2023-06", "--lang", "zh", "--format", "markdown")
    assert r.stdout.index("分单位报送情况") < r.stdout.index("未报明细")
    assert "| 县应急管理局 | 已报齐 |" in r.stdout
    assert run("missing", "--month", "2023-06", "--fail-on", "missing").exit_code == 1
    assert run("missing", "--month", "2023-06", "--unit", "yjj", "--fail-on", "missing").exit_code == 0
    assert run("missing", "--month", "2023-06", "--quarter", "2023Q2").exit_code == 2


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_unit_page_every_format(run, fmt):
    _june(run)
    r = run("unit", "县人社局", "--month", "2023-06", "--lang", "zh", "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert "new_urban_jobs" in r.stdout
    if fmt != "csv":  # csv holds the indicators
        assert "t2" in r.stdout


def test_unit_page_json_is_the_model(run, mini):
    _june(run)
    from liupi_cli.cadence.unit_page import build_unit_page
    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.store import open_store

    r = run("unit", "rsj", "--month", "2023-06", "--format", "json")
    plan = load_plan(mini)
    with open_store(mini / "records.db", plan.info.id) as store:
        page = build_unit_page(plan, store.records(), store.task_updates(), parse_period("2023-06"), "rsj")
    assert json.loads(r.stdout) == page.model_dump(mode="json")


def test_unit_page_xlsx_needs_out_and_is_written(run, tmp_path):
    assert run("unit", "rsj", "--month", "2023-06", "--format", "xlsx").exit_code == 2
    out = tmp_path / "rsj.xlsx"
    r = run("unit", "rsj", "--month", "2023-06", "--out", out)
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert len(wb.sheetnames) == 1  # a short page: every section on the one printable sheet
    ws = wb.worksheets[0]
    col_a = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    tasks = col_a.index("Tasks")
    assert col_a.index("Indicators") < tasks < col_a.index("Still owed")
    assert ws.cell(tasks + 2, 2).value == "ID" and ws.cell(tasks + 3, 2).value == "t2"  # heading, columns, rows


def test_tasks_timeline_options(run):
    run("task", "set", "t1", "--status", "in_progress", "--percent", "20", "--date", "2023-05-10")
    r = run("tasks", "--overdue", "--as-of", "2023-06-30", "--format", "json")
    assert [(t["id"], t["days_overdue"]) for t in json.loads(r.stdout)] == [("t4", 30)]
    r = run("tasks", "--due-within", "62d", "--as-of", "2023-06-30", "--format", "json")
    assert [(t["id"], t["days_left"], t["percent"]) for t in json.loads(r.stdout)] == [("t1", 62, 20)]
    assert json.loads(run("tasks", "--due-within", "8w", "--as-of", "2023-06-30", "--format", "json").stdout) == []
    r = run("tasks", "--kind", "milestone", "--as-of", "2023-06-30", "--format", "json")
    assert [t["id"] for t in json.loads(r.stdout)] == ["t1"]  # the only task carrying a milestone
    r = run("tasks", "--status", "none", "--as-of", "2023-07-01", "--format", "json")
    t3 = next(t for t in json.loads(r.stdout) if t["id"] == "t3")
    assert (t3["state"], t3["days_overdue"], t3["stale"]) == ("ongoing", None, True)
    assert run("tasks", "--as-of", "30/06/2023").exit_code == 2
    assert run("tasks", "--due-within", "soon").exit_code == 2
    assert run("tasks", "--status", "finished").exit_code == 1


@pytest.mark.parametrize("option,key,folder,name", [
    ("--dekad", "2023-06-2", "2023-06", "旬简报-2023-06-2"),
    ("--month", "2023-06", "2023-06", "月通报-2023-06"),
    ("--quarter", "2023Q2", "2023Q2", "季总结-2023Q2"),
    ("--year", "2023", "2023", "年终结账-2023"),
])
def test_each_product_writes_stable_names(run, tmp_path, option, key, folder, name):
    _june(run)
    run("task", "set", "t1", "--status", "in_progress", "--date", "2023-06-12")  # the dekad has a task move
    if option == "--year":
        run("update", "new_urban_jobs", "3300", "--period", "2023-12")
    out = tmp_path / "out" / "deep"
    r = run("summary", option, key, "--out-dir", out, "--formats", "md,xlsx,html,json")
    assert r.exit_code == 0, r.stderr
    files = [out / folder / f"{name}.{ext}" for ext in ("md", "xlsx", "html", "json")]
    assert r.stderr.splitlines() == [f"wrote {f}" for f in files]
    assert all(f.stat().st_size > 0 for f in files)
    assert json.loads(files[3].read_text(encoding="utf-8"))["product"] == option[2:]
    assert not [p for p in (out / folder).iterdir() if p.name.startswith(".")]  # no temporary left


def test_month_circular_shows_the_change_and_the_owed(run):
    _june(run)
    r = run("summary", "--month", "2023-06", "--format", "markdown")
    assert r.exit_code == 0
    assert "| 连续红灯 | retail_sales_total |" not in r.stdout  # May had no retail figure: grey, not red
    assert "| 新增红灯 | retail_sales_total |" in r.stdout
    assert "| 县应急管理局 | 已报齐 |" in r.stdout
    assert "| t4 | 开展系列消费促进活动 |" in r.stdout  # overdue since 31 May


def test_exit_codes_empty_and_fail_on(run, tmp_path):
    r = run("summary", "--month", "2023-07", "--out-dir", tmp_path / "c")
    assert r.exit_code == 6 and (tmp_path / "c" / "2023-07" / "月通报-2023-07.md").exists()
    _june(run)
    assert run("summary", "--month", "2023-06", "--out-dir", tmp_path / "c").exit_code == 0
    assert run("summary", "--month", "2023-06", "--out-dir", tmp_path / "c", "--fail-on", "red").exit_code == 1
    assert run("summary", "--month", "2023-06", "--fail-on", "late").exit_code == 2
    blocked = tmp_path / "file"
    blocked.write_text("x")
    r = run("summary", "--month", "2023-06", "--out-dir", blocked)
    assert r.exit_code == 5 and r.stderr.startswith(f"error: {blocked} is a file, not a folder")


def test_xlsx_is_reproducible_and_pinned_to_the_period(run, tmp_path):
    _june(run)
    a, b = tmp_path / "a", tmp_path / "b"
    run("summary", "--month", "2023-06", "--out-dir", a, "--formats", "xlsx")
    import time

    time.sleep(1.1)  # a clock inside the file would now differ
    run("summary", "--month", "2023-06", "--out-dir", b, "--formats", "xlsx")
    fa, fb = a / "2023-06" / "月通报-2023-06.xlsx", b / "2023-06" / "月通报-2023-06.xlsx"
    assert fa.read_bytes() == fb.read_bytes()
    with zipfile.ZipFile(fa) as z:
        core = z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(2023, 6, 30, 0, 0, 0)}
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2023-06-30T00:00:00Z"] * 2


def _bare(cmd: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["env", "-i", *(f"{k}={v}" for k, v in env.items()), "/bin/sh", "-c", cmd],
                          capture_output=True, cwd=cwd, timeout=120)


def test_two_runs_at_once_take_turns(mini, tmp_path):
    env = {**BARE, "LIUPI_HOME": str(mini)}
    cmd = f"{LIUPI} summary --month 2023-06 --out-dir {tmp_path / 'c'} --formats md,xlsx,json"
    procs = [subprocess.Popen(["env", "-i", *(f"{k}={v}" for k, v in env.items()), "/bin/sh", "-c", cmd],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        p.wait(timeout=120)
        assert p.returncode == 6  # nothing recorded for June in the bare plan
    once = tmp_path / "once"
    assert _bare(cmd.replace(str(tmp_path / "c"), str(once)), env, tmp_path).returncode == 6
    for f in ("月通报-2023-06.md", "月通报-2023-06.xlsx", "月通报-2023-06.json"):
        assert (tmp_path / "c" / "2023-06" / f).read_bytes() == (once / "2023-06" / f).read_bytes()


@pytest.mark.parametrize("extra", [{}, {"LC_ALL": "C", "PYTHONUTF8": "0"}])
def test_chinese_under_a_bare_or_ascii_locale(mini, tmp_path, extra):
    env = {**BARE, "LIUPI_HOME": str(mini), **extra}
    r = _bare(f"{LIUPI} missing --month 2023-06 --unit 县人社局 --lang zh --format markdown", env, tmp_path)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert "县人社局" in r.stdout.decode("utf-8") and b"Traceback" not in r.stderr


def _cron_lines() -> list[str]:
    page = (REPO / "docs" / "products.md").read_text(encoding="utf-8")
    section = page[page.index("## Unattended, by cron"):]
    block = re.search(r"```text\n(.*?)```", section, flags=re.S)[1]
    return [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]


def test_the_readme_crontab_lines_run_under_cron_env_twice(tmp_path):
    lines = _cron_lines()
    assert len(lines) == 3 and all("%" not in ln for ln in lines)  # cron would cut a line at %
    srv = tmp_path / "srv 六仗"  # a space and Chinese in the path, too
    shutil.copytree(MINI, srv / "plan")
    runs = []
    for extra in ({}, {"LC_ALL": "C", "PYTHONUTF8": "0"}):  # the second run also under an ASCII locale
        for line in lines:
            command = line.split(None, 5)[5]  # after the five schedule fields
            command = command.replace("/srv/liupi/.venv/bin/liupi", str(LIUPI)).replace("/srv/liupi", f"'{srv}'")
            r = _bare(command, {**BARE, "LIUPI_TODAY": "2023-07-21", **extra}, tmp_path)  # cron's day, pinned
            assert r.returncode in (0, 6), (line, r.stderr)  # 6: nothing recorded for that period
        runs.append({p.relative_to(srv): p.read_bytes() for p in sorted((srv / "circulars").rglob("*"))
                     if p.is_file() and not p.name.startswith(".")})
    first, second = runs
    assert first == second
    names = [str(p) for p in first]
    assert any("月通报-" in n and n.endswith(".xlsx") for n in names)
    assert any("旬简报-" in n and n.endswith(".md") for n in names)
    assert any("季总结-" in n and n.endswith(".json") for n in names)
    assert {p.parts[1] for p in first} == {"2023-06", "2023-07", "2023Q2"}  # `last` as of 2023-07-21
    md = next(b for p, b in first.items() if p.name.startswith("月通报") and p.suffix == ".md").decode("utf-8")
    assert md.startswith("# 月通报 · ") and "打好经济增长主动仗" in md
    log = (srv / "cron.log").read_text(encoding="utf-8")
    assert "wrote " in log and "月通报" in log and "Traceback" not in log


def test_last_on_an_old_plan_is_refused_not_guessed(mini, tmp_path):
    env = {**BARE, "LIUPI_HOME": str(mini), "LIUPI_TODAY": "2026-11-29"}
    for cmd in ("summary --month last", "summary --dekad last", "missing --month last", "unit rsj --month last"):
        r = _bare(f"{LIUPI} {cmd}", env, tmp_path)
        assert r.returncode == 2, (cmd, r.stderr)
        assert b"outside the plan year 2023" in r.stderr and b"Traceback" not in r.stderr


def test_a_malformed_liupi_today_is_a_usage_error(mini, tmp_path):
    r = _bare(f"{LIUPI} summary --month last", {**BARE, "LIUPI_HOME": str(mini), "LIUPI_TODAY": "21/07/2023"}, tmp_path)
    assert r.returncode == 2 and b"LIUPI_TODAY" in r.stderr


def test_january_alone_is_owed_with_february(run):
    """A new year's 催报 starts in January: `missing --month 2023-01` lists what 1–2月 owes and says so;
    a report for January alone is still refused (there is no January figure to judge)."""
    jan = run("missing", "--month", "2023-01", "--format", "json")
    feb = run("missing", "--month", "2023-02", "--format", "json")
    assert jan.exit_code == feb.exit_code == 0
    assert json.loads(jan.stdout) == json.loads(feb.stdout)
    assert "January's figures are owed with February's, listed as 2023-02 (1–2月)" in jan.stderr
    zh = run("missing", "--month", "2023年1月", "--lang", "zh")
    assert zh.exit_code == 0 and "1月数据与2月合并报送" in zh.stderr
    page = run("unit", "rsj", "--month", "2023-01", "--format", "json")
    assert page.exit_code == 0 and json.loads(page.stdout) == json.loads(
        run("unit", "rsj", "--month", "2023-02", "--format", "json").stdout)
    refused = run("report", "--month", "2023-01")
    assert refused.exit_code == 2 and "--month 2023-02 (1–2月)" in refused.stderr
    assert run("missing", "--month", "2023-13").exit_code == 2
