"""Outline numbers at the start of a cell or paragraph: 一、 （一） 1. (1) ① — and their rank."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# rank: 0 一、  1 （一）  2 1.  3 (1)  4 ①  — a smaller rank is a higher level
_PATTERNS = [
    (0, re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*")),
    (1, re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*")),
    (2, re.compile(r"^\s*(\d{1,3})\s*(?:[、．﹒]|\.(?!\d))\s*")),
    (3, re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[)）]\s*[、.．]?\s*")),
    (4, re.compile(rf"^\s*([{CIRCLED}])\s*[、.．]?\s*")),
]


@dataclass(frozen=True)
class Number:
    rank: int
    value: int
    written: str  # as in the text: "一、", "(2)"


def cn_to_int(s: str) -> int:
    if s == "十":
        return 10
    if len(s) == 1:
        return CN_DIGITS.index(s)
    if s[0] == "十":
        return 10 + CN_DIGITS.index(s[1])
    if len(s) == 2 and s[1] == "十":
        return CN_DIGITS.index(s[0]) * 10
    return CN_DIGITS.index(s[0]) * 10 + CN_DIGITS.index(s[2])


def int_to_cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    tens, ones = divmod(n, 10)
    return CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")


def leading_number(text: str) -> tuple[Number | None, str]:
    """The outline number a text starts with, and the text after it."""
    for rank, pat in _PATTERNS:
        m = pat.match(text)
        if m:
            raw = m[1]
            if rank in (0, 1):
                value = cn_to_int(raw)
            elif rank == 4:
                value = CIRCLED.index(raw) + 1
            else:
                value = int(raw)
            return Number(rank, value, m[0].strip()), text[m.end() :]
    return None, text


def bare_number(text: str) -> int | None:
    """A 序号 cell: '3', '3.', '三', '①', '（3）'."""
    t = text.strip().rstrip("、.．﹒")
    if len(t) == 1 and t in CIRCLED:
        return CIRCLED.index(t) + 1
    m = re.fullmatch(r"[（(]\s*(\d{1,3})\s*[)）]", t)
    if m:
        return int(m[1])
    if t.isascii() and t.isdigit():
        return int(t)
    if t and all(ch in CN_DIGITS for ch in t):
        try:
            return cn_to_int(t)
        except (ValueError, IndexError):
            return None
    return None
