"""Scoring methods of published 考核办法, as pure functions: each county's points with the working written out.

Every function takes the counties' figures (``None`` for a county that reported none) and returns one
``Scored`` per county, in the order given. A county with no figure scores 0 under every method and is
flagged ``no_figure`` (未报): missing is never taken for a figure. Numbers in the working are rounded to
2 decimals half-up, as a circular prints them; the points are computed unrounded and rounded once.
Where each method comes from, and what the published texts leave unsaid, is in docs/city.md.

- ``contest`` 争先进位计分法 (《经济发展指标月度评估办法》三): 1st place 100% of the points, 2nd 95%, 3rd 90%,
  then 5% less per place (never below 0). Ties (the 办法 is silent): counties with the same figure share the
  higher place and the places after them are skipped (1, 2, 2, 4).
- ``efficacy`` 功效系数法 (滁州 一(二)1): 60 + 40 × (x − min) ÷ (max − min) over the counties with a figure (for
  an indicator where lower is better, (max − x) ÷ (max − min)); when every figure is the same, each scores 100.
  ``efficacy_split`` mixes a level and a growth part (滁州: 静态 40%, 动态 60%).
- ``completion`` 目标完成计分法 (《经济发展指标月度评估办法》三): the target met earns the full points,
  otherwise 0, or with ``proportional`` the share reached (x ÷ target; target ÷ x for a ceiling), never above
  the full points.
- ``completion_contest`` 目标完成+争先进位 (the same 办法, 三, its 地区生产总值增幅 rule): the target met earns
  ``points``; the counties beyond their target are placed among themselves for ``contest_points`` more.
- ``versus_average`` against the city's figure (滁州 一(二)2): ± ``per_step`` points for each whole ``step``
  percentage points above or below (the part short of a whole step earns nothing), the bonus and the
  deduction each capped when the city sets a cap (滁州 sets none).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from pydantic import BaseModel

CONTEST_STEP = 0.05  # 5% less per place after the first
# The words of the working, by message id: the numbers and the formula are the same in either language.
WORDS = {
    "en": {"place": "place {n}", "tied": " (tied)", "no_figure": "no figure (未报): 0", "all_equal": "all {v}: 100",
           "level": "level", "growth": "growth", "part_missing": "{part}: no figure (未报) 0",
           "no_target": "no target decomposed: 0", "met": "met, {p}", "not_met": "not met, 0",
           "no_city": "no city figure to compare with: 0", "capped": ", capped at {cap}", "points": "points",
           "sep": "; ", "colon": ": ", "over": "above the target, place {n}", "not_over": "not above the target: 0",
           "sum": "total"},
    "zh": {"place": "第{n}名", "tied": "（并列）", "no_figure": "未报：0", "all_equal": "均为{v}：100",
           "level": "水平", "growth": "增速", "part_missing": "{part}未报 0", "no_target": "无分解目标：0",
           "met": "完成，{p}", "not_met": "未完成，0", "no_city": "无全市数据可比：0", "capped": "，封顶{cap}",
           "points": "个百分点", "sep": "；", "colon": "：", "over": "超过目标第{n}名", "not_over": "未超过目标：0",
           "sum": "合计"},
}


class Scored(BaseModel):
    county: str
    value: float | None
    points: float  # rounded to 2 decimals
    working: str
    place: int | None = None  # contest: the county's place on this indicator
    tied: bool = False
    flag: str | None = None  # no_figure | capped | no_city_figure


def r2(x: float) -> float:
    """Half-up (away from zero) to 2 decimals, as offices round: 2.675 -> 2.68, where round() gives 2.67 (the
    float just below 2.675). A nudge far below a cent does it, for any figure a plan holds (under 10⁶)."""
    return round(x + math.copysign(1e-9, x), 2) + 0.0  # + 0.0: no -0.0


def num(x: float) -> str:
    """A number as the working prints it: at most 2 decimals, no trailing zeros (63.5, 9.5, 100)."""
    text = f"{r2(x):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sub(a: float, b: float) -> str:
    """``a−b`` as the working shows it, a negative figure in brackets: (−1.2)−(−3)."""
    def term(x: float) -> str:
        return f"({num(x).replace('-', '−')})" if x < 0 else num(x)

    return f"{term(a)}−{term(b)}"


def pct(share: float) -> str:
    return f"{num(share * 100)}%"


def _missing(county: str, lang: str = "en") -> Scored:
    return Scored(county=county, value=None, points=0.0, working=WORDS[lang]["no_figure"], flag="no_figure")


def places(values: dict[str, float | None], higher_is_better: bool = True) -> dict[str, tuple[int, bool]]:
    """Each county with a figure -> (place, tied): one more than the number of strictly better figures."""
    present = sorted(((v, c) for c, v in values.items() if v is not None), reverse=higher_is_better)
    out: dict[str, tuple[int, bool]] = {}
    for i, (v, c) in enumerate(present):
        if i and present[i - 1][0] == v:
            out[c] = (out[present[i - 1][1]][0], True)
            out[present[i - 1][1]] = (out[c][0], True)
        else:
            out[c] = (i + 1, False)
    return out


def _each(values: dict[str, float | None], lang: str, score: Callable[[str, float], Scored]) -> list[Scored]:
    """``score`` of each county with a figure; a county without one scores 0, flagged 未报 (no_figure)."""
    return [_missing(county, lang) if value is None else score(county, value) for county, value in values.items()]


def contest_share(place: int) -> float:
    """争先进位: the share of the points a place earns, 100% − 5% a place after the first, never below 0."""
    return max(0.0, 1 - CONTEST_STEP * (place - 1))


def contest(values: dict[str, float | None], points: float, higher_is_better: bool = True,
            lang: str = "en") -> list[Scored]:
    """争先进位计分法: place p earns points × (100% − 5% × (p − 1)), at least 0."""
    w = WORDS[lang]
    at = places(values, higher_is_better)

    def one(county: str, value: float) -> Scored:
        place, tied = at[county]
        share = contest_share(place)
        label = w["place"].format(n=place) + (w["tied"] if tied else "")
        return Scored(county=county, value=value, points=r2(points * share), place=place, tied=tied,
                      working=f"{label}{w['colon']}{num(points)}×{pct(share)} = {num(points * share)}")

    return _each(values, lang, one)


def efficacy_values(values: dict[str, float | None], higher_is_better: bool = True,
                    lang: str = "en") -> dict[str, tuple[float, str]]:
    """功效系数 of each county with a figure -> (60..100, its working)."""
    present = {c: v for c, v in values.items() if v is not None}
    if not present:
        return {}
    lo, hi = min(present.values()), max(present.values())
    out = {}
    for c, v in present.items():
        if hi == lo:
            out[c] = (100.0, WORDS[lang]["all_equal"].format(v=num(v)))
            continue
        top, bottom = (v - lo, hi - lo) if higher_is_better else (hi - v, hi - lo)
        e = 60 + 40 * top / bottom
        shown = f"({sub(v, lo)})" if higher_is_better else f"({sub(hi, v)})"
        out[c] = (e, f"60 + 40×{shown}/({sub(hi, lo)}) = {num(e)}")
    return out


def efficacy(values: dict[str, float | None], points: float, higher_is_better: bool = True,
             lang: str = "en") -> list[Scored]:
    """功效系数法 on one figure: points × e ÷ 100."""
    e = efficacy_values(values, higher_is_better, lang)

    def one(county: str, value: float) -> Scored:
        coef, working = e[county]
        return Scored(county=county, value=value, points=r2(points * coef / 100),
                      working=f"{working}{WORDS[lang]['sep']}{num(points)}×{num(coef)}% = {num(points * coef / 100)}")

    return _each(values, lang, one)


def efficacy_split(level: dict[str, float | None], growth: dict[str, float | None], points: float,
                   level_share: float = 0.4, higher_is_better: bool = True, lang: str = "en") -> list[Scored]:
    """功效系数法 on a level and a growth figure, mixed ``level_share`` : 1 − ``level_share``.

    A county missing one part scores 0 on that part (flagged); missing both, 0.
    """
    w = WORDS[lang]
    el, eg = efficacy_values(level, higher_is_better, lang), efficacy_values(growth, higher_is_better, lang)
    out = []
    for county in level:
        lv, gv = level.get(county), growth.get(county)
        if lv is None and gv is None:
            out.append(_missing(county, lang))
            continue
        l_coef, l_work = el[county] if county in el else (0.0, w["part_missing"].format(part=w["level"]))
        g_coef, g_work = eg[county] if county in eg else (0.0, w["part_missing"].format(part=w["growth"]))
        if county in el:
            l_work = f"{w['level']} {l_work}"
        if county in eg:
            g_work = f"{w['growth']} {g_work}"
        mixed = level_share * l_coef + (1 - level_share) * g_coef
        sep = w["sep"]
        working = (f"{l_work}{sep}{g_work}{sep}{num(level_share)}×{num(l_coef)} + "
                   f"{num(1 - level_share)}×{num(g_coef)} = {num(mixed)}{sep}{num(points)}×{num(mixed)}% = "
                   f"{num(points * mixed / 100)}")
        out.append(Scored(county=county, value=lv, points=r2(points * mixed / 100), working=working,
                          flag="no_figure" if lv is None or gv is None else None))
    return out


def completion(county: str, value: float | None, target: float | None, points: float, *, at_most: bool = False,
               proportional: bool = False, lang: str = "en") -> Scored:
    """目标完成计分法: met -> the full points; not met -> 0, or the share reached when ``proportional``."""
    w = WORDS[lang]
    if value is None:
        return _missing(county, lang)
    if target is None:
        return Scored(county=county, value=value, points=0.0, working=w["no_target"], flag="no_target")
    met = value <= target if at_most else value >= target
    sign = ("≤" if met else ">") if at_most else ("≥" if met else "<")
    head = f"{num(value)} {sign} {num(target)}"
    if met:
        return Scored(county=county, value=value, points=r2(points),
                      working=f"{head}{w['colon']}{w['met'].format(p=num(points))}")
    if not proportional:
        return Scored(county=county, value=value, points=0.0, working=f"{head}{w['colon']}{w['not_met']}")
    if at_most:
        share, shown = (target / value if value > 0 else 0.0), f"{num(target)}/{num(value)}"
    else:
        share, shown = (max(0.0, value / target) if target > 0 else 0.0), f"{num(value)}/{num(target)}"
    share = min(1.0, share)
    return Scored(county=county, value=value, points=r2(points * share),
                  working=f"{head}{w['colon']}{num(points)}×{shown} = {num(points * share)}")


def completion_contest(values: dict[str, float | None], targets: dict[str, float | None], points: float,
                       contest_points: float, higher_is_better: bool = True, lang: str = "en") -> list[Scored]:
    """目标完成计分法+争先进位计分法 on one indicator: the target met earns ``points``; the counties beyond
    their target are then placed among themselves by their figure and earn ``contest_points`` × the 争先进位
    share of their place (1st 100%, 2nd 95%, …). Not met: 0; met exactly: ``points`` only."""
    w = WORDS[lang]
    beyond = {c: v for c, v in values.items() if v is not None and targets.get(c) is not None
              and (v > targets[c] if higher_is_better else v < targets[c])}  # type: ignore[operator]
    at = places(beyond, higher_is_better)

    def one(county: str, value: float) -> Scored:
        base = completion(county, value, targets.get(county), points, at_most=not higher_is_better, lang=lang)
        if base.flag or county not in at:  # no figure or no target; not met; met but not beyond the target
            tail = f"{w['sep']}{w['not_over']}" if base.points and not base.flag else ""
            return base.model_copy(update={"working": base.working + tail})
        place, tied = at[county]
        share = contest_share(place)
        label = w["over"].format(n=place) + (w["tied"] if tied else "")
        total = points + contest_points * share
        working = (f"{base.working}{w['sep']}{label}{w['colon']}{num(contest_points)}×{pct(share)} = "
                   f"{num(contest_points * share)}{w['sep']}{w['sum']} {num(total)}")
        return Scored(county=county, value=value, points=r2(total), working=working, place=place, tied=tied)

    return _each(values, lang, one)


def versus_average(county: str, value: float | None, city: float | None, *, step: float = 0.1,
                   per_step: float = 0.1, bonus_cap: float | None = None, deduction_cap: float | None = None,
                   higher_is_better: bool = True, lang: str = "en") -> Scored:
    """± ``per_step`` points per whole ``step`` percentage points above/below the city's figure, capped."""
    w = WORDS[lang]
    if value is None:
        return _missing(county, lang)
    if city is None:
        return Scored(county=county, value=value, points=0.0, working=w["no_city"],
                      flag="no_city_figure")
    diff = value - city if higher_is_better else city - value
    steps = math.trunc(round(diff / step, 9))  # whole steps only; round() first: 0.3/0.1 is 2.9999999999999996
    raw = steps * per_step
    adj, flag, note = raw, None, ""
    if bonus_cap is not None and raw > bonus_cap:
        adj, flag, note = bonus_cap, "capped", w["capped"].format(cap=f"+{num(bonus_cap)}")
    elif deduction_cap is not None and raw < -deduction_cap:
        adj, flag, note = -deduction_cap, "capped", w["capped"].format(cap=f"−{num(deduction_cap)}")
    shown = sub(value, city) if higher_is_better else sub(city, value)
    working = f"{shown} = {num(diff)} {w['points']}{w['colon']}{steps}×{num(per_step)} = {num(raw)}{note}"
    return Scored(county=county, value=value, points=r2(adj), working=working, flag=flag)
