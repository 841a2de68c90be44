"""The server store's tests run against a real PostgreSQL started for the session (tests/server/pgserver.py).

Where PostgreSQL's programs or the driver are missing the tests skip and say why; under CI=true they never
skip (.ci/run installs both), they fail."""

from __future__ import annotations

import itertools
import os

import pytest
from conftest import Run

from .pgserver import ADMIN, PgServer, find_binaries, start_server

_names = itertools.count(1)


def _missing(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}: under CI the server store's tests must run (.ci/run installs PostgreSQL)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def pg(request) -> PgServer:
    """One server for the session, stopped at its end whatever happens (finalizer here, atexit as well)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("psycopg is not installed (pip install 'liupi[server]')")
    if find_binaries() is None:
        _missing("PostgreSQL's initdb and pg_ctl are not on this machine")
    server = start_server()
    request.addfinalizer(server.remove)
    return server


def new_schema(server: PgServer, prefix: str = "t") -> str:
    """A fresh empty schema on the server: a store's own namespace, as cheap as a new SQLite file."""
    import psycopg

    name = f"{prefix}{next(_names)}_{os.getpid()}"
    with psycopg.connect(server.url(), autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{name}"')
        db.execute(f'GRANT USAGE, CREATE ON SCHEMA "{name}" TO PUBLIC')
    return name


def schema_url(server: PgServer, schema: str, user: str = ADMIN) -> str:
    """The address of a store kept in ``schema`` (search_path set through libpq's options)."""
    return server.url(user=user, options=f"-csearch_path={schema}")


@pytest.fixture
def pg_url(pg) -> str:
    """The address of a fresh store's schema, not initialised yet (init_server makes it a store)."""
    return schema_url(pg, new_schema(pg))




@pytest.fixture
def county(pg, mini, monkeypatch):
    """A county's server store for the mini plan, with a role for 县人社局, 县发改局, the office and a leader."""
    schema = new_schema(pg)
    admin = schema_url(pg, schema)
    run = Run(mini)
    assert run("store", "init-server", admin).exit_code == 0
    roles = {k: f"{k}_{schema}" for k in ("renshe", "fagai", "office", "leader")}
    for kind, extra in (("renshe", ["--unit", "rsj"]), ("fagai", ["--unit", "县发改局"]), ("office", ["--office"]),
                        ("leader", ["--leader"])):
        added = run("store", "add-role", roles[kind], *extra, "--server", admin)
        assert added.exit_code == 0 and "created" in added.stderr, added.stderr

    def as_role(kind: str) -> Run:
        monkeypatch.setenv("LIUPI_DB", schema_url(pg, schema, user=roles[kind]))
        return run

    as_role.roles, as_role.url = roles, (lambda kind: schema_url(pg, schema, user=roles[kind]))
    return as_role
