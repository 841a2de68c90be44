"""The golden reports checked against numbers worked by hand, so regenerating them cannot bless a wrong value.

The golden files (tests/golden/) are the mini plan's June 2023 report with tests/fixtures/mini-actuals.csv.
Worked by hand from that CSV and the mini plan (thresholds: cumulative 10 points, growth 1, level 1):

- 序时进度 at June is 6/12 = 50%; at May 5/12 = 41.67%. Percentages and points are rounded half up
  to 1 decimal (as circulars print them), other figures to 4.
- new_urban_jobs: 1,500 of 3,200 = 46.875% -> 46.9%, 3.1 points behind 50.0% -> yellow (within 10).
- retail_sales_total: latest is May's 120000万元 = 12亿元 of 34 = 35.29% -> 35.3%, against May's
  41.7%: 6.4 points behind -> yellow, and stale.
- gdp_growth: 2023Q2 下降0.5% = -0.5 against 8: -8.5 points -> red (and negative growth is red anyway).
- industrial_va_growth: 8.0 against 9.5: -1.5 points, beyond the 1-point band -> red.
- urban_unemployment (左右 5.5 ceiling): 6.6 is 1.1 over, beyond the 1-point 左右 band (up to 6.5 is about
  5.5: green) and within the yellow point after it (to 7.5) -> yellow.
- air_quality (level 90%): 91.2 -> green, +1.2.
- major_accidents: 1 event -> red.
- accident_count 4 against last year's 6 fell (-2), but accident_deaths 3 against 2 -> red (+1): the 双下降 pair
  failed, so accident_count takes the pair's red (pair_not_declined), never green.
- urban_dibao_standard: 650 reaches the raised standard 650 -> green; June is no settlement, so met is null.
- rd_spending_growth (annual), county_rank (annual): grey; power_project_start due 08-31 is 62 days away: grey.
Totals: red 5 (gdp, industrial, major_accidents, accident_count, accident_deaths), yellow 3, green 2, grey 3.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent.parent / "golden"

# id: (name_zh, light, {field: value} for JSON/CSV, [figures as the text formats show them, 1 decimal])
ORACLE = {
    "new_urban_jobs": ("城镇新增就业", "yellow",
                       {"completion": 46.9, "expected": 50.0, "gap": -3.1, "actual": 1500.0},
                       ["46.9", "50.0", "-3.1"]),
    "retail_sales_total": ("社会消费品零售总额", "yellow",
                           {"actual": 12.0, "completion": 35.3, "expected": 41.7, "gap": -6.4, "stale": True,
                            "actual_period": "2023-05"},
                           ["35.3", "41.7", "-6.4"]),
    "gdp_growth": ("地区生产总值", "red", {"actual": -0.5, "gap": -8.5, "actual_period": "2023Q2"}, ["-8.5"]),
    "industrial_va_growth": ("规模工业增加值", "red", {"actual": 8.0, "gap": -1.5}, ["-1.5"]),
    "urban_unemployment": ("城镇调查失业率", "yellow", {"actual": 6.6, "gap": 1.1}, ["6.6"]),
    "air_quality": ("空气质量优良率", "green", {"actual": 91.2, "gap": 1.2}, ["91.2"]),
    "major_accidents": ("较大及以上安全事故", "red", {"actual": 1.0}, []),
    "accident_count": ("安全生产事故起数", "red", {"actual": 4.0, "last_year": 6.0, "gap": -2.0}, []),
    "accident_deaths": ("安全生产事故死亡人数", "red", {"actual": 3.0, "last_year": 2.0, "gap": 1.0}, []),
    "urban_dibao_standard": ("城市低保标准", "green", {"actual": 650.0, "gap": 0.0}, []),
    "rd_spending_growth": ("研发经费投入", "grey", {"actual": None}, []),
    "county_rank": ("全省县域经济排名", "grey", {"actual": None}, []),
    "power_project_start": ("抽水蓄能项目开工", "grey", {"actual": None}, []),
}
TOTALS = {"red": 5, "yellow": 3, "green": 2, "grey": 3}
WORDS = {"en": {"red": "RED", "yellow": "YELLOW", "green": "GREEN", "grey": "GREY"},
         "zh": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "grey": "灰灯"}}
TEXT_GOLDENS = sorted(p.name for p in GOLDEN.glob("report-2023-06*") if p.suffix in (".md", ".txt", ".html"))


def _check_row(row: dict, expected: dict) -> None:
    for field, value in expected.items():
        if isinstance(value, float):
            assert row[field] == pytest.approx(value, abs=1e-9), (row["id"], field)
        else:
            assert row[field] == value, (row["id"], field)


def test_json_golden_rows_match_the_hand_worked_numbers():
    doc = json.loads((GOLDEN / "report-2023-06.json").read_text(encoding="utf-8"))
    assert doc["elapsed"] == pytest.approx(50.0)
    rows = {r["id"]: r for r in doc["rows"]}
    assert set(rows) == set(ORACLE)
    for iid, (_, light, fields, _) in ORACLE.items():
        assert rows[iid]["light"] == light, iid
        _check_row(rows[iid], fields)
    overall = doc["summary"]["overall"]
    assert {k: overall[k] for k in TOTALS} == TOTALS


def test_a_raised_standard_is_not_settled_in_june():
    """README: `met` is null before December; the June golden must not say the standard was met for the year."""
    doc = json.loads((GOLDEN / "report-2023-06.json").read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in doc["rows"]}
    assert all(r["met"] is None for r in rows.values())


def test_csv_golden_rows_match_the_hand_worked_numbers():
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((GOLDEN / "report-2023-06.csv").read_text("utf-8-sig")))}
    assert set(rows) == set(ORACLE)
    for iid, (_, light, fields, _) in ORACLE.items():
        row = rows[iid]
        assert row["light"] == light, iid
        for field, value in fields.items():
            if value is None:
                assert row[field] == "", (iid, field)
            elif isinstance(value, bool):
                assert row[field] == str(value).lower(), (iid, field)
            elif isinstance(value, float):
                assert float(row[field]) == pytest.approx(value, abs=1e-9), (iid, field)
            else:
                assert row[field] == value, (iid, field)


def _text_row(text: str, name_zh: str, html: bool) -> str:
    """The table row of an indicator: an html <tr>, or a markdown/terminal table line naming it."""
    if html:
        rows = [r for r in re.split(r"<tr[ >]", text) if re.search(rf">{re.escape(name_zh)}<", r)]
    else:
        starts = ("|", "│", *WORDS["en"].values(), *WORDS["zh"].values())
        rows = [ln for ln in text.splitlines() if ln.lstrip().startswith(starts) and name_zh in ln]
    assert len(rows) == 1, (name_zh, rows)
    return rows[0]


@pytest.mark.parametrize("name", TEXT_GOLDENS)
def test_text_golden_rows_show_the_hand_worked_light_and_figures(name):
    text = (GOLDEN / name).read_text(encoding="utf-8")
    words = WORDS["zh" if ".zh." in name else "en"]
    for iid, (name_zh, light, _, shown) in ORACLE.items():
        row = _text_row(text, name_zh, name.endswith(".html"))
        assert words[light] in row, (name, iid)
        for other in set(words) - {light}:
            assert words[other] not in row, (name, iid, other)
        for figure in shown:
            assert re.search(rf"(?<![\d.]){re.escape(figure)}(?!\d)", row), (name, iid, figure)


# The year-end settlement golden (report-2023.json): mini-actuals.csv plus, worked by hand,
# new_urban_jobs 3000 at 2023-12: 3000/3200 = 93.75% -> 93.8%, 6.2 points short of 100.0% -> not met;
# retail_sales_total 35亿元: 35/34 = 102.94% -> 102.9%, 2.9 points over -> met;
# gdp_growth 7.5% at 2023Q4 against 8: -0.5 -> not met; rd_spending_growth 13% against 13: 0 -> met;
# power_project_start due 08-31, recorded done for 2023-09 (done date 09-30): 30 days late -> done_late;
# major_accidents: 1 event in the year -> broken, not met; figures older than December cannot settle.
YEAR_ORACLE = {
    "new_urban_jobs": ("red", "not_met", False, {"completion": 93.8, "expected": 100.0, "gap": -6.2}),
    "retail_sales_total": ("green", "met", True, {"completion": 102.9, "expected": 100.0, "gap": 2.9,
                                                   "remaining": 0.0}),
    "gdp_growth": ("red", "not_met", False, {"gap": -0.5}),
    "rd_spending_growth": ("green", "met", True, {"gap": 0.0}),
    "power_project_start": ("yellow", "done_late", False, {"days_late": 30}),
    "major_accidents": ("red", "broken", False, {"gap": 1.0}),
    "air_quality": ("grey", "no_year_end_figure", None, {"actual_period": "2023-06"}),
    "county_rank": ("grey", "no_data", None, {"actual": None}),
}


def test_settlement_golden_rows_match_the_hand_worked_numbers():
    doc = json.loads((GOLDEN / "report-2023.json").read_text(encoding="utf-8"))
    assert doc["elapsed"] == pytest.approx(100.0) and doc["settlement"] is True
    rows = {r["id"]: r for r in doc["rows"]}
    for iid, (light, status, met, fields) in YEAR_ORACLE.items():
        assert (rows[iid]["light"], rows[iid]["status"], rows[iid]["met"]) == (light, status, met), iid
        _check_row(rows[iid], fields)
