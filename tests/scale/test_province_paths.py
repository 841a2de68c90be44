"""The short cuts taken at province scale give exactly what the plain ways gave.

The JSON report is written a chunk of rows at a time (never held whole): the same bytes as pydantic's whole dump,
on stdout and in a file. An import checks against light stored figures (not a model per row): the same
figures, ids, values and who-recorded-it as the full records. A report reads the current figures row by
row: the same figures as reading them all.
"""

from __future__ import annotations

import json

import pytest
from conftest import SHIPPED

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render import plain
from liupi_cli.render.plain import json_parts, to_json
from liupi_cli.render.safe import json_inert
from liupi_cli.report import build_report
from liupi_cli.store import NewRecord, Store


def _whole(report) -> str:
    return json_inert(report.model_dump_json(indent=2)) + "\n"


@pytest.fixture
def figures(tmp_path):
    """The bundled plan with figures for two months, a revision entered with a control character (written
    inert) and a last-year figure."""
    plan = load_plan(SHIPPED)
    db = tmp_path / "r.db"
    with Store(db, plan.info.id) as s:
        s.add_many([NewRecord("new_urban_jobs", "2023-05", 1200.0, "1200", None, "人"),
                    NewRecord("new_urban_jobs", "2023-06", 1480.0, "1480", None, "人"),
                    NewRecord("gdp_growth", "2023Q2", 6.9, "6.9%", None, "%"),
                    NewRecord("gdp_growth", "2022Q2", 6.1, "6.1%", None, "%", baseline=True)], "a", "t1")
        s.add(NewRecord("new_urban_jobs", "2023-06", 1490.0, "1490\u202e", None, "人"), "b", "t2", revise=True)
    return plan, db


@pytest.mark.parametrize("period,filters", [
    ("2023-06", {}), ("2023", {}), ("2023-06", {"battle": "growth"}), ("2023-06", {"lights": ["green"]}),
    ("2023-06", {"lights": ["red"], "battle": "growth", "unit": "rsj"}),  # no row at all
])
@pytest.mark.parametrize("chunk", [1, 2, 7, 500])
def test_the_json_written_in_chunks_of_rows_is_the_whole_dump(figures, period, filters, chunk, monkeypatch):
    plan, db = figures
    with Store(db, plan.info.id, readonly=True) as s:
        rep = build_report(plan, s.current_records(), parse_period(period), task_updates=s.task_updates(),
                           **filters)
    monkeypatch.setattr(plain, "CHUNK_ROWS", chunk)
    parts = list(json_parts(rep))
    assert b"".join(parts).decode("utf-8") == to_json(rep) == _whole(rep)
    assert len(parts) == (-(-len(rep.rows) // chunk) + 2 if rep.rows else 1)  # a piece per chunk, head and tail
    assert json.loads(to_json(rep))["rows"][:1] == [r.model_dump(mode="json") for r in rep.rows][:1]


def test_the_json_report_on_stdout_and_in_a_file_is_the_whole_dump(figures, run_shipped, tmp_path):
    plan, db = figures
    out = run_shipped("--db", db, "report", "--month", "2023-06", "--format", "json")
    written = run_shipped("--db", db, "report", "--month", "2023-06", "--out", tmp_path / "r.json")
    assert out.exit_code == written.exit_code == 0
    with Store(db, plan.info.id, readonly=True) as s:
        rep = build_report(plan, s.current_records(), parse_period("2023-06"), task_updates=s.task_updates())
    assert out.stdout == _whole(rep)
    assert "\\u202e" in out.stdout and "\u202e" not in out.stdout  # the control character written inert
    assert (tmp_path / "r.json").read_bytes() == _whole(rep).encode("utf-8")  # no byte-order mark either


def test_stored_figures_agree_with_the_full_records(figures):
    plan, db = figures
    with Store(db, plan.info.id, readonly=True) as s:
        full = {(r.indicator, r.period, r.baseline): r for r in s.records() if r.current}
        light = s.current_figures()
        one = s.current_figures("new_urban_jobs")
        current = s.current_records()
    assert light.keys() == full.keys() and len(light) == 4
    for key, f in light.items():
        r = full[key]
        assert (f.id, f.indicator, f.period, f.baseline, f.value, f.entered, f.recorded_by, f.recorded_at) == (
            r.id, r.indicator, r.period, r.baseline, r.value, r.entered, r.recorded_by, r.recorded_at)
    assert light[("new_urban_jobs", "2023-06", False)].value == 1490.0  # the revision, not the first figure
    assert one == {k: v for k, v in light.items() if k[0] == "new_urban_jobs"}
    assert [(c.id, c.indicator, c.period, c.baseline, c.value, c.entered, c.supersedes) for c in current] == sorted(
        (r.id, r.indicator, r.period, r.baseline, r.value, r.entered, r.supersedes) for r in full.values())
