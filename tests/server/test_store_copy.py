"""`liupi store init-server` and `liupi store copy`: a county's SQLite store moved to the server and back with
nothing lost (every record and field, the revision chains, the task updates; `liupi export` byte-identical)."""

from __future__ import annotations

import pytest
from conftest import Run

from .conftest import new_schema, schema_url

FIGURES = """指标,数值,期间,来源,备注
new_urban_jobs,1500,2023-06,县人社局 月报,"含""零工"" 岗位"
gdp_growth,4.5%,2023Q1,,
retail_sales_total,93.44亿元,2023-06,县统计局,换算
"""


def _county_store(run: Run, tmp_path) -> None:
    sheet = tmp_path / "june.csv"
    sheet.write_text(FIGURES, encoding="utf-8")
    assert run("update", "--file", str(sheet)).exit_code == 0
    assert run("update", "new_urban_jobs", "1550", "-p", "2023-06", "--revise", "--note", "更正").exit_code == 0
    assert run("update", "new_urban_jobs", "1200", "-p", "2022-06", "--baseline").exit_code == 0
    assert run("task", "set", "t1", "--status", "in_progress", "--percent", "40", "--date", "2023-06-20").exit_code == 0
    assert run("task", "set", "t1", "--status", "done", "--date", "2023-07-01").exit_code == 0


def _exports(run: Run, db: str | None, monkeypatch, url: str | None = None) -> tuple[str, str]:
    if url:
        monkeypatch.setenv("LIUPI_DB", url)
    else:
        monkeypatch.delenv("LIUPI_DB", raising=False)
    pre = ("--db", db) if db else ()
    out = []
    for fmt in ("json", "csv"):
        result = run(*pre, "export", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        out.append(result.stdout)
    return out[0], out[1]


def test_a_county_store_goes_to_the_server_and_back_with_nothing_lost(pg, mini, tmp_path, monkeypatch):
    run = Run(mini)
    original = tmp_path / "county.db"
    monkeypatch.setenv("LIUPI_DB", str(original))
    _county_store(run, tmp_path)
    before = _exports(run, str(original), monkeypatch)
    assert '"recorded_by": "tester"' in before[0] and '"supersedes": 1' in before[0]

    url = schema_url(pg, new_schema(pg))
    init = run("store", "init-server", url)
    assert init.exit_code == 0 and "is set up (schema 0 -> " in init.stderr
    assert "is at this liupi's schema" in run("store", "init-server", url).stderr  # a second run: no migration
    there = run("store", "copy", str(original), url)
    assert there.exit_code == 0, there.stderr
    assert "copied 5 record(s) and 2 task update(s)" in there.stderr
    assert _exports(run, None, monkeypatch, url) == before

    # the server goes on numbering after the copied rows
    monkeypatch.setenv("LIUPI_DB", url)
    more = run("update", "gdp_growth", "5.0", "-p", "2023Q2")
    assert more.exit_code == 0 and "(record 6)" in more.stderr
    after = _exports(run, None, monkeypatch, url)

    back = tmp_path / "back.db"
    home = run("store", "copy", url, str(back))
    assert home.exit_code == 0, home.stderr
    assert _exports(run, str(back), monkeypatch) == after


def test_a_copy_into_a_store_holding_records_is_refused_and_changes_nothing(pg, mini, tmp_path, monkeypatch):
    run = Run(mini)
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for db in (a, b):
        monkeypatch.setenv("LIUPI_DB", str(db))
        assert run("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    monkeypatch.delenv("LIUPI_DB")
    before = b.read_bytes()
    result = run("store", "copy", str(a), str(b))
    assert result.exit_code == 1
    assert f"{b} already holds 1 figure(s) and 0 task update(s); a copy goes only into an empty store" in result.stderr
    assert b.read_bytes() == before
    same = run("store", "copy", str(a), str(a))
    assert same.exit_code == 1 and "both where to copy from and where to copy to" in same.stderr


@pytest.mark.parametrize("args,says", [
    (("store", "init-server"), "is not a server's address"),
    (("store", "init-server", "postgresql://office:pw@localhost/liupi"), "holds a password"),
    (("store", "copy", "a.db", "postgresql://office:pw@localhost/liupi"),
     "the copy's destination (TO): the store's address holds a password"),
])
def test_store_commands_refuse_in_one_line(mini, args, says):
    result = Run(mini)(*args)
    assert result.exit_code != 0 and says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


def test_a_server_store_with_figures_not_approved_is_not_copied_as_if_they_were(county, tmp_path):
    """A copy keeps the records, not the review: a submitted or returned figure would stand approved in the
    copy (a file store knows no review). Refused, naming them, until they are approved; then copied."""
    bureau = county("renshe")
    first = bureau("update", "new_urban_jobs", "1500", "-p", "2023-06")
    record = int(first.stderr.split("(record ")[1].split(")")[0])
    office = county("office")
    desk = tmp_path / "desk.db"
    refused = office("store", "copy", county.url("office"), str(desk))
    assert refused.exit_code == 1 and not desk.exists()
    assert refused.stderr.splitlines() == [
        f"error: {county.url('office')} holds 1 figure(s) in force not approved: new_urban_jobs 2023-06 (#{record}, "
        "submitted); a copy keeps the records, not their review, so there they would stand as approved",
        "hint: approve or return them first (`liupi review`), and copy once the returned ones are submitted anew "
        "and approved; nothing was copied"]
    zh = office("--lang", "zh", "store", "copy", county.url("office"), str(desk)).stderr
    assert f"new_urban_jobs 2023-06（#{record}，待审）" in zh and "submitted" not in zh
    assert office("review", "--return", str(record), "--reason", "口径不对").exit_code == 0
    assert f"(#{record}, returned)" in office("store", "copy", county.url("office"), str(desk)).stderr
    again = county("renshe")("update", "new_urban_jobs", "1480", "-p", "2023-06", "--revise")
    assert county("office")("review", "--month", "2023-06", "--approve", "all").exit_code == 0, again.stderr
    copied = county("office")("store", "copy", county.url("office"), str(desk))
    assert copied.exit_code == 0 and "copied 2 record(s)" in copied.stderr
