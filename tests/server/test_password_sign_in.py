"""A role that signs in with a password: the server asks for it (scram-sha-256), libpq finds it in the file
PGPASSFILE names (~/.pgpass's format), and liupi connects with an address that holds none, in liupi.toml;
without the file the refusal is one line with the hint, exit 4; an address carrying the password is refused
before anything connects, exit 3 (docs/server.md)."""

from __future__ import annotations

import urllib.parse

import pytest
from conftest import Run

from .conftest import new_schema, schema_url

PASSWORD = "Sh0uldNotBeKept"


@pytest.fixture
def signed_in(pg, mini, tmp_path):
    """A county store and an office role with a password, which the server asks of that role alone (a line of
    its own at the top of pg_hba.conf, for the session's unix socket); a workspace naming the store."""
    import psycopg

    schema = new_schema(pg)
    admin = schema_url(pg, schema)
    role = f"pw_{schema}"
    run = Run(mini)
    assert run("store", "init-server", admin).exit_code == 0
    assert run("store", "add-role", role, "--office", "--server", admin).exit_code == 0
    hba = pg.data / "pg_hba.conf"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute("SET password_encryption = 'scram-sha-256'")
        db.execute(f"ALTER ROLE \"{role}\" PASSWORD '{PASSWORD}'")
        hba.write_text(f"local all {role} scram-sha-256\n" + hba.read_text())
        db.execute("SELECT pg_reload_conf()")
    workspace = tmp_path / "ws"
    workspace.mkdir()
    address = schema_url(pg, schema, user=role)
    (workspace / "liupi.toml").write_text(f'plan = "{mini}"\nstore = "{address}"\n', encoding="utf-8")
    yield Run(workspace), workspace, role, address
    with psycopg.connect(admin, autocommit=True) as db:  # the line goes: other tests' roles sign in as before
        hba.write_text("".join(ln for ln in hba.read_text().splitlines(keepends=True) if role not in ln))
        db.execute("SELECT pg_reload_conf()")


def test_the_password_comes_from_pgpassfile_never_from_liupi_toml(signed_in, tmp_path, monkeypatch):
    run, workspace, role, address = signed_in
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    asked = run("report", "--month", "2023-06")
    assert asked.exit_code == 4, asked.stderr
    said, hint = [ln for ln in asked.stderr.splitlines() if ln.strip()]
    assert said.startswith("error: cannot connect to the record store") and "no password supplied" in said
    assert hint.startswith("hint: put this role's password in ~/.pgpass") and PASSWORD not in asked.stderr

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{role}:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)  # libpq ignores a password file others may read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    saved = run("update", "new_urban_jobs", "1500", "--period", "2023-06")
    assert saved.exit_code == 0, saved.stderr
    report = run("report", "--month", "2023-06", "--format", "json")
    assert report.exit_code == 0 and '"actual": 1500' in report.stdout.replace(".0,", ",")
    assert PASSWORD not in (workspace / "liupi.toml").read_text(encoding="utf-8")
    assert [p for p in workspace.iterdir()] == [workspace / "liupi.toml"]  # nothing else written beside it


def test_an_address_carrying_the_password_is_refused_before_connecting(signed_in, tmp_path, monkeypatch):
    run, workspace, role, address = signed_in
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    parts = urllib.parse.urlsplit(address)
    with_password = urllib.parse.urlunsplit(parts._replace(netloc=f"{role}:{PASSWORD}@"))
    for settings in (f'store = "{with_password}"', f'store = "{address}&password={PASSWORD}"'):
        (workspace / "liupi.toml").write_text(f'plan = "{workspace.parent / "mini"}"\n{settings}\n', encoding="utf-8")
        refused = run("report", "--month", "2023-06")
        assert refused.exit_code == 3, refused.stderr
        assert len([ln for ln in refused.stderr.splitlines() if ln.strip()]) == 2  # one line and its hint
        assert "~/.pgpass" in refused.stderr and PASSWORD not in refused.stderr
    (workspace / "liupi.toml").write_text(f'plan = "{workspace.parent / "mini"}"\nstore = "{address}"\n',
                                          encoding="utf-8")
    monkeypatch.setenv("LIUPI_DB", with_password)
    assert run("report", "--month", "2023-06").exit_code == 3
    monkeypatch.delenv("LIUPI_DB")
    assert run("--db", with_password, "report", "--month", "2023-06").exit_code == 3
