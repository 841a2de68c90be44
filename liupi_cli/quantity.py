"""Values as users write them: 4.5, 4.5%, 下降0.5%, 93.44亿元, 2616611万元, 0.9‰, 增长3倍, ６．１％.

Amounts given in another multiplier (万/亿) are converted to the indicator's unit;
what was typed is kept too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.periods import normalise_text

MULTIPLIERS = {"亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$")
DONE_WORDS = {"done": 1.0, "完成": 1.0, "已完成": 1.0, "yes": 1.0, "not_done": 0.0, "未完成": 0.0, "no": 0.0}


def split_unit(unit: str | None) -> tuple[float, str]:
    """'亿元' -> (1e8, '元'); '万亩' -> (1e4, '亩'); '%' -> (1, '%'); '千瓦' stays a base unit."""
    if not unit:
        return 1.0, ""
    for prefix, factor in MULTIPLIERS.items():
        rest = unit[len(prefix):]
        if unit.startswith(prefix) and rest and not rest.startswith(("瓦", "克", "米", "伏")):
            return factor, rest
    return 1.0, unit


@dataclass(frozen=True)
class Quantity:
    value: float  # in the indicator's unit
    entered: str  # as typed
    entered_unit: str | None  # the unit typed, if any


def parse_quantity(text: str, unit: str | None) -> Quantity:
    raw = normalise_text(text)  # ６．１％ and 1，480 are 6.1% and 1,480
    if not raw:
        raise InputRefused("empty value", "give a number, e.g. 4.5 or 93.44亿元")
    if raw.lower() in DONE_WORDS:
        return Quantity(DONE_WORDS[raw.lower()], raw, None)
    t = raw.replace(",", "").replace(" ", "")  # normalise_text made 1，480 into 1,480
    sign = 1.0
    for word, s in (("下降", -1.0), ("减少", -1.0), ("增长", 1.0), ("增加", 1.0)):
        if t.startswith(word):
            sign, t = s, t[len(word):]
            break
    times = t.endswith("倍")
    if times:
        t = t[:-1]
    m = _NUMBER.match(t)
    if not m:
        if t.lower() in ("nan", "inf", "-inf", "+inf", "infinity"):
            raise InputRefused(f"value '{raw}' is not a finite number", "give a number such as 4.5")
        raise InputRefused(f"cannot read value '{raw}'", "write e.g. 4.5, 4.5%, 下降0.5%, 93.44亿元, 0.9‰")
    number = float(m[1]) * sign
    if not math.isfinite(number):
        raise InputRefused(f"value '{raw}' is not a finite number", "give a number such as 4.5")
    typed_unit = m[2] or None
    if times:
        if typed_unit or unit != "%":
            raise InputRefused(f"'{raw}': 'N倍' is a growth multiple and needs a % indicator")
        return Quantity(number * 100, raw, "倍")
    if typed_unit is None or typed_unit == unit:
        return Quantity(number, raw, typed_unit)
    f_in, base_in = split_unit(typed_unit)
    f_ind, base_ind = split_unit(unit)
    if base_in != base_ind:
        raise InputRefused(
            f"value '{raw}' is in {typed_unit}, but this indicator is measured in {unit or 'plain numbers'}",
            f"give the value in {unit}" if unit else "give a plain number",
        )
    return Quantity(number * f_in / f_ind, raw, typed_unit)
