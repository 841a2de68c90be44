"""`liupi history` and the listings as terminal tables, CSV and JSON (render/history_text.py, render/rows.py): the
columns that tell a revised figure from its replacement never give way, the others go in a fixed order as the
terminal narrows; superseded rows are dimmed, forced records marked; in Chinese the headings and key values are
said in words; cells are written as a reader expects (1.5 not 1.50, lists with 、, nothing empty shown as None)."""

from __future__ import annotations

import datetime as dt
import enum
import json

import pytest

from liupi_cli.render.history_text import KEEP, PRIORITY, RECORD_COLUMNS, TASK_COLUMNS, history_lines
from liupi_cli.render.rows import Export, History, Listing, cell, draw_csv, draw_json, draw_table, to_jsonable
from liupi_cli.render.textgrid import width
from liupi_cli.store import Record, TaskUpdate


def _rec(i: int, value: float, supersedes: int | None = None, current: bool = True, note: str | None = None,
         source: str | None = None) -> Record:
    return Record(id=i, indicator="gdp_growth", period="2023Q2", baseline=False, value=value, entered=f"{value:g}",
                  entered_unit=None, unit="%", recorded_by="统计局", recorded_at="2023-07-05T09:00:12+08:00",
                  source=source, note=note, supersedes=supersedes, batch=None, current=current)


ROWS = [_rec(1, 7.25, current=False, note="first estimate from the quarterly report", source="县统计局 季报"),
        _rec(2, 7.5, supersedes=1)]
HEAD_EN = ["id", "period", "baseline", "entered", "value", "unit", "recorded_by", "recorded_at", "source", "note",
           "supersedes", "current"]
HEAD_ZH = ["编号", "统计期", "去年同期数", "录入值", "数值", "单位", "录入人", "录入时间", "出处", "备注", "更正记录",
           "现行"]


def test_a_wide_history_shows_every_column_in_order_with_the_figures_as_entered():
    lines = history_lines(ROWS, RECORD_COLUMNS, 200, forced=frozenset({2}))
    assert lines[0].split() == HEAD_EN
    assert set(lines[1].replace(" ", "")) == {"─"}
    first, second = lines[2], lines[3]
    assert first.split()[:7] == ["1", "2023Q2", "False", "7.25", "7.25", "%", "统计局"]
    assert "2023-07-05 09:00 " in first and "09:00:12" not in first  # the time to the minute
    assert "县统计局 季报" in first and "first estimate from the quarterly report" in first
    assert second.split() == ["2", "2023Q2", "False", "7.5", "(forced)", "7.5", "%", "统计局", "2023-07-05", "09:00",
                              "1", "True"]
    assert len(lines) == 4


def test_in_chinese_the_history_says_its_headings_and_yes_no_in_words():
    lines = history_lines(ROWS, RECORD_COLUMNS, 200, forced=frozenset({1}), lang="zh")
    assert lines[0].split() == HEAD_ZH
    assert lines[2].split()[:4] == ["1", "2023Q2", "否", "7.25（强制录入）"] and lines[2].split()[-1] == "否"
    assert lines[3].split()[-2:] == ["1", "是"]


def test_superseded_rows_are_dimmed_and_the_heading_bold():
    calls = []

    def paint(text: str, style: str | None) -> str:
        calls.append((text.strip(), style))
        return text

    history_lines(ROWS, RECORD_COLUMNS, 200, paint=paint)
    assert calls[0][1] == "bold" and calls[0][0].startswith("id")
    dim = {t for t, s in calls if s == "dim"}
    assert {"1", "7.25", "False", "first estimate from the quarterly report"} <= dim
    assert not {"7.5", "True", "2"} & dim


@pytest.mark.parametrize("total", [200, 120, 100, 90, 80, 70, 60, 50])
def test_as_the_terminal_narrows_the_revision_columns_stay_and_the_others_give_way_in_order(total):
    lines = history_lines(ROWS, RECORD_COLUMNS, total)
    assert all(width(line) <= max(total, 60) for line in lines)
    shown = [HEAD_EN.index(h) for h in lines[0].split()]
    names = [RECORD_COLUMNS[i] for i in shown]
    assert names == [c for c in RECORD_COLUMNS if c in names]  # the order never changes
    assert KEEP & set(RECORD_COLUMNS) <= set(names)
    dropped = [c for c in RECORD_COLUMNS if c not in names]
    ranks = sorted(PRIORITY.index(c) for c in names if c not in KEEP)
    assert all(PRIORITY.index(c) > max(ranks, default=-1) for c in dropped)  # the least wanted went first


def test_the_order_columns_give_way_in():
    forced = frozenset({2})  # "7.5 (forced)" widens the entered column
    assert history_lines(ROWS, RECORD_COLUMNS, 90, forced=forced)[0].split() == [
        "id", "period", "baseline", "entered", "recorded_at", "note", "supersedes", "current"]
    assert history_lines(ROWS, RECORD_COLUMNS, 90)[0].split() == [
        "id", "period", "baseline", "entered", "recorded_by", "recorded_at", "note", "supersedes", "current"]
    assert history_lines(ROWS, RECORD_COLUMNS, 50, forced=forced)[0].split() == [
        "id", "period", "baseline", "entered", "supersedes", "current"]
    narrow = history_lines(ROWS, RECORD_COLUMNS, 70, forced=forced)
    assert narrow[0].split()[4] == "recorded_at" and narrow[3].split() == ["09:00"]  # wrapped, not dropped


def test_a_long_note_wraps_to_three_lines_at_most():
    note = " ".join(["word"] * 60)
    lines = history_lines([_rec(1, 1.0, note=note)], ["id", "note"], 80)
    assert len(lines) == 2 + 3 and lines[-1].rstrip().endswith("…")
    assert all(width(line) <= 80 for line in lines)


def test_a_task_s_history_says_its_status_in_words():
    ups = [TaskUpdate(id=3, task="t1", date=dt.date(2023, 6, 10), status="in_progress", percent=40.0, note=None,
                      recorded_by="x", recorded_at="2023-06-10T08:00:00+08:00")]
    en = history_lines(ups, TASK_COLUMNS, 200)
    # no update has a note: the empty column is left out
    assert en[0].split() == ["id", "date", "status", "percent", "recorded_by", "recorded_at", "current"]
    assert en[2].split() == ["3", "2023-06-10", "in_progress", "40", "x", "2023-06-10", "08:00", "True"]
    zh = history_lines(ups, TASK_COLUMNS, 200, lang="zh")
    assert zh[2].split()[:4] == ["3", "2023-06-10", "推进中", "40"]


def test_draw_table_lays_out_a_history_or_a_listing():
    class Opts:
        width, paint, lang = 200, None, "en"

    text = draw_table(History(ROWS, ["id", "entered", "current"], frozenset({2})), Opts)
    assert text.endswith("\n") and text.splitlines()[3].split() == ["2", "7.5", "(forced)", "True"]
    listing = Listing(ROWS, ["id", "value"], ["id", "note"], max_widths={"note": 12})
    lines = draw_table(listing, Opts).splitlines()
    assert lines[0].split() == ["id", "note"] and lines[2].split()[:2] == ["1", "first"]
    assert all(width(line) <= 16 for line in lines)  # the note capped at 12 columns


class _Colour(enum.Enum):
    red = "红灯"


@pytest.mark.parametrize("value,shown", [(None, ""), (1.5, "1.5"), (2.0, "2"), (0.1 + 0.2, "0.3"), (3, "3"),
                                         (["县发改局", "县财政局"], "县发改局、县财政局"), ([1.0, None], "1、"),
                                         (_Colour.red, "红灯"), (dt.date(2023, 6, 30), "2023-06-30"), (True, "True")])
def test_a_cell_is_written_as_a_reader_expects(value, shown):
    assert cell(value) == shown


def test_a_model_in_a_cell_is_its_json():
    up = TaskUpdate(id=1, task="t1", date=dt.date(2023, 6, 1), status="done", percent=None, note="完成",
                    recorded_by="x", recorded_at="t")
    assert json.loads(cell(up)) == {**up.model_dump(mode="json")} and "完成" in cell(up)


def test_csv_and_json_of_rows_and_the_export():
    class Opts:
        lang = "en"

    csv = draw_csv(Listing(ROWS, ["id", "value", "note"], ["id"]), Opts)
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0] == "id,value,note" and lines[1] == "1,7.25,first estimate from the quarterly report"
    assert lines[2] == "2,7.5,"
    hist = draw_csv(History(ROWS, ["id", "supersedes"]), Opts).lstrip("\ufeff").splitlines()
    assert hist == ["id,supersedes", "1,", "2,1"]
    ups = [TaskUpdate(id=3, task="t1", date=dt.date(2023, 6, 10), status="done", percent=None, note="=1+1",
                      recorded_by="x", recorded_at="r")]
    export = Export("mini-2023", ROWS, ups, ["id", "note"], ["id", "note"])
    assert draw_csv(export, Opts).lstrip("\ufeff").splitlines()[1].startswith("1,first estimate")
    doc = json.loads(draw_json(export, Opts))
    assert doc["plan"] == "mini-2023" and [r["id"] for r in doc["records"]] == [1, 2]
    assert doc["task_updates"][0]["note"] == "=1+1" and doc["task_updates"][0]["date"] == "2023-06-10"
    assert [r["value"] for r in json.loads(draw_json(Listing(ROWS, [], []), Opts))] == [7.25, 7.5]


def test_to_jsonable_walks_lists_tuples_and_dicts():
    up = TaskUpdate(id=3, task="t1", date=dt.date(2023, 6, 10), status="done", percent=None, note=None,
                    recorded_by="x", recorded_at="r")
    got = to_jsonable({"a": (up, [1, {"b": up}]), "n": None})
    assert got["a"][0]["date"] == "2023-06-10" and got["a"][1][0] == 1 and got["a"][1][1]["b"]["task"] == "t1"
    assert got["n"] is None and isinstance(got["a"], list)


def test_the_export_workbook_has_the_records_and_the_task_updates_each_on_its_sheet():
    import io

    import openpyxl

    from liupi_cli.render.rows import draw_xlsx

    class Opts:
        lang = "zh"

    ups = [TaskUpdate(id=3, task="t1", date=dt.date(2023, 6, 10), status="done", percent=100.0, note="=1+1",
                      recorded_by="x", recorded_at="r")]
    wb = openpyxl.load_workbook(io.BytesIO(draw_xlsx(Export("mini-2023", ROWS, ups, ["id", "value", "current"],
                                                            ["task", "date", "note"]), Opts)))
    assert wb.sheetnames == ["records", "task_updates"]
    assert [[c.value for c in r] for r in wb["records"].iter_rows()] == [["id", "value", "current"], [1, 7.25, False],
                                                                       [2, 7.5, True]]
    assert [[c.value for c in r] for r in wb["task_updates"].iter_rows()] == [["task", "date", "note"],
                                                                            ["t1", "2023-06-10", "'=1+1"]]
    assert wb["records"].oddFooter.center.text == "第 &P 页，共 &N 页"
