"""What next year's plan takes from last year's figures: a double decline's counts become baseline records
(current ones of last year only, marked as carried), a raised standard starts from the figure of the period
ending latest, a milestone not reached asks for a new date (its last figure and date in the table), one
reached is left out."""

from __future__ import annotations

import pytest

from liupi_cli.plan import load_plan
from liupi_cli.rollover import next_year
from liupi_cli.store import NewRecord, Record
from liupi_cli.workspace import bundled_data_dir


def _r(i: int, ind: str, period: str, v: float, baseline: bool = False, current: bool = True) -> Record:
    return Record(id=i, indicator=ind, period=period, baseline=baseline, value=v, entered=str(v), entered_unit=None,
                  unit=None, recorded_by="t", recorded_at="x", source=None, note=None, supersedes=None,
                  current=current)


RECORDS = [_r(1, "accident_count", "2023-06", 3), _r(2, "accident_count", "2023-12", 7),
           _r(3, "accident_count", "2022-12", 9), _r(4, "accident_count", "2023-03", 1, baseline=True),
           _r(5, "accident_count", "2023-09", 5, current=False),
           _r(6, "urban_dibao_standard", "2023-Q2", 640), _r(7, "urban_dibao_standard", "2023-Q4", 660),
           _r(8, "urban_dibao_standard", "2023-11", 655), _r(9, "urban_dibao_standard", "bad", 1),
           _r(10, "lingdao_expressway_start", "2023-06", 0.5), _r(11, "key_livelihood_projects", "2023-12", 1)]


@pytest.fixture(scope="module")
def nxt():
    return next_year(load_plan(bundled_data_dir()), RECORDS, [], 2024)


def test_a_double_decline_s_counts_of_last_year_become_baselines(nxt):
    mine = [b for b in nxt.baselines if b.indicator == "accident_count"]
    carried = dict(baseline=True, source="shuangpai-2023-six-battles actual", note="carried from 2023",
                   entered_unit=None, unit=None)
    assert mine == [NewRecord(indicator="accident_count", period="2023-06", value=3.0, entered="3", **carried),
                    NewRecord(indicator="accident_count", period="2023-12", value=7.0, entered="7", **carried)]
    assert not any(n.startswith("accident_count:") for n in nxt.notes)
    assert "accident_deaths: no 2023 counts recorded: record last year's figures with --baseline" in nxt.notes


def test_a_raised_standard_starts_from_the_period_ending_latest(nxt):
    entry = {i["id"]: i for i in nxt.targets["indicators"]}["urban_dibao_standard"]
    assert (entry["baseline"], entry["to_be_set"]) == (660, ["target"])
    row = {f.indicator: f for f in nxt.fill}["urban_dibao_standard"]
    assert (row.last_target, row.last_result, row.last_result_period, row.last_due) == (650, 660, "2023-Q4", None)
    assert not any(n.startswith("urban_dibao_standard:") for n in nxt.notes)


def test_a_milestone_not_reached_asks_for_a_new_date(nxt):
    entry = {i["id"]: i for i in nxt.targets["indicators"]}["lingdao_expressway_start"]
    assert entry["to_be_set"] == ["due"] and "due" not in entry and "target" not in entry
    row = {f.indicator: f for f in nxt.fill}["lingdao_expressway_start"]
    assert (row.kind, row.last_result, row.last_result_period, row.last_due) == ("milestone", 0.5, "2023-06",
                                                                                 "2023-12-31")


def test_a_milestone_reached_is_left_out(nxt):
    assert nxt.achieved == [("key_livelihood_projects", "“十大重点民生实事”", "2023-12")]
    assert "key_livelihood_projects" not in {i["id"] for i in nxt.targets["indicators"]}
    assert "1 milestone(s) reached in 2023 left out (next-year-review.md lists them)" in nxt.notes
