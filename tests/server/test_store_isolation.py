"""One server, many stores (a city's counties, each in a schema or a database of its own): the groups are the
server's, but a role acts only in the stores it was let into (`liupi store add-role`), which the server enforces;
and the office approves only a submitted figure: a returned one waits for its bureau to submit it anew."""

from __future__ import annotations

import pytest
from conftest import Run

from .conftest import new_schema, schema_url

psycopg = pytest.importorskip("psycopg", reason="the server store needs psycopg (pip install 'liupi[server]')")

INSERT = ("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at) "
          "VALUES ('gdp_growth', '2023Q2', false, 5, '5', 'x', 't')")


def _second_store(pg, mini) -> tuple[str, str]:
    """Another county's store on the same server, with no role let in yet: (its schema, the owner's address)."""
    schema = new_schema(pg)
    admin = schema_url(pg, schema)
    assert Run(mini)("store", "init-server", admin).exit_code == 0
    return schema, admin


def test_a_role_of_one_store_reads_and_records_nothing_in_another(county, pg, mini, monkeypatch):
    office = county.roles["office"]
    assert county("office")("update", "gdp_growth", "5", "-p", "2023Q2").exit_code == 0  # at home: records
    schema, admin = _second_store(pg, mini)
    elsewhere = schema_url(pg, schema, user=office)
    monkeypatch.setenv("LIUPI_DB", elsewhere)
    run = Run(mini)
    for args in (("update", "gdp_growth", "6", "-p", "2023Q2"), ("report", "--month", "2023-06")):
        refused = run(*args)
        assert refused.exit_code == 4, refused.stderr
        assert refused.stderr.splitlines() == [
            f"error: role {office} is not one of the roles of the store on {elsewhere}: it may read and record "
            "nothing there",
            f"hint: the store's owner lets it in: `liupi store add-role {office} --unit UNIT --server '{elsewhere}'` "
            "for a bureau (`--office` for the statistics office, `--leader` for a reader: a leader, the city)"]
    with psycopg.connect(elsewhere, autocommit=True) as db:  # around liupi: the server itself refuses
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(INSERT)
        assert db.execute("SELECT COUNT(*) FROM store_roles").fetchone() == (0,)  # nobody let in, it sees none
    with psycopg.connect(admin, autocommit=True) as db:
        assert db.execute("SELECT COUNT(*) FROM records").fetchone() == (0,)
    assert run("store", "add-role", office, "--office", "--server", admin).exit_code == 0
    assert run("update", "gdp_growth", "6", "-p", "2023Q2").exit_code == 0  # let in: now it may


def test_a_bureau_of_one_store_reads_nothing_of_another(county, pg, mini):
    county("renshe")
    schema, admin = _second_store(pg, mini)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at) "
                   "VALUES ('new_urban_jobs', '2023-06', false, 1500, '1500', 'office', 't')")
    with psycopg.connect(schema_url(pg, schema, user=county.roles["renshe"]), autocommit=True) as db:
        assert db.execute("SELECT COUNT(*) FROM records").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(INSERT.replace("gdp_growth", "new_urban_jobs").replace("2023Q2", "2023-07"))


def test_a_returned_figure_is_approved_only_once_submitted_anew(county):
    recorded = county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06")
    record = int(recorded.stderr.split("(record ")[1].split(")")[0])
    office = county("office")
    assert office("review", "--return", str(record), "--reason", "口径不对").exit_code == 0
    refused = office("review", "--approve", str(record))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"error: record {record} is not waiting for review: it was returned",
        "hint: a returned figure is approved once its bureau records it again with --revise (submitted anew), or the "
        "office records the figure itself; nothing was changed"]
    nosuch = office("review", "--approve", "99999")
    assert nosuch.exit_code == 1 and nosuch.stderr.splitlines() == [
        "error: record 99999 is not waiting for review: there is no such record",
        "hint: `liupi review` lists what waits; nothing was changed"]
    zh = office("--lang", "zh", "review", "--approve", str(record))
    assert zh.exit_code == 1 and zh.stderr.startswith(f"错误：记录 {record} 不在待审之列：已退回")
    with psycopg.connect(county.url("office"), autocommit=True) as db:  # around liupi: the server refuses it too
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute("INSERT INTO reviews (record, decision, reviewed_by, reviewed_at) "
                       "VALUES (%s, 'approved', 'x', 't')", (record,))
        assert db.execute("SELECT status FROM figure_review WHERE id = %s", (record,)).fetchone() == ("returned",)
    again = county("renshe")("update", "new_urban_jobs", "1480", "-p", "2023-06", "--revise")
    anew = int(again.stderr.split("(record ")[1].split(")")[0])
    assert county("office")("review", "--approve", f"{anew},{anew}").exit_code == 0  # named twice: reviewed once
    with psycopg.connect(county.url("office"), autocommit=True) as db:
        assert db.execute("SELECT COUNT(*) FROM reviews WHERE record = %s", (anew,)).fetchone() == (1,)


def test_a_store_brought_forward_keeps_the_roles_it_had(pg, mini):
    """A store of the schema before store_roles, with an office role of that time: brought forward, the role is
    let in and records as before; a store made new lets in nobody of the server's groups."""
    from liupi_cli.plan import load_plan
    from liupi_cli.store_pg import MIGRATIONS, _answers, init_server, who_answers

    url = schema_url(pg, new_schema(pg))
    role = f"office_old_{url[-6:]}".replace("=", "_")
    with psycopg.connect(url, autocommit=True) as db, db.transaction():
        for version in (1, 2, 3):
            MIGRATIONS[version](db)
        db.execute("INSERT INTO meta VALUES ('schema_version', '3'), ('plan_id', 'mini-2023')")
        _answers(db, who_answers(load_plan(mini)))
        db.execute(f'CREATE ROLE "{role}" LOGIN IN ROLE liupi_office')
    assert init_server(url, "mini-2023")[0] == 3
    with psycopg.connect(url.replace("user=liupi_admin", f"user={role}"), autocommit=True) as db:
        db.execute(INSERT.replace("'x'", f"'{role}'"))
        assert db.execute("SELECT kind FROM store_roles WHERE role = current_user").fetchone() == ("office",)
    _, fresh = _second_store(pg, mini)
    with psycopg.connect(fresh, autocommit=True) as db:
        assert db.execute("SELECT COUNT(*) FROM store_roles").fetchone() == (0,)


def test_one_role_is_one_county_s_office_and_another_county_s_bureau(county, pg, mini, monkeypatch):
    """Its groups are both; each store's policies ask what it is there: everything at home, its unit's figures
    elsewhere (submitted for review there), and never the office's part in the store where it is a bureau."""
    office = county.roles["office"]
    schema, admin = _second_store(pg, mini)
    run = Run(mini)
    assert run("store", "add-role", office, "--unit", "rsj", "--server", admin).exit_code == 0
    assert county("office")("update", "gdp_growth", "5", "-p", "2023Q2").exit_code == 0  # the office at home
    monkeypatch.setenv("LIUPI_DB", schema_url(pg, schema, user=office))
    run = Run(mini)
    mine = run("update", "new_urban_jobs", "1500", "-p", "2023-06")
    assert mine.exit_code == 0 and "submitted: the 1 figure(s) wait" in mine.stderr
    refused = run("update", "gdp_growth", "5", "-p", "2023Q2")
    assert refused.exit_code == 1 and f"role {office} (县人社局) may not record gdp_growth 2023Q2" in refused.stderr
    with psycopg.connect(schema_url(pg, schema, user=office), autocommit=True) as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(INSERT)  # the office's policy asks for the office's kind here
        record = db.execute("SELECT id FROM records WHERE indicator = 'new_urban_jobs'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute("INSERT INTO reviews (record, decision, reviewed_by, reviewed_at) VALUES (%s, 'approved', "
                       "'x', 't')", (record,))  # nor may it approve its own figure there
