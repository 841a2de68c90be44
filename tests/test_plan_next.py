"""`liupi plan next`: next year's plan from the bundled plan with a year of records."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from liupi_cli.cli.app import app
from liupi_cli.models import Battle, Settings, Unit
from liupi_cli.store import Store
from seed_tables import REPO


def _run(*args: str):
    r = CliRunner().invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r


def _year_of_records(data: str) -> None:
    """A year of records, written straight into the plan's store (the CLI's own path is tested elsewhere)."""
    import datetime as dt

    from liupi_cli.store import NewRecord

    store = Store(Path(data) / "records.db", "shuangpai-2023-six-battles")
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


def test_plan_next_from_a_year_of_records(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.db*"))
    _year_of_records("data")
    before = hashlib.sha256((tmp_path / "data" / "records.db").read_bytes()).hexdigest()
    r = _run("-d", "data", "plan", "next", "--year", "2024", "--out", "p24")
    assert hashlib.sha256((tmp_path / "data" / "records.db").read_bytes()).hexdigest() == before
    assert "189 task(s) carried" in r.stderr and "3 baseline record(s) from 2023" in r.stderr

    old = yaml.safe_load((tmp_path / "data" / "targets.yaml").read_text(encoding="utf-8"))
    new = yaml.safe_load((tmp_path / "p24" / "targets.yaml").read_text(encoding="utf-8"))
    assert new["plan"]["year"] == 2024 and new["plan"]["id"] == "shuangpai-2024-six-battles"
    assert "doc_no" not in new["plan"] and "issued" not in new["plan"]
    for key, model in (("units", Unit), ("battles", Battle)):
        assert [model.model_validate(x) for x in new[key]] == [model.model_validate(x) for x in old[key]]
    assert Settings.model_validate(new["settings"]) == Settings.model_validate(old["settings"])
    ind = {i["id"]: i for i in new["indicators"]}
    assert len(ind) == len(old["indicators"])
    assert "target" not in ind["gdp_growth"] and "target" not in ind["new_urban_jobs"]  # left for the new figures
    assert ind["urban_dibao_standard"]["baseline"] == 650  # the standard reached last year
    assert ind["rural_dibao_standard"]["baseline"] == 5016  # nothing recorded: last year's promised standard
    assert ind["transport_major_accidents"]["target"] == 0  # zero stays zero
    assert "due" not in ind["key_livelihood_projects"]

    tasks = {t["id"]: t for t in yaml.safe_load((tmp_path / "p24" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]}
    assert "a7-1.1.1" not in tasks and len(tasks) == 189  # done last year: not carried
    assert tasks["a7-1.2.1"]["note"].startswith("carried from 2023: not done (in_progress 60% on 2023-12-20)")
    assert tasks["a4-1.1.2.2"]["note"].startswith("carried from 2023 (ongoing; no progress recorded)")
    assert "task" not in ind["new_urban_jobs"]  # its task was done and left out

    rows = {
        r["indicator"]: r
        for r in csv.DictReader(io.StringIO((tmp_path / "p24" / "targets-to-fill.csv").read_text(encoding="utf-8-sig")))
    }
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

    store = Store(tmp_path / "p24" / "records.db", "shuangpai-2024-six-battles")
    base = sorted((r.indicator, r.period, r.value) for r in store.records() if r.baseline)
    store.close()
    assert base == [
        ("transport_accident_count", "2023-06", 5),
        ("transport_accident_count", "2023-12", 9),
        ("transport_accident_deaths", "2023-12", 2),
    ]

    r = CliRunner().invoke(app, ["-d", "p24", "check"])
    assert r.exit_code == 1 and "a growth_rate indicator needs target" in r.stdout

    # fill the table: every target, every due date; then the plan passes `liupi check`
    for row in rows.values():
        if row["kind"] == "milestone":
            row["new_due"] = "2024-12-31"
        elif row["kind"] == "standard_raised":
            row["new_target"] = str(float(ind[row["indicator"]]["baseline"]) + 10)
        else:
            row["new_target"] = row["last_target"] or "1"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(next(iter(rows.values()))))
    w.writeheader()
    w.writerows(rows.values())
    (tmp_path / "filled.csv").write_text(buf.getvalue(), encoding="utf-8")
    r = _run("plan", "next", "--year", "2024", "--out", "p24", "--fill", "filled.csv")
    assert "`liupi check` passes" in r.stderr
    _run("-d", "p24", "check")
    again = {
        i["id"]: i
        for i in yaml.safe_load((tmp_path / "p24" / "targets.yaml").read_text(encoding="utf-8"))["indicators"]
    }
    assert again["urban_dibao_standard"]["target"] == 660 and again["gdp_growth"]["target"] == 8


def test_plan_next_refuses_an_earlier_year_and_an_existing_plan(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.db*"))
    r = CliRunner().invoke(app, ["-d", "data", "plan", "next", "--year", "2023", "--out", "p"])
    assert r.exit_code == 1 and "must be later, not 2023" in r.stderr
    r = CliRunner().invoke(app, ["-d", "data", "plan", "next", "--year", "2024", "--out", "data"])
    assert r.exit_code == 1 and "already exists" in r.stderr
