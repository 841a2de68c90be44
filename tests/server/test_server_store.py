"""The server store as a county's office meets it: selected by its address, a password refused, an unreachable
server one line, two writers racing for one figure (one wins, the other is told who), the CLI on it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, Run

from liupi_cli.errors import PlanUnreadable, StoreError
from liupi_cli.store import NewRecord
from liupi_cli.workspace import read_settings, store_location

from .conftest import new_schema, schema_url


def rec(indicator="new_urban_jobs", period="2023-06", value=1500.0, **kw):
    return NewRecord(indicator=indicator, period=period, value=value, entered=f"{value:g}", entered_unit=None,
                     unit="人", **kw)


@pytest.fixture
def server_store(pg):
    from liupi_cli.store_pg import init_server

    url = schema_url(pg, new_schema(pg))
    init_server(url, "mini-2023")
    return url


def test_a_sqlite_command_never_loads_the_server_driver(tmp_path):
    code = ("import sys; from liupi_cli.cli.app import main; sys.argv = ['liupi', '--data-dir', sys.argv[1], "
            "'update', 'new_urban_jobs', '1500', '--period', '2023-06']\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
            "assert 'psycopg' not in sys.modules, 'psycopg loaded'\nprint('ok')")
    import shutil

    shutil.copytree(REPO / "tests" / "fixtures" / "mini", tmp_path / "mini")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LIUPI_DB", None)
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "mini")], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    assert (tmp_path / "mini" / "records.db").is_file()


def test_an_address_in_liupi_toml_selects_the_server_and_a_password_is_refused(tmp_path):
    settings = tmp_path / "liupi.toml"
    settings.write_text('store = "postgresql://stats.county.local/liupi?sslmode=require"\n', encoding="utf-8")
    _, store = read_settings(settings)
    assert getattr(store, "is_server", False) and str(store) == "postgresql://stats.county.local/liupi?sslmode=require"
    for address in ("postgresql://bureau:s3cret@stats.county.local/liupi",
                    "postgres://stats.county.local/liupi?password=s3cret"):
        settings.write_text(f'store = "{address}"\n', encoding="utf-8")
        with pytest.raises(PlanUnreadable) as exc:
            read_settings(settings)
        assert "s3cret" not in exc.value.message and "~/.pgpass" in exc.value.hint
        assert exc.value.message == f"{settings}: the store's address holds a password, which liupi never keeps"


def test_liupi_db_may_name_a_server_and_never_with_a_password(tmp_path):
    from liupi_cli.workspace import Workspace

    ws = Workspace(tmp_path, "--data-dir")
    loc = store_location(ws, "p", None, {"LIUPI_DB": "postgresql:///liupi?service=county"})
    assert (str(loc.path), loc.origin, loc.explicit) == ("postgresql:///liupi?service=county", "LIUPI_DB", True)
    with pytest.raises(PlanUnreadable, match="LIUPI_DB: the store's address holds a password"):
        store_location(ws, "p", None, {"LIUPI_DB": "postgresql://a:b@h/liupi"})


def test_a_password_in_the_address_is_one_line_from_the_cli(mini, monkeypatch):
    monkeypatch.setenv("LIUPI_DB", "postgresql://bureau:s3cret@localhost/liupi")
    result = Run(mini)("report", "--month", "2023-06")
    assert result.exit_code == 3
    assert result.stderr.count("\n") <= 2 and "s3cret" not in result.stderr and "Traceback" not in result.stderr
    assert "holds a password" in result.stderr and ".pgpass" in result.stderr


def test_an_unreachable_server_is_one_line_and_exit_4(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("LIUPI_DB", f"postgresql:///liupi?host={tmp_path}/nowhere&connect_timeout=2")
    for args in (("report", "--month", "2023-06"), ("update", "new_urban_jobs", "1500", "--period", "2023-06")):
        result = Run(mini)(*args)
        assert result.exit_code == 4, result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith(f"error: cannot connect to the record store server postgresql:///liupi?host={tmp_path}")
        assert len(lines) == 2 and lines[1].startswith("hint: check that the server runs")


def test_a_database_without_liupi_says_to_run_init_server(pg, mini, monkeypatch):
    monkeypatch.setenv("LIUPI_DB", schema_url(pg, new_schema(pg)))
    result = Run(mini)("report", "--month", "2023-06")
    assert result.exit_code == 4
    assert "holds no liupi record store yet" in result.stderr and "liupi store init-server" in result.stderr


def test_record_report_history_and_export_through_the_cli(server_store, mini, monkeypatch):
    monkeypatch.setenv("LIUPI_DB", server_store)
    run = Run(mini)
    assert run("update", "new_urban_jobs", "1500", "--period", "2023-06").exit_code == 0
    again = run("update", "new_urban_jobs", "1600", "--period", "2023-06")
    assert again.exit_code == 1 and "already has 1500 for 2023-06, recorded by tester" in again.stderr
    assert run("update", "new_urban_jobs", "1600", "--period", "2023-06", "--revise").exit_code == 0
    history = run("history", "new_urban_jobs", "--format", "csv")
    assert history.exit_code == 0 and [ln.split(",")[4] for ln in history.stdout.splitlines()[1:]] == ["1500",
                                                                                                      "1600"]
    report = run("report", "--month", "2023-06", "--format", "json")
    assert report.exit_code == 0 and '"actual": 1600' in report.stdout.replace(".0", "")
    assert run("task", "set", "t1", "--status", "in_progress", "--percent", "40", "--date", "2023-06-20").exit_code == 0
    export = run("export", "--format", "json")
    assert export.exit_code == 0 and '"status": "in_progress"' in export.stdout and '"supersedes": 1' in export.stdout


def test_two_writing_one_figure_at_once_one_wins_and_the_other_is_told_who(server_store):
    """A bureau's batch holds the figure, not yet committed; the office writes the same figure meanwhile and
    waits on the server's unique index; the bureau commits: the office is refused, told who won, and nothing of
    its batch is stored."""
    import psycopg

    from liupi_cli.store_pg import PgStore, RaceLost

    first = psycopg.connect(server_store)
    first.execute("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at) "
                  "VALUES ('new_urban_jobs', '2023-06', false, 1500, '1500', '县人社局 王', '2023-07-05T09:00')")
    outcome: list[object] = []

    def office():
        with PgStore(server_store, "mini-2023") as s:
            try:
                s.add_many([rec(indicator="gdp_growth", value=7.0), rec(value=1700.0)], "统计局 李", "t2")
            except RaceLost as exc:
                outcome.append(exc)

    other = threading.Thread(target=office)
    other.start()
    with psycopg.connect(server_store, autocommit=True) as watch:  # until the office waits on the first writer
        deadline = time.monotonic() + 60
        while not watch.execute("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'").fetchone():
            assert time.monotonic() < deadline and other.is_alive()
            time.sleep(0.05)
    first.commit()
    other.join(30)
    first.close()
    assert len(outcome) == 1
    assert outcome[0].message == ("new_urban_jobs 2023-06: 县人社局 王 recorded 1500 at 2023-07-05T09:00, a moment "
                                  "before you; nothing of yours was recorded")
    with PgStore(server_store, "mini-2023", readonly=True) as s:
        assert [(r.indicator, r.value, r.recorded_by) for r in s.records()] == [("new_urban_jobs", 1500.0,
                                                                                  "县人社局 王")]
        assert s.integrity_ok()


def test_rows_are_never_changed_or_removed_even_by_hand(server_store):
    import psycopg

    from liupi_cli.store_pg import PgStore

    with PgStore(server_store, "mini-2023") as s:
        s.add(rec(), "a", "t")
    with psycopg.connect(server_store, autocommit=True) as db:
        for statement in ("UPDATE records SET value = 1", "DELETE FROM records", "TRUNCATE records CASCADE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                db.execute(statement)


def test_another_plans_server_store_is_refused(server_store):
    from liupi_cli.store_pg import PgStore

    with pytest.raises(StoreError, match="holds records of plan 'mini-2023'"):
        PgStore(server_store, "other-plan")


def test_init_server_brings_an_older_schema_forward_keeping_its_records(pg):
    """A store set up by a liupi of the first server schema, holding figures: opening it says to upgrade;
    init-server brings it to this liupi's schema in one go, every figure kept and approved as it was."""
    import psycopg

    from liupi_cli.store_pg import MIGRATIONS, SCHEMA_VERSION, PgStore, init_server

    url = schema_url(pg, new_schema(pg))
    with psycopg.connect(url, autocommit=True) as db, db.transaction():
        MIGRATIONS[1](db)
        db.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('plan_id', 'mini-2023')")
        db.execute("INSERT INTO records (indicator, period, value, entered, recorded_by, recorded_at) "
                   "VALUES ('gdp_growth', '2023Q1', 4.5, '4.5', 'old', 't')")
    with pytest.raises(StoreError, match="is at schema 1; this liupi needs 4"):
        PgStore(url, "mini-2023")
    assert init_server(url, "mini-2023") == (1, SCHEMA_VERSION) == (1, 4)
    with PgStore(url, "mini-2023") as s:
        assert s.schema_version == SCHEMA_VERSION
        assert [(r.indicator, r.value, r.recorded_by) for r in s.records()] == [("gdp_growth", 4.5, "old")]
        assert [(r.indicator, r.value) for r in s.current_records()] == [("gdp_growth", 4.5)]  # approved
        assert s.review_items() == []


def test_info_names_the_server_and_outputs_are_written_beside_it(server_store, mini, tmp_path, monkeypatch):
    monkeypatch.setenv("LIUPI_DB", server_store)
    run = Run(mini)
    assert run("update", "new_urban_jobs", "1500", "--period", "2023-06").exit_code == 0
    info = run("info")
    assert info.exit_code == 0 and f"records:    {server_store} (from LIUPI_DB; 1 figure(s), 0 task update(s)" in \
        info.stdout
    out = tmp_path / "2023-06.xlsx"
    assert run("report", "--month", "2023-06", "--out", str(out)).exit_code == 0 and out.is_file()
    assert run("export", "--out", str(tmp_path / "all.csv")).exit_code == 0
    assert (tmp_path / "all.csv").read_text(encoding="utf-8-sig").count("\n") == 2


def test_ids_and_periods_sort_byte_by_byte_as_in_sqlite_whatever_the_database_collation(server_store):
    """History and export list records in the same order from both stores: the columns they are sorted by
    compare bytes (COLLATE "C"), not the server's language rules (where "a_b" and "ab" or "Z" and "a" swap)."""
    import psycopg

    from liupi_cli.store import Store
    from liupi_cli.store_pg import PgStore

    names = ["b_x", "bx", "B", "a", "A_1", "县", "_z"]
    with psycopg.connect(server_store) as db:
        collations = dict(db.execute(
            "SELECT table_name || '.' || column_name, collation_name FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND table_name IN ('records', 'task_progress') AND "
            "column_name IN ('indicator', 'period', 'task')").fetchall())
    assert collations == {"records.indicator": "C", "records.period": "C", "task_progress.task": "C"}
    with PgStore(server_store, "mini-2023") as s, Store(Path.cwd() / "r.db", "mini-2023") as f:
        for store in (s, f):
            store.add_many([rec(indicator=n, period=p) for n in names for p in ("2023-06", "2023-1-2", "2023Q2")],
                           "a", "t")
            for n in names:
                store.set_task(n, __import__("datetime").date(2023, 6, 1), "done", None, None, "a", "t")
        assert [(r.indicator, r.period) for r in s.records()] == [(r.indicator, r.period) for r in f.records()]
        assert [t.task for t in s.task_updates()] == [t.task for t in f.task_updates()]
