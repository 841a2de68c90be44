"""What a figure of each kind can plausibly be, and the typo a figure outside it most likely is.

One function per kind of target answers "is this value plausible for this indicator?" with ``None`` or an
:class:`Implausible` naming the range it left. A refusal then names the likely slip — the decimal point
lost or moved (``54`` for 5.4, ``490`` for 49, ``9`` for 0.9‰) — found by shifting the decimal point until
the value lands inside the range. ``--force`` records the figure anyway. The table of ranges is in
docs/recording.md; what can never be a figure (NaN, a negative count, a growth below −100%) is refused in
``recording.sanity`` whatever ``--force`` says.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from liupi_cli.messages import Msg, msg
from liupi_cli.models import Indicator, Kind

GROWTH_SPAN = 50.0  # a growth rate within ±50% is plausible whatever the target …
TIMES = 3.0  # … and so is one within ±3 × its target; a total, a level, a cap or a standard up to 3 × its target
SHARE_MAX = 100.0  # a share in % is at most 100
# Units that count whole things: a fraction of an accident, a firm or a person is a typo.
COUNT_UNITS = frozenset({"起", "人", "家", "个", "项", "件", "名", "宗", "轮", "户", "类", "张", "次", "位", "批"})


@dataclass(frozen=True)
class Implausible:
    """Why a value is not plausible: ``what`` reads after the indicator id."""

    what: Msg
    low: float
    high: float
    hint: Msg | None = None  # a kind's own hint replaces the decimal-point slip (万元 typed for 亿元)


def _times(value: float, target: float) -> str:
    times = value / target
    return f"{times:.1f}" if times < 100 else f"{times:.0f}"


def _fraction(ind: Indicator, value: float, what: Msg) -> Implausible | None:
    """0.054 typed for 5.4% (or a General-format cell holding 0.092 for 9.2%): a percentage written as a
    fraction. Only a value under 1 that is under a third of the target while 100 × it is within a third … 3 ×
    the target: a real growth of 0.5% against 8% (50 × 8 would be 400%) passes."""
    target = ind.target
    if ind.unit != "%" or target is None or target <= 0 or not 0 < value < 1:
        return None
    low, high, meant = target / TIMES, TIMES * target, round(value * 100, 10)
    if value >= low or not low <= meant <= high:
        return None
    return Implausible(msg("plausible.fraction", value=f"{value:g}", what=what, target=f"{target:g}"),
                       low, high, msg("plausible.did_you_mean", meant=f"{meant:g}%"))


def growth(ind: Indicator, value: float) -> Implausible | None:
    fraction = _fraction(ind, value, msg("plausible.word.target"))
    if fraction:
        return fraction
    span = max(GROWTH_SPAN, TIMES * abs(ind.target or 0.0))
    if -span <= value <= span:
        return None
    said = {"value": f"{value:g}", "span": f"{span:g}"}
    what = (msg("plausible.growth_targeted", **said, target=f"{ind.target:g}") if ind.target is not None
            else msg("plausible.growth", **said))
    return Implausible(what, -span, span)


def _share(ind: Indicator, value: float) -> Implausible | None:
    if value <= SHARE_MAX:
        return None
    return Implausible(msg("plausible.over_100", value=f"{value:g}"), 0.0, SHARE_MAX)


def _amount(ind: Indicator, value: float, what: Msg) -> Implausible | None:
    """Not more than 3 × the target: an extra 0, or 万元 typed for 亿元, would light green at 1000%."""
    target, unit = ind.target, ind.unit or ""
    if target is None or target <= 0 or value <= TIMES * target:
        return None
    other = "万元" if unit.startswith("亿") else "元" if unit.startswith("万") else None
    hint = msg("plausible.extra_zero_unit", other=other, example=f"{value:g}{other}") if other else None
    return Implausible(_times_over(value, unit, what, target), 0.0, TIMES * target, hint)


def _times_over(value: float, unit: str, what: Msg, target: float) -> Msg:
    return msg("plausible.times", value=f"{value:g}", unit=unit, times=_times(value, target), what=what,
               target=f"{target:g}")


def _whole(ind: Indicator, value: float) -> Implausible | None:
    if (ind.unit or "") not in COUNT_UNITS or math.isclose(value, round(value), rel_tol=1e-9, abs_tol=1e-9):
        return None
    return Implausible(msg("plausible.not_whole", value=f"{value:g}", unit=ind.unit, name=ind.name_zh),
                       0.0, math.inf, msg("plausible.no_decimals"))


def cumulative(ind: Indicator, value: float) -> Implausible | None:
    return _whole(ind, value) or _amount(ind, value, msg("plausible.word.year_target"))


def level(ind: Indicator, value: float) -> Implausible | None:
    if ind.unit == "%":
        return _share(ind, value) or _fraction(ind, value, msg("plausible.word.year_target"))
    if ind.unit == "‰":
        return None  # 0…1000‰ is checked as impossible beyond
    return _whole(ind, value) or _amount(ind, value, msg("plausible.word.year_target"))


def ceiling(ind: Indicator, value: float) -> Implausible | None:
    """A cap (失业率5.5%, 火灾受害率0.9‰, 审批49个工作日) is seldom broken threefold: 54 for 5.4, 490 for 49."""
    cap = msg("plausible.word.cap")
    share = _share(ind, value) or _fraction(ind, value, cap) if ind.unit == "%" else None
    return share or _amount(ind, value, cap)


def counted(ind: Indicator, value: float) -> Implausible | None:
    """Events counted (零发生, 双下降): whole numbers."""
    return _whole(ind, value)


def milestone(ind: Indicator, value: float) -> Implausible | None:
    return _amount(ind, value, msg("plausible.word.year_target"))


def standard(ind: Indicator, value: float) -> Implausible | None:
    """A standard (低保 650元/月) is raised, not multiplied or cut to a third: 6500 or 65 for 650."""
    target, unit = ind.target, ind.unit or ""
    if target is None or target <= 0:
        return None
    new_standard = msg("plausible.word.new_standard")
    if value > TIMES * target:
        return Implausible(_times_over(value, unit, new_standard, target), target / TIMES, TIMES * target)
    if 0 < value < target / TIMES:
        return Implausible(msg("plausible.under_third", value=f"{value:g}", unit=unit, what=new_standard,
                               target=f"{target:g}"), target / TIMES, TIMES * target)
    return None


def ranking(ind: Indicator, value: float) -> Implausible | None:
    return None  # a rank is a whole position, 1 or more: checked as impossible beyond


PER_KIND: dict[Kind, Callable[[Indicator, float], Implausible | None]] = {
    Kind.growth_rate: growth,
    Kind.cumulative: cumulative,
    Kind.level: level,
    Kind.ceiling: ceiling,
    Kind.zero_events: counted,
    Kind.double_decline: counted,
    Kind.milestone: milestone,
    Kind.ranking: ranking,
    Kind.standard_raised: standard,
}


def slip(value: float, low: float, high: float) -> float | None:
    """The value with its decimal point moved (1 to 3 places) back inside [low, high]: 54 -> 5.4."""
    for places in (1, 2, 3):
        for shifted in (value / 10 ** places, value * 10 ** places):
            shifted = round(shifted, 10)
            if low <= shifted <= high and shifted != 0:
                return shifted
    return None


def check(ind: Indicator, value: float) -> tuple[Msg, Msg] | None:
    """``(message, hint)`` when the value is implausible for its kind; None when it is plausible."""
    found = PER_KIND[ind.kind](ind, value)
    if found is None:
        return None
    if found.hint is None:
        meant = slip(value, found.low, found.high)
        hint = (msg("plausible.did_you_mean", meant=f"{meant:g}{ind.unit or ''}") if meant is not None
                else msg("plausible.check_typo"))
    else:
        hint = found.hint
    return msg("plausible.refused", id=ind.id, what=found.what), msg("plausible.force.hint", hint=hint)
