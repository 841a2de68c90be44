"""A small city built in a test: a plan of a few indicators, counties, a decomposition and rules, in memory."""

from __future__ import annotations

import yaml
from planmaker import BASE, ind

from liupi_cli.city.collected import Collected
from liupi_cli.city.config import CityConfig
from liupi_cli.city.decomposition import Decomposition, Part
from liupi_cli.city.rollup import FigureIndex
from liupi_cli.plan import load_plan

INDICATORS = [ind("growth", "growth_rate", target=8, unit="%"),
              ind("jobs", "cumulative", target=1600, unit="人"),
              ind("sales", "cumulative", target=400, unit="亿元"),
              ind("sales_growth", "growth_rate", target=8, unit="%"),
              ind("unemp", "ceiling", "at_most", target=5.5, unit="%")]


def city_plan(tmp_path):
    d = tmp_path / "cityplan"
    if (d / "targets.yaml").is_file():
        return load_plan(d)
    d.mkdir()
    plan = dict(BASE, indicators=INDICATORS)
    (d / "targets.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (d / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    return load_plan(d)


def config(rules: list[dict], counties: str = "abcd", classes: dict | None = None, **more) -> CityConfig:
    classes = classes or {}
    return CityConfig.model_validate({
        "city": {"name_zh": "某市", "year": 2023},
        "counties": [{"id": c, "name_zh": f"{c}县", "class": classes.get(c), "plan": f"{c}-2023", "source": f"{c}.json"}
                     for c in counties],
        "scoring": {"rules": rules, **more.pop("scoring", {})}, **more})


def decomposition(targets: dict[str, dict[str, float]]) -> Decomposition:
    units = {i["id"]: i["unit"] for i in INDICATORS}
    return Decomposition(file="decomposition.csv", parts=[
        Part(row=n, indicator=i, county_indicator=i, unit=units[i], city_target=sum(t.values()), targets=t)
        for n, (i, t) in enumerate(targets.items(), start=2)])


def index(figures: dict[tuple[str, str], dict[str, float | None]]) -> FigureIndex:
    """{(indicator, period): {county: value}} -> the collected figures' index (None: not collected)."""
    rows, n = [], 0
    for (indicator, period), by_county in figures.items():
        for county, value in by_county.items():
            if value is None:
                continue
            n += 1
            rows.append(Collected(id=n, county=county, indicator=indicator, period=period, baseline=False, value=value,
                                  unit=None, origin="test", origin_id=None, collected_at="", supersedes=None))
    return FigureIndex(rows)
