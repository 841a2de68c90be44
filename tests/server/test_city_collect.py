"""A city collecting a county whose workspace keeps its store on the server (liupi.toml: store = "postgresql://…"):
read there directly, as the city's own role, taking the figures the county's reports judge (the approved ones,
never a figure waiting for review); a server that cannot be read is one line naming the county and the address,
exit 4, and the other counties are collected all the same (never "0 collected" with exit 0)."""

from __future__ import annotations

import importlib.util
import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, Run

from liupi_cli.store import NewRecord
from liupi_cli.store_pg import PgStore

from .conftest import new_schema, schema_url

PLAN = "shuangpai-2023-six-battles"


def _make_city():
    spec = importlib.util.spec_from_file_location("make_city", REPO / "examples" / "make_city.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_city


@pytest.fixture
def city(pg, tmp_path, monkeypatch):
    """docs/city.md's city, 双牌县's workspace (`liupi init --demo`) collected once from its records.db, then moved
    onto the server: its records copied there (approved, as a copy keeps them) and its records.db gone; a bureau's
    role, and the city's reader (a leader) named in the county's liupi.toml."""
    for var in ("LIUPI_DB", "LIUPI_HOME", "LIUPI_LANG", "LIUPI_TODAY", "PGUSER"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "yz"
    _make_city()(root)
    county = root / "counties" / "shuangpai"
    assert Run(None)("init", str(county), "--demo").exit_code == 0
    city = Run(root)
    from_file = city("collect", "--county", "shuangpai")  # from its records.db, before the move
    assert "collected 10 new or changed figure(s) from 1 county(ies); 0 unchanged; 0 refused" in from_file.stderr
    schema = new_schema(pg)
    admin = schema_url(pg, schema)
    run = Run(county)
    assert run("store", "init-server", admin).exit_code == 0
    assert run("store", "copy", str(county / "data" / "records.db"), admin).exit_code == 0
    (county / "data" / "records.db").unlink()
    roles = {"renshe": f"renshe_{schema}", "city": f"yongzhou_{schema}"}
    assert run("store", "add-role", roles["renshe"], "--unit", "rsj", "--server", admin).exit_code == 0
    assert run("store", "add-role", roles["city"], "--leader", "--server", admin).exit_code == 0
    city.root, city.county, city.admin = root, county, admin
    city.url = lambda who: schema_url(pg, schema, user=roles.get(who, who))
    city.store_setting = lambda who: (county / "liupi.toml").write_text(
        f'plan = "data"\nstore = "{city.url(who)}"\n', encoding="utf-8")
    city.store_setting("city")
    return city


def _collected(root, indicator="new_urban_jobs") -> dict[str, float]:
    """The city's collected figures in force of 双牌县's indicator, by period."""
    with closing(sqlite3.connect(root / "data" / "collected.db")) as db:
        rows = db.execute("SELECT period, value FROM figures f WHERE county = 'shuangpai' AND indicator = ? AND "
                          "NOT EXISTS (SELECT 1 FROM figures g WHERE g.supersedes = f.id)", (indicator,)).fetchall()
    return dict(rows)


def test_a_countys_server_store_is_read_directly_approved_figures_only(city):
    with PgStore(city.url("renshe"), PLAN) as bureau:  # submitted: waiting for the office's review
        waiting = bureau.add(NewRecord("new_urban_jobs", "2023-07", 1800.0, "1800", None, "人"), "县人社局 王", "t")
    first = city("collect", "--county", "shuangpai")  # the same figures as from the file; not July's
    assert first.exit_code == 0, first.stderr
    assert "collected 0 new or changed figure(s) from 1 county(ies); 10 unchanged; 0 refused" in first.stderr
    assert _collected(city.root) == {"2023-05": 1190.0, "2023-06": 1480.0}
    with PgStore(city.admin, PLAN) as office:
        office.review([waiting.id], "approved", None, "统计局", "t")
    again = city("collect", "--county", "shuangpai")
    assert again.exit_code == 0, again.stderr
    assert "collected 1 new or changed figure(s) from 1 county(ies); 10 unchanged; 0 refused" in again.stderr
    assert _collected(city.root) == {"2023-05": 1190.0, "2023-06": 1480.0, "2023-07": 1800.0}


def test_a_server_that_cannot_be_read_is_one_line_exit_4_and_the_others_are_collected(city):
    city.store_setting("nosuchrole")
    r = city("collect")
    assert r.exit_code == 4, r.stderr
    assert "new or changed figure(s) from 11 county(ies); 0 unchanged; 1 refused" in r.stderr
    refusals = [ln for ln in r.stderr.splitlines() if ln.startswith("refused:")]
    assert len(refusals) == 1, r.stderr
    assert refusals[0].startswith(f"refused: 双牌县 (shuangpai): cannot connect to the record store server "
                                  f"{city.url('nosuchrole')}: ")
    assert 'role "nosuchrole" does not exist' in refusals[0]
    assert refusals[0].endswith("(hint: the server has no such role: set PGUSER (or user= in the address) to yours, "
                                "or ask the database's owner to let it in (`liupi store add-role ROLE --leader`, "
                                "or --unit, --office); nothing was changed)")
    alone = city("collect", "--county", "shuangpai", "--format", "json")
    assert alone.exit_code == 4
    assert "collected 0 new or changed figure(s) from 0 county(ies); 0 unchanged; 1 refused" in alone.stderr
