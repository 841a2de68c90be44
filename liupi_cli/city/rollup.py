"""Roll-up: the city's figure for each decomposed indicator from its counties' figures.

- amounts and counts (cumulative, zero_events) are added up, when every county has a figure; otherwise no
  total is given and the counties without one are named (missing is never zero);
- a growth rate whose level is known (city.yaml ``levels:``, e.g. gdp_growth: gdp) is recomputed from the
  levels: Σ level ÷ Σ (level ÷ (1 + rate)) − 1, when every county has both;
- anything else (levels such as 优良率, ceilings, shares) is not aggregated, and the row says so.
"""

from __future__ import annotations

from pydantic import BaseModel

from liupi_cli.city.collected import Collected
from liupi_cli.city.config import CityConfig
from liupi_cli.city.decomposition import ADDITIVE, Decomposition
from liupi_cli.city.scoring import num
from liupi_cli.frequency import Frequency
from liupi_cli.models import Indicator, Kind
from liupi_cli.periods import Period
from liupi_cli.plan import Plan


class RollupRow(BaseModel):
    indicator: str
    name_zh: str
    kind: str
    unit: str | None
    period: str | None  # the figure's period (a quarter for a quarterly indicator), None: none due yet
    city_target: float | None
    total: float | None
    reported: int
    counties: int
    missing: list[str]
    how: str  # how the total was made, or why there is none


class Rollup(BaseModel):
    period: str
    rows: list[RollupRow]


def figure_period(ind: Indicator, month: Period) -> Period | None:
    """The period whose figure stands for ``month``: the month; the latest quarter for a quarterly
    indicator; the year for an annual one at December. None: no figure is due yet."""
    if ind.frequency is Frequency.quarterly:
        q = month.months // 3 * 3
        return Period(month.year, q, "quarter") if q else None
    if ind.frequency is Frequency.annual:
        return Period(month.year, 12, "year") if month.months == 12 else None
    return month


class FigureIndex:
    """The collected figures by (indicator, period): one pass over them, then each look-up is a dict get."""

    def __init__(self, figures: list[Collected]):
        self._by: dict[tuple[str, str], dict[str, float]] = {}
        for f in figures:
            if not f.baseline:
                self._by.setdefault((f.indicator, f.period), {})[f.county] = f.value

    def has_period(self, period: Period) -> bool:
        """Whether any figure is collected for ``period`` (so a ranking of it can be made)."""
        return any(key == period.key for _, key in self._by)

    def at(self, indicator: str, period: Period | None, counties: list[str]) -> dict[str, float | None]:
        got = self._by.get((indicator, period.key), {}) if period else {}
        return {c: got.get(c) for c in counties}


HOW = {
    "en": {"not_due": "no {freq} figure due by {month}", "sum": "sum of {n} counties",
           "partial": "no total: {k} county(ies) without a figure; the {r} that reported add up to {partial}",
           "not_aggregated": "not aggregated: a {kind} does not add up across counties",
           "name_level": " (city.yaml levels: names its level to recompute it)",
           "lacking": "not recomputed: {k} county(ies) lack the rate or the level ({level})",
           "no_base": "not recomputed: the base is not above 0",
           "recomputed": "recomputed from levels ({level}): {now} ÷ {base} − 1 = {rate}%"},
    "zh": {"not_due": "截至{month}无应报数据（{freq}）", "sum": "{n}个县（市、区）合计",
           "partial": "不合计：{k}个县（市、区）未报；已报{r}个合计{partial}",
           "not_aggregated": "不汇总：{kind}类指标不能跨县相加",
           "name_level": "（在 city.yaml 的 levels 中指明其总量指标即可重算）",
           "lacking": "不重算：{k}个县（市、区）缺增速或总量（{level}）", "no_base": "不重算：基数不大于0",
           "recomputed": "由总量（{level}）重算：{now} ÷ {base} − 1 = {rate}%"},
}


KIND_ZH = {"growth_rate": "增速", "level": "水平", "ceiling": "上限", "ranking": "排位", "milestone": "节点",
           "standard_raised": "标准", "double_decline": "双下降"}


def build_rollup(config: CityConfig, plan: Plan, decomp: Decomposition, index: FigureIndex, month: Period,
                 lang: str = "en") -> Rollup:
    """The city's figure of each decomposed indicator for ``month``; ``how`` says in ``lang`` how it was made."""
    h = HOW[lang]
    counties = [c.id for c in config.counties]
    names = {c.id: c.name_zh for c in config.counties}
    rows = []
    for part in decomp.parts:
        ind = plan.indicators[part.indicator]
        period = figure_period(ind, month)
        values = index.at(part.indicator, period, counties)
        missing = [names[c] for c, v in values.items() if v is None]
        total, how = None, ""
        if period is None:
            how = h["not_due"].format(freq=ind.frequency.value, month=month.key)
        elif ind.kind in ADDITIVE:
            if missing:
                partial = sum(v for v in values.values() if v is not None)
                how = h["partial"].format(k=len(missing), r=len(counties) - len(missing), partial=num(partial))
            else:
                total = sum(v for v in values.values() if v is not None)
                how = h["sum"].format(n=len(counties))
        elif ind.kind is Kind.growth_rate and part.indicator in config.levels:
            total, how = _recomputed(values, index.at(config.levels[part.indicator], period, counties),
                                     config.levels[part.indicator], h)
        else:
            how = h["not_aggregated"].format(kind=KIND_ZH.get(ind.kind.value, ind.kind.value) if lang == "zh"
                                             else ind.kind.value)
            if ind.kind is Kind.growth_rate:
                how += h["name_level"]
        rows.append(RollupRow(indicator=part.indicator, name_zh=ind.name_zh, kind=ind.kind.value, unit=part.unit,
                              period=period.key if period else None, city_target=part.city_target, total=total,
                              reported=len(counties) - len(missing), counties=len(counties), missing=missing, how=how))
    return Rollup(period=month.key, rows=rows)


def _recomputed(rates: dict[str, float | None], levels: dict[str, float | None], level_id: str,
                h: dict[str, str]) -> tuple[float | None, str]:
    lacking = [c for c in rates if rates[c] is None or levels.get(c) is None]
    if lacking:
        return None, h["lacking"].format(k=len(lacking), level=level_id)
    now = sum(levels[c] for c in rates)  # type: ignore[misc]
    base = sum(levels[c] / (1 + rates[c] / 100) for c in rates)  # type: ignore[operator]
    if base <= 0:
        return None, h["no_base"]
    rate = (now / base - 1) * 100
    return rate, h["recomputed"].format(level=level_id, now=num(now), base=num(base), rate=num(rate))
