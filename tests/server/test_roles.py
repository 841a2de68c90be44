"""Roles the server enforces: each bureau signs in as its own role and may record only the figures its unit
leads or co-leads, revise only what its role entered; the office records and revises all; a leader reads only.
Refusals reach the user as one line saying who may record it; going around liupi changes nothing."""

from __future__ import annotations

import pytest

psycopg = pytest.importorskip("psycopg", reason="the server store needs psycopg (pip install 'liupi[server]')")


def test_a_bureau_records_its_own_indicators_and_is_told_who_records_the_others(county):
    run = county("renshe")
    recorded = run("update", "new_urban_jobs", "1500", "-p", "2023-06")
    assert recorded.exit_code == 0
    assert recorded.stderr.splitlines()[-1] == ("submitted: the 1 figure(s) wait for the statistics office's review "
                                                "(`liupi review` lists them); reports judge them once approved")
    office = county("office")("update", "urban_unemployment", "5", "-p", "2023-06")
    assert office.exit_code == 0 and "submitted" not in office.stderr  # the office's own: approved as recorded
    run = county("renshe")
    refused = run("update", "gdp_growth", "5", "-p", "2023Q2")
    assert refused.exit_code == 1
    lines = refused.stderr.strip().splitlines()
    assert lines == [f"error: role {county.roles['renshe']} (县人社局) may not record gdp_growth 2023Q2: it is "
                     "recorded by 县发改局", "hint: ask that unit, or the statistics office; nothing was recorded"]
    assert county("fagai")("update", "gdp_growth", "5", "-p", "2023Q2").exit_code == 0


def test_a_batch_holding_one_figure_of_another_unit_stores_nothing(county, tmp_path):
    sheet = tmp_path / "mixed.csv"
    sheet.write_text("指标,数值,期间\nnew_urban_jobs,1500,2023-06\nurban_unemployment,3.1%,2023-06\n"
                     "gdp_growth,5%,2023Q2\n", encoding="utf-8")
    run = county("renshe")
    result = run("update", "--file", str(sheet))
    assert result.exit_code == 1 and "may not record gdp_growth 2023Q2" in result.stderr
    assert run("export", "--format", "csv").stdout.count("\n") == 1  # the heading alone: nothing stored


def test_revisions_only_of_ones_own_figures_the_office_revises_anything(county):
    assert county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    assert county("office")("update", "new_urban_jobs", "1510", "-p", "2023-06", "--revise").exit_code == 0
    refused = county("renshe")("update", "new_urban_jobs", "1520", "-p", "2023-06", "--revise")
    assert refused.exit_code == 1
    assert (f"role {county.roles['renshe']} may not revise new_urban_jobs 2023-06: tester (role "
            f"{county.roles['office']}) entered the figure in force") in refused.stderr
    assert county("office")("update", "gdp_growth", "5", "-p", "2023Q2").exit_code == 0  # the office writes all


def test_a_leader_reads_everything_and_records_nothing(county):
    assert county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    run = county("leader")
    refused = run("review", "--month", "2023-06", "--approve", "all")
    assert refused.exit_code == 1
    assert f"role {county.roles['leader']} may not review: only the statistics office" in refused.stderr
    assert refused.stderr.splitlines()[-1] == "hint: nothing was changed"
    assert county("office")("review", "--month", "2023-06", "--approve", "all").exit_code == 0
    run = county("leader")  # the environment names one role at a time
    report = run("report", "--month", "2023-06", "--format", "json")
    assert report.exit_code == 0 and '"actual": 1500' in report.stdout.replace(".0,", ",")
    refused = run("update", "gdp_growth", "5", "-p", "2023Q2")
    assert refused.exit_code == 1
    assert f"error: role {county.roles['leader']} only reads this store: it may record nothing" in refused.stderr
    task = run("task", "set", "t1", "--status", "done", "--date", "2023-06-20")
    assert task.exit_code == 1 and "only reads this store" in task.stderr


def test_going_around_liupi_the_server_refuses_a_bureau_writing_another_bureaus_figure(county):
    """A raw connection as 县人社局's role: another unit's figure, a figure claimed for another role, changing or
    removing a row are all refused by the server itself."""
    county("renshe")
    insert = ("INSERT INTO records (indicator, period, baseline, value, entered, recorded_by, recorded_at{extra}) "
              "VALUES (%s, '2023-06', false, 1, '1', 'x', 't'{more})")
    with psycopg.connect(county.url("renshe"), autocommit=True) as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(insert.format(extra="", more=""), ("gdp_growth",))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(insert.format(extra=", entered_role", more=", %s"),
                       ("new_urban_jobs", county.roles["office"]))
        db.execute(insert.format(extra="", more=""), ("new_urban_jobs",))  # its own: let in
        for statement in ("UPDATE records SET value = 2", "DELETE FROM records", "DROP TABLE records",
                          "INSERT INTO unit_roles VALUES (current_user, 'fgj')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement)
        assert db.execute("SELECT COUNT(*), MIN(entered_role) FROM records").fetchone() == (1, county.roles["renshe"])
    with psycopg.connect(county.url("leader"), autocommit=True) as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute(insert.format(extra="", more=""), ("new_urban_jobs",))


def test_task_progress_only_for_tasks_the_unit_answers_for(county):
    run = county("renshe")
    for owned in ("t1", "t2"):  # 县人社局 is responsible for t1 (led by 县发改局) and leads t2
        assert run("task", "set", owned, "--status", "in_progress", "--date", "2023-06-20").exit_code == 0
    refused = run("task", "set", "t4", "--status", "in_progress", "--date", "2023-06-20")  # 县发改局's alone
    assert refused.exit_code == 1
    assert "may not record progress of task t4: it is recorded by 县发改局" in refused.stderr
    assert county("fagai")("task", "set", "t4", "--status", "done", "--date", "2023-06-20").exit_code == 0
