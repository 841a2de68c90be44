"""`--db postgresql://…` selects the server store as LIUPI_DB and liupi.toml's `store` do, ahead of both; the
address is kept as typed (a path would fold `postgresql:///…` into `postgresql:/…`), and one holding a
password is refused before anything connects (exit 3, one line, the hint to use ~/.pgpass)."""

from __future__ import annotations

import json

import pytest
from conftest import Run


@pytest.mark.parametrize("address", ["postgresql://bureau:s3cret@localhost/liupi",
                                     "postgres://localhost/liupi?sslmode=require&password=s3cret"])
def test_a_password_in_db_is_refused_in_one_line(mini, monkeypatch, address):
    monkeypatch.delenv("LIUPI_DB", raising=False)
    for args in (("report", "--month", "2023-06"), ("update", "new_urban_jobs", "1500", "--period", "2023-06"),
                 ("store", "add-role", "renshe", "--unit", "rsj")):
        result = Run(mini)("--db", address, *args)
        assert result.exit_code == 3, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[0] == "error: --db: the store's address holds a password, which liupi never keeps"
        assert len(lines) == 2 and "~/.pgpass" in lines[1] and "s3cret" not in result.stderr
    assert not (mini / "records.db").exists()  # nothing written beside the plan instead


def test_db_keeps_the_address_as_typed(mini, tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.delenv("LIUPI_DB", raising=False)
    address = f"postgresql:///liupi?host={tmp_path}/nowhere&connect_timeout=2"
    result = Run(mini)("--db", address, "report", "--month", "2023-06")
    assert result.exit_code == 4, result.stderr
    assert result.stderr.startswith(f"error: cannot connect to the record store server {address}: ")
    assert not (mini / "records.db").exists() and not (tmp_path / "postgresql:").exists()


def test_db_names_the_server_store_ahead_of_liupi_db(county, mini, tmp_path):
    county("leader")  # LIUPI_DB: the leader's role, which records nothing
    renshe = county.url("renshe")
    recorded = county("leader")("--db", renshe, "update", "new_urban_jobs", "1500", "--period", "2023-06")
    assert recorded.exit_code == 0, recorded.stderr
    refused = county("leader")("update", "new_urban_jobs", "1500", "--period", "2023-05")
    assert refused.exit_code == 1 and "only reads this store" in refused.stderr
    waiting = json.loads(county("leader")("--db", county.url("office"), "review", "--format", "json").stdout)
    assert [(q["unit"], [f["indicator"] for f in q["figures"]]) for q in waiting] == [("rsj", ["new_urban_jobs"])]
    # and a file named by --db is a file again, ahead of a server in LIUPI_DB
    desk = tmp_path / "desk.db"
    on_file = county("leader")("--db", str(desk), "update", "new_urban_jobs", "1400", "--period", "2023-06")
    assert on_file.exit_code == 0 and desk.is_file(), on_file.stderr
    info = county("leader")("--db", renshe, "info")
    assert info.exit_code == 0 and renshe in info.stdout + info.stderr
