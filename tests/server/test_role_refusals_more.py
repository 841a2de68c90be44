"""The server's refusals a county meets less often, each one line with its hint: a bureau role mapped to no unit,
a figure the office approved (locked), an indicator led by one unit and co-led by another named in order; and who
answers for what as init-server gives it to the server (the lead first, then co-leads; each task's units)."""

from __future__ import annotations

import pytest
from conftest import MINI

from .conftest import schema_url
from .pgserver import ADMIN

psycopg = pytest.importorskip("psycopg", reason="the server store needs psycopg (pip install 'liupi[server]')")


def test_a_bureau_role_for_no_unit_may_record_nothing_and_is_told_how_to_get_one(county, pg, monkeypatch):
    from liupi_cli.store_pg import add_role

    admin = county.url("office").replace(f"user={county.roles['office']}", f"user={ADMIN}")
    role = county.roles["renshe"] + "_nounit"
    assert add_role(admin, role, "bureau") is True
    run = county("renshe")
    monkeypatch.setenv("LIUPI_DB", county.url("renshe").replace(county.roles["renshe"], role))
    refused = run("update", "new_urban_jobs", "1500", "-p", "2023-06")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        f"error: role {role} speaks for no unit of this plan, so it may record nothing",
        f"hint: the statistics office runs `liupi store add-role {role} --unit UNIT`; nothing was recorded"]


def test_an_approved_figure_is_locked_to_the_bureau_that_entered_it(county):
    assert county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    assert county("office")("review", "--month", "2023-06", "--approve", "all").exit_code == 0
    refused = county("renshe")("update", "new_urban_jobs", "1490", "-p", "2023-06", "--revise")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        f"error: role {county.roles['renshe']} may not revise new_urban_jobs 2023-06: the office approved it, so it "
        "is locked", "hint: ask the statistics office, which revises any figure (kept in history); nothing was "
        "recorded"]
    assert county("office")("update", "new_urban_jobs", "1490", "-p", "2023-06", "--revise").exit_code == 0


def test_a_task_of_another_unit_names_the_roles_own_unit(county):
    refused = county("renshe")("task", "set", "t4", "--status", "in_progress", "--date", "2023-06-20")
    assert refused.stderr.strip().splitlines() == [
        f"error: role {county.roles['renshe']} (县人社局) may not record progress of task t4: it is recorded by "
        "县发改局", "hint: ask that unit, or the statistics office; nothing was recorded"]


def test_who_answers_for_what_is_the_plans_lead_first_then_its_co_leads():
    from liupi_cli.plan import load_plan
    from liupi_cli.store_pg import who_answers

    plan = load_plan(MINI)
    answers = who_answers(plan)
    assert answers.units == {"fgj": "县发改局", "rsj": "县人社局", "yjj": "县应急管理局"}
    by_indicator: dict[str, list[tuple[str, bool]]] = {}
    for indicator, unit, leads in answers.indicators:
        by_indicator.setdefault(indicator, []).append((unit, leads))
    assert set(by_indicator) == set(plan.indicators)
    assert by_indicator["gdp_growth"] == [("fgj", True)] and by_indicator["new_urban_jobs"][0] == ("rsj", True)
    assert all(sum(leads for _, leads in units) == 1 and units[0][1] for units in by_indicator.values())
    tasks: dict[str, list[str]] = {}
    for task, unit in answers.tasks:
        tasks.setdefault(task, []).append(unit)
    assert tasks["t4"] == ["fgj"] and "rsj" in tasks["t1"] and "rsj" in tasks["t2"]
    assert all(len(units) == len(set(units)) for units in tasks.values())


def test_init_server_gives_the_server_who_answers_for_what(pg):
    from liupi_cli.plan import load_plan
    from liupi_cli.store_pg import SCHEMA_VERSION, init_server, who_answers

    from .conftest import new_schema

    url = schema_url(pg, new_schema(pg))
    answers = who_answers(load_plan(MINI))
    assert init_server(url, "mini-2023", answers) == (0, SCHEMA_VERSION)
    with psycopg.connect(url, autocommit=True) as db:
        assert dict(db.execute("SELECT id, name_zh FROM units").fetchall()) == answers.units
        assert sorted(db.execute("SELECT indicator, unit, lead FROM indicator_units").fetchall()) == \
            sorted(answers.indicators)
        assert sorted(db.execute("SELECT task, unit FROM task_units").fetchall()) == sorted(answers.tasks)
        assert db.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone() == ("mini-2023",)
    assert init_server(url, "mini-2023", answers) == (SCHEMA_VERSION,) * 2  # a second run changes nothing


def test_a_figure_the_office_entered_is_revised_by_the_office_and_the_hint_says_so(county):
    assert county("office")("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    refused = county("renshe")("update", "new_urban_jobs", "1490", "-p", "2023-06", "--revise")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines()[-1] == ("hint: ask the statistics office, which revises any figure "
                                                       "(kept in history); nothing was recorded")


def test_init_server_run_again_says_it_read_who_answers_for_what_again(county, mini):
    from conftest import Run

    again = Run(mini)("store", "init-server", county.url("office").replace(county.roles["office"], "liupi_admin"))
    assert again.exit_code == 0
    assert again.stderr.strip().endswith("is at this liupi's schema (4); who answers for each indicator and task "
                                         "read again from the plan")
