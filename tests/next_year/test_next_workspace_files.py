"""Next year's workspace as written: beside last year's, never inside it (refused naming both folders and where
to put it), its plan files headed with where they came from, the baselines carried into its store as one batch;
and filling its table: the plan missing refused, the old targets.yaml kept as targets.yaml.bak, its comments kept."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest
from conftest import MINI

from liupi_cli.errors import InputRefused
from liupi_cli.next_workspace import FILL_TABLE, REVIEW, fill_plan, make_next_workspace, old_root
from liupi_cli.plan import load_plan
from liupi_cli.store import NewRecord
from liupi_cli.workspace import Workspace


@pytest.fixture
def county(tmp_path):
    shutil.copytree(MINI, tmp_path / "county" / "data")
    (tmp_path / "county" / "liupi.toml").write_text('plan = "data"\n', encoding="utf-8")
    return Workspace(tmp_path / "county" / "data", "liupi.toml", tmp_path / "county" / "liupi.toml")


def _next(ws, dest, records=()):
    return make_next_workspace(ws, load_plan(ws.path), list(records), [], 2024, dest, cwd=dest.parent, by="县统计局",
                               at="2024-01-02T09:00:00+08:00")


def test_last_years_folder_by_layout(tmp_path, county):
    assert old_root(county, tmp_path) == tmp_path / "county"
    assert old_root(Workspace(tmp_path / "x" / "data", "./data"), tmp_path) == tmp_path / "x"
    assert old_root(Workspace(tmp_path / "plan2023", "--data-dir"), tmp_path) == tmp_path / "plan2023"
    assert old_root(Workspace(tmp_path / "bundled", "bundled"), tmp_path / "here") == tmp_path / "here"


@pytest.mark.parametrize("inside", ["county/next", "county/data/next", "county"])
def test_a_workspace_inside_last_years_is_refused_naming_both_and_where_it_goes(tmp_path, county, inside):
    dest = tmp_path / inside
    with pytest.raises(InputRefused) as exc:
        _next(county, dest)
    assert exc.value.message == f"{dest} is inside last year's workspace {county.root}"
    assert exc.value.hint == (f"next year's workspace goes beside it, e.g. liupi plan next --year 2024 "
                              f"{tmp_path / 'county-2024'}")
    assert not (tmp_path / "county" / "next").exists()


def test_a_workspace_inside_a_bare_plan_folder_is_refused_too(tmp_path):
    shutil.copytree(MINI, tmp_path / "plan2023")
    ws = Workspace(tmp_path / "plan2023", "--data-dir")
    with pytest.raises(InputRefused) as exc:
        _next(ws, tmp_path / "plan2023" / "next")
    assert exc.value.message == f"{tmp_path / 'plan2023' / 'next'} is inside last year's workspace {ws.path}"
    assert exc.value.hint.endswith(f"--year 2024 {tmp_path / 'plan2024'}")


def test_the_new_workspace_says_where_its_plan_came_from_and_holds_the_baselines(tmp_path, county):
    news = [NewRecord(indicator="accident_count", period="2023-06", value=3.0, entered="3", entered_unit=None,
                      unit="起")]
    from liupi_cli.store import Store

    with Store(county.path / "records.db", "mini-2023") as s:
        records = s.add_many(news, "县民政局", "2023-12-20T09:00:00+08:00")
    made = _next(county, tmp_path / "county-2024", records)
    assert (made.root, made.plan_id, made.year) == (tmp_path / "county-2024", "mini-2024", 2024)
    assert made.store == tmp_path / "county-2024" / "data" / "records.db"
    targets = (made.root / "data" / "targets.yaml").read_text(encoding="utf-8")
    assert targets.startswith("# liupi plan data: 2024, carried from mini-2023 by `liupi plan next`; targets "
                              f"marked to_be_set are judged grey until {FILL_TABLE} is filled (liupi plan fill "
                              f"{FILL_TABLE}).\n")
    tasks = (made.root / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert tasks.startswith("# liupi plan data: tasks carried from mini-2023 (not done last year; see each note).\n")
    assert (made.root / FILL_TABLE).is_file() and (made.root / REVIEW).is_file()
    with closing(sqlite3.connect(made.store)) as db:
        rows = db.execute("SELECT indicator, baseline, value, recorded_by, recorded_at, batch FROM records").fetchall()
    assert rows and all(r[1] == 1 and r[3] == "县统计局" and r[4] == "2024-01-02T09:00:00+08:00" and
                        r[5] == "plan next from mini-2023" for r in rows)
    assert [r[:3] for r in rows] == [("accident_count", 1, 3.0)]


def test_filling_a_plan_that_is_not_there_is_refused_saying_where_to_run_it(tmp_path):
    with pytest.raises(InputRefused) as exc:
        fill_plan(tmp_path, "indicator,new_target,year\n", "t.csv")
    assert exc.value.message == f"{tmp_path / 'targets.yaml'} not found"
    assert exc.value.hint.startswith("run it in the new workspace")


def test_filling_keeps_the_old_plan_beside_it_and_its_comments_at_the_top(tmp_path, county):
    made = _next(county, tmp_path / "county-2024")
    plan_dir = made.root / "data"
    before = (plan_dir / "targets.yaml").read_text(encoding="utf-8")
    table = (made.root / FILL_TABLE).read_text(encoding="utf-8-sig")
    lines = table.splitlines()
    head = lines[0].split(",")
    row = next(line.split(",") for line in lines[1:] if line.startswith("gdp_growth,"))
    row[head.index("new_target")] = "7.5"
    result = fill_plan(plan_dir, "\n".join([lines[0], ",".join(row)]) + "\n", "t.csv")
    assert not result.problems and result.set
    assert (plan_dir / "targets.yaml.bak").read_text(encoding="utf-8") == before
    after = (plan_dir / "targets.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.splitlines()[0] + "\n") and after != before
    assert load_plan(plan_dir).indicators["gdp_growth"].target == 7.5
    again = fill_plan(plan_dir, "\n".join([lines[0], ",".join(row)]) + "\n", "t.csv")
    assert not again.set and (plan_dir / "targets.yaml").read_text(encoding="utf-8") == after
