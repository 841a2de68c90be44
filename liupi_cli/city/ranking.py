"""The 排名通报: each county's score on each rule of the city's 考核办法 with its working, its total, its
place (位次) and its move (进位/退位) against the previous month, and the top three named.

Places by total: counties with the same total share the higher place and the places after them are skipped
(1, 2, 2, 4); within a place counties are listed in city.yaml's order. With ``scoring.by_class`` counties are
scored and placed within their class. A county's points on a rule come from ``class_points`` for its class,
else the rule's points. A cumulative target is compared at 序时进度 (annual target × months ÷ 12) by the
目标完成 method. ``versus_average`` compares with the city's own recorded figure for the period, else with
the roll-up where one can be made.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from liupi_cli.city import scoring
from liupi_cli.city.config import CityConfig, County, Rule
from liupi_cli.city.decomposition import Decomposition
from liupi_cli.city.rollup import FigureIndex, Rollup, build_rollup, figure_period
from liupi_cli.city.scoring import Scored, num
from liupi_cli.models import Comparator, Indicator, Kind
from liupi_cli.periods import Period
from liupi_cli.plan import Plan

PRO_RATA = {"en": "序时 target {t}×{m}/12; ", "zh": "序时目标 {t}×{m}/12；"}
TIE_RULE = "equal totals share the higher place; the places after them are skipped (1, 2, 2, 4)"


class RuleScore(BaseModel):
    indicator: str
    name_zh: str
    method: str
    period: str | None
    value: float | None
    points: float  # what the county earned
    full: float  # the rule's points for this county (0 for versus_average: an adjustment)
    place: int | None = None
    working: str
    flag: str | None = None


class CountyRank(BaseModel):
    county: str
    name_zh: str
    klass: str | None
    total: float
    place: int
    tied: bool
    previous_place: int | None
    move: int | None  # previous place − place: above 0 进位, below 0 退位, 0 持平, None no previous ranking
    scores: list[RuleScore]
    flags: list[str]  # indicators with no figure (未报), capped, …


class RuleLine(BaseModel):
    """One rule of the 考核办法 as the circular states it: what is scored, how, for how many points."""

    indicator: str
    name_zh: str
    method: str
    points: float
    class_points: dict[str, float]  # other points for a class of counties
    details: dict[str, float | str | bool | None]  # the method's own settings (growth, level_share, caps…)


class Ranking(BaseModel):
    city: str
    year: int
    period: str
    label_zh: str
    previous_period: str | None
    by_class: bool
    tie_rule: str
    counties: list[CountyRank]
    top_three: list[str]
    rules: list[RuleLine]
    rollup: Rollup
    issuer: str | None
    recipients: str | None


def higher_is_better(plan: Plan, indicator: str) -> bool:
    ind = plan.indicators[indicator]
    return not (ind.kind is Kind.ceiling or ind.comparator is Comparator.at_most)


def _move(prev: int | None, place: int) -> int | None:
    return None if prev is None else prev - place


def previous_month(month: Period) -> Period | None:
    """The month before (March's is 1–2月, reported together); none before 1–2月."""
    if month.months <= 2:
        return None
    return Period(month.year, 2 if month.months == 3 else month.months - 1, "month")


class _RuleRun(BaseModel):
    """One rule scored over a group of counties in a month: what each scoring step needs."""

    rule: Rule
    values: dict[str, float | None]  # each county's figure for the rule's period (None: not collected)
    full: dict[str, float]  # each county's points on the rule (its class's, else the rule's)
    better: bool  # higher is better
    lang: str


def _by_points(run: _RuleRun, score: Callable[[float], list[Scored]]) -> dict[str, Scored]:
    """Score the group once per distinct points value (class points), each county taking its own points' scores."""
    scored: dict[str, Scored] = {}
    for pts in set(run.full.values()):
        scored.update({s.county: s for s in score(pts) if run.full[s.county] == pts})
    return scored


def _targets_at(rule: Rule, ind: Indicator, decomp: Decomposition, ids: list[str], month: Period,
                lang: str) -> tuple[dict[str, float | None], dict[str, str]]:
    """Each county's decomposed target as compared in ``month`` (an amount at 序时进度: target × months ÷ 12),
    with the note that says so."""
    part = decomp.part(rule.indicator)
    targets: dict[str, float | None] = {c: part.targets.get(c) if part else None for c in ids}
    notes: dict[str, str] = {}
    if ind.kind is Kind.cumulative and month.months < 12:
        for c, t in targets.items():
            if t is not None:
                notes[c], targets[c] = PRO_RATA[lang].format(t=num(t), m=month.months), t * month.months / 12
    return targets, notes


def _noted(scored: dict[str, Scored], notes: dict[str, str]) -> dict[str, Scored]:
    """The 序时 note before the working of each county that has a figure."""
    return {c: s.model_copy(update={"working": notes[c] + s.working}) if c in notes and s.value is not None else s
            for c, s in scored.items()}


def _score_rule(rule: Rule, group: list[County], config: CityConfig, plan: Plan, decomp: Decomposition,
                index: FigureIndex, month: Period, city_value: float | None, lang: str) -> dict[str, RuleScore]:
    ind = plan.indicators[rule.indicator]
    period = figure_period(ind, month)
    ids = [c.id for c in group]
    run = _RuleRun(rule=rule, values=index.at(rule.indicator, period, ids),
                   better=higher_is_better(plan, rule.indicator),
                   full={c.id: config.scoring.points(rule, c.klass) for c in group}, lang=lang)
    if rule.method in ("completion", "completion_contest"):
        targets, notes = _targets_at(rule, ind, decomp, ids, month, lang)
        scored = _noted(_score_against_targets(run, targets), notes)
    elif rule.method == "versus_average":
        scored = {c: scoring.versus_average(c, v, city_value, step=rule.step, per_step=rule.per_step,
                                            bonus_cap=rule.bonus_cap, deduction_cap=rule.deduction_cap,
                                            higher_is_better=run.better, lang=lang) for c, v in run.values.items()}
    else:
        growth = index.at(rule.growth, figure_period(plan.indicators[rule.growth], month), ids) if rule.growth else {}
        scored = _score_placed(run, growth)
    return {c: RuleScore(indicator=rule.indicator, name_zh=ind.name_zh, method=rule.method,
                         period=period.key if period else None, value=s.value, points=s.points,
                         full=0.0 if rule.method == "versus_average" else run.full[c], place=s.place, working=s.working,
                         flag=s.flag) for c, s in scored.items()}


def _score_placed(run: _RuleRun, growth: dict[str, float | None]) -> dict[str, Scored]:
    """The methods that compare the counties with one another: 争先进位, 功效系数 (one figure, or level + growth)."""
    rule, v, better, lang = run.rule, run.values, run.better, run.lang
    if rule.method == "contest":
        return _by_points(run, lambda pts: scoring.contest(v, pts, better, lang))
    if rule.method == "efficacy":
        return _by_points(run, lambda pts: scoring.efficacy(v, pts, better, lang))
    return _by_points(run, lambda pts: scoring.efficacy_split(v, growth, pts, rule.level_share, better, lang))


def _score_against_targets(run: _RuleRun, targets: dict[str, float | None]) -> dict[str, Scored]:
    """The methods that compare each county with its own decomposed target: 目标完成 (and its 争先进位 part)."""
    rule, lang = run.rule, run.lang
    if rule.method == "completion_contest":
        return _by_points(run, lambda pts: scoring.completion_contest(run.values, targets, pts, rule.contest_points,
                                                                      run.better, lang))
    return {c: scoring.completion(c, v, targets[c], run.full[c], at_most=not run.better,
                                  proportional=rule.proportional, lang=lang) for c, v in run.values.items()}


def _rule_lines(config: CityConfig, plan: Plan) -> list[RuleLine]:
    keep = {"efficacy_split": ("growth", "level_share"), "completion": ("proportional",),
            "completion_contest": ("contest_points",),
            "versus_average": ("step", "per_step", "bonus_cap", "deduction_cap")}
    return [RuleLine(indicator=r.indicator, name_zh=plan.indicators[r.indicator].name_zh, method=r.method,
                     points=r.points, details={k: plan.indicators[r.growth].name_zh if k == "growth" and r.growth
                                               else getattr(r, k) for k in keep.get(r.method, ())},
                     class_points={k: v[r.indicator] for k, v in config.scoring.class_points.items()
                                   if r.indicator in v}) for r in config.scoring.rules]


def _adjustments(config: CityConfig, county: str, month: Period) -> list[RuleScore]:
    """The month's points added or deducted for the county (约谈…), each a line of its own."""
    return [RuleScore(indicator="", name_zh=a.reason, method="adjustment", period=month.key, value=None,
                      points=scoring.r2(a.points), full=0.0, working=f"{a.reason} {'+' if a.points >= 0 else '−'}"
                      f"{num(abs(a.points))}")
            for a in config.adjustments if a.county == county and a.month == month.key]


def _city_value(rule: Rule, plan: Plan, month: Period, city_figures: dict[tuple[str, str], float],
                rollup: Rollup) -> float | None:
    period = figure_period(plan.indicators[rule.indicator], month)
    if period is None:
        return None
    if (rule.indicator, period.key) in city_figures:
        return city_figures[(rule.indicator, period.key)]
    row = next((r for r in rollup.rows if r.indicator == rule.indicator), None)
    return row.total if row else None


def _places(totals: dict[str, float]) -> dict[str, tuple[int, bool]]:
    rounded = {c: scoring.r2(t) for c, t in totals.items()}
    return {c: (1 + sum(1 for w in rounded.values() if w > v), sum(1 for w in rounded.values() if w == v) > 1)
            for c, v in rounded.items()}


def _groups(config: CityConfig) -> list[list[County]]:
    if not config.scoring.by_class:
        return [list(config.counties)]
    out: dict[str | None, list[County]] = {}
    for c in config.counties:
        out.setdefault(c.klass, []).append(c)
    return list(out.values())


def _totals(config, plan, decomp, index, month, city_figures, rollup,
            lang: str) -> dict[str, tuple[float, list[RuleScore]]]:
    out: dict[str, tuple[float, list[RuleScore]]] = {}
    for group in _groups(config):
        per_rule = [_score_rule(rule, group, config, plan, decomp, index, month,
                                _city_value(rule, plan, month, city_figures, rollup), lang)
                    for rule in config.scoring.rules]
        for c in group:
            scores = [r[c.id] for r in per_rule] + _adjustments(config, c.id, month)
            out[c.id] = (scoring.r2(sum(s.points for s in scores)), scores)
    return out


def _placed(config: CityConfig, totals: dict[str, tuple[float, list[RuleScore]]]) -> dict[str, tuple[int, bool]]:
    placed: dict[str, tuple[int, bool]] = {}
    for group in _groups(config):
        placed.update(_places({c.id: totals[c.id][0] for c in group}))
    return placed


def build_ranking(config: CityConfig, plan: Plan, decomp: Decomposition, index: FigureIndex, month: Period,
                  city_figures: dict[tuple[str, str], float] | None = None, lang: str = "en") -> Ranking:
    """The ranking of ``month``; ``lang`` (en or zh) is the language of each score's working."""
    city_figures = city_figures or {}
    rollup = build_rollup(config, plan, decomp, index, month, lang)
    totals = _totals(config, plan, decomp, index, month, city_figures, rollup, lang)
    placed = _placed(config, totals)
    prev = previous_month(month)
    prev_placed: dict[str, tuple[int, bool]] = {}
    if prev is not None and index.has_period(prev):
        prev_rollup = build_rollup(config, plan, decomp, index, prev, lang)
        prev_placed = _placed(config, _totals(config, plan, decomp, index, prev, city_figures, prev_rollup, lang))
    order = {c.id: i for i, c in enumerate(config.counties)}
    rows = []
    for c in config.counties:
        total, scores = totals[c.id]
        place, tied = placed[c.id]
        previous = prev_placed.get(c.id, (None, False))[0]
        flags = [f"{s.name_zh}: {s.flag}" for s in scores if s.flag]
        rows.append(CountyRank(county=c.id, name_zh=c.name_zh, klass=c.klass, total=total, place=place, tied=tied,
                               previous_place=previous, move=_move(previous, place), scores=scores, flags=flags))
    rows.sort(key=lambda r: (r.klass or "", r.place, order[r.county]) if config.scoring.by_class
              else (r.place, order[r.county]))
    top = [r.name_zh for r in rows if r.place <= 3]
    return Ranking(rules=_rule_lines(config, plan), city=config.city.name_zh, year=config.city.year, period=month.key,
                   label_zh=month.label_zh,
                   previous_period=prev.key if prev is not None and prev_placed else None,
                   by_class=config.scoring.by_class, tie_rule=TIE_RULE, counties=rows, top_three=top, rollup=rollup,
                   issuer=config.city.issuer, recipients=config.city.recipients)
