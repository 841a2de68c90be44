"""Every kind of target has a plausible range; a figure outside it is refused, naming the likely slip, until
--force. The slips are the ones a clerk makes: the decimal point lost (54 for 5.4) or a 0 too many."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.recording import due_indicators, make_record

SHIPPED = Path(__file__).parents[2] / "data"
PLAN = load_plan(SHIPPED)

# (kind, indicator of the shipped plan, the slip typed, its period, message, hint), each worked by hand
SLIPS = [
    ("growth rate", "gdp_growth", "69", "2023Q2",
     "gdp_growth: a growth of 69% is outside ±50%, the plausible range for a growth rate targeted at 8%",
     "did you mean 6.9%?"),
    ("growth rate, target above 50/3", "trade_growth", "76", "2023-06",  # ±3 × 25% = ±75%
     "trade_growth: a growth of 76% is outside ±75%, the plausible range for a growth rate targeted at 25%",
     "did you mean 7.6%?"),
    ("share in %", "air_quality_good_rate", "950", "2023-06", "air_quality_good_rate: 950% is over 100%",
     "did you mean 95%?"),
    ("ceiling in %", "urban_unemployment", "54", "2023-06",
     "urban_unemployment: 54% is 9.8 times the cap 5.5%", "did you mean 5.4%?"),
    ("ceiling in per mille", "forest_fire_rate", "9", "2023-06", "forest_fire_rate: 9‰ is 10.0 times the cap 0.9‰",
     "did you mean 0.9‰?"),
    ("ceiling in days", "gov_investment_project_approval_days", "490", "2023-06",
     "gov_investment_project_approval_days: 490个工作日 is 10.0 times the cap 49个工作日", "did you mean 49个工作日?"),
    ("ceiling in days, a 30-minute cap", "same_city_circle_travel_time", "300", "2023",
     "same_city_circle_travel_time: 300分钟 is 10.0 times the cap 30分钟", "did you mean 30分钟?"),
    ("cumulative count", "new_urban_jobs", "32000", "2023-06",
     "new_urban_jobs: 32000人 is 10.0 times the year's target 3200人", "did you mean 3200人?"),
    ("cumulative count, decimals", "new_hitech_enterprises", "2.5", "2023-06",
     "new_hitech_enterprises: 2.5家 is not a whole number, but 新认定高新技术企业 counts whole 家",
     "a count has no decimals;"),
    ("cumulative amount in yi yuan", "retail_sales_total", "185000", "2023-06",
     "retail_sales_total: 185000亿元 is 5441 times the year's target 34亿元",
     "an extra 0, or the figure in 万元 (write it with its unit: 185000万元)?"),
    ("level, not a share", "grain_reserve", "13500", "2023-06",
     "grain_reserve: 13500吨 is 10.0 times the year's target 1350吨", "did you mean 1350吨?"),
    ("zero events", "major_accidents", "1.5", "2023-06",
     "major_accidents: 1.5起 is not a whole number, but 较大及以上安全事故（含非生产经营性事故） counts whole 起",
     "a count has no decimals;"),
    ("double decline", "accident_deaths", "0.3", "2023-06",
     "accident_deaths: 0.3人 is not a whole number, but 死亡人数 counts whole 人", "a count has no decimals;"),
    ("milestone count", "key_livelihood_projects", "100", "2023-06",
     "key_livelihood_projects: 100 is 10.0 times the year's target 10", "did you mean 10?"),
    ("standard raised, too high", "urban_dibao_standard", "6200", "2023-06",
     "urban_dibao_standard: 6200元/月 is 9.5 times the new standard 650元/月", "did you mean 620元/月?"),
    ("standard raised, too low", "urban_dibao_standard", "62", "2023-06",
     "urban_dibao_standard: 62元/月 is under a third of the new standard 650元/月", "did you mean 620元/月?"),
    # a percentage typed as a fraction (or a General-format cell): 100 × it is near the target, it is not
    ("ceiling in %, a fraction", "urban_unemployment", "0.054", "2023-06",
     "urban_unemployment: 0.054% is far below the cap 5.5%: a percentage typed as a fraction?", "did you mean 5.4%?"),
    ("growth rate, a fraction", "industrial_va_growth", "0.092", "2023-06",
     "industrial_va_growth: 0.092% is far below the target 9.5%: a percentage typed as a fraction?",
     "did you mean 9.2%?"),
    ("share in %, a fraction", "air_quality_good_rate", "0.95", "2023-06",
     "air_quality_good_rate: 0.95% is far below the year's target 90%: a percentage typed as a fraction?",
     "did you mean 95%?"),
]


# ids in ASCII: pytest escapes a non-ASCII id given here, and a second session in the same process (as mutation
# testing runs them) escapes it again and finds no such test
@pytest.mark.parametrize("kind,iid,typed,period,message,hint", SLIPS, ids=[s[0] for s in SLIPS])
def test_the_slip_is_refused_with_its_likely_meaning_and_force_records_it(kind, iid, typed, period, message, hint):
    with pytest.raises(InputRefused) as exc:
        make_record(PLAN, iid, typed, period)
    if message is not None:
        assert exc.value.message == message
        assert exc.value.hint == f"{hint} pass --force if the figure is real"
    assert make_record(PLAN, iid, typed, period, force=True).value == float(typed)


# the figures a clerk means pass without --force, and the edges of each range are inside it
@pytest.mark.parametrize("iid,typed,period", [
    ("gdp_growth", "6.9", "2023Q2"), ("gdp_growth", "50", "2023Q2"), ("gdp_growth", "-50", "2023Q2"),
    ("trade_growth", "75", "2023-06"), ("air_quality_good_rate", "100", "2023-06"),
    ("urban_unemployment", "5.4", "2023-06"), ("urban_unemployment", "16.5", "2023-06"),
    ("forest_fire_rate", "2.7", "2023-06"), ("gov_investment_project_approval_days", "147", "2023-06"),
    ("new_urban_jobs", "9600", "2023-06"), ("major_accidents", "3", "2023-06"),
    ("market_entities", "1.25", "2023-06"),  # 万户: not a count of whole things
    ("urban_dibao_standard", "620", "2023-06"), ("urban_dibao_standard", "1950", "2023-06"),
    ("county_economy_ranking", "12", "2023"),
    # small figures that are real: 100 × them is far from the target, or they are not under a third of it
    ("gdp_growth", "0.5", "2023Q2"), ("gdp_growth", "0.9", "2023Q2"), ("gdp_growth", "-0.05", "2023Q2"),
    ("urban_unemployment", "1.9", "2023-06"), ("gdp_growth", "3", "2023Q2"),
])
def test_plausible_figures_pass(iid, typed, period):
    assert make_record(PLAN, iid, typed, period).value == float(typed)


def _write_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("指标,期间,数值\n" + "".join(f"{i},{p},{v}\n" for i, p, v in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["value", "csv", "xlsx", "template", "interactive"])
def test_every_recording_path_refuses_the_slip_in_one_line_and_force_records_it(run_shipped, tmp_path, how,
                                                                               monkeypatch):
    from openpyxl import Workbook, load_workbook

    from liupi_cli.cli import record_cmds

    monkeypatch.setenv("LIUPI_DB", str(tmp_path / "records.db"))
    if how == "value":
        args, stdin = ["update", "urban_unemployment", "54", "--period", "2023-06"], None
    elif how == "csv":
        path = _write_csv(tmp_path / "f.csv", [("城镇调查失业率", "2023-06", "54")])
        args, stdin = ["update", "--file", str(path)], None
    elif how == "xlsx":
        wb = Workbook()
        for row in (("指标", "期间", "数值"), ("城镇调查失业率", "2023-06", 54)):
            wb.active.append(row)
        wb.save(tmp_path / "f.xlsx")
        args, stdin = ["update", "--file", str(tmp_path / "f.xlsx")], None
    elif how == "template":  # the sheet sent to 县人社局, its 数值 cell for 城镇调查失业率 filled in
        made = run_shipped("template", "--period", "2023-06", "--unit", "县人社局", "--out", tmp_path / "t.xlsx")
        assert made.exit_code == 0
        wb = load_workbook(tmp_path / "t.xlsx")
        ws = wb.active
        (head,) = [r for r in ws.iter_rows() if any(c.value == "数值" for c in r)]
        col = {c.value: c.column for c in head}
        (row,) = [r[0].row for r in ws.iter_rows() if r[col["指标"] - 1].value == "城镇调查失业率"]
        ws.cell(row, col["数值"], 54)
        wb.save(tmp_path / "filled.xlsx")
        args, stdin = ["update", "--file", str(tmp_path / "filled.xlsx")], None
    else:
        monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
        args = ["update", "--period", "2023-06", "--unit", "县人社局", "--battle", "6"]
        asked = [i.id for i in due_indicators(PLAN, parse_period("2023-06"), "6", "县人社局")]
        stdin = "\n" * asked.index("urban_unemployment") + "54\n" + "\n" * len(asked)
    refused = run_shipped(*args, input=stdin)
    assert "urban_unemployment: 54% is 9.8 times the cap 5.5%" in refused.stderr
    assert "did you mean 5.4%?" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "records.db").exists() or json.loads(
        run_shipped("history", "urban_unemployment", "--format", "json").stdout) == []
    forced = run_shipped(*args, "--force", input=stdin)
    assert forced.exit_code == 0, forced.stderr
    (record,) = json.loads(run_shipped("history", "urban_unemployment", "--format", "json").stdout)
    assert record["value"] == 54.0
