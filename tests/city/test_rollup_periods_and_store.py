"""Which period's figure stands for a month (a quarterly indicator's latest quarter, an annual one's year at
December), the roll-up's other cases (not yet due, a rate lacking its level, a base not above 0), and the city's
store of collected figures (data/collected.db): counted, read per county, superseded, owned by one city."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from liupi_cli.city.collected import CollectedStore, Incoming
from liupi_cli.city.rollup import FigureIndex, build_rollup, figure_period
from liupi_cli.errors import StoreError
from liupi_cli.frequency import Frequency
from liupi_cli.models import Indicator
from liupi_cli.periods import Period

from .citykit import city_plan, config, decomposition, index

RULES = [{"indicator": "jobs", "method": "completion", "points": 10}]


def _with_frequency(tmp_path, frequency: str) -> Indicator:
    return city_plan(tmp_path).indicators["jobs"].model_copy(update={"frequency": Frequency(frequency)})


@pytest.mark.parametrize(("month", "quarter"), [(1, None), (2, None), (3, "2023Q1"), (4, "2023Q1"), (5, "2023Q1"),
                                                (6, "2023Q2"), (8, "2023Q2"), (9, "2023Q3"), (11, "2023Q3"),
                                                (12, "2023Q4")])
def test_a_quarterly_figure_is_the_latest_quarter_ended(tmp_path, month, quarter):
    got = figure_period(_with_frequency(tmp_path, "quarterly"), Period(2023, month, "month"))
    assert (got.key if got else None) == quarter
    if got:
        assert (got.grain, got.months % 3) == ("quarter", 0)


@pytest.mark.parametrize("month", [1, 6, 11, 12])
def test_an_annual_figure_is_due_at_december_and_a_monthly_one_every_month(tmp_path, month):
    got = figure_period(_with_frequency(tmp_path, "annual"), Period(2023, month, "month"))
    assert (got.key, got.grain) == ("2023", "year") if month == 12 else got is None
    m = Period(2023, month, "month")
    assert figure_period(_with_frequency(tmp_path, "monthly"), m) is m


def test_a_rollup_before_a_figure_is_due_says_so_in_either_language(tmp_path):
    plan = city_plan(tmp_path)
    plan.indicators["jobs"] = plan.indicators["jobs"].model_copy(update={"frequency": Frequency.quarterly})
    figures = {("jobs", "2023Q1"): {"a": 1, "b": 2, "c": 3, "d": 4}}
    dec = decomposition({"jobs": {"a": 400, "b": 400, "c": 400, "d": 400}})
    feb = Period(2023, 2, "month")
    row = build_rollup(config(RULES), plan, dec, index(figures), feb).rows[0]
    assert (row.period, row.total, row.how) == (None, None, "no quarterly figure due by 2023-02")
    assert row.missing == ["a县", "b县", "c县", "d县"] and row.reported == 0 and row.counties == 4
    zh = build_rollup(config(RULES), plan, dec, index(figures), feb, "zh").rows[0]
    assert zh.how == "截至2023-02无应报数据（quarterly）"
    may = build_rollup(config(RULES), plan, dec, index(figures), Period(2023, 5, "month")).rows[0]
    assert (may.period, may.total, may.reported, may.how) == ("2023Q1", 10, 4, "sum of 4 counties")
    assert (may.city_target, may.unit, may.kind, may.name_zh) == (1600, "人", "cumulative", "jobs")


def test_a_rate_is_not_recomputed_when_a_county_lacks_its_level_or_the_base_is_not_above_0(tmp_path):
    cfg = config(RULES, counties="ab", levels={"sales_growth": "sales"})
    dec = decomposition({"sales_growth": {"a": 8, "b": 8}})
    june = Period(2023, 6, "month")
    lacking = {("sales", "2023-06"): {"a": 110, "b": None}, ("sales_growth", "2023-06"): {"a": 10, "b": 5}}
    row = build_rollup(cfg, city_plan(tmp_path), dec, index(lacking), june).rows[0]
    assert (row.total, row.how) == (None, "not recomputed: 1 county(ies) lack the rate or the level (sales)")
    assert build_rollup(cfg, city_plan(tmp_path), dec, index(lacking), june, "zh").rows[0].how == \
        "不重算：1个县（市、区）缺增速或总量（sales）"
    no_base = {("sales", "2023-06"): {"a": 0, "b": 0}, ("sales_growth", "2023-06"): {"a": 10, "b": 5}}
    row = build_rollup(cfg, city_plan(tmp_path), dec, index(no_base), june).rows[0]
    assert (row.total, row.how) == (None, "not recomputed: the base is not above 0")


def test_a_ceiling_is_not_aggregated_and_a_chinese_row_names_the_kind_in_chinese(tmp_path):
    dec = decomposition({"unemp": {"a": 5, "b": 5, "c": 5, "d": 5}, "growth": {"a": 8, "b": 8, "c": 8, "d": 8}})
    figures = {("unemp", "2023-06"): {"a": 5, "b": 5, "c": 5, "d": 5}}
    rows = build_rollup(config(RULES), city_plan(tmp_path), dec, index(figures), Period(2023, 6, "month")).rows
    assert [r.how for r in rows] == ["not aggregated: a ceiling does not add up across counties",
                                     "not aggregated: a growth_rate does not add up across counties (city.yaml "
                                     "levels: names its level to recompute it)"]
    assert rows[0].reported == 4 and rows[1].missing == ["a县", "b县", "c县", "d县"]
    zh = build_rollup(config(RULES), city_plan(tmp_path), dec, index(figures), Period(2023, 6, "month"), "zh").rows
    assert [r.how for r in zh] == ["不汇总：上限类指标不能跨县相加",
                                   "不汇总：增速类指标不能跨县相加（在 city.yaml 的 levels 中指明其总量指标即可重算）"]


def test_the_index_leaves_baselines_out_and_knows_which_periods_have_figures(tmp_path):
    with CollectedStore(tmp_path / "c.db", "某市") as store:
        store.add("a", [Incoming(indicator="jobs", period="2023-06", baseline=False, value=5, unit=None, origin_id=1),
                        Incoming(indicator="jobs", period="2023-05", baseline=True, value=9, unit=None,
                                 origin_id=2)], "a.json", "2023-07-01")
        ix = FigureIndex(store.current())
    assert ix.has_period(Period(2023, 6, "month")) and not ix.has_period(Period(2023, 5, "month"))
    assert ix.at("jobs", Period(2023, 5, "month"), ["a"]) == {"a": None}
    assert ix.at("jobs", Period(2023, 6, "month"), ["a", "b"]) == {"a": 5, "b": None}
    assert ix.at("jobs", None, ["a"]) == {"a": None}


def _in(indicator, period, value, unit="人", baseline=False, origin_id=None):
    return Incoming(indicator=indicator, period=period, baseline=baseline, value=value, unit=unit,
                    origin_id=origin_id)


def test_the_collected_store_counts_supersedes_and_reads_one_county(tmp_path):
    path = tmp_path / "collected.db"
    with CollectedStore(path, "某市") as store:
        assert store.count() == 0 and store.current() == []
        assert store.add("b", [_in("jobs", "2023-06", 10, origin_id=7)], "b.json", "t1") == (1, 0)
        assert store.add("a", [_in("jobs", "2023-06", 3), _in("jobs", "2023-05", 2)], "a.json", "t1") == (2, 0)
        assert store.add("a", [_in("jobs", "2023-06", 3), _in("jobs", "2023-05", 4)], "a2.json", "t2") == (1, 1)
        assert store.add("a", [_in("jobs", "2023-06", 3, unit="万人")], "a3.json", "t3") == (1, 0)
        assert store.count() == 5
        now = store.current()
        assert [(f.county, f.period, f.value, f.unit, f.origin, f.collected_at) for f in now] == [
            ("a", "2023-05", 4, "人", "a2.json", "t2"), ("a", "2023-06", 3, "万人", "a3.json", "t3"),
            ("b", "2023-06", 10, "人", "b.json", "t1")]
        assert now[2].origin_id == 7 and now[2].supersedes is None and now[2].baseline is False
        assert now[0].supersedes is not None and now[1].supersedes is not None
        assert [f.county for f in store.current("b")] == ["b"]
    with CollectedStore(path, "某市", readonly=True) as store:
        assert store.count() == 5 and len(store.current()) == 3


def test_a_city_without_collected_figures_reads_as_none_and_makes_no_file(tmp_path):
    path = tmp_path / "collected.db"
    with CollectedStore(path, "某市", readonly=True) as store:
        assert (store.count(), store.current(), store.current("a")) == (0, [], [])
    assert not path.exists()


def test_a_readonly_reader_does_not_write(tmp_path):
    path = tmp_path / "collected.db"
    with CollectedStore(path, "某市") as store:
        store.add("a", [_in("jobs", "2023-06", 3)], "a.json", "t1")
    path.chmod(0o444)
    try:
        with CollectedStore(path, "某市", readonly=True) as store:
            assert store.count() == 1
            with pytest.raises(sqlite3.OperationalError):
                store.db.execute("INSERT INTO meta VALUES ('x', 'y')")
    finally:
        path.chmod(0o644)


def test_another_citys_store_is_refused_naming_both(tmp_path):
    path = tmp_path / "collected.db"
    CollectedStore(path, "某市").__exit__()
    for readonly in (False, True):
        with pytest.raises(StoreError) as exc:
            CollectedStore(path, "别市", readonly=readonly)
        assert exc.value.message == f"{path} holds the figures of 某市, not 别市"
        assert exc.value.hint == "check the city workspace"


def test_a_damaged_store_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "collected.db"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError) as exc:
        CollectedStore(path, "某市")
    assert exc.value.message.startswith(f"{path}: cannot open the collected figures (")
    assert exc.value.hint.startswith("it is the city's data/collected.db")


def test_a_failed_add_adds_nothing_of_that_county(tmp_path):
    path = tmp_path / "collected.db"
    with CollectedStore(path, "某市") as store:
        store.add("a", [_in("jobs", "2023-05", 1)], "a.json", "t1")
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TRIGGER no_june BEFORE INSERT ON figures WHEN NEW.period = '2023-06' "
                       "BEGIN SELECT RAISE(ABORT, 'refused'); END")
            db.commit()
        with pytest.raises(StoreError) as exc:
            store.add("a", [_in("jobs", "2023-04", 2), _in("jobs", "2023-06", 3)], "a2.json", "t2")
        assert exc.value.message.startswith(f"{path}: cannot add a's figures (")
        assert exc.value.message.endswith("nothing of this county was added")
        assert exc.value.hint.startswith("check the disk")
        assert store.count() == 1 and not store.db.in_transaction
