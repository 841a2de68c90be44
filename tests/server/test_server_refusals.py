"""What opening a server store refuses, each one line naming the server's address with a hint: no store set up
yet, an older schema (init-server upgrades it), a newer one, another plan's, an unreachable server; a read-only
store refuses writes; a role that cannot be set up changes nothing and says to run it as the owner."""

from __future__ import annotations

import pytest
from conftest import Run

from liupi_cli.errors import StoreError

from .conftest import new_schema, schema_url

psycopg = pytest.importorskip("psycopg")
INIT_HINT = ("the statistics office runs `liupi store init-server` once (as the database's owner) to create or "
             "upgrade it")


def _refused(url, plan="mini-2023", **kw) -> tuple[str, str | None]:
    from liupi_cli.store_pg import PgStore

    with pytest.raises(StoreError) as exc:
        PgStore(url, plan, **kw)
    return exc.value.message, exc.value.hint


@pytest.fixture
def store_url(pg):
    from liupi_cli.store_pg import init_server

    url = schema_url(pg, new_schema(pg))
    init_server(url, "mini-2023")
    return url


def _set_version(url, version):
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(version),))


def test_a_schema_with_no_store_says_to_run_init_server(pg):
    url = schema_url(pg, new_schema(pg))
    for readonly in (False, True):
        assert _refused(url, readonly=readonly) == (f"{url} holds no liupi record store yet", INIT_HINT)


def test_an_older_schema_names_the_server_both_versions_and_says_to_upgrade(store_url):
    from liupi_cli.store_pg import SCHEMA_VERSION

    _set_version(store_url, SCHEMA_VERSION - 1)
    assert _refused(store_url) == (f"the record store on {store_url} is at schema {SCHEMA_VERSION - 1}; this liupi "
                                   f"needs {SCHEMA_VERSION}", INIT_HINT)


def test_a_newer_schema_says_to_upgrade_liupi(store_url):
    from liupi_cli.store_pg import SCHEMA_VERSION

    _set_version(store_url, SCHEMA_VERSION + 1)
    assert _refused(store_url, readonly=True) == (
        f"{store_url} was written by a newer liupi (schema {SCHEMA_VERSION + 1})", "upgrade liupi to read it")


def test_another_plans_store_names_both_plans(store_url):
    assert _refused(store_url, "other-2023") == (
        f"{store_url} holds records of plan 'mini-2023', not 'other-2023'",
        "point --db at this plan's store (`liupi info` lists the stores of this plan)")


def test_this_liupis_schema_opens_and_a_reader_writes_nothing(store_url):
    import psycopg

    from liupi_cli.store_pg import SCHEMA_VERSION, PgStore

    with PgStore(store_url, "mini-2023", readonly=True) as s:
        assert s.schema_version == SCHEMA_VERSION and s.summary()[:2] == (0, 0)
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            s.db.execute("INSERT INTO meta VALUES ('x', 'y')")


def test_a_server_that_is_not_there_is_one_line_naming_it(pg):
    url = pg.url(dbname="no_such_database")
    message, hint = _refused(url)
    assert message.startswith(f"cannot connect to the record store server {url}: ") and "\n" not in message
    assert message.endswith('database "no_such_database" does not exist')
    assert hint == ("whoever runs the server creates the database first (`createdb -O OWNER NAME`), then the owner "
                    "runs `liupi store init-server`; nothing was changed")  # init-server creates no database


def test_a_server_nobody_answers_at_is_said_in_the_language_asked(mini, tmp_path, monkeypatch):
    """No server listening: the catalogue's words, not the driver's English cut to its last line."""
    monkeypatch.setenv("LIUPI_DB", f"postgresql:///liupi?host={tmp_path}&connect_timeout=2")
    result = Run(mini)("--lang", "zh", "report", "--month", "2023-06")
    assert result.exit_code == 4
    first = result.stderr.splitlines()[0]
    assert first.startswith("错误：无法连接数据库服务器")
    assert first.endswith("：该地址无服务器应答（服务器未运行，或地址有误）")
    info = Run(mini)("--lang", "zh", "info")  # the plan is still described; the store line says why it is not
    assert info.exit_code == 4 and "无法读取：" in info.stdout and "该地址无服务器应答" in info.stdout
    assert "mini-2023" in info.stdout and info.stderr.startswith("错误：无法连接数据库服务器")  # the exit code's why


def test_a_role_the_server_does_not_know_is_told_to_set_pguser_or_be_let_in(pg):
    url = pg.url(user="no_such_role")
    message, hint = _refused(url, readonly=True)
    assert message.startswith(f"cannot connect to the record store server {url}: ") and "\n" not in message
    assert message.endswith('role "no_such_role" does not exist')
    assert hint == ("the server has no such role: set PGUSER (or user= in the address) to yours, or ask the "
                    "database's owner to let it in (`liupi store add-role ROLE --leader`, or --unit, --office); "
                    "nothing was changed")


def test_a_role_is_created_once_given_its_group_and_its_unit(store_url, pg):
    import psycopg

    from liupi_cli.store_pg import add_role

    role = f"r_{new_schema(pg)}"
    with psycopg.connect(store_url, autocommit=True) as db:
        db.execute("INSERT INTO units VALUES ('rsj', '县人社局')")
    assert add_role(store_url, role, "bureau", "rsj") is True
    with psycopg.connect(store_url, autocommit=True) as db:
        assert db.execute("SELECT unit FROM unit_roles WHERE role = %s", (role,)).fetchall() == [("rsj",)]
    assert add_role(store_url, role, "office") is False  # there already: moved to the office, its unit dropped
    with psycopg.connect(store_url, autocommit=True) as db:
        groups = {r[0] for r in db.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s", (role,))}
        units = db.execute("SELECT unit FROM unit_roles WHERE role = %s", (role,)).fetchall()
        kind = db.execute("SELECT kind FROM store_roles WHERE role = %s", (role,)).fetchall()
    # what it is in this store is its kind there; its groups are what it is in any store on the server
    assert kind == [("office",)] and units == [] and groups == {"liupi_office", "liupi_bureau"}


@pytest.mark.parametrize("unit", ["no_such_unit", None])
def test_a_role_that_cannot_be_set_up_changes_nothing_and_says_to_run_it_as_the_owner(pg, unit):
    """A bureau mapped to a unit the store does not know; or a server schema with no store set up."""
    import psycopg

    from liupi_cli.store_pg import add_role, init_server

    url = schema_url(pg, new_schema(pg))
    if unit:
        init_server(url, "mini-2023")
    role = f"r_{new_schema(pg)}"
    with pytest.raises(StoreError) as exc:
        add_role(url, role, "bureau", unit)
    assert exc.value.message.startswith(f"cannot set up role {role} on {url}: ")
    assert "unit_roles" in exc.value.message and "\n" not in exc.value.message
    assert exc.value.hint == ("run it as the database's owner (a role that may create tables and roles); nothing was "
                              "changed")
    with psycopg.connect(url, autocommit=True) as db:
        assert db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None


def test_init_server_refuses_a_newer_schema_or_another_plans_store_changing_nothing(store_url):
    from liupi_cli.store_pg import SCHEMA_VERSION, init_server

    with pytest.raises(StoreError) as exc:
        init_server(store_url, "other-2023")
    assert (exc.value.message, exc.value.hint) == (
        f"{store_url} holds records of plan 'mini-2023', not 'other-2023'",
        "point --db at this plan's store (`liupi info` lists the stores of this plan)")
    _set_version(store_url, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError) as exc:
        init_server(store_url, "mini-2023")
    assert exc.value.message == f"{store_url} was written by a newer liupi (schema {SCHEMA_VERSION + 1})"
    _set_version(store_url, SCHEMA_VERSION)
    assert init_server(store_url, "mini-2023") == (SCHEMA_VERSION, SCHEMA_VERSION)


def test_init_server_that_the_server_refuses_says_to_run_it_as_the_owner(pg):
    import psycopg

    from liupi_cli.store_pg import init_server

    schema = new_schema(pg)
    url = schema_url(pg, schema)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE records (x int)")  # in the way of liupi's own table
    with pytest.raises(StoreError) as exc:
        init_server(url, "mini-2023")
    assert exc.value.message.startswith(f"cannot set up the record store on {url}: ")
    assert "records" in exc.value.message and "\n" not in exc.value.message
    assert exc.value.hint.startswith("run it as the database's owner")
    with psycopg.connect(url, autocommit=True) as db:
        assert db.execute("SELECT to_regclass('meta')").fetchone() == (None,)  # one transaction: nothing made


def test_init_server_by_an_owner_who_may_not_create_roles_says_it_needs_createrole(pg, monkeypatch):
    """docs/server.md's owner made by `createdb -O stats_admin` alone: init-server creates liupi's group roles, which
    needs CREATEROLE; the hint names the role and how to give it, and nothing is made."""
    import psycopg

    from liupi_cli import store_pg

    schema = new_schema(pg)
    owner = f"owner_{schema}"
    with psycopg.connect(pg.url(), autocommit=True) as db:
        db.execute(f'CREATE ROLE "{owner}" LOGIN')
        db.execute(f'ALTER SCHEMA "{schema}" OWNER TO "{owner}"')
    # the session's server has liupi's groups already (other tests made them): new names stand for a server with none
    monkeypatch.setattr(store_pg, "GROUPS", tuple(f"{g}_{schema}" for g in store_pg.GROUPS))
    url = schema_url(pg, schema, user=owner)
    with pytest.raises(StoreError) as exc:
        store_pg.init_server(url, "mini-2023")
    assert exc.value.message == f"cannot set up the record store on {url}: permission denied to create role"
    assert exc.value.hint == (f"role {owner} may not create roles: run it as the database's owner, a role with "
                              "CREATEROLE (whoever runs the server gives it: `createuser --createrole OWNER` when "
                              "making it, else `ALTER ROLE OWNER CREATEROLE`); nothing was changed")
    with psycopg.connect(url, autocommit=True) as db:
        assert db.execute("SELECT to_regclass('meta')").fetchone() == (None,)
    with psycopg.connect(pg.url(), autocommit=True) as db:
        db.execute(f'ALTER ROLE "{owner}" CREATEROLE')
    assert store_pg.init_server(url, "mini-2023") == (0, store_pg.SCHEMA_VERSION)  # given it, the same owner may


def test_a_file_store_is_not_a_server_and_the_hint_shows_how_each_command_names_one(mini):
    run = Run(mini)
    role = run("store", "add-role", "x", "--office")
    init = run("store", "init-server")
    assert role.exit_code == init.exit_code == 2
    assert role.stderr.splitlines()[1] == ("hint: give a postgresql://host/database address (`--server "
                                           "postgresql://host/database`), or set store in liupi.toml or LIUPI_DB to it")
    assert "(`liupi store init-server postgresql://host/database`)" in init.stderr


def test_a_role_not_the_owner_running_init_server_gets_one_line_and_its_hint(county, mini):
    refused = Run(mini)("--lang", "zh", "store", "init-server", county.url("office"))
    assert refused.exit_code == 4
    lines = refused.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("错误：") and lines[1].startswith("提示："), lines


def test_the_driver_s_own_log_lines_never_reach_stderr():
    """psycopg logs a warning of its own when it ends a pipeline a refused statement aborted ("error ignored
    terminating <psycopg.Pipeline …>", seen when a role not the owner ran init-server on the bundled plan); with
    no handler Python's last resort prints it beside liupi's one line. liupi gives the driver's logger one."""
    import subprocess
    import sys

    code = ("import logging, liupi_cli.store_pg\n"  # a process of its own: pytest puts handlers on the root logger
            "logging.getLogger('psycopg').warning('error ignored terminating <psycopg.Pipeline>: pipeline aborted')\n"
            "logging.getLogger('psycopg.pq').error('a lower logger of the driver')\n"
            "logging.getLogger('liupi_elsewhere').warning('another logger still prints')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "another logger still prints\n"


def test_a_json_error_is_in_the_language_asked(mini, tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("LIUPI_DB", f"postgresql:///liupi?host={tmp_path}&connect_timeout=2")
    result = Run(mini)("--lang", "zh", "report", "--month", "2023-06", "--format", "json")
    error = json.loads(result.stdout)["error"]
    assert result.exit_code == error["exit_code"] == 4
    assert error["message"].startswith("无法连接数据库服务器") and error["hint"].startswith("请检查服务器")


@pytest.mark.parametrize("args", [("--approve", "abc"), ("--return", "1,x", "--reason", "口径不对"),
                                  ("--approve", ",")], ids=["letters", "one-bad", "empty"])
def test_unreadable_record_numbers_are_a_usage_error_on_a_file_store_too(mini, args):
    result = Run(mini)("review", *args)
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "approved as recorded" not in result.stderr


@pytest.mark.parametrize("said,detail,hint", [
    ('connection to server on socket "/s/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running '
     'locally and accepting connections on that socket?', "answers", "server.hint.reachable"),
    ('connection to server at "h" (10.0.0.1), port 5432 failed: Connection refused\n\tIs the server running on that '
     'host and accepting TCP/IP connections?', "answers", "server.hint.reachable"),
    ('connection to server on socket "/s" failed: fe_sendauth: no password supplied', None, "server.hint.password"),
    ('connection to server on socket "/s" failed: FATAL:  role "renshe" does not exist', None, "server.hint.role"),
    ('connection to server on socket "/s" failed: FATAL:  database "shuangpai" does not exist', None,
     "server.hint.createdb"),
    ('connection to server on socket "/s" failed: FATAL:  relation "meta" does not exist', None, "server.hint.init"),
    ("connection to server at \"h\", port 5432 failed: timeout expired", None, "server.hint.reachable"),
    ("", None, "server.hint.reachable"),
    ("SSL error: certificate verify failed\n\tthe server's name is not in it", "lines", "server.hint.reachable"),
], ids=["no-socket", "refused", "password", "role", "database", "other-missing", "timeout", "nothing-said",
        "two-lines"])
def test_a_failed_connection_is_one_line_with_the_hint_for_its_cause(said, detail, hint):
    """What the driver said, on one line (or the catalogue's words when nothing answers), and the hint for it."""
    from liupi_cli.messages import msg
    from liupi_cli.store_pg import unreachable

    err = unreachable("postgresql:///x", psycopg.OperationalError(said))
    shown = {"answers": "no server answers at that address (it is not running, or the address is wrong)",
             "lines": "SSL error: certificate verify failed the server's name is not in it"}.get(
        detail, " ".join(line.strip() for line in said.splitlines()) or "OperationalError")
    assert err.message == f"cannot connect to the record store server postgresql:///x: {shown}"
    assert err.hint == msg(hint) and "\n" not in err.message


def test_only_a_refusal_to_create_roles_asks_for_createrole():
    from liupi_cli.messages import msg
    from liupi_cli.store_pg import set_up_hint

    class Db:
        class info:
            user = "stats_admin"

    denied = psycopg.errors.InsufficientPrivilege("permission denied to create role")
    assert set_up_hint(Db, denied) == msg("server.hint.createrole", role="stats_admin")
    for other in (psycopg.errors.InsufficientPrivilege("permission denied for table units"),
                  psycopg.OperationalError("permission denied to create role")):
        assert set_up_hint(Db, other) == msg("server.hint.owner")
