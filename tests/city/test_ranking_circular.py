"""The 排名通报 laid out for every format: its title, the lines above the tables (the top three, the tie rule,
what the moves compare with), the ranking (place with 并列, previous place, 进退位 in words, the notes), each score
with its working, the city's roll-up and the rules as the circular states them; and the collection outcome."""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.city.collect import CollectResult, CountyOutcome
from liupi_cli.city.ranking import build_ranking
from liupi_cli.messages import msg
from liupi_cli.periods import Period
from liupi_cli.render.city_doc import collect_doc, ranking_doc

from .citykit import city_plan, config, decomposition, index

JUNE = Period(2023, 6, "month")
RULES = [{"indicator": "growth", "method": "contest", "points": 10},
         {"indicator": "jobs", "method": "completion", "points": 10, "proportional": True},
         {"indicator": "sales", "method": "efficacy_split", "growth": "sales_growth", "level_share": 0.4, "points": 20},
         {"indicator": "unemp", "method": "completion_contest", "points": 4, "contest_points": 6},
         {"indicator": "sales_growth", "method": "efficacy", "points": 5}]
TARGETS = {"jobs": {c: 400 for c in "abcd"}, "unemp": {c: 5.5 for c in "abcd"}, "sales": {c: 100 for c in "abcd"},
           "sales_growth": {c: 8 for c in "abcd"}, "growth": {c: 8 for c in "abcd"}}
FIGURES = {("growth", "2023-06"): {"a": 9, "b": 7, "c": 9, "d": None},
           ("jobs", "2023-06"): {"a": 200, "b": 250, "c": 100, "d": 240},
           ("growth", "2023-05"): {"a": 6, "b": 8, "c": 7, "d": 9},
           ("jobs", "2023-05"): {"a": 100, "b": 200, "c": 170, "d": 150},
           ("sales", "2023-06"): {"a": 50, "b": 60, "c": 70, "d": 80},
           ("sales_growth", "2023-06"): {"a": 5, "b": 6, "c": 7, "d": 8},
           ("unemp", "2023-06"): {"a": 5, "b": 5.6, "c": 4, "d": 5.5}}
CLASSES = {"a": "甲", "b": "乙"}


def _doc(tmp_path, lang, rules=RULES, figures=FIGURES, month=JUNE, **scoring):
    cfg = config(rules, classes=CLASSES, scoring={"class_points": {"甲": {"growth": 5}}, **scoring})
    rk = build_ranking(cfg, city_plan(tmp_path), decomposition(TARGETS), index(figures), month)
    return ranking_doc(rk, lang)


def _section(doc, n):
    s = doc.sections[n]
    return s.title, s.columns, s.rows


def test_the_circular_in_chinese(tmp_path):
    doc = _doc(tmp_path, "zh")
    assert (doc.title, doc.pinned, doc.lang) == ("某市2023年1–6月各县（市、区）主要指标排名通报",
                                                 dt.date(2023, 6, 1), "zh")
    assert doc.lines == ["根据各县（市、区）报送的2023年1–6月主要指标数据，按考核办法计分，现将排名情况通报如下。",
                         "前三名：c县、a县、d县。", "并列规则：总分相同者位次并列，其后位次顺延。",
                         "进退位与2023-05相比。"]
    assert _section(doc, 0) == ("综合排名", ["位次", "县（市、区）", "总分", "上期位次", "进退位", "说明"], [
        ["1", "c县", "46.66", 2, "进1位", ""], ["2", "a县", "39.7", 4, "进2位", ""],
        ["3", "d县", "39", 2, "退1位", "growth未报"], ["4", "b县", "37.34", 1, "退3位", ""]])
    title, columns, rows = _section(doc, 1)
    assert (title, columns) == ("得分明细", ["县（市、区）", "指标", "计分方法", "数据期", "数值", "得分", "计算过程"])
    assert len(rows) == 20 and rows[0] == ["c县", "growth", "争先进位计分法", "2023-06", "9", "10",
                                           "place 1 (tied): 10×100% = 10"]
    assert rows[10] == ["d县", "growth", "争先进位计分法", "2023-06", "", "0", "no figure (未报): 0"]
    assert _section(doc, 3) == ("考核指标及计分办法", ["指标", "分值", "计分方法", "计分办法", "分类分值"], [
        ["growth", "10", "争先进位计分法", "第1名得满分，第2名95%，第3名90%，此后每降一位减5%", "甲 5"],
        ["jobs", "10", "目标完成计分法", "完成分解目标得满分，未完成按完成比例计分", ""],
        ["sales", "20", "功效系数法（水平+增速）", "功效系数法，总量占40%、增速（sales_growth）占其余", ""],
        ["unemp", "4", "目标完成计分法+争先进位计分法",
         "完成目标得4分，未完成不得分；超过目标的按争先进位计分法另计，最高6分", ""],
        ["sales_growth", "5", "功效系数法", "60 + 40×(x−最小值)/(最大值−最小值)", ""]])


def test_the_circular_in_english(tmp_path):
    doc = _doc(tmp_path, "en")
    assert doc.title == "某市 2023-06: ranking of the counties"
    assert doc.lines[0] == "Scored by the city's rules from the figures the counties reported for 2023-06."
    assert doc.lines[1:] == ["Top three: c县, a县, d县.",
                             "Ties: equal totals share the higher place; the places after them are skipped.",
                             "Moves against 2023-05."]
    assert [r[4:] for r in doc.sections[0].rows] == [["up 1", ""], ["up 2", ""], ["down 1", "growth: no figure"],
                                                     ["down 3", ""]]
    assert doc.sections[1].rows[2][2] == "efficacy coefficient, level + growth"
    assert _section(doc, 2) == ("City roll-up", ["Indicator", "Unit", "Period", "City target", "City total",
                                                 "Reported", "How"], [
        ["jobs", "人", "2023-06", "1600", "790", "4/4", "sum of 4 counties"],
        ["unemp", "%", "2023-06", "22", "", "4/4", "not aggregated: a ceiling does not add up across counties"],
        ["sales", "亿元", "2023-06", "400", "260", "4/4", "sum of 4 counties"],
        ["sales_growth", "%", "2023-06", "32", "", "4/4",
         "not aggregated: a growth_rate does not add up across counties (city.yaml levels: names its level to "
         "recompute it)"],
        ["growth", "%", "2023-06", "32", "", "3/4", "not aggregated: a growth_rate does not add up across counties "
                                                    "(city.yaml levels: names its level to recompute it)"]])
    assert [r[3] for r in doc.sections[3].rows] == [
        "1st 100%, 2nd 95%, 3rd 90%, then 5% less a place", "target met: full points, else the share reached",
        "efficacy coefficient: level 40%, growth (sales_growth) the rest",
        "target met: 4, else 0; above the target: ranked for 6 more (1st 100%, then 5% less a place)",
        "60 + 40×(x − min)/(max − min)"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ties_unchanged_places_and_a_first_ranking_are_worded(tmp_path, lang):
    rules = [{"indicator": "growth", "method": "contest", "points": 10}]
    figures = {("growth", "2023-06"): {"a": 5, "b": 9, "c": 9, "d": 7},
               ("growth", "2023-05"): {"a": 5, "b": 8, "c": 9, "d": 7}}
    doc = _doc(tmp_path, lang, rules, figures)
    tied, same = msg("city.doc.tied").text(lang), msg("city.doc.same").text(lang)
    assert [r[0] for r in doc.sections[0].rows] == ["1" + tied, "1" + tied, "3", "4"]
    assert [r[1:5] for r in doc.sections[0].rows][2:] == [["d县", "9", 3, same], ["a县", "4.25", 4, same]]
    first = _doc(tmp_path, lang, rules, {("growth", "2023-06"): figures[("growth", "2023-06")]})
    assert first.lines[-1] == msg("city.doc.no_prev").text(lang)
    assert {(r[3], r[4]) for r in first.sections[0].rows} == {("", "—")}


def test_by_class_the_ranking_names_each_countys_class(tmp_path):
    doc = _doc(tmp_path, "zh", by_class=True)
    assert doc.sections[0].columns[:4] == ["位次", "县（市、区）", "类别", "总分"]
    assert {r[1]: r[2] for r in doc.sections[0].rows} == {"a县": "甲", "b县": "乙", "c县": "", "d县": ""}


def test_a_completion_rule_without_proportion_and_a_versus_average_rule_have_no_points_cell(tmp_path):
    rules = [{"indicator": "jobs", "method": "completion", "points": 10},
             {"indicator": "growth", "method": "versus_average", "step": 0.1, "per_step": 0.1}]
    rows = _doc(tmp_path, "en", rules).sections[3].rows
    assert rows[0][1:4] == ["10", "target completion (目标完成)", "target met: full points, else 0"]
    assert rows[1][1] == "" and rows[1][3] == "±0.1 per 0.1 percentage points against the city"


def test_a_year_ranking_is_not_pinned_to_a_month(tmp_path):
    rules = [{"indicator": "growth", "method": "contest", "points": 10}]
    doc = _doc(tmp_path, "en", rules, {("growth", "2023"): {"a": 9, "b": 9, "c": 7, "d": 5}},
               Period(2023, 12, "year"))
    assert doc.pinned is None and doc.title.startswith("某市 2023:")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_collection_outcome_one_row_per_county(lang):
    refused = CountyOutcome(county="b", name_zh="b县", origin="counties/b")
    refused.refused = msg("city.not_city", path="x", file="city.yaml")  # as collecting sets it: said in each language
    result = CollectResult(counties=[
        CountyOutcome(county="a", name_zh="a县", origin="a.json", added=3, unchanged=1, not_decomposed=2), refused])
    doc = collect_doc(result, lang)
    assert (doc.title, doc.lang, doc.lines) == (msg("city.doc.collect").text(lang), lang, [])
    [section] = doc.sections
    assert section.title == msg("city.doc.by_county").text(lang) and len(section.columns) == 6
    assert section.rows == [["a县", "a.json", 3, 1, 2, ""],
                            ["b县", "counties/b", 0, 0, 0, msg("city.not_city", path="x", file="city.yaml").text(lang)]]
