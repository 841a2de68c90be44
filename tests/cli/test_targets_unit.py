"""`liupi targets --unit U` lists what `report --unit U` and `unit U` give that unit."""

import json

import pytest


@pytest.mark.parametrize("unit", ["fgj", "rsj", "yjj"])
def test_targets_unit_lists_every_indicator_the_report_and_unit_page_give_that_unit(run, unit):
    """`targets --unit fgj` left out GDP, whose lead is the battle's (县发改局*), while `report --unit fgj` and
    `unit fgj` show it as fgj's."""
    listed = {r["id"] for r in json.loads(run("targets", "--unit", unit, "-f", "json").stdout)}
    page = json.loads(run("unit", unit, "--month", "2023-06", "-f", "json").stdout)
    owned = {r["row"]["id"] for r in page["indicators"]}
    report = json.loads(run("report", "--month", "2023-06", "--unit", unit, "-f", "json").stdout)
    assert owned == {r["id"] for r in report["rows"]}
    assert owned <= listed
    if unit == "fgj":
        assert {"gdp_growth", "county_rank", "rd_spending_growth"} <= listed
