"""The report as CSV and JSON (render/plain.py): English CSV is the rows' fields for programs (booleans as
true/false, lists as JSON, floats without noise, a review column only when a figure awaits approval); Chinese CSV
is the circular's columns rounded to what they show; the JSON, written row by row, is the model's own document."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render import plain
from liupi_cli.render.plain import json_parts, to_csv, to_json
from liupi_cli.report.build import build_report

from .test_report_workbook_cells import RECORDS, _rec


@pytest.fixture(scope="module")
def plan():
    return load_plan(MINI)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_english_csv_is_the_rows_fields_for_programs(plan):
    rows = {r["id"]: r for r in _rows(to_csv(build_report(plan, RECORDS, parse_period("2023-06")), "en"))}
    retail = rows["retail_sales_total"]
    assert (retail["actual"], retail["completion"], retail["monthly_pace_needed"], retail["light"]) == (
        "15.234", "44.8", "3.1277", "yellow")
    assert (retail["stale"], retail["persistent"], retail["met"], retail["due"]) == ("false", "false", "", "")
    assert retail["alternatives"] == "" and retail["notes"] == ""
    iva = rows["industrial_va_growth"]
    assert json.loads(iva["alternatives"]) and json.loads(iva["notes"])  # lists as JSON text
    assert "review" not in retail


def test_a_review_column_appears_only_when_a_figure_awaits_approval(plan):
    growth = _rec("industrial_va_growth", "2023-06", 9.46)
    rows = _rows(to_csv(build_report(plan, [growth], parse_period("2023-06"), review={growth.id: "submitted"}), "en"))
    assert {r["id"]: r["review"] for r in rows if r["review"]} == {"industrial_va_growth": "submitted"}


def test_chinese_csv_is_the_circular_s_columns_rounded_to_what_they_show(plan):
    text = to_csv(build_report(plan, RECORDS, parse_period("2023-06")), "zh")
    rows = {r["指标代码"]: r for r in _rows(text)}
    assert list(rows["retail_sales_total"])[:4] == ["指标代码", "序号", "战役", "指标"]
    retail = rows["retail_sales_total"]
    assert (retail["序号"], retail["累计"], retail["年末预计"], retail["完成年度目标%"], retail["序时进度%"]) == (
        "3", "15.23", "30.47", "44.8", "50.0")
    assert (retail["灯"], retail["备注"], retail["数据期"]) == ("黄灯", "低于序时进度", "2023-06")
    assert rows["new_urban_jobs"]["累计"] == "1500" and rows["urban_unemployment"]["累计"] == "6.6"
    assert rows["industrial_va_growth"]["累计增长%"] == "9.5"  # 9.46 to the one decimal the circular shows
    assert rows["gdp_growth"]["累计"] == "" and rows["gdp_growth"]["数据期"] == ""
    assert [r["序号"] for r in _rows(text) if r["战役"] == "打好重点民生保障仗"][:3] == ["1", "2", "3"]


def test_a_formula_in_a_note_is_written_as_text(plan):
    bad = _rec("air_quality", "2023-06", 91.2).model_copy(update={"note": "=cmd|' /C calc'!A0"})
    rows = {r["指标代码"]: r for r in _rows(to_csv(build_report(plan, [bad], parse_period("2023-06")), "zh"))}
    assert all(not v.startswith(("=", "+", "@")) for r in rows.values() for v in r.values())


def test_the_json_written_in_chunks_is_the_model_s_document(plan, monkeypatch):
    rep = build_report(plan, RECORDS, parse_period("2023-06"))
    monkeypatch.setattr(plain, "CHUNK_ROWS", 2)
    parts = [p.decode("utf-8") for p in json_parts(rep)]
    assert len(parts) == -(-len(rep.rows) // 2) + 2 and parts[-1] == "  ]\n}\n"
    assert parts[0].endswith('\n  "rows": [\n') and parts[1].startswith("    {\n      \"id\": ")
    assert parts[1].endswith("    },\n") and parts[1].count('\n    {\n      "id": ') == 1  # two rows a piece
    assert parts[-2].endswith("    }\n")
    assert json.loads(to_json(rep)) == json.loads(rep.model_dump_json())
    empty = rep.model_copy(update={"rows": []})
    assert len(list(json_parts(empty))) == 1 and to_json(empty).endswith("}\n")
    assert json.loads(to_json(empty)) == json.loads(empty.model_dump_json())


def test_chinese_csv_keeps_the_decimals_of_a_count_that_has_them(plan):
    text = to_csv(build_report(plan, [_rec("new_urban_jobs", "2023-06", 1500.5)], parse_period("2023-06")), "zh")
    assert {r["指标代码"]: r["累计"] for r in _rows(text)}["new_urban_jobs"] == "1500.5"
