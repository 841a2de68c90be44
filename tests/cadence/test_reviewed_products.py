"""The plan's products on a server store's review (liupi_cli.review.Reviewed), with no server: they judge the
approved figures as `liupi report` does, show the submitted ones only when asked, marked (submitted)/（待审） in
every format, and owe a returned figure again with the office's reason; with no review (a SQLite store) a
product is what it was."""

from __future__ import annotations

import json

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import parse_dekad
from liupi_cli.cadence.products import build_product, month_circular, year_settlement
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.registry import Fmt, offered, render
from liupi_cli.review import Reviewed
from liupi_cli.store import Record

JUNE = parse_period("2023-06")


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def _rec(rid: int, indicator: str, period: str, value: float, *, supersedes: int | None = None,
         current: bool = True, on: str = "2023-07-05") -> Record:
    return Record(id=rid, indicator=indicator, period=period, baseline=False, value=value, entered=f"{value:g}",
                  entered_unit=None, unit=None, recorded_by="王", recorded_at=f"{on}T09:00:00+08:00", source=None,
                  note=None, supersedes=supersedes, batch=None, current=current)


# new_urban_jobs 2023-06: 1 approved, revised by 2 (submitted), revised by 3 (approved: the office's revision)
# retail_sales_total 2023-06: 4 submitted, in force; new_urban_jobs 2023-05: 5 returned, in force
RECORDS = [_rec(1, "new_urban_jobs", "2023-06", 1500, current=False),
           _rec(2, "new_urban_jobs", "2023-06", 1510, supersedes=1, current=False),
           _rec(3, "new_urban_jobs", "2023-06", 1520, supersedes=2),
           _rec(4, "retail_sales_total", "2023-06", 93.4),
           _rec(5, "new_urban_jobs", "2023-05", 1200)]
REVIEW = Reviewed({2: "submitted", 4: "submitted", 5: "returned"}, {5: "口径不对"})
SHOWN = Reviewed(REVIEW.status, REVIEW.returned, include_submitted=True)


def _row(product, indicator):
    return next(r for r in product.report.rows if r.id == indicator)


def test_a_chain_with_a_figure_left_out_stays_one_line_and_its_latest_figure_kept_is_current():
    judged = REVIEW.judged(RECORDS)
    assert [(r.id, r.supersedes, r.current) for r in judged] == [(1, None, False), (3, 1, True)]
    shown = SHOWN.judged(RECORDS)
    assert [(r.id, r.supersedes, r.current) for r in shown] == [(1, None, False), (2, 1, False), (3, 2, True),
                                                               (4, None, True)]
    # the first figure of a pair left out: its revision still says it is one
    alone = Reviewed({1: "returned"}, {}).judged(RECORDS[:3])
    assert [(r.id, r.supersedes, r.current) for r in alone] == [(2, 1, False), (3, 2, True)]


def test_the_month_circular_judges_approved_figures_and_shows_submitted_ones_only_when_asked(plan):
    plain = month_circular(plan, RECORDS, [], JUNE, REVIEW)
    assert _row(plain, "retail_sales_total").actual is None  # submitted: not judged
    assert (_row(plain, "new_urban_jobs").actual, _row(plain, "new_urban_jobs").review) == (1520, None)
    shown = month_circular(plan, RECORDS, [], JUNE, SHOWN)
    assert (_row(shown, "retail_sales_total").actual, _row(shown, "retail_sales_total").review) == (93.4, "submitted")
    assert _row(shown, "new_urban_jobs").review is None


def test_the_month_circulars_missing_list_owes_a_returned_figure_again_with_the_reason(plan):
    may = parse_period("2023-05")
    without = month_circular(plan, RECORDS, [], may)  # the same records read as a SQLite store's
    owed = month_circular(plan, RECORDS, [], may, REVIEW)
    assert owed.missing.figures_missing == without.missing.figures_missing + 1
    returned = [f for u in owed.missing.units for f in u.figures if f.returned]
    assert [(f.id, f.period, f.returned, f.returned_record) for f in returned] == [
        ("new_urban_jobs", "2023-05", "口径不对", 5)]
    june = month_circular(plan, RECORDS, [], JUNE, REVIEW)  # a submitted figure is reported, as `liupi missing` says
    assert "retail_sales_total" not in [f.id for u in june.missing.units for f in u.figures]
    zh = render(owed, Fmt.markdown, lang="zh")
    assert "城镇新增就业（退回: 口径不对）" in zh


@pytest.mark.parametrize("lang,mark", [("en", " (submitted)"), ("zh", "（待审）")])
def test_every_format_marks_a_submitted_figure_shown(plan, lang, mark):
    shown = month_circular(plan, RECORDS, [], JUNE, SHOWN)
    plain = month_circular(plan, RECORDS, [], JUNE, REVIEW)
    for fmt in offered("summary"):
        out = render(shown, fmt, lang=lang)
        if fmt.value == "json":
            rows = json.loads(out)["report"]["rows"]
            assert [(r["id"], r["review"]) for r in rows if "review" in r] == [("retail_sales_total", "submitted")]
            assert '"review"' not in render(plain, fmt, lang=lang)
        elif fmt.value in ("xlsx", "docx"):
            assert isinstance(out, bytes) and out != render(plain, fmt, lang=lang)
        elif fmt is Fmt.table and lang == "zh":  # the terminal table wraps the narrow figure column: （待 / 审）
            assert "（待" in out and "（待" not in render(plain, fmt, lang=lang)
        else:
            assert mark in out, fmt
            assert mark not in render(plain, fmt, lang=lang), fmt


def test_the_workbook_and_the_word_document_carry_the_mark(plan):
    import html
    import io
    import zipfile

    shown = month_circular(plan, RECORDS, [], JUNE, SHOWN)
    plain = month_circular(plan, RECORDS, [], JUNE, REVIEW)
    for fmt in (Fmt.xlsx, Fmt.docx):
        texts = []
        for product in (shown, plain):
            with zipfile.ZipFile(io.BytesIO(render(product, fmt, lang="zh"))) as z:
                texts.append(html.unescape("".join(z.read(n).decode("utf-8") for n in z.namelist()
                                                   if n.endswith(".xml"))))
        assert "（待审）" in texts[0] and "（待审）" not in texts[1], fmt


def test_the_dekad_brief_lists_a_submitted_figure_only_when_asked_marked(plan):
    dekad = parse_dekad("2023-07-1")  # the figures were recorded on 5 July
    plain = build_product(plan, RECORDS, [], dekad, REVIEW)
    assert [(r.id, r.period, r.entered) for r in plain.recorded] == [("new_urban_jobs", "2023-06", "1500"),
                                                                      ("new_urban_jobs", "2023-06", "1520")]
    shown = build_product(plan, RECORDS, [], dekad, SHOWN)
    marked = [(r.id, r.entered) for r in shown.recorded if r.review == "submitted"]
    assert marked == [("new_urban_jobs", "1510"), ("retail_sales_total", "93.4")]
    assert "93.4（待审）" in render(shown, Fmt.table, lang="zh")
    assert '"review"' not in render(plain, Fmt.json)


def test_the_year_settlement_counts_a_returned_milestone_as_unreported(plan):
    done = [_rec(7, "power_project_start", "2023-08", 1, on="2023-08-20")]
    year = parse_period("2023")
    settled = year_settlement(plan, done, [], year, Reviewed({}, {}))
    returned = year_settlement(plan, done, [], year, Reviewed({7: "returned"}, {7: "未开工"}))
    assert settled.overall.unreported + 1 == returned.overall.unreported
    assert next(r for r in returned.report.rows if r.id == "power_project_start").status == "unreported"


def test_with_no_review_a_product_is_what_it_was(plan):
    for when in (JUNE, parse_period("2023Q2"), parse_period("2023"), parse_dekad("2023-07-1")):
        a = build_product(plan, RECORDS, [], when)
        assert a == build_product(plan, RECORDS, [], when, None)
        assert a.model_dump_json() == build_product(plan, RECORDS, [], when, Reviewed({}, {})).model_dump_json()
