"""The template's rows: each names its lead unit, a milestone its date."""

from liupi_cli.periods import parse_period


def test_the_template_names_each_rows_lead_unit_and_a_milestones_date():
    from conftest import MINI

    from liupi_cli.plan import load_plan
    from liupi_cli.template import target_text, template_rows

    plan = load_plan(MINI)
    rows = {r["id"]: r for r in template_rows(plan, parse_period("2023-06"))}
    assert rows["major_accidents"]["lead_unit"] == "县应急管理局"  # its own lead (yjj), not its battle's (rsj)
    assert rows["gdp_growth"]["lead_unit"] == "县发改局"  # no lead of its own: its battle's (fgj)
    assert target_text(plan.indicators["power_project_start"]) == "2023-08-31前"
    undated = plan.indicators["power_project_start"].model_copy(update={"due": None})
    assert target_text(undated) == ""
