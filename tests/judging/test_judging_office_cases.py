"""The cases a leader argues about in the meeting, on the bundled plan, with the light and status a careful
clerk gives (docs/judging.md): 左右 in proportion, a broken year-to-date cap, a linked target, 双下降 at 0
both years, 未报 apart from 未完成 in every product, a figure's age at settlement, stocks without 序时进度.
Every expected value is worked by hand in the comment beside it.
"""

from __future__ import annotations

import itertools
import re
import shutil

import pytest
import yaml
from conftest import REPO, SHIPPED

from liupi_cli.cadence.prescore import ScorePart, score
from liupi_cli.cadence.products import month_circular, year_settlement
from liupi_cli.cadence.unit_page import build_unit_page
from liupi_cli.models import PrescoreWeights
from liupi_cli.periods import parse_period
from liupi_cli.plan import check_plan, load_plan
from liupi_cli.render.cadence_doc import product_doc, unit_doc
from liupi_cli.render.cadence_formats import to_markdown
from liupi_cli.report import build_report
from liupi_cli.store import Record

_ids = itertools.count(1)


def rec(indicator: str, period: str, value: float, baseline: bool = False) -> Record:
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=baseline, value=value,
                  entered=f"{value:g}", entered_unit=None, unit=None, recorded_by="县统计局",
                  recorded_at="2023-07-05T09:00:00+08:00", source=None, note=None, supersedes=None, batch=None,
                  current=True)


@pytest.fixture(scope="module")
def plan():
    return load_plan(SHIPPED)


def row(plan, records, period, iid):
    return {r.id: r for r in build_report(plan, records, parse_period(period)).rows}[iid]


# --- 1. 左右 in proportion ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value,period,light,status,met", [
    (6.5, "2023-06", "yellow", "behind", None),  # 1 point over 5.5: beyond the 0.55 band, within the next
    (6.5, "2023-12", "red", "not_met", False),  # ... and not "about 5.5" at the settlement
    (6.0, "2023-12", "green", "met", True),  # 0.5 over: within a tenth of 5.5
    (6.7, "2023-06", "red", "broken", None),  # beyond 5.5 + 2 × 0.55 = 6.6
])
def test_unemployment_about_5_5_has_a_band_of_a_tenth(plan, value, period, light, status, met):
    r = row(plan, [rec("urban_unemployment", period, value)], period, "urban_unemployment")
    assert (r.light, r.status, r.met) == (light, status, met)


@pytest.mark.parametrize("value,light", [(10.0, "green"), (9.9, "yellow"), (9.0, "yellow"), (8.9, "red")])
def test_fixed_asset_investment_about_11_keeps_its_one_point_band(plan, value, light):
    # 10% of 11 = 1.1 points, capped at 1: green from 10, yellow a further point to 9
    assert row(plan, [rec("fai_growth", "2023-06", value)], "2023-06", "fai_growth").light == light


def test_an_indicator_sets_its_own_band(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns("records.db*", ".liupi*"))
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  stated: 城镇调查失业率控制在5.5%左右\n",
                                 "  stated: 城镇调查失业率控制在5.5%左右\n  lights:\n    about_band: 0.05\n"),
                    encoding="utf-8")
    own = load_plan(data)
    # 5% of 5.5 = 0.275: 5.8 is 0.3 over, in the second band (to 6.05); with the default tenth it is green
    assert row(own, [rec("urban_unemployment", "2023-06", 5.8)], "2023-06", "urban_unemployment").light == "yellow"
    assert row(load_plan(SHIPPED), [rec("urban_unemployment", "2023-06", 5.8)], "2023-06",
               "urban_unemployment").light == "green"


# --- 2. a broken cap stays broken -----------------------------------------------------------------------------

def test_forest_fire_rate_over_its_cap_in_september_is_red_at_settlement_saying_since_when(plan):
    records = [rec("forest_fire_rate", "2023-06", 0.5), rec("forest_fire_rate", "2023-09", 1.2)]
    r = row(plan, records, "2023", "forest_fire_rate")
    assert (r.light, r.status, r.met) == ("red", "broken", False)  # not grey "no year-end figure"
    assert r.gap == pytest.approx(0.3)  # 1.2 − 0.9
    assert any("over the cap since 2023-09" in n for n in r.notes)
    assert "自2023年1–9月起超出上限（1.2‰，上限0.9‰），年内累计数不会回落" in r.notes_zh  # the cap with its ‰
    june = row(plan, records, "2023-06", "forest_fire_rate")
    assert (june.light, june.status) == ("green", "met")  # 0.5‰: under the cap in June


def test_a_cap_that_is_not_year_to_date_still_needs_a_year_end_figure(plan):
    # approval days are judged on the latest figure: over in September says nothing about December
    r = row(plan, [rec("gov_investment_project_approval_days", "2023-09", 60)], "2023",
            "gov_investment_project_approval_days")
    assert (r.light, r.status, r.met) == ("grey", "no_year_end_figure", None)


def test_a_capped_amount_over_its_cap_stays_broken(tmp_path):
    from planmaker import ind, make_plan, record, rows

    run = make_plan(tmp_path, [ind("spend", "cumulative", "at_most", qualifier="以内", target=100, unit="万元")])
    record(run, "spend", "110", "2023-09")
    year = rows(run, "--year", "2023")["spend"]
    assert (year["light"], year["status"], year["met"]) == ("red", "broken", False)
    assert any("over the cap since 2023-09 (110万元 against 100万元)" in n for n in year["notes"])


# --- 3. linked targets ------------------------------------------------------------------------------------------

def test_income_growth_is_judged_against_gdp_growth_recorded_for_the_same_quarter(plan):
    records = [rec("gdp_growth", "2023Q2", 3.8), rec("resident_income_growth", "2023Q2", 5.5)]
    r = row(plan, records, "2023Q2", "resident_income_growth")
    assert (r.light, r.status, r.target, r.linked_to) == ("green", "met", 3.8, "gdp_growth")  # kept pace
    assert r.gap == pytest.approx(1.7)  # 5.5 − 3.8
    assert "judged against GDP's figure for 2023Q2 (3.8%)" in r.notes
    assert "按地区生产总值2023年二季度实际3.8%考核" in r.notes_zh
    year = [rec("gdp_growth", "2023Q4", 3.8), rec("resident_income_growth", "2023Q4", 5.5)]
    settled = row(plan, year, "2023", "resident_income_growth")
    assert (settled.light, settled.status, settled.met) == ("green", "met", True)


def test_without_the_linked_figure_it_is_judged_against_the_linked_target_and_says_so(plan):
    # GDP has no 2023Q2 figure: against its 8% target, 基本同步 (左右) band 0.8: green from 7.2, yellow from
    # 6.4; 5.5 is below both: red
    r = row(plan, [rec("resident_income_growth", "2023Q2", 5.5)], "2023Q2", "resident_income_growth")
    assert (r.light, r.status, r.target) == ("red", "far_behind", 8.0)
    assert "no GDP figure for 2023Q2: judged against its target (8%)" in r.notes
    # a GDP figure for another quarter is not the same period
    r = row(plan, [rec("gdp_growth", "2023Q1", 3.8), rec("resident_income_growth", "2023Q2", 5.5)], "2023Q2",
            "resident_income_growth")
    assert r.target == 8.0


def _plan_with(tmp_path, old: str, new: str):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns("records.db*", ".liupi*"))
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return data


@pytest.mark.parametrize("link,message", [
    ("gdp_growht", "unknown indicator 'gdp_growht'"),
    ("new_urban_jobs", "linked to 'new_urban_jobs', a cumulative in 人; this is a growth_rate in %"),
    ("resident_income_growth", "an indicator cannot be linked to itself"),
])
def test_check_validates_the_link(tmp_path, link, message):
    data = _plan_with(tmp_path, "  linked_to: gdp_growth\n", f"  linked_to: {link}\n")
    plan, problems = check_plan(data)
    errors = [p for p in problems if p.severity == "error"]
    assert plan is None and any(message in p.message for p in errors), errors
    where = next(p for p in errors if message in p.message)
    assert where.line is not None and where.file.endswith("targets.yaml")
    if link == "gdp_growht":
        assert "gdp_growth" in (where.hint or "")


def test_check_refuses_a_link_to_a_linked_indicator(tmp_path):
    # income linked to fixed-asset investment, itself linked to GDP: a chain
    data = _plan_with(tmp_path, "  linked_to: gdp_growth\n", "  linked_to: fai_growth\n")
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    fai = "  kind: growth_rate\n  comparator: about\n  qualifier: 左右\n"
    assert text.count(fai) == 1
    path.write_text(text.replace(fai, fai + "  linked_to: gdp_growth\n"), encoding="utf-8")
    plan, problems = check_plan(data)
    assert plan is None
    assert any("linked to 'fai_growth', which is itself linked to 'gdp_growth'" in p.message for p in problems)


# --- 4. 双下降 at 0 both years ------------------------------------------------------------------------------------

def test_zero_accidents_last_year_and_this_year_is_met(plan):
    records = [rec("accident_count", "2022-06", 0, baseline=True), rec("accident_count", "2023-06", 0),
               rec("accident_deaths", "2022-06", 3, baseline=True), rec("accident_deaths", "2023-06", 1)]
    r = row(plan, records, "2023-06", "accident_count")
    assert (r.light, r.status, r.gap) == ("green", "zero_both_years", 0.0)  # not yellow "not declined"
    # deaths 3 → 1 declined: the pair is met, and says a count was 0 in both years
    assert "双下降 met at 2023-06: both counts below last year (or 0 both years)" in r.notes
    assert "2023年1–6月实现双下降（含两年均为零）" in r.notes_zh
    declined = row(plan, [rec("accident_count", "2022-06", 2, baseline=True), rec("accident_count", "2023-06", 0),
                          rec("accident_deaths", "2022-06", 3, baseline=True), rec("accident_deaths", "2023-06", 1)],
                   "2023-06", "accident_count")
    assert "双下降 met at 2023-06: both counts below last year" in declined.notes  # 2 → 0 is a decline
    year = [rec("accident_count", "2022-12", 0, baseline=True), rec("accident_count", "2023-12", 0)]
    settled = row(plan, year, "2023", "accident_count")
    assert (settled.light, settled.status, settled.met) == ("green", "zero_both_years", True)
    same = row(plan, [rec("accident_count", "2022-06", 2, baseline=True), rec("accident_count", "2023-06", 2)],
               "2023-06", "accident_count")
    assert (same.light, same.status) == ("yellow", "not_declined")  # equal and not 0: still not declined


def test_a_count_that_declined_alone_is_not_green_when_the_pair_failed(plan):
    """Accidents 7 vs 7 and deaths 2 vs 3: the pair is not met, so neither row is green or 达标."""
    mid = [rec("accident_count", "2022-06", 7, baseline=True), rec("accident_count", "2023-06", 7),
           rec("accident_deaths", "2022-06", 3, baseline=True), rec("accident_deaths", "2023-06", 2)]
    deaths = row(plan, mid, "2023-06", "accident_deaths")
    assert (deaths.light, deaths.status, deaths.gap) == ("yellow", "pair_not_declined", -1.0)  # accidents: yellow
    year = [rec("accident_count", "2022-12", 7, baseline=True), rec("accident_count", "2023-12", 7),
            rec("accident_deaths", "2022-12", 3, baseline=True), rec("accident_deaths", "2023-12", 2)]
    settled = row(plan, year, "2023", "accident_deaths")
    assert (settled.light, settled.status, settled.met) == ("red", "pair_not_declined", False)
    assert "2023年1–12月未实现双下降" in settled.notes_zh
    y = year_settlement(plan, year, [], parse_period("2023"))
    safety = {r.id: r for r in y.report.rows}
    assert (safety["accident_count"].met, safety["accident_deaths"].met) == (False, False)
    assert y.overall.met == 0 and y.overall.not_met == 2  # neither count of the failed pair is 完成


# --- 5. 未报 is not 未完成 ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def settled(plan):
    """One milestone reported not done (a count of 0), the rest of the dated milestones never reported."""
    due = sorted(i.id for i in plan.indicators.values()
                 if i.kind.value == "milestone" and i.due and i.due.year == 2023)
    reported = due[0]
    return reported, due, year_settlement(plan, [rec(reported, "2023-11", 0)], [], parse_period("2023"))


def test_settlement_counts_unreported_apart_from_not_met(plan, settled):
    reported, due, y = settled
    rows = {r.id: r for r in y.report.rows}
    assert (rows[reported].status, rows[reported].met) == ("not_met", False)
    unreported = [i for i in due if i != reported]
    assert all((rows[i].light, rows[i].status, rows[i].met) == ("red", "unreported", None) for i in unreported)
    assert y.overall.unreported == len(unreported)
    assert y.overall.met + y.overall.not_met + y.overall.unreported + y.overall.unknown == len(rows)
    assert sum(s.unreported for s in y.by_battle) == sum(s.unreported for s in y.by_unit) == len(unreported)


@pytest.mark.parametrize("lang,words", [("zh", ("未报", "未报目标", "未完成目标")),
                                        ("en", ("Unreported", "Targets nobody reported on", "Targets not met"))])
def test_the_year_end_settlement_document_keeps_them_apart(settled, lang, words):
    reported, due, y = settled
    doc = product_doc(y, lang)
    n = len(due) - 1
    assert any(f"{words[0]} {n}" in line for line in doc.lines), doc.lines
    by_title = {s.title: s for s in doc.sections}
    assert [r[2] for r in by_title[words[2]].rows if r[2] == reported] == [reported]
    listed = {r[2] for r in by_title[words[1]].rows}
    assert listed == set(due) - {reported}
    assert words[0] in to_markdown(doc)


def test_the_prescore_working_writes_unreported_as_a_term_of_its_own():
    w = PrescoreWeights()
    parts = [ScorePart(id="a", name_zh="a", what="indicator", outcome="green", points=100, weight=1),
             ScorePart(id="b", name_zh="b", what="indicator", outcome="red", points=0, weight=1)]
    parts += [ScorePart(id=f"u{k}", name_zh="u", what="indicator", outcome="unreported", points=0, weight=1)
              for k in range(3)]
    s = score("x", "x", parts, w)
    assert s.working == "indicators (100×1 + 0×1 + unreported 0×3) ÷ 5 = 20"  # 100 ÷ 5


def test_the_prescore_gives_unreported_its_setting(plan, settled):
    reported, due, y = settled
    parts = [p for p in y.prescore.overall.parts if p.what == "indicator"]
    outcomes = {p.id: (p.outcome, p.points) for p in parts}
    assert outcomes[reported] == ("red", 0.0)
    assert all(outcomes[i] == ("unreported", 0.0) for i in due if i != reported)
    assert "unreported 0×" in y.prescore.overall.working


def test_the_unit_page_and_the_december_circular_say_unreported(plan, settled):
    reported, due, _ = settled
    other = next(i for i in due if i != reported)
    lead = plan.indicators[other].lead_unit or plan.battles[plan.indicators[other].battle].lead_unit
    page = build_unit_page(plan, [], [], parse_period("2023"), lead)
    doc = unit_doc(page, "zh")
    rows = {r[1]: r for r in doc.sections[0].rows}
    assert rows[other][-1] == "未报"
    dec = month_circular(plan, [], [], parse_period("2023-12")).report  # December's circular settles too
    assert {r.id: r.status for r in dec.rows}[other] == "unreported"


# --- 6. a figure's age at settlement ---------------------------------------------------------------------------

def test_a_june_standard_judged_at_year_end_says_its_period(plan):
    r = row(plan, [rec("urban_dibao_standard", "2023-06", 620)], "2023", "urban_dibao_standard")
    assert (r.light, r.status, r.met) == ("red", "not_met", False)
    assert "figure for 2023-06, 6 months before 2023" in r.notes
    assert "数据为2023年1–6月，早于本期6个月" in r.notes_zh
    december = row(plan, [rec("urban_dibao_standard", "2023-12", 650)], "2023", "urban_dibao_standard")
    assert not any("months before" in n for n in december.notes)  # a December figure is the year's own


# --- 7. 序时进度 and projection only for flows ------------------------------------------------------------------

def test_a_count_of_projects_on_a_list_gets_no_pace_and_no_projection(plan):
    r = row(plan, [rec("county_key_projects", "2023-06", 41)], "2023-06", "county_key_projects")
    assert (r.light, r.status, r.stock) == ("green", "met", True)  # 41 of 40以上: reached
    assert (r.expected, r.gap, r.projection, r.monthly_pace_needed) == (None, None, None, None)  # not +52.5, 82
    assert r.completion == pytest.approx(102.5)


def test_a_warehouse_platform_half_built_is_under_way_not_projected(plan):
    r = row(plan, [rec("junlian_logistics_storage_platform", "2023-06", 3000)], "2023-06",
            "junlian_logistics_storage_platform")
    assert (r.light, r.status) == ("grey", "under_way")  # no 6,000 m² projection, no "ahead"
    assert (r.completion, r.remaining, r.projection, r.expected) == (60.0, 2000.0, None, None)
    year = row(plan, [rec("junlian_logistics_storage_platform", "2023-12", 3000)], "2023",
               "junlian_logistics_storage_platform")
    assert (year.light, year.status, year.met) == ("red", "not_met", False)


def test_a_flow_keeps_its_pace_and_projection(plan):
    r = row(plan, [rec("new_urban_jobs", "2023-06", 1500)], "2023-06", "new_urban_jobs")
    # 1500 of 3200 = 46.9% against 50%: 3.1 behind; 1500 / 6 × 12 = 3000
    assert (r.light, r.status, r.gap, r.projection, r.stock) == ("yellow", "behind", -3.1, 3000.0, False)


def test_the_audit_in_the_docs_lists_every_cumulative_indicator_as_the_plan_marks_it():
    doc = (REPO / "docs" / "judging.md").read_text(encoding="utf-8")
    audit = dict(re.findall(r"^\| `([a-z0-9_]+)` \| [^|]+ \| (stock|flow) \|", doc, flags=re.M))
    data = yaml.safe_load((SHIPPED / "targets.yaml").read_text(encoding="utf-8"))
    marked = {i["id"]: "stock" if i.get("stock") else "flow" for i in data["indicators"] if i["kind"] == "cumulative"}
    assert audit == marked
    assert (sum(v == "flow" for v in marked.values()), sum(v == "stock" for v in marked.values())) == (13, 69)
    for iid in ("county_key_projects", "junlian_logistics_storage_platform"):
        assert marked[iid] == "stock"
    for iid in ("new_urban_jobs", "retail_sales_total", "local_fiscal_revenue_total", "gdp_total"):
        assert marked[iid] == "flow"


def test_check_refuses_stock_on_another_kind(tmp_path):
    data = _plan_with(tmp_path, "  kind: growth_rate\n  comparator: about\n  qualifier: 左右\n",
                      "  kind: growth_rate\n  stock: true\n  comparator: about\n  qualifier: 左右\n")
    plan, problems = check_plan(data)
    assert plan is None
    assert any("only a cumulative indicator can be a stock" in p.message for p in problems), problems


def test_the_html_report_draws_no_schedule_line_for_a_stock(plan):
    from liupi_cli.render.html import to_html

    records = [rec("junlian_logistics_storage_platform", "2023-06", 3000), rec("new_urban_jobs", "2023-06", 1500)]
    page = to_html(build_report(plan, records, parse_period("2023-06"), battle="growth"), "zh")
    assert "仓储平台: 累计进度与序时进度" not in page  # a stock: no path against the 序时 line
    jobs = to_html(build_report(plan, records, parse_period("2023-06"), battle="livelihood"), "zh")
    assert "城镇新增就业: 累计进度与序时进度" in jobs


@pytest.mark.parametrize("lang,heads,cap_note", [
    ("zh", ("完成%", "序时进度%", "备注"), "自2023年1–9月起超出上限（1.2‰，上限0.9‰），年内累计数不会回落"),
    ("en", ("Done %", "Time elapsed %", "Notes"), "over the cap since 2023-09 (1.2‰ against 0.9‰)"),
])
def test_the_month_circular_and_the_settlement_tables_carry_notes_completion_and_schedule(plan, lang, heads,
                                                                                          cap_note):
    records = [rec("forest_fire_rate", "2023-06", 0.5), rec("forest_fire_rate", "2023-09", 1.2),
               rec("new_urban_jobs", "2023-09", 1600)]
    jobs_target = plan.indicators["new_urban_jobs"].target  # 3200人: 1600 is 50.0%, 9 months elapsed 75.0%
    for product in (month_circular(plan, records, [], parse_period("2023-09")),
                    year_settlement(plan, records, [], parse_period("2023"))):
        doc = product_doc(product, lang)
        table = doc.sections[-1]
        assert table.columns[-3:] == list(heads)
        rows = {r[2]: r for r in table.rows}
        assert cap_note in rows["forest_fire_rate"][-1]
        if product.product == "month":
            assert jobs_target == 3200
            assert rows["new_urban_jobs"][-3:-1] == [50, 75]  # 完成% and 序时进度%
            assert rows["forest_fire_rate"][-3:-1] == ["", ""]  # a cap has neither
