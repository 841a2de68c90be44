"""What a report reads from a server store (PgStore.current_records, current_figures) against the review rules
stated another way: per indicator and period, the latest figure whose status (the figure_review view) is shown,
in id order. The figures in force are read a slice at a time; a pair whose figure in force waits or was returned
is looked at again, so the chains here hold both."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.store import NewRecord

from .conftest import new_schema, schema_url

PLAN = "mini-2023"


def _new(indicator: str, period: str, value: float) -> NewRecord:
    return NewRecord(indicator, period, value, f"{value:g}", None, None)


@pytest.fixture
def reviewed(pg):
    """A store whose pairs end every way: approved, submitted, returned after a submitted figure, returned alone,
    approved after a revision, revised by the office."""
    from liupi_cli.plan import load_plan
    from liupi_cli.store_pg import PgStore, add_role, init_server, who_answers

    schema = new_schema(pg)
    admin = schema_url(pg, schema)
    init_server(admin, PLAN, who_answers(load_plan(MINI)))
    roles = {"rsj": f"rsj_{schema}", "fgj": f"fgj_{schema}", "office": f"office_{schema}"}
    add_role(admin, roles["rsj"], "bureau", "rsj")
    add_role(admin, roles["fgj"], "bureau", "fgj")
    add_role(admin, roles["office"], "office")

    def store(kind: str) -> PgStore:
        return PgStore(schema_url(pg, schema, user=roles[kind]), PLAN)

    with store("rsj") as rsj, store("fgj") as fgj, store("office") as office:
        a = rsj.add(_new("new_urban_jobs", "2023-06", 1500), "人社", "t1")  # submitted
        b = rsj.add(_new("new_urban_jobs", "2023-06", 1510), "人社", "t2", revise=True)  # submitted, then returned
        office.review([b.id], "returned", "口径不对", "统计局", "t3")
        c = rsj.add(_new("new_urban_jobs", "2023-07", 1600), "人社", "t4")  # approved
        office.review([c.id], "approved", None, "统计局", "t5")
        d = rsj.add(_new("new_urban_jobs", "2023-08", 1700), "人社", "t6")  # returned alone
        office.review([d.id], "returned", "缺说明", "统计局", "t7")
        e = fgj.add(_new("retail_sales_total", "2023-06", 93), "发改", "t8")  # returned, revised, approved
        office.review([e.id], "returned", "单位错", "统计局", "t9")
        f = fgj.add(_new("retail_sales_total", "2023-06", 94), "发改", "t10", revise=True)
        office.review([f.id], "approved", None, "统计局", "t11")
        g = office.add(_new("gdp_growth", "2023Q2", 5.0), "统计局", "t12")  # the office's own: approved
        h = office.add(_new("gdp_growth", "2023Q2", 5.2), "统计局", "t13", revise=True)
        i = fgj.add(_new("gdp_growth", "2023Q3", 5.1), "发改", "t14")  # submitted
    ids = {k: v.id for k, v in zip("abcdefghi", (a, b, c, d, e, f, g, h, i))}
    return store, admin, ids


def _by_the_view(admin: str, shown: list[str]) -> list[int]:
    import psycopg

    with psycopg.connect(admin) as db:
        rows = db.execute("SELECT DISTINCT ON (r.indicator, r.baseline, r.period) r.id FROM records r "
                          "JOIN figure_review f ON f.id = r.id WHERE f.status = ANY(%s) "
                          "ORDER BY r.indicator, r.baseline, r.period, r.id DESC", (shown,)).fetchall()
    return sorted(r[0] for r in rows)


def test_a_report_reads_the_latest_approved_figure_of_each_pair(reviewed):
    store, admin, ids = reviewed
    with store("office") as s:
        shown = s.current_records()
        assert [f.id for f in shown] == _by_the_view(admin, ["approved"])
        assert [f.id for f in shown] == [ids["c"], ids["f"], ids["h"]]
        assert s.submitted == []
        h = shown[-1]
        assert (h.indicator, h.period, h.value, h.supersedes, h.recorded_by) == ("gdp_growth", "2023Q2", 5.2,
                                                                                   ids["g"], "统计局")


def test_with_submitted_figures_a_returned_one_gives_way_to_the_submitted_one_before_it(reviewed):
    store, admin, ids = reviewed
    with store("rsj") as s:
        shown = s.current_records(include_submitted=True)
        assert [f.id for f in shown] == _by_the_view(admin, ["approved", "submitted"])
        assert [f.id for f in shown] == [ids["a"], ids["c"], ids["f"], ids["h"], ids["i"]]  # id order, a looked for
        assert [f.id for f in s.submitted] == [ids["a"], ids["i"]]
        assert ids["b"] not in {f.id for f in shown} and ids["d"] not in {f.id for f in shown}


def test_recording_checks_against_the_figure_in_force_whatever_its_review(reviewed):
    store, _, ids = reviewed
    with store("fgj") as s:
        current = s.current_figures()
        assert current[("new_urban_jobs", "2023-06", False)].id == ids["b"]  # returned, still in force
        assert current[("new_urban_jobs", "2023-08", False)].id == ids["d"]
        assert {k: v.id for k, v in s.current_figures("gdp_growth").items()} == {
            ("gdp_growth", "2023Q2", False): ids["h"], ("gdp_growth", "2023Q3", False): ids["i"]}
        # one string per period however many figures share it, as the SQLite store reads them
        periods = [f.period for f in current.values() if f.period == "2023-06"]
        assert len(periods) == 2 and periods[0] is periods[1]


def test_read_inside_a_write_transaction_it_sees_that_transactions_rows(reviewed):
    from liupi_cli.errors import StoreError

    store, _, _ = reviewed
    with store("office") as s:
        with pytest.raises(StoreError, match="division by zero"), s._tx() as db:
            db.execute("INSERT INTO records (indicator, period, value, entered, recorded_by, recorded_at) "
                       "VALUES ('new_urban_jobs', '2023-09', 1800, '1800', '统计局', 't20')")
            assert s.current_figures()[("new_urban_jobs", "2023-09", False)].value == 1800
            assert "2023-09" in [f.period for f in s.current_records()]
            db.execute("SELECT 1/0")  # the transaction fails: nothing of it stays
        assert ("new_urban_jobs", "2023-09", False) not in s.current_figures()
