"""Small plans built in a test: one indicator per case, on the mini plan's units, battles and thresholds."""

from __future__ import annotations

import json

import yaml
from conftest import MINI, Run

BASE = yaml.safe_load((MINI / "targets.yaml").read_text(encoding="utf-8"))


def ind(iid: str, kind: str, comparator: str = "at_least", **kw) -> dict:
    d = {"id": iid, "name_zh": iid, "name_en": iid, "battle": "livelihood", "kind": kind,
         "comparator": comparator, "frequency": "monthly", "source": "附件7 一", "lead_unit": "rsj"}
    d.update(kw)
    return d


def make_plan(tmp_path, indicators: list[dict], tasks: list[dict] | None = None, lights: dict | None = None):
    plan = dict(BASE, indicators=indicators)
    if lights:
        plan["settings"] = {"lights": {**BASE["settings"]["lights"], **lights}}
    d = tmp_path / "plan"
    d.mkdir()
    (d / "targets.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (d / "tasks.yaml").write_text(yaml.safe_dump({"tasks": tasks or []}, allow_unicode=True), encoding="utf-8")
    return Run(d)


def record(run: Run, iid: str, value: str, period: str, *extra: str) -> None:
    r = run("update", iid, value, "--period", period, *extra)
    assert r.exit_code == 0, r.stderr


def record_all(run: Run, figures: list[tuple[str, str, str, bool]]) -> None:
    """Record (indicator, value, period, baseline) rows in one `update --file`."""
    import csv

    path = run.data_dir / "figures.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "period", "value", "baseline"])
        for iid, value, period, baseline in figures:
            w.writerow([iid, period, value, "1" if baseline else ""])
    r = run("update", "--file", str(path))
    assert r.exit_code == 0, r.stderr


def report(run: Run, *args: str) -> dict:
    r = run("report", *args, "--format", "json")
    assert r.exit_code in (0, 6), r.stderr
    return json.loads(r.stdout)


def rows(run: Run, *args: str) -> dict[str, dict]:
    return {r["id"]: r for r in report(run, *args)["rows"]}
