"""`liupi plan next`: next year's workspace from the bundled plan with a year of records."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from seed_tables import REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import app
from liupi_cli.models import Battle, Settings, Unit
from liupi_cli.store import Store

OLD_ID = "shuangpai-2023-six-battles"
NEW_ID = "shuangpai-2024-six-battles"


def _run(*args: str):
    r = CliRunner().invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r


def _year_of_records(db: Path) -> None:
    """A year of records, written straight into the plan's store (the CLI's own path is tested elsewhere)."""
    from liupi_cli.store import NewRecord

    store = Store(db, OLD_ID)
    rows = [
        ("transport_accident_count", 5, "2023-06", "起"),
        ("transport_accident_count", 9, "2023-12", "起"),
        ("transport_accident_deaths", 2, "2023-12", "人"),
        ("new_urban_jobs", 1500, "2023-06", "人"),
        ("new_urban_jobs", 3300, "2023-12", "人"),
        ("urban_dibao_standard", 650, "2023", "元/月"),
        ("gdp_growth", 7.1, "2023Q4", "%"),
    ]
    store.add_many([NewRecord(i, p, v, f"{v:g}", None, u) for i, v, p, u in rows], "t", "2024-01-05T10:00:00+08:00")
    store.set_task("a7-1.1.1", dt.date(2023, 12, 20), "done", None, None, "t", "2023-12-20T10:00:00+08:00")
    store.set_task("a7-1.2.1", dt.date(2023, 12, 20), "in_progress", 60, None, "t", "2023-12-20T10:00:00+08:00")
    store.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill_rows(path: Path) -> dict[str, dict[str, str]]:
    return {r["indicator"]: r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))}


def _write_rows(path: Path, rows: dict[str, dict[str, str]]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(next(iter(rows.values()))))
    w.writeheader()
    w.writerows(rows.values())
    path.write_text(buf.getvalue(), encoding="utf-8")


def test_plan_next_from_a_year_of_records(tmp_path, monkeypatch):
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.db*"))
    _year_of_records(tmp_path / "data" / "records.db")
    before = _digest(tmp_path / "data" / "records.db")
    r = _run("-d", "data", "plan", "next", "--year", "2024", "p24")
    assert _digest(tmp_path / "data" / "records.db") == before
    assert "189 task(s) carried" in r.stderr and "3 baseline record(s) from 2023" in r.stderr
    assert (tmp_path / "p24" / "liupi.toml").is_file()  # a workspace, as `liupi init` makes one

    old = yaml.safe_load((tmp_path / "data" / "targets.yaml").read_text(encoding="utf-8"))
    new = yaml.safe_load((tmp_path / "p24" / "data" / "targets.yaml").read_text(encoding="utf-8"))
    assert new["plan"]["year"] == 2024 and new["plan"]["id"] == NEW_ID
    assert "doc_no" not in new["plan"] and "issued" not in new["plan"]
    for key, model in (("units", Unit), ("battles", Battle)):
        assert [model.model_validate(x) for x in new[key]] == [model.model_validate(x) for x in old[key]]
    assert Settings.model_validate(new["settings"]) == Settings.model_validate(old["settings"])
    ind = {i["id"]: i for i in new["indicators"]}
    assert len(ind) == len(old["indicators"])
    assert "target" not in ind["gdp_growth"] and "target" not in ind["new_urban_jobs"]  # left for the new figures
    assert ind["gdp_growth"]["to_be_set"] == ["target"] and ind["key_livelihood_projects"]["to_be_set"] == ["due"]
    assert ind["urban_dibao_standard"]["baseline"] == 650  # the standard reached last year
    assert ind["rural_dibao_standard"]["baseline"] == 5016  # nothing recorded: last year's promised standard
    assert ind["transport_major_accidents"]["target"] == 0 and "to_be_set" not in ind["transport_major_accidents"]
    assert "due" not in ind["key_livelihood_projects"]

    tasks = {t["id"]: t for t in
             yaml.safe_load((tmp_path / "p24" / "data" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]}
    assert "a7-1.1.1" not in tasks and len(tasks) == 189  # done last year: not carried
    assert tasks["a7-1.2.1"]["note"].startswith(
        "carried from 2023: not done (in_progress 60% on 2023-12-20); "
        "deadline moved from 2023-12-31 to 2024-12-31 (same day in 2024): review it")
    assert (tasks["a7-1.2.1"]["deadline"], tasks["a7-1.2.1"]["deadline_text"]) == ("2024-12-31",
                                                                                   "2024年12月底前（顺延，待确认）")
    assert tasks["a4-1.1.2.2"]["note"].startswith("carried from 2023 (ongoing; no progress recorded)")
    assert tasks["a4-1.1.2.2"]["deadline"] == "ongoing"
    assert tasks["a3-1.1.1"]["deadline"] == "2025-12-31"  # already after the new year: kept, not flagged
    assert "task" not in ind["new_urban_jobs"]  # its task was done and left out

    rows = _fill_rows(tmp_path / "p24" / "targets-to-fill.csv")
    assert rows["new_urban_jobs"] | {} == {
        **rows["new_urban_jobs"],
        "last_target": "3200",
        "last_result": "3300",
        "last_result_period": "2023-12",
        "new_target": "",
    }
    assert (rows["gdp_growth"]["last_target"], rows["gdp_growth"]["last_result"]) == ("8", "7.1")
    assert rows["key_livelihood_projects"]["last_due"] == "2023-12-31"
    assert "transport_major_accidents" not in rows
    review = (tmp_path / "p24" / "next-year-review.md").read_text(encoding="utf-8")
    assert "| a7-1.2.1 | “湘易办”政务服务扩面及常态化运行 | 2023-12-31 | 2024-12-31 |" in review
    moved = re.findall(r"\| 2023-(\d\d-\d\d) \| 2024-(\d\d-\d\d) \|", review)
    assert len(moved) == 59 and all(a == b for a, b in moved)  # 60 dated 2023, one done and left out

    store = Store(tmp_path / "p24" / "data" / "records.db", NEW_ID)
    base = sorted((r.indicator, r.period, r.value) for r in store.records() if r.baseline)
    store.close()
    assert base == [
        ("transport_accident_count", "2023-06", 5),
        ("transport_accident_count", "2023-12", 9),
        ("transport_accident_deaths", "2023-12", 2),
    ]

    r = CliRunner().invoke(app, ["-d", "p24", "check"])
    assert r.exit_code == 0 and "gdp_growth: target to be set (地区生产总值)" in r.stdout
    warnings = [w for w in r.stdout.splitlines() if w.startswith("warning:")]
    assert sum(" to be set (" in w for w in warnings) == len(rows)  # one count: the 2025 milestone is not in the table
    assert str(ind["new_energy_materials_cluster"]["due"]) == "2025-12-31"
    assert "to_be_set" not in ind["new_energy_materials_cluster"]

    # fill the table: every target, every due date; then the plan passes `liupi check` with no warning left
    for row in rows.values():
        if row["kind"] == "milestone":
            row["new_due"] = "2024-12-31"
        elif row["kind"] == "standard_raised":
            row["new_target"] = str(float(ind[row["indicator"]]["baseline"]) + 10)
        else:
            row["new_target"] = row["last_target"] or "1"
    _write_rows(tmp_path / "filled.csv", rows)
    r = _run("plan", "next", "--year", "2024", "--out", "p24", "--fill", "filled.csv")
    assert "`liupi check` passes" in r.stderr
    assert "to be set" not in _run("-d", "p24", "check").stdout
    again = {i["id"]: i for i in
             yaml.safe_load((tmp_path / "p24" / "data" / "targets.yaml").read_text(encoding="utf-8"))["indicators"]}
    assert again["urban_dibao_standard"]["target"] == 660 and again["gdp_growth"]["target"] == 8
    assert not any("to_be_set" in i for i in again.values())


def test_plan_next_refuses_an_earlier_year_and_an_existing_or_inner_folder(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.db*"))
    r = CliRunner().invoke(app, ["-d", "data", "plan", "next", "--year", "2023", "p"])
    assert r.exit_code == 1 and "must be later, not 2023" in r.stderr
    assert not (tmp_path / "p").exists()
    _run("init", "ws2023", "--from-sample")
    r = CliRunner().invoke(app, ["-d", "ws2023", "plan", "next", "--year", "2024", "ws2023/plan-2024"])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0] == "error: ws2023/plan-2024 is inside last year's workspace ws2023"
    assert not (tmp_path / "ws2023" / "plan-2024").exists()
    _run("-d", "ws2023", "plan", "next", "--year", "2024")
    assert (tmp_path / "ws2024" / "liupi.toml").is_file()  # beside it, named from it and the year
    r = CliRunner().invoke(app, ["-d", "ws2023", "plan", "next", "--year", "2024"])
    assert r.exit_code == 1 and "already exists; nothing was changed" in r.stderr


# --- the acceptance path, run as a user would: a real process in the folder they stand in -------------------

def _liupi(cwd: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUPI_")}
    env.update(LIUPI_USER="tester", COLUMNS="200", LIUPI_TODAY="2024-03-31")
    p = subprocess.run([sys.executable, "-m", "liupi_cli", *args], cwd=cwd, env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert p.returncode == code, (args, p.returncode, p.stdout[-2000:], p.stderr[-2000:])
    return p


def test_next_years_workspace_works_on_day_one_and_the_filled_table_passes_check(tmp_path):
    _liupi(tmp_path, "init", "county2023", "--from-sample")
    old = tmp_path / "county2023"
    _year_of_records(old / "data" / "records.db")
    before = {p.name: _digest(p) for p in (old / "data").iterdir() if p.is_file()}

    made = _liupi(old, "plan", "next", "--year", "2024")
    new = tmp_path / "county2024"  # beside last year's, never inside it
    assert f"created workspace {new}" in made.stderr
    after = {p.name: _digest(p) for p in (old / "data").iterdir() if p.is_file()}
    assert {n: after[n] for n in before} == before  # the plan files and the store: byte-identical
    # reading a WAL store leaves SQLite's companions (as any read does); they hold nothing
    assert set(after) - set(before) <= {"records.db-wal", "records.db-shm"}
    assert not (old / "data" / "records.db-wal").exists() or (old / "data" / "records.db-wal").stat().st_size == 0
    assert sorted(p.name for p in old.iterdir()) == ["data", "liupi.toml"]

    info = _liupi(new, "info").stdout
    assert f"data dir:   {new / 'data'} (from liupi.toml)" in info and f"plan:       {NEW_ID}" in info

    tasks = json.loads(_liupi(new, "tasks", "-f", "json").stdout)
    assert len(tasks) == 189
    # nothing carried is overdue from 2023 (the 2023 plan had 60 overdue at 2024-06-30, by up to 366 days)
    assert json.loads(_liupi(new, "tasks", "--overdue", "--as-of", "2024-06-30", "-f", "json").stdout) == []
    late = {t["id"]: t for t in json.loads(_liupi(new, "tasks", "--overdue", "--as-of", "2024-12-31", "-f",
                                                   "json").stdout)}
    assert all(t["deadline"].startswith("2024-") for t in late.values())  # by their moved, flagged deadlines
    # 2023-06-30 moved to 2024-06-30: at 2024-12-31 it is 31+31+30+31+30+31 = 184 days late, not 550
    assert late["a4-1.1.5.2"]["days_overdue"] == 184
    on_dec_31 = {t["id"]: t for t in json.loads(_liupi(new, "tasks", "--as-of", "2024-12-31", "-f", "json").stdout)}
    assert on_dec_31["a7-1.2.1"]["days_left"] == 0  # moved from 2023-12-31 to 2024-12-31

    owed = json.loads(_liupi(new, "missing", "--month", "2024-02", "-f", "json").stdout)
    figures = {f["id"] for u in owed["units"] for f in u["figures"]}
    assert {"new_urban_jobs", "retail_sales_total", "urban_unemployment"} <= figures  # owed, target or not
    flagged = {f["id"] for u in owed["units"] for f in u["figures"] if f["target_to_be_set"]}
    assert "new_urban_jobs" in flagged and "transport_major_accidents" not in flagged  # zero stays zero: set
    text = _liupi(new, "missing", "--month", "2024-02").stdout
    assert f"{len(flagged)} of them with the target still to be set" in text
    assert "城镇新增就业（目标待定）" in _liupi(new, "missing", "--month", "2024-02", "--lang", "zh").stdout
    # a new year's 催报 starts in January: what 1–2月 owes, said so (January is published with February)
    jan = _liupi(new, "missing", "--month", "2024-01", "-f", "json")
    assert json.loads(jan.stdout) == owed and "listed as 2024-02 (1–2月)" in jan.stderr

    # before any 2024 figure the report is written all the same, exit 6 as for any plan with nothing recorded
    empty = _liupi(new, "report", "--month", "2024-03", code=6)
    assert "289 grey (no data or not due; 233 target(s) to be set); 0 task(s) overdue" in empty.stdout
    _liupi(new, "update", "new_urban_jobs", "800", "--period", "2024-03")
    report = json.loads(_liupi(new, "report", "--month", "2024-03", "-f", "json").stdout)
    rows = {r["id"]: r for r in report["rows"]}
    assert (rows["new_urban_jobs"]["light"], rows["new_urban_jobs"]["status"]) == ("grey", "target_to_be_set")
    assert rows["new_urban_jobs"]["actual"] == 800
    assert {r["light"] for r in report["rows"] if r["status"] == "target_to_be_set"} == {"grey"}
    assert report["summary"]["tasks_overdue"] == []
    text = _liupi(new, "report", "--month", "2024-03").stdout
    assert "233 target(s) to be set" in text  # one count: the milestone still due 2025-12-31 keeps its date

    check = _liupi(new, "check")
    assert sum(" to be set (" in w for w in check.stdout.splitlines() if w.startswith("warning:")) == 233
    assert "0 error(s), 233 warning(s)" in check.stderr
    assert check.stdout.splitlines()[0] == ("233 target(s) to be set (judged grey until `liupi plan fill "
                                            "targets-to-fill.csv`), each listed below as a warning")

    rows_to_fill = _fill_rows(new / "targets-to-fill.csv")
    assert len(rows_to_fill) == 233 and "233 target(s) to be set" in made.stderr
    typed = {"gdp_growth": "7%", "retail_sales_total": "360000万元", "fai_growth": "增长8%以上",
             "urban_unemployment": "控制在5.5%左右"}
    for iid, row in rows_to_fill.items():
        if row["kind"] == "milestone":
            row["new_due"] = "2024/12/31"
        elif iid in typed:
            row["new_target"] = typed[iid]
        elif row["kind"] == "standard_raised":
            row["new_target"] = f"{float(row['last_result'] or row['last_target']) + 10:g}"
        else:
            row["new_target"] = row["last_target"]
    _write_rows(new / "targets-to-fill.csv", rows_to_fill)
    # the filled table applied in last year's workspace by mistake: refused in one line, 2023 untouched
    wrong = _liupi(old, "plan", "fill", str(new / "targets-to-fill.csv"), code=1)
    assert wrong.stderr.splitlines()[0] == (f"error: {new / 'targets-to-fill.csv'} is for 2024, but this plan is "
                                            "for 2023: nothing was changed")
    assert {n: _digest(old / "data" / n) for n in before} == before
    filled = _liupi(new, "plan", "fill", "targets-to-fill.csv")
    assert "set 233 new target(s)" in filled.stderr and "`liupi check` passes" in filled.stderr
    assert (new / "data" / "targets.yaml.bak").read_text(encoding="utf-8").count("  to_be_set: [") == 233
    again = _liupi(new, "plan", "fill", "targets-to-fill.csv")  # the same table again: nothing to do
    assert "unchanged:" in again.stderr and "233 unchanged" in again.stderr and "set " not in again.stderr

    check = _liupi(new, "check")
    assert "to be set" not in check.stdout and "0 error(s)" in check.stderr
    ind = {i["id"]: i for i in
           yaml.safe_load((new / "data" / "targets.yaml").read_text(encoding="utf-8"))["indicators"]}
    assert ind["gdp_growth"]["target"] == 7
    assert (ind["fai_growth"]["target"], ind["fai_growth"]["qualifier"]) == (8, "以上")
    assert ind["retail_sales_total"]["target"] == 36  # 360000万元 in the indicator's 亿元
    assert (ind["urban_unemployment"]["target"], ind["urban_unemployment"]["comparator"],
            ind["urban_unemployment"]["qualifier"]) == (5.5, "about", "控制在…左右")
    report = json.loads(_liupi(new, "report", "--month", "2024-03", "-f", "json").stdout)
    jobs = next(r for r in report["rows"] if r["id"] == "new_urban_jobs")
    # last year's 3200 people kept: 800 by March is 25.0% of it, as 25.0% of the year has elapsed: green
    assert (jobs["target"], jobs["completion"], jobs["expected"], jobs["light"]) == (3200, 25.0, 25.0, "green")

    # a deadline moved by `plan next` is flagged in the table until the office confirms it (csv/json: the date)
    def row(*args: str) -> str:
        out = _liupi(new, "tasks", "--battle", "livelihood", *args).stdout
        return next(line for line in out.splitlines() if line.startswith(("a7-1.2.1 ", "a7-1.2.1,")))

    assert "2024-12-31 moved, to confirm" in row() and "2024-12-31 moved, to confirm" in row("--as-of", "2024-03-31")
    assert ",2024-12-31,2024年12月底前（顺延，待确认）," in row("-f", "csv")
    tasks_yaml = new / "data" / "tasks.yaml"
    head, sep, tail = tasks_yaml.read_text(encoding="utf-8").partition("- id: a7-1.2.1\n")
    confirmed = tail.replace("deadline_text: 2024年12月底前（顺延，待确认）", "deadline_text: 2024年12月底前", 1)
    tasks_yaml.write_text(head + sep + confirmed, encoding="utf-8")  # the office confirms the date
    assert "moved" not in row() and "2024-12-31" in row()
