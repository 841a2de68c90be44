"""A county's exported file read and taken whole or refused whole, in process: every refusal one line naming the
file (the record and the figure where one is at fault) with its hint; what is taken, what is skipped (indicators
the city does not decompose), last year's baselines; and collecting several counties, one refused."""

from __future__ import annotations

import json
import os

import pytest

from liupi_cli.city import collect as collect_module
from liupi_cli.city.collect import accept, collect, read_county
from liupi_cli.city.collected import CollectedStore
from liupi_cli.errors import InputRefused

from .citykit import config, decomposition


def _record(n, indicator="jobs", period="2023-06", value=10.0, unit="人", baseline=False, current=True):
    return {"id": n, "indicator": indicator, "period": period, "baseline": baseline, "value": value,
            "entered": f"{value:g}", "entered_unit": None, "unit": unit, "recorded_by": "x",
            "recorded_at": "2023-07-01T09:00:00+08:00", "source": None, "note": None, "supersedes": None,
            "batch": None, "current": current}


def _export(tmp_path, name="a.json", plan="a-2023", records=None):
    path = tmp_path / name
    records = records if records is not None else [_record(1)]
    path.write_text(json.dumps({"plan": plan, "records": records, "task_updates": []}), encoding="utf-8")
    return path


def _refused(tmp_path, county="a") -> tuple[str, str | None]:
    cfg = config([])
    with pytest.raises(InputRefused) as exc:
        accept(read_county(cfg.county(county), tmp_path), cfg.county(county), cfg,
               decomposition({"jobs": {c: 400 for c in "abcd"}}))
    return exc.value.message, exc.value.hint


EXPORT_HINT = "the county writes it with `liupi export --format json --out FILE.json`"
AGAIN_HINT = "ask the county for the file again: `liupi export --format json --out FILE.json`"


def test_a_file_that_is_not_a_complete_liupi_export_is_refused_whole(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"plan": "a-2023", "records": [', encoding="utf-8")
    message, hint = _refused(tmp_path)
    assert message.startswith(f"{path}:1: not a complete liupi export (") and message.endswith("); refused whole")
    assert hint == AGAIN_HINT
    for doc in ([], {"records": []}, {"plan": 3, "records": []}, {"plan": "a-2023", "records": {}}):
        path.write_text(json.dumps(doc), encoding="utf-8")
        assert _refused(tmp_path) == (f"{path}: not a liupi export (no plan and records); refused whole", EXPORT_HINT)
    path.write_text('{"plan": "a-2023", "records": [', encoding="utf-8")
    message, _ = _refused(tmp_path)
    assert message == f"{path}:1: not a complete liupi export (Expecting value); refused whole"  # the parser's why
    path.write_bytes(b"\xff\xfe not utf-8")
    message, hint = _refused(tmp_path)
    assert message == (f"{path}: cannot read ('utf-8' codec can't decode byte 0xff in position 0: invalid start "
                       "byte)") and hint is None


def test_a_record_store_file_is_refused_whole_saying_what_a_countys_file_is(tmp_path):
    from liupi_cli.store import NewRecord, Store

    with Store(tmp_path / "a.json", "a-2023") as s:  # a store whatever its name: told by its first bytes
        s.add(NewRecord("jobs", "2023-06", 10.0, "10", None, "人"), "x", "t")
    assert _refused(tmp_path) == (
        f"{tmp_path / 'a.json'}: a liupi record store (SQLite), not an export: a county's file (--file, or its source "
        "in city.yaml) is what `liupi export --format json` writes; refused whole",
        "in the county's workspace: `liupi export --format json --out a.json`, and collect that file; or make the "
        "workspace folder its source in city.yaml")


def test_a_record_changed_by_hand_is_refused_naming_where(tmp_path):
    bad = _record(1)
    bad["value"] = "很多"
    path = _export(tmp_path, records=[_record(2), bad])
    message, hint = _refused(tmp_path)
    assert message == f"{path}: records: value: Input should be a valid number, unable to parse string as a " \
                      "number; refused whole"  # where (the field) and why
    assert hint == "the file was changed by hand or damaged: ask the county for it again"


def test_a_fifo_or_a_huge_file_is_refused_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    os.mkfifo(path)  # read, it would wait for ever
    assert _refused(tmp_path) == (f"{path}: not a regular file; refused whole", "give the exported .json file")
    path.unlink()
    _export(tmp_path)
    monkeypatch.setattr(collect_module, "MAX_EXPORT_BYTES", path.stat().st_size)
    assert read_county(config([]).county("a"), tmp_path).records  # exactly the limit: read
    monkeypatch.setattr(collect_module, "MAX_EXPORT_BYTES", 100)
    with open(path, "ab") as fh:
        fh.truncate(3 * 1024 * 1024)
    assert _refused(tmp_path) == (f"{path}: 3 MB is far too large for a county's export; refused whole",
                                  "check that this is the file the county sent")


def test_a_missing_file_names_the_county_whose_source_it_is(tmp_path):
    assert _refused(tmp_path, "c") == (f"{(tmp_path / 'c.json').resolve()}: file not found",
                                       "county c's source in city.yaml")


def test_figures_of_another_year_unit_or_period_are_refused_whole_naming_the_record(tmp_path):
    path = _export(tmp_path, records=[_record(1), _record(7, period="2022-06")])
    assert _refused(tmp_path) == (f"{path}: holds figures for 2022 (record 7, jobs 2022-06), not 2023; refused whole",
                                  "the city collects 2023's figures")
    path = _export(tmp_path, records=[_record(8, baseline=True, period="2023-06")])
    assert _refused(tmp_path)[0].startswith(f"{path}: holds figures for 2023 (record 8, jobs 2023-06), not 2023")
    path = _export(tmp_path, records=[_record(3, unit="万人")])
    assert _refused(tmp_path) == (f"{path}: jobs 2023-06 is in 万人, the decomposition in 人; refused whole",
                                  "the county's plan and the city's table must use the same unit")
    path = _export(tmp_path, records=[_record(4, period="sometime")])
    assert _refused(tmp_path) == (f"{path}: record 4 has period 'sometime'; refused whole", None)


def test_another_countys_or_a_stranger_plan_is_refused_saying_whose_it_is(tmp_path):
    path = _export(tmp_path, plan="b-2023")
    assert _refused(tmp_path) == (f"{path}: holds plan b-2023 (b县's), not a县's a-2023; refused whole",
                                  "check the file received and city.yaml's counties")
    path = _export(tmp_path, plan="z-2023")
    assert _refused(tmp_path)[0] == (f"{path}: holds plan z-2023 (not one of 某市's counties'), not a县's a-2023; "
                                     "refused whole")


def test_what_is_taken_skipped_and_kept_as_a_baseline(tmp_path):
    records = [_record(1, value=12), _record(2, indicator="other", unit="个"), _record(3, period="2022-06",
                                                                                     baseline=True, value=9),
               _record(4, value=11, current=False)]
    _export(tmp_path, records=records)
    cfg = config([])
    figures = read_county(cfg.county("a"), tmp_path)
    assert (figures.county, figures.plan, figures.origin) == ("a", "a-2023", str((tmp_path / "a.json").resolve()))
    assert [r.id for r in figures.records] == [1, 2, 3]  # superseded figures are not sent on
    taken, skipped = accept(figures, cfg.county("a"), cfg, decomposition({"jobs": {c: 400 for c in "abcd"}}))
    assert skipped == 1
    assert [(i.indicator, i.period, i.baseline, i.value, i.unit, i.origin_id) for i in taken] == [
        ("jobs", "2023-06", False, 12.0, "人", 1), ("jobs", "2022-06", True, 9.0, "人", 3)]


def test_collecting_takes_each_county_and_says_why_one_was_refused(tmp_path):
    _export(tmp_path, "a.json", "a-2023", [_record(1, value=12)])
    _export(tmp_path, "b.json", "b-2023", [_record(1, value=7, unit="万人")])
    _export(tmp_path, "c.json", "c-2023", [_record(5, value=3), _record(6, indicator="other")])
    cfg = config([])
    dec = decomposition({"jobs": {c: 400 for c in "abcd"}})
    with CollectedStore(tmp_path / "collected.db", "某市") as store:
        result = collect(cfg, dec, tmp_path, store, "2023-07-10T09:00", only=["a", "b", "c"])
        assert [(c.county, c.added, c.unchanged, c.not_decomposed) for c in result.counties] == [
            ("a", 1, 0, 0), ("b", 0, 0, 0), ("c", 1, 0, 1)]
        assert [c.county for c in result.refused] == ["b"]
        b = result.counties[1]
        assert b.origin == str((tmp_path / "b.json").resolve())
        assert b.refused == (f"b县 (b): {tmp_path / 'b.json'}: jobs 2023-06 is in 万人, the decomposition in 人; "
                             "refused whole (hint: the county's plan and the city's table must use the same unit)")
        assert b.refused.text("zh").startswith("b县（b）：")
        again = collect(cfg, dec, tmp_path, store, "2023-07-11T09:00", only=["a"])
        assert [(c.county, c.added, c.unchanged) for c in again.counties] == [("a", 0, 1)]
        d = collect(cfg, dec, tmp_path, store, "t", only=["d"]).counties[0]
        assert d.origin == str((tmp_path / "d.json").resolve())  # the path read, as the other counties' are
        assert d.refused.endswith("(hint: county d's source in city.yaml)")
        assert [(f.county, f.value, f.collected_at) for f in store.current()] == [
            ("a", 12.0, "2023-07-10T09:00"), ("c", 3.0, "2023-07-10T09:00")]


def test_a_county_workspace_is_read_from_its_own_store_current_figures_only(tmp_path):
    import shutil

    from conftest import MINI

    from liupi_cli.city.config import County
    from liupi_cli.store import NewRecord, Store

    folder = tmp_path / "counties" / "mini"
    shutil.copytree(MINI, folder / "data")
    (folder / "liupi.toml").write_text('plan = "data"\n', encoding="utf-8")
    county = County(id="mini", name_zh="测试县", plan="mini-2023", source="counties/mini")
    empty = read_county(county, tmp_path)
    assert (empty.county, empty.plan, empty.origin, empty.records) == ("mini", "mini-2023", str(folder), [])
    assert not (folder / "data" / "records.db").exists()  # reading makes no store
    with Store(folder / "data" / "records.db", "mini-2023") as s:
        s.add(NewRecord("new_urban_jobs", "2023-06", 1500.0, "1500", None, "人"), "县人社局", "t")
        s.add(NewRecord("new_urban_jobs", "2023-06", 1550.0, "1550", None, "人"), "县人社局", "t", revise=True)
    got = read_county(county, tmp_path)
    assert [(r.indicator, r.value, r.current) for r in got.records] == [("new_urban_jobs", 1550.0, True)]
    assert got.origin == str(folder)  # the county's folder, as for a county with no figures yet
    (folder / "liupi.toml").write_text('plan = "data"\nstore = "elsewhere/county.db"\n', encoding="utf-8")
    (folder / "elsewhere").mkdir()
    with Store(folder / "elsewhere" / "county.db", "mini-2023") as s:
        s.add(NewRecord("new_urban_jobs", "2023-05", 900.0, "900", None, "人"), "县人社局", "t")
    assert [r.value for r in read_county(county, tmp_path).records] == [900.0]  # the store liupi.toml names


def test_a_store_its_liupi_toml_names_that_cannot_be_opened_is_refused_never_read_as_empty(tmp_path):
    import shutil

    from conftest import MINI

    from liupi_cli.city.config import County
    from liupi_cli.errors import StoreError

    folder = tmp_path / "counties" / "mini"
    shutil.copytree(MINI, folder / "data")
    (folder / "liupi.toml").write_text('plan = "data"\nstore = "elsewhere/county.db"\n', encoding="utf-8")
    county = County(id="mini", name_zh="测试县", plan="mini-2023", source="counties/mini")
    with pytest.raises(StoreError) as exc:
        read_county(county, tmp_path)
    assert exc.value.message == f"no record store at {folder / 'elsewhere' / 'county.db'}"
    cfg = config([]).model_copy(update={"counties": [county]})
    with CollectedStore(tmp_path / "collected.db", "某市") as store:
        outcome = collect(cfg, decomposition({"jobs": {"mini": 400}}), tmp_path, store, "t").counties[0]
    assert outcome.unreadable and outcome.refused.startswith(f"测试县 (mini): no record store at {folder}")
    assert not (folder / "elsewhere").exists()  # reading makes no store


def test_an_absolute_source_is_named_as_city_yaml_gives_it_taken_or_refused(tmp_path):
    """A source given as an absolute path (here through a symbolic link) is read and named as written, for the
    county taken and the county refused alike; a relative one is resolved against the city's folder. A refusal
    with no hint of its own says none."""
    real = tmp_path / "files"
    real.mkdir()
    _export(real, "a.json")
    (real / "b.json").write_bytes(b"\xff not utf-8")
    link = tmp_path / "link"
    link.symlink_to(real)
    plain = config([], counties="ab").model_dump(by_alias=True)
    for c in plain["counties"]:
        c["source"] = str(link / f"{c['id']}.json")
    cfg = type(config([])).model_validate(plain)
    with CollectedStore(tmp_path / "collected.db", "某市") as store:
        got = collect(cfg, decomposition({"jobs": {"a": 400, "b": 400}}), tmp_path / "elsewhere", store, "t")
    a, b = got.counties
    assert (a.origin, a.added, b.origin) == (str(link / "a.json"), 1, str(link / "b.json"))
    assert b.refused == f"b县 (b): {link / 'b.json'}: cannot read ('utf-8' codec can't decode byte 0xff in " \
                        "position 0: invalid start byte)"  # no "(hint: …)" where the refusal has none


def test_a_county_folder_without_a_plan_is_refused_for_itself_never_read_as_the_city_above_it(tmp_path):
    """The county's folder is the workspace read: not a liupi.toml found further up (the city's own), nor the
    bundled plan."""
    from liupi_cli.city.config import County
    from liupi_cli.errors import PlanUnreadable

    (tmp_path / "liupi.toml").write_text('plan = "data"\n', encoding="utf-8")  # the city's workspace around it
    (tmp_path / "counties" / "x").mkdir(parents=True)
    with pytest.raises(PlanUnreadable) as exc:
        read_county(County(id="x", name_zh="x县", plan="x-2023", source="counties/x"), tmp_path)
    assert exc.value.message == f"{tmp_path / 'counties' / 'x' / 'targets.yaml'}: file not found"
