"""Every renderer the registry names is handed the caller's options: the language (each format of each product
says its words in Chinese under lang="zh" and in English otherwise), the terminal's width, paint and lead lines,
and a docx's date."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import parse_dekad
from liupi_cli.cadence.missing import build_missing
from liupi_cli.cadence.products import build_product
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.registry import BINARY, Fmt, offered, render
from liupi_cli.render.rows import Export, History, Listing
from liupi_cli.report.build import build_report

from .test_report_workbook_cells import RECORDS


def _model(name: str):
    plan = load_plan(MINI)
    june = parse_period("2023-06")
    make = {"report": lambda: build_report(plan, RECORDS, june),
            "missing": lambda: build_missing(plan, RECORDS, [], june),
            "unit": lambda: build_unit_page(plan, RECORDS, [], june, "rsj"),
            "summary": lambda: build_product(plan, RECORDS, [], june),
            "dekad": lambda: build_product(plan, RECORDS, [], parse_dekad("2023-07-1"))}
    return make[name]()


@pytest.fixture
def models():
    """Each model built in the test that asks (a mutation run credits a fixture's code to the first test only)."""
    from .test_report_workbook_cells import _Lazy

    return _Lazy(_model)


# a word each product says in Chinese and in English, whatever the format
WORDS = {"report": ("目标任务进度通报", "Gap-to-target report"), "missing": ("统计区间", "Covers"),
         "unit": ("亮灯情况", "Lights"), "summary": ("月通报", "Monthly circular"), "dekad": ("旬简报", "Dekad brief")}


def _text(out) -> str:
    if isinstance(out, bytes):
        z = zipfile.ZipFile(io.BytesIO(out))
        return html.unescape("".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))
    return out if isinstance(out, str) else "".join(out)


@pytest.mark.parametrize("name", list(WORDS))
def test_every_format_of_every_product_speaks_the_language_it_is_asked_for(models, name):
    model = models[name]
    product = "summary" if name == "dekad" else name
    zh, en = WORDS[name]
    for fmt in offered(product):
        if fmt in (Fmt.json, Fmt.csv, Fmt.docx):  # JSON is the model; CSV holds one table; docx is always Chinese
            continue
        assert zh in _text(render(model, fmt, lang="zh")), (name, fmt)
        assert en in _text(render(model, fmt, lang="en")), (name, fmt)
        assert zh not in _text(render(model, fmt, lang="en")), (name, fmt)


def test_the_csv_of_a_product_follows_the_language(models):
    assert render(models["report"], Fmt.csv, lang="zh") != render(models["report"], Fmt.csv, lang="en")
    assert "编号" in render(models["summary"], Fmt.csv, lang="zh").splitlines()[0]
    assert "ID" in render(models["summary"], Fmt.csv, lang="en").splitlines()[0]


def test_the_report_table_takes_the_width_paint_and_lead_lines(models):
    calls = []
    text = render(models["report"], Fmt.table, lang="en", width=70, lead=["Next: liupi update --file x.csv"],
                  paint=lambda t, s: calls.append(s) or t)
    assert max(len(line) for line in text.splitlines()) <= 70
    assert "Next: liupi update --file x.csv" in text.splitlines()
    assert "bold" in calls and "yellow" in calls


@pytest.mark.parametrize("name", ["missing", "unit", "summary"])
def test_a_product_table_takes_the_width_and_paint(models, name):
    calls = []
    text = render(models[name], Fmt.table, lang="zh", width=64, paint=lambda t, s: calls.append(s) or t)
    assert max(len(line) for line in text.splitlines()) <= 64
    assert "bold" in calls


def test_a_product_s_docx_carries_the_date_it_is_given_else_the_product_s_own(models):
    given = _text(render(models["summary"], Fmt.docx, lang="zh", date=dt.date(2023, 7, 8)))
    own = _text(render(models["summary"], Fmt.docx, lang="zh"))
    assert "2023年7月8日" in given and "2023年7月8日" not in own and "2023年6月30日" in own


def test_rows_and_exports_are_drawn_by_their_own_renderers():
    rows = RECORDS[:2]
    listing = Listing(rows, ["id", "indicator"], ["id", "indicator"])
    assert render(listing, Fmt.csv).lstrip("\ufeff").splitlines()[1] == f"{rows[0].id},new_urban_jobs"
    assert [r["indicator"] for r in json.loads(render(listing, Fmt.json))] == ["new_urban_jobs", "industrial_va_growth"]
    assert render(History(rows, ["id", "period"]), Fmt.table, width=80).splitlines()[0].split() == ["id", "period"]
    assert render(History(rows, ["id", "period"]), Fmt.table, width=80, lang="zh").splitlines()[0].split() == [
        "编号", "统计期"]
    data = render(Export("mini-2023", rows, [], ["id"], ["id"]), Fmt.xlsx, lang="zh")
    assert data[:2] == b"PK" and Fmt.xlsx in BINARY
