"""The plan's products (旬简报, 月通报, 季总结, 年终结账, the unit page) word every light and every status as
`liupi report` does: one vocabulary, render/labels.py. A product that says 绿灯 of a yellow target, or prints
a raw key such as ``stretch_missed``, fails here."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest
from conftest import MINI

from liupi_cli.cadence.dekads import parse_dekad
from liupi_cli.cadence.products import dekad_brief, month_circular, quarter_summary, year_settlement
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.cadence_doc import STATUS, W, product_doc, unit_doc
from liupi_cli.render.cadence_formats import to_csv, to_html, to_markdown
from liupi_cli.render.labels import LIGHT_WORD, colon, status_text

from .test_cadence import rec, upd

# the words themselves, written out by hand
LIGHTS = {"zh": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "grey": "灰灯"},
          "en": {"red": "RED", "yellow": "YELLOW", "green": "GREEN", "grey": "GREY"}}
LANGS = ("zh", "en")

JUNE = [rec("gdp_growth", "2023Q2", 8.5),  # ≥8: green
        rec("industrial_va_growth", "2023-05", 8.0),  # 9.5 − 1.5: red in May
        rec("industrial_va_growth", "2023-06", 9.0),  # 9.5 − 0.5: yellow in June
        rec("retail_sales_total", "2023-06", 6),  # 6 of 34亿 = 17.6% vs 50%: red
        rec("urban_unemployment", "2023-05", 5.0),  # ceiling 5.5 左右: green in May
        rec("urban_unemployment", "2023-06", 7.8),  # 2.3 over: red in June
        rec("new_urban_jobs", "2023-06", 1700)]  # 1700 of 3200 = 53.1% vs 50%: green
# the year: jobs met (green), retail short (red), industry reaches the base 9.5 but not the 力争 10 (yellow)
YEAR = [rec("new_urban_jobs", "2023-12", 3300), rec("retail_sales_total", "2023-12", 30),
        rec("industrial_va_growth", "2023-12", 9.7)]
TASKS = [upd("t4", "2023-06-10", "done", 100), upd("t2", "2023-06-15", percent=50), upd("t1", "2023-07-05", "blocked")]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """The mini plan with 规模工业增加值 as 力争10%, 9.5% its base (a 力争 target the document also gives lower)."""
    dst = tmp_path_factory.mktemp("stretch") / "plan"
    shutil.copytree(MINI, dst)
    t = (dst / "targets.yaml").read_text(encoding="utf-8")
    old = ("  comparator: at_least\n  target: 9.5\n  unit: \"%\"\n  frequency: monthly\n  lead_unit: fgj\n"
           "  source: main 二(一)\n  alternatives:\n  - target: 10\n")
    new = ("  comparator: at_least\n  qualifier: 力争\n  stretch: true\n  target: 10\n  unit: \"%\"\n"
           "  frequency: monthly\n  lead_unit: fgj\n  source: main 二(一)\n  alternatives:\n  - target: 9.5\n")
    assert old in t
    (dst / "targets.yaml").write_text(t.replace(old, new, 1), encoding="utf-8")
    return load_plan(dst)


def _products(plan):
    """(name, model, the report rows its lights come from) for every product."""
    month = month_circular(plan, JUNE, TASKS, parse_period("2023-06"))
    quarter = quarter_summary(plan, JUNE, TASKS, parse_period("2023Q2"))
    year = year_settlement(plan, YEAR, TASKS, parse_period("2023"))
    dekad = dekad_brief(plan, JUNE, TASKS, parse_dekad("2023-07-1"))
    unit = build_unit_page(plan, JUNE, TASKS, parse_period("2023-06"), "县发改局")
    return [("dekad", dekad, None), ("month", month, month.report.rows), ("quarter", quarter, quarter.report.rows),
            ("year", year, year.report.rows), ("unit", unit, [u.row for u in unit.indicators])]


def _doc(model, lang):
    return unit_doc(model, lang) if hasattr(model, "owes") and hasattr(model, "unit") else product_doc(model, lang)


def test_the_report_vocabulary_says_what_each_light_is():
    for lang in LANGS:
        assert {k: LIGHT_WORD[lang][k] for k in LIGHTS[lang]} == LIGHTS[lang]
    assert status_text("stretch_missed", "zh") == "完成基本目标，未完成力争目标"


def test_the_products_cover_every_light(plan):
    """The fixture is worth something only if the rows checked below hold all four lights and a 力争 miss."""
    products = dict((name, rows) for name, _, rows in _products(plan))
    assert {r.light for r in products["month"]} == {"red", "yellow", "green", "grey"}
    assert {r.light for r in products["year"]} == {"red", "yellow", "green", "grey"}
    assert {r.id: r.status for r in products["year"]}["industrial_va_growth"] == "stretch_missed"


@pytest.mark.parametrize("lang", LANGS)
def test_each_light_and_status_in_each_product_is_the_report_s_word(plan, lang):
    w = W[lang]
    checked = 0
    for name, model, rows in _products(plan):
        doc = _doc(model, lang)
        light_of = {r.id: r.light for r in rows or []}
        row_of = {r.id: r for r in rows or []}
        change = getattr(model, "change", None)
        moves = {c.id: c for kind in ("newly_red", "persistent_red", "down", "up") for c in getattr(change, kind, [])}
        for s in doc.sections:
            if s.light_column is None:
                continue
            idc = s.columns.index(w["id"])
            for row in s.rows:
                iid = row[idc]
                if s.columns[s.light_column] == w["after"]:  # a change section: before and now
                    before, after = moves[iid].before, moves[iid].after
                    assert (row[s.light_column - 1], row[s.light_column]) == (LIGHTS[lang][before],
                                                                              LIGHTS[lang][after]), (name, iid)
                else:
                    assert row[s.light_column] == LIGHTS[lang][light_of[iid]], (name, s.title, iid)
                    st = row[s.columns.index(w["status"])]
                    assert st == status_text(row_of[iid].status, lang, row_of[iid].kind), (name, iid)
                checked += 1
        counts = getattr(getattr(model, "report", None), "summary", None)
        if counts is not None:
            c = counts.overall
            sep = "，" if lang == "zh" else ", "
            line = f"{w['lights']}{colon(lang)}" + sep.join(f"{LIGHTS[lang][k]} {getattr(c, k)}"
                                                            for k in ("red", "yellow", "green", "grey"))
            assert line in doc.lines, name
    assert checked >= 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_pre_score_parts_word_an_indicator_s_outcome_as_its_light(plan, lang):
    quarter = quarter_summary(plan, JUNE, TASKS, parse_period("2023Q2"))
    parts = {(s.name_zh, p.id): p.outcome for s in quarter.prescore.by_unit for p in s.parts if p.what == "indicator"}
    section = next(s for s in product_doc(quarter, lang).sections if s.title == W[lang]["parts"])
    shown = {(r[0], r[2]): r[4] for r in section.rows if r[1] == W[lang]["figure"]}
    assert shown == {k: LIGHTS[lang][v] for k, v in parts.items()} and len(shown) >= 4


def test_the_files_carry_the_same_words(plan):
    """The csv, markdown and html of the year-end settlement: each row's light is its light's word."""
    year = year_settlement(plan, YEAR, TASKS, parse_period("2023"))
    light_of = {r.id: r.light for r in year.report.rows}
    doc = product_doc(year, "zh")
    table = list(csv.reader(io.StringIO(to_csv(doc))))
    idc, lc = table[0].index("编号"), table[0].index("灯")
    assert {r[idc]: r[lc] for r in table[1:]} == {k: LIGHTS["zh"][v] for k, v in light_of.items()}
    md = to_markdown(doc)
    assert "| industrial_va_growth | 规模工业增加值 |" in md
    line = next(x for x in md.splitlines() if "| industrial_va_growth |" in x and "力争" in x)
    assert "| 黄灯 | 完成基本目标，未完成力争目标 |" in line
    # html: a light cell's colour and its word agree (a yellow cell saying 绿灯 is the swap users would see)
    coloured = re.findall(r'<td class="(red|yellow|green|grey)(?: s)?">([^<]*)</td>', to_html(doc))
    assert {c for c, _ in coloured} == {"red", "yellow", "green", "grey"}
    assert all(word == LIGHTS["zh"][colour] for colour, word in coloured), coloured


def test_every_status_the_report_words_the_products_word_the_same():
    from liupi_cli.render.labels import STATUS as REPORT

    for lang in LANGS:
        for key, word in REPORT[lang].items():
            assert STATUS[lang][key] == word, (lang, key)


@pytest.mark.parametrize("args", [("summary", "--year", "2023"), ("unit", "县发改局", "--year", "2023")])
def test_summary_year_and_unit_print_the_stretch_word_not_the_key(plan, args):
    """`summary --year` and `unit` say what `report` says of a 力争 target whose base was reached."""
    from conftest import Run

    run = Run(plan.data_dir)
    for iid, value in (("industrial_va_growth", "9.7"), ("new_urban_jobs", "3300")):
        assert run("update", iid, value, "--period", "2023-12").exit_code == 0
    report = run("report", "--year", "2023", "--lang", "zh", "--format", "markdown")
    assert "完成基本目标，未完成力争目标" in report.stdout
    out = run(*args, "--lang", "zh", "--format", "markdown")
    assert out.exit_code == 0, out.stderr
    assert "完成基本目标，未完成力争目标" in out.stdout and "stretch_missed" not in out.stdout
