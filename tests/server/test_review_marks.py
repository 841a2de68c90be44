"""What a server store's review shows in the products, with no server: a report's submitted figure is marked in
every format (a JSON field, （待审）/(submitted) after the figure); a figure the office returned is owed again in
`missing` and on a unit's page, with its reason. The models are pure functions of the records and the review
passed in; with no review (a SQLite store) every format is byte for byte what it was."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from liupi_cli.cadence.missing import build_missing
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.registry import offered, render
from liupi_cli.report import build_report
from liupi_cli.review import Reviewed, ReviewItem, returned_reasons
from liupi_cli.store import Record

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
JUNE = parse_period("2023-06")


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def _rec(rid: int, indicator: str, period: str, value: float, entered: str) -> Record:
    return Record.model_construct(id=rid, indicator=indicator, period=period, baseline=False, value=value,
                                  entered=entered, entered_unit=None, unit=None, recorded_by="王",
                                  recorded_at="2023-07-05T09:00:00+08:00", source=None, note=None, supersedes=None,
                                  batch=None, current=True)


RECORDS = [_rec(11, "new_urban_jobs", "2023-06", 1500, "1500"), _rec(12, "gdp_growth", "2023Q2", 5.1, "5.1"),
           _rec(13, "retail_sales_total", "2023-06", 93.44, "93.44亿元")]


def _item(rid: int, status: str, reason: str | None = None) -> ReviewItem:
    rec = next(r for r in RECORDS if r.id == rid)
    return ReviewItem(rid, rec.indicator, rec.period, False, rec.entered, "王", rec.recorded_at, "rsj", status,
                      reason, "office" if reason else None, "2023-07-06T10:00:00+08:00" if reason else None)


def _text(out) -> str:
    if isinstance(out, bytes):
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(out))
        return "\n".join("\t".join("" if c is None else str(c) for c in row)
                         for ws in wb for row in ws.iter_rows(values_only=True))
    return out if isinstance(out, str) else b"".join(out).decode("utf-8")  # the JSON report comes as UTF-8 pieces


def test_the_review_passed_in_marks_the_rows_whose_figure_it_names(plan):
    review = Reviewed({11: "submitted", 13: "returned"}, {13: "口径不对"})
    assert review.every_mark() == {11: "submitted", 13: "returned"} and review.marks() == {}
    assert Reviewed(review.status, review.returned, include_submitted=True).marks() == {11: "submitted"}
    rep = build_report(plan, RECORDS, JUNE, review={11: "submitted"})
    rows = {r.id: r for r in rep.rows}
    assert rows["new_urban_jobs"].review == "submitted"
    assert rows["gdp_growth"].review is None and rows["retail_sales_total"].review is None
    assert rows["county_rank"].review is None  # no figure: nothing to mark
    # only the figure shown is marked: an earlier submitted one in the series is not the row's
    earlier = [_rec(9, "new_urban_jobs", "2023-05", 1200, "1200"), *RECORDS]
    assert {r.id: r.review for r in build_report(plan, earlier, JUNE, review={9: "submitted"}).rows}[
        "new_urban_jobs"] is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_of_the_report_marks_a_submitted_figure(plan, lang):
    rep = build_report(plan, RECORDS, JUNE, review={11: "submitted"})
    mark = "（待审）" if lang == "zh" else " (submitted)"
    for fmt in offered("report"):
        text = _text(render(rep, fmt, lang=lang))
        if fmt.value == "json":
            rows = {r["id"]: r for r in json.loads(text)["rows"]}
            assert rows["new_urban_jobs"]["review"] == "submitted" and "review" not in rows["gdp_growth"]
        elif fmt.value == "csv" and lang == "en":
            rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
            assert rows["new_urban_jobs"]["review"] == "submitted" and rows["gdp_growth"]["review"] == ""
        else:
            assert text.count(mark) == 1, (fmt, text)
            assert f"1,500人{mark}" in text or f"1,500 (2023-06){mark}" in text, (fmt, text)


def test_with_no_review_every_format_is_what_it_was(plan):
    """A SQLite store marks nothing: the model dumps no review field and the formats draw no mark or column."""
    plain = build_report(plan, RECORDS, JUNE)
    empty = build_report(plan, RECORDS, JUNE, review={})
    assert plain == empty
    assert '"review"' not in plain.model_dump_json() and "review" not in plain.rows[0].model_dump()
    for fmt in offered("report"):
        if fmt.value == "xlsx":
            continue  # a workbook's bytes hold the time it was written
        for lang in ("en", "zh"):
            a, b = _text(render(plain, fmt, lang=lang)), _text(render(empty, fmt, lang=lang))
            assert a == b and "review" not in a and "待审" not in a and "submitted" not in a


def test_a_returned_figure_is_owed_again_with_the_reason(plan):
    returned = returned_reasons([_item(11, "returned", "口径不对"), _item(13, "submitted")])
    assert returned == {11: "口径不对"}
    before = build_missing(plan, RECORDS, [], JUNE)
    after = build_missing(plan, RECORDS, [], JUNE, returned=returned)
    assert after.figures_missing == before.figures_missing + 1
    owed = {f.id: f for u in after.units for f in u.figures}
    assert owed["new_urban_jobs"].returned == "口径不对" and owed["new_urban_jobs"].returned_record == 11
    assert owed["new_urban_jobs"].period == "2023-06"
    assert all(f.returned is None for i, f in owed.items() if i != "new_urban_jobs")
    assert "new_urban_jobs" not in {f.id for u in before.units for f in u.figures}
    # returned for May: June's figure is not why anything is owed in June's list
    may = build_missing(plan, [_rec(8, "new_urban_jobs", "2023-05", 1200, "1200"), *RECORDS], [], JUNE,
                        returned={8: "口径不对"})
    assert may.figures_missing == before.figures_missing
    assert '"returned"' not in before.model_dump_json()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_of_missing_and_the_unit_page_says_why_it_is_owed_again(plan, lang):
    returned = {11: "口径不对"}
    m = build_missing(plan, RECORDS, [], JUNE, returned=returned)
    page = build_unit_page(plan, RECORDS, [], JUNE, "rsj", review={11: "returned"}, returned=returned)
    assert [(f.id, f.returned) for f in page.owes.figures if f.returned] == [("new_urban_jobs", "口径不对")]
    assert "new_urban_jobs" not in {f.id for f in build_unit_page(plan, RECORDS, [], JUNE, "rsj").owes.figures}
    assert next(u.row for u in page.indicators if u.row.id == "new_urban_jobs").review == "returned"
    said = "（退回: 口径不对）" if lang == "zh" else " (退回: 口径不对)"
    for model in (m, page):
        for fmt in offered("missing"):
            text = _text(render(model, fmt, lang=lang))
            if fmt.value == "json":
                doc = json.loads(text)
                units = [doc["owes"]] if model is page else doc["units"]
                assert [(f["id"], f["returned"], f["returned_record"]) for u in units for f in u["figures"]
                        if "returned" in f] == [("new_urban_jobs", "口径不对", 11)]
            elif model is page and fmt.value == "csv":  # a unit page's CSV is its indicators: the figure marked
                assert "（退回）" in text if lang == "zh" else " (returned)" in text
            else:
                assert said in text, (fmt, text)
    mark = "（退回）" if lang == "zh" else " (returned)"
    assert f"1,500人{mark}" in _text(render(page, "table", lang=lang, width=200))
