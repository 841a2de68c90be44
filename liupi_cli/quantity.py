"""Values as users write them: 4.5, 4.5%, 下降0.5%, 93.44亿元, 2616611万元, 0.9‰, 增长3倍, ６．１％.

Amounts given in another multiplier (万/亿) are converted to the indicator's unit;
what was typed is kept too, exactly as typed (the audit trail shows ``１２．５％``, not ``12.5%``).

This is the one parser of a typed figure (the command line, the prompt, CSV and xlsx files, the template).
It reads full-width digits, signs and percent (１２．５％, －３, ％) as their ASCII forms, and refuses what it
would otherwise read wrong, with a hint showing what it read:

- a comma that does not separate groups of three digits (``1,23``; ``1,234`` is one thousand and more);
- a decimal comma it cannot tell from a thousands separator (``1.480,5``);
- a superscript or circled number glued to the figure (``320¹``, ``148①``): a footnote mark, not a digit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.periods import normalise_text

MULTIPLIERS = {"亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$")
_DIGITS_AND_COMMAS = re.compile(r"^[+-]?[\d,]+(?:\.\d*)?$")  # the figure part of a value that has a comma
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")  # 1,234 · 12,345,678.9
_NUMBER_HEAD = re.compile(r"^[+-]?[\d.,]+")
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


def _refuse_marks(typed: str) -> None:
    """A superscript, subscript or circled number (¹ ② ⑶ ⒈) is a footnote mark: NFKC would make it a digit
    and 320¹ would be stored as 3201."""
    for ch in typed:
        if unicodedata.decimal(ch, None) is None and unicodedata.digit(ch, None) is not None:
            kept = "".join(c for c in typed if c != ch and unicodedata.decimal(c, None) is not None
                           or c in ".,．，").strip()
            raise InputRefused(msg("value.glued", text=typed, mark=ch), msg("value.glued.hint", kept=kept or "4.5"))


def _check_commas(raw: str, t: str) -> None:
    """Commas in the figure part ``t`` must separate groups of three digits; a decimal comma is refused."""
    head = _NUMBER_HEAD.match(t)
    figure = head[0] if head else ""
    if "," not in figure:
        return
    if "." in figure and figure.index(".") < figure.rindex(","):
        plain = figure.replace(".", "").replace(",", ".")
        raise InputRefused(msg("value.decimal_comma", text=raw, plain=plain),
                           msg("value.decimal_comma.hint", plain=plain))
    if not _GROUPED.match(figure):
        whole = figure.replace(",", "")
        dec = figure.replace(",", ".", 1) if figure.count(",") == 1 else None
        which = "value.bad_groups_or" if dec else "value.bad_groups"
        raise InputRefused(msg(which, text=raw, figure=figure, whole=whole, dec=dec),
                           msg(f"{which}.hint", whole=whole, dec=dec))


def parse_quantity(text: str, unit: str | None) -> Quantity:
    typed = str(text).strip()  # kept for the audit trail exactly as typed
    _refuse_marks(typed)
    raw = normalise_text(text)  # ６．１％ and 1，480 are 6.1% and 1,480; －３ is -3
    if not raw:
        raise InputRefused(msg("value.empty"), msg("value.empty.hint"))
    if raw.lower() in DONE_WORDS:
        return Quantity(DONE_WORDS[raw.lower()], typed, None)
    t = raw.replace(" ", "")
    for word in ("下降", "减少", "增长", "增加"):
        if t.startswith(word):
            _check_commas(raw, t[len(word):])
            break
    else:
        _check_commas(raw, t)
    t = t.replace(",", "")
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
            raise InputRefused(msg("value.not_finite", text=raw), msg("value.not_finite.hint"))
        raise InputRefused(msg("value.unreadable", text=raw), msg("value.unreadable.hint"))
    number = float(m[1]) * sign
    if not math.isfinite(number):
        raise InputRefused(msg("value.not_finite", text=raw), msg("value.not_finite.hint"))
    typed_unit = m[2] or None
    if times:
        if typed_unit or unit != "%":
            raise InputRefused(msg("value.times_needs_percent", text=raw))
        return Quantity(number * 100, typed, "倍")
    if typed_unit is None or typed_unit == unit:
        return Quantity(number, typed, typed_unit)
    f_in, base_in = split_unit(typed_unit)
    f_ind, base_ind = split_unit(unit)
    if base_in != base_ind:
        if unit:
            raise InputRefused(msg("value.wrong_unit", text=raw, typed=typed_unit, unit=unit),
                               msg("value.wrong_unit.hint", unit=unit))
        raise InputRefused(msg("value.wrong_unit_plain", text=raw, typed=typed_unit),
                           msg("value.wrong_unit_plain.hint"))
    return Quantity(number * f_in / f_ind, typed, typed_unit)
