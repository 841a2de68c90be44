"""The city's settings file, ``data/city.yaml``: the city, its counties, the decomposition table it uses and
the scoring rules of its 考核办法.

    city: {name_zh: 永州市, year: 2023, issuer: 永州市人民政府办公室, recipients: 各县区人民政府}
    counties:
      - {id: lingling, name_zh: 零陵区, class: 重点开发区, plan: lingling-2023, source: counties/lingling}
    decomposition: decomposition.xlsx   # beside city.yaml: city indicator × county -> the county's target
    levels: {gdp_growth: gdp}           # a growth rate's level: the city's rate recomputed from the counties'
    scoring:
      by_class: false                   # true: counties are scored and placed within their class
      rules:
        - {indicator: gdp, method: efficacy_split, growth: gdp_growth, level_share: 0.4, points: 20}
        - {indicator: retail, method: contest, points: 10}
        - {indicator: jobs, method: completion, points: 10, proportional: true}
        - {indicator: gdp_growth, method: completion_contest, points: 4, contest_points: 6}
        - {indicator: fai_growth, method: versus_average, step: 0.1, per_step: 0.1, bonus_cap: 2, deduction_cap: 2}
      class_points:                     # an indicator's points for counties of a class (四川: same indicators,
        重点生态功能区: {gdp: 10}        # other weights by 主体功能区)
    adjustments:                        # points added or deducted in a month, with the reason
      - {county: lingling, month: 2023-06, points: -0.5, reason: 市政府月度约谈}

A county's ``source`` is its workspace folder or a file written by ``liupi export --format json`` (received by
mail or USB), relative to city.yaml's workspace folder (the one holding liupi.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from liupi_cli.errors import PlanInvalid, Problem
from liupi_cli.messages import Msg, msg
from liupi_cli.models import ID_PATTERN
from liupi_cli.yamlfile import format_path, load_yaml

CITY_FILE = "city.yaml"
Method = Literal["contest", "efficacy", "efficacy_split", "completion", "completion_contest", "versus_average"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=True)


class CityInfo(_Strict):
    name_zh: str
    year: int = Field(ge=2000, le=2100)
    issuer: str | None = None  # 落款: the office that sends the 排名通报
    recipients: str | None = None  # 主送


class County(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str
    klass: str | None = Field(None, alias="class")
    plan: str  # the county plan's id, as its store and its exported files name it
    source: str  # its workspace folder, or its exported .json file


class Rule(_Strict):
    indicator: str
    method: Method
    points: float = Field(0.0, ge=0)  # versus_average adds or deducts and has no points of its own
    growth: str | None = None  # efficacy_split: the growth indicator (``indicator`` is the level)
    level_share: float = Field(0.4, ge=0, le=1)
    proportional: bool = False  # completion: the share reached when not met
    contest_points: float = Field(0.0, ge=0)  # completion_contest: ranked among the counties beyond their target
    step: float = Field(0.1, gt=0)  # versus_average: percentage points per step
    per_step: float = Field(0.1, ge=0)
    bonus_cap: float | None = Field(None, ge=0)
    deduction_cap: float | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _per_method(self) -> Rule:
        if self.method == "efficacy_split" and not self.growth:
            raise ValueError(msg("city.rule_needs_growth"))
        if self.method != "versus_average" and self.points <= 0:
            raise ValueError(msg("city.rule_needs_points", method=self.method))
        if self.method == "completion_contest" and self.contest_points <= 0:
            raise ValueError(msg("city.rule_needs_contest_points"))
        return self


class Adjustment(_Strict):
    """Points added or deducted for one county in one month, with the reason
    (滁州: 受到市政府月度约谈的，每次扣0.5分)."""

    county: str
    month: str = Field(pattern=r"^\d{4}-\d{2}$")  # 2023-06
    points: float  # below 0: a deduction
    reason: str


class Scoring(_Strict):
    by_class: bool = False
    rules: list[Rule] = Field(default_factory=list)
    class_points: dict[str, dict[str, float]] = Field(default_factory=dict)

    def points(self, rule: Rule, klass: str | None) -> float:
        return self.class_points.get(klass or "", {}).get(rule.indicator, rule.points)


class CityConfig(_Strict):
    city: CityInfo
    counties: list[County]
    decomposition: str | None = None
    levels: dict[str, str] = Field(default_factory=dict)  # growth indicator -> its level: a city rate recomputed
    scoring: Scoring = Field(default_factory=Scoring)
    adjustments: list[Adjustment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> CityConfig:
        seen: set[str] = set()
        for c in self.counties:
            if c.id in seen:
                raise ValueError(msg("city.county_twice", county=c.id))
            seen.add(c.id)
        for a in self.adjustments:
            if a.county not in seen:
                raise ValueError(msg("city.adjustment_unknown", county=a.county))
        return self

    def county(self, county_id: str) -> County | None:
        return next((c for c in self.counties if c.id == county_id), None)


def city_file(plan_dir: Path) -> Path:
    return Path(plan_dir) / CITY_FILE


def is_city(plan_dir: Path) -> bool:
    return city_file(plan_dir).is_file()


def _said(err: dict) -> str:
    """A validation error as said to the user: the catalogue message a rule of this file raised, else pydantic's."""
    raised = (err.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Msg):
        return raised.args[0]
    return err["msg"].removeprefix("Value error, ")


def load_city(plan_dir: Path, label: str | None = None) -> CityConfig:
    """Read data/city.yaml; PlanInvalid with every problem located (file:line: path: message)."""
    path = city_file(plan_dir)
    label = label or str(path)
    data, lines, problems = load_yaml(path, label)
    try:
        config = CityConfig.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(Problem(label, lines.line(loc), format_path(loc), _said(err)))
        raise PlanInvalid(problems) from None
    if any(p.severity == "error" for p in problems):
        raise PlanInvalid(problems)
    return config
