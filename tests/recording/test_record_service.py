"""The one recording service: every path calls it with the same options, and its outcome says what was (or,
on a dry run, would be) written, what was unchanged and what was refused, by row."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import MINI
from typer.testing import CliRunner

from liupi_cli import record_service
from liupi_cli.cli.app import app
from liupi_cli.figure_sheet import RowProblem, Table
from liupi_cli.plan import load_plan
from liupi_cli.record_service import RecordOptions, record_figure, record_table
from liupi_cli.store import Duplicate, NewRecord, Standing, Store, standing

PLAN = load_plan(MINI)
OPTIONS = RecordOptions(period="2023-06", source="县统计局", note="初报", by="王科长", at="2023-07-05T09:00:00+08:00")


def _table(*rows: dict[str, str]) -> Table:
    return Table([(n, row) for n, row in enumerate(rows, start=2)], "test rows")


def test_one_figure_and_a_file_store_the_same_fields_from_the_same_options(tmp_path):
    with Store(tmp_path / "a.db", PLAN.info.id) as a, Store(tmp_path / "b.db", PLAN.info.id) as b:
        one = record_figure(PLAN, a, "new_urban_jobs", "1500", replace(OPTIONS, batch="label"))
        rows = record_table(PLAN, b, _table({"id": "new_urban_jobs", "value": "1500"}), replace(OPTIONS, batch="label"))
        (x,), (y,) = one.saved, rows.saved
        fields = ("indicator", "period", "value", "entered", "source", "note", "recorded_by", "recorded_at", "batch",
                  "baseline")
        assert [getattr(x, f) for f in fields] == [getattr(y, f) for f in fields] == [
            "new_urban_jobs", "2023-06", 1500.0, "1500", "县统计局", "初报", "王科长", "2023-07-05T09:00:00+08:00",
            "label", False]
        assert [r.batch for r in a.records()] == ["label"]


def test_a_dry_run_writes_nothing_and_says_what_would_change(tmp_path):
    with Store(tmp_path / "r.db", PLAN.info.id) as s:
        record_figure(PLAN, s, "new_urban_jobs", "1500", OPTIONS)
        dry = record_figure(PLAN, s, "new_urban_jobs", "1600", replace(OPTIONS, revise=True, dry_run=True))
        assert (dry.saved, dry.revised, dry.dry_run) == ([], 1, True)
        assert (dry.changes[0].replaces.entered, dry.changes[0].record.entered) == ("1500", "1600")
        assert [r.value for r in s.records()] == [1500.0]


def test_refusals_come_back_with_their_rows_and_nothing_is_written(tmp_path):
    with Store(tmp_path / "r.db", PLAN.info.id) as s:
        record_figure(PLAN, s, "new_urban_jobs", "1500", OPTIONS)
        out = record_table(PLAN, s, Table([(2, {"id": "new_urban_jobs", "value": "1600"}),
                                           (3, {"id": "new_urban_jobs", "value": "1000", "period": "2023-07"}),
                                           (4, {"id": "gdp_growth", "value": "abc", "period": "2023Q2"})],
                                          "rows", [RowProblem(5, "unreadable cell")]), OPTIONS)
        assert [(p.row, p.needs) for p in out.problems] == [(2, "revise"), (3, "force"), (4, None), (5, None)]
        assert out.refused and out.saved == []
        assert len(s.records()) == 1
        same = record_figure(PLAN, s, "new_urban_jobs", "1,500", OPTIONS)
        assert (len(same.unchanged), same.changes, same.saved) == (1, [], [])


def test_a_figure_that_cannot_be_read_never_opens_the_store():
    opened = []
    with pytest.raises(Exception, match="cannot read"):
        record_figure(PLAN, lambda: opened.append(1), "new_urban_jobs", "lots", OPTIONS)
    assert opened == []


def test_the_rule_is_one_function_the_check_and_the_store_both_apply(tmp_path):
    assert standing(None, 5.0, False) is Standing.NEW
    assert standing(5.0, 5.0 + 1e-12, False) is Standing.UNCHANGED
    assert standing(5.0, 6.0, False) is Standing.DUPLICATE
    assert standing(5.0, 6.0, True) is Standing.REVISION
    # writing: the figure became current since the caller looked (another writer): a second figure all the same
    assert standing(5.0, 5.0, False, writing=True) is Standing.DUPLICATE
    assert standing(5.0, 5.0, True, writing=True) is Standing.REVISION
    with Store(tmp_path / "r.db", PLAN.info.id) as s:
        s.add(NewRecord("new_urban_jobs", "2023-06", 1500.0, "1500", None, "人"), "a", "t")
        with pytest.raises(Duplicate):
            s.add(NewRecord("new_urban_jobs", "2023-06", 1500.0, "1500", None, "人"), "b", "t")


def test_the_demo_figures_go_through_the_service_with_its_options(tmp_path, monkeypatch):
    seen = []
    real = record_service.record_table

    def spy(plan, store, table, options):
        seen.append(options)
        return real(plan, store, table, options)

    monkeypatch.setattr(record_service, "record_table", spy)
    result = CliRunner().invoke(app, ["init", str(tmp_path / "w"), "--demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    (options,) = seen
    assert (options.source, options.by, options.batch, options.revise, options.dry_run) == (
        "demo", "liupi init --demo", "demo-2023-06.csv", False, False)
    exported = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "w" / "data"), "export", "--format", "json"])
    records = json.loads(exported.stdout)["records"]
    assert len(records) == 17 and {(r["source"], r["recorded_by"], r["batch"]) for r in records} == {
        ("demo", "liupi init --demo", "demo-2023-06.csv")}
    assert {r["recorded_at"] for r in records} == {options.at}


def test_workspace_and_file_refusals_are_said_in_chinese(tmp_path, mini):
    runner = CliRunner()
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "liupi.toml").write_text("", encoding="utf-8")
    zh = runner.invoke(app, ["--lang", "zh", "init", str(tmp_path / "w")])
    assert zh.exit_code == 1
    assert f"{tmp_path / 'w' / 'liupi.toml'} 已存在；未作任何改动" in zh.stderr
    assert "liupi init 从不覆盖" in zh.stderr
    en = runner.invoke(app, ["init", str(tmp_path / "w")])
    assert f"{tmp_path / 'w' / 'liupi.toml'} already exists; nothing was changed" in en.stderr
    (tmp_path / "folder.csv").mkdir()
    zh = runner.invoke(app, ["--data-dir", str(mini), "--lang", "zh", "update", "--file", str(tmp_path / "folder.csv")])
    assert zh.exit_code == 1 and "不是普通文件" in zh.stderr and "请给出 .csv 或 .xlsx 文件" in zh.stderr
    zh = runner.invoke(app, ["--lang", "zh", "init", str(tmp_path / "x"), "--level", "town"])
    assert zh.exit_code == 2 and "--level town：应为 `county`（县）或 `city`（市）" in zh.stderr


class _LookedBefore:
    """A store as a writer saw it before another writer stored its figure: the check finds nothing current."""

    def __init__(self, store: Store):
        self.store = store

    def current_figures(self, indicator=None):
        return {}

    def add_many(self, *args, **kwargs):
        return self.store.add_many(*args, **kwargs)


@pytest.mark.parametrize("value", ["1500", "1600"])
def test_a_figure_stored_since_the_check_is_refused_inside_the_write(tmp_path, value):
    with Store(tmp_path / "r.db", PLAN.info.id) as s:
        record_figure(PLAN, s, "new_urban_jobs", "1500", replace(OPTIONS, by="甲"))
        with pytest.raises(Duplicate, match="recorded by 甲"):  # the same figure or another: one winner
            record_figure(PLAN, _LookedBefore(s), "new_urban_jobs", value, replace(OPTIONS, by="乙"))
        assert [(r.value, r.recorded_by, r.current) for r in s.records()] == [(1500.0, "甲", True)]


@pytest.mark.parametrize("path", ["figure", "table"])
def test_a_falling_year_to_date_figure_needs_force_and_a_note_on_both_paths(tmp_path, path):
    """--force alone does not let a year-to-date total fall within the year; --force with --note does, and the
    note is what the check reads (both paths hand it on)."""
    def record(store, value, options):
        if path == "figure":
            return record_figure(PLAN, store, "new_urban_jobs", value, options)
        return record_table(PLAN, store, _table({"id": "new_urban_jobs", "value": value}), options)

    with Store(tmp_path / "r.db", PLAN.info.id) as store:
        assert record(store, "2000", replace(OPTIONS, period="2023-06")).saved
        bare = replace(OPTIONS, period="2023-07", force=True, note=None)
        refused = record(store, "1000", bare)
        assert refused.refused and not refused.saved
        kept = record(store, "1000", replace(bare, note="统计口径调整"))
        assert [r.note for r in kept.saved] == ["统计口径调整"]
        assert [r.value for r in store.records()] == [2000.0, 1000.0]
