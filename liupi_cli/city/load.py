"""A city workspace read whole: its settings (data/city.yaml), its own plan, its decomposition table, and
where its collected figures are kept; and the checks `liupi check` adds for a city."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from liupi_cli.city.collected import COLLECTED_FILE
from liupi_cli.city.config import CityConfig, city_file, is_city, load_city
from liupi_cli.city.decomposition import Decomposition, check_decomposition, read_decomposition
from liupi_cli.errors import InputRefused, LiupiError, PlanInvalid, Problem
from liupi_cli.messages import msg
from liupi_cli.plan import Plan, load_plan


@dataclass
class City:
    config: CityConfig
    plan: Plan
    decomposition: Decomposition
    plan_dir: Path  # data/
    root: Path  # the workspace folder: counties' sources are relative to it

    @property
    def collected_path(self) -> Path:
        return self.plan_dir / COLLECTED_FILE


def open_city(plan_dir: Path, root: Path | None = None) -> City:
    """The city workspace whose plan folder is ``plan_dir``; InputRefused when it is not a city's."""
    plan_dir = Path(plan_dir)
    if not is_city(plan_dir):
        raise InputRefused(msg("city.not_city", path=plan_dir, file=city_file(plan_dir).name),
                           msg("city.not_city.hint"))
    config = load_city(plan_dir)
    plan = load_plan(plan_dir)
    if plan.info.year != config.city.year:
        raise InputRefused(msg("city.year_differs", path=city_file(plan_dir), year=config.city.year,
                               plan_year=plan.info.year), msg("city.year_differs.hint"))
    if config.decomposition is None:
        decomp = Decomposition(file="(none)", parts=[])
    else:
        decomp = read_decomposition(plan_dir / config.decomposition, config, plan)
    return City(config, plan, decomp, plan_dir, root or plan_dir.parent)


def check_city(plan_dir: Path, root: Path | None = None) -> list[Problem]:
    """What `liupi check` says about a city workspace beyond its plan: the settings, the decomposition table
    against the city plan and each county's plan, the parts of additive kinds against the city target."""
    if not is_city(plan_dir):
        return []
    label = str(city_file(plan_dir))
    try:
        city = open_city(plan_dir, root)
    except LiupiError as exc:
        if isinstance(exc, PlanInvalid):  # the plan's own problems are listed by the plan check already
            return [p for p in exc.problems if p.file == label]
        return [Problem(label, None, "", exc.message, exc.hint)]
    out: list[Problem] = []
    plans: dict[str, Plan | None] = {}
    for c in city.config.counties:
        try:
            plans.update({c.id: county_plans_one(city, c.id)})
        except LiupiError as exc:
            out.append(Problem(label, None, f"counties.{c.id}", msg("city.source_problem", source=c.source,
                                                                     what=exc.message), exc.hint))
            plans[c.id] = None
        if plans.get(c.id) is not None and plans[c.id].info.id != c.plan:
            out.append(Problem(label, None, f"counties.{c.id}", msg("city.source_other_plan", source=c.source,
                                                                     plan=plans[c.id].info.id, expected=c.plan),
                               msg("city.source_other_plan.hint")))
    files = [c.id for c in city.config.counties if not (city.root / c.source).is_dir()]
    if files:
        out.append(Problem(label, None, "counties", msg("city.files_only", count=len(files), ids=", ".join(files)),
                           severity="warning"))
    rules = {r.indicator for r in city.config.scoring.rules} | {r.growth for r in city.config.scoring.rules if r.growth}
    for ind in sorted(rules - set(city.plan.indicators)):
        out.append(Problem(label, None, "scoring.rules", msg("city.rule_unknown", indicator=ind),
                           msg("city.rule_unknown.hint")))
    for ind in sorted(rules & set(city.plan.indicators) - {p.indicator for p in city.decomposition.parts}):
        out.append(Problem(label, None, "scoring.rules", msg("city.rule_not_decomposed", indicator=ind),
                           msg("city.rule_not_decomposed.hint")))
    return out + check_decomposition(city.decomposition, city.plan, plans, city.config)


def county_plans_one(city: City, county_id: str) -> Plan | None:
    c = city.config.county(county_id)
    source = city.root / c.source  # type: ignore[union-attr]
    if not source.is_dir():
        return None
    from liupi_cli.workspace import find_workspace

    return load_plan(find_workspace(source, {}, source).path)
