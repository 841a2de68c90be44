"""Unit names compared as a reader sees them: full- and half-width forms, spaces and invisible characters
(zero-width joiners, BOMs, control characters) do not make two units. ``县财政局(国资股)`` and
``县财政局（国资股）``, or ``县发改局`` with a zero-width joiner inside, are one name to a person, so liupi
compares them by ``name_key`` and flags the look-alikes (`liupi check`, `liupi plan import`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_SPACE = re.compile(r"\s+")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cs") or ch.isspace()


def name_key(name: str) -> str:
    """The form names are compared in: NFKC (full-width → half-width), no spaces, no invisible characters."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if not _invisible(ch))


def cleaned(name: str) -> str:
    """The name as written, less what no reader can see (zero-width and control characters, spaces)."""
    return "".join(ch for ch in name if not _invisible(ch))


def visible(name: str) -> str:
    """The name with every invisible character shown as [U+XXXX] (for messages about it)."""
    return "".join(f"[U+{ord(ch):04X}]" if _invisible(ch) and ch != " " else ch for ch in name).replace(" ", "[space]")


def hidden_marks(name: str) -> list[str]:
    """What in the name a reader cannot see: 'U+200D', 'a space'…"""
    out = []
    for ch in name:
        if ch == " " or ch == "\u3000":
            what = "a space"
        elif _invisible(ch):
            what = f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character').lower()})"
        else:
            continue
        if what not in out:
            out.append(what)
    return out


def look_alikes(names: Iterable[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """(owner, name) pairs → (owner, name, earlier owner, earlier name) for each name that differs from an
    earlier one only in width, spaces or invisible characters and belongs to another owner."""
    first: dict[str, tuple[str, str]] = {}
    out = []
    for owner, name in names:
        key = name_key(name)
        seen = first.get(key)
        if seen is None:
            first[key] = (owner, name)
        elif seen[0] != owner and seen[1] != name:
            out.append((owner, name, seen[0], seen[1]))
    return out


# What every unit's name shares, left out when two names are compared: 县统计局 and 县审计局 differ in half
# of what tells them apart (统计 / 审计), not in a quarter of the name.
_COMMON_HEAD = ("县",)
_COMMON_TAIL = ("局", "办", "委", "中心", "大队", "站", "所", "会", "院", "部", "联", "处", "室")


def _core(name: str) -> str:
    key = name_key(name)
    for head in _COMMON_HEAD:
        key = key.removeprefix(head)
    for tail in _COMMON_TAIL:
        if key.endswith(tail) and len(key) > len(tail):
            return key[: -len(tail)]
    return key


def _sounds_alike(a: str, b: str) -> bool:
    """Same length, every differing character read the same (人设局 typed for 人社局)."""
    if len(a) != len(b) or a == b:
        return False
    from pypinyin import lazy_pinyin  # only when a unit name is not found

    return lazy_pinyin(a) == lazy_pinyin(b)


def close_units(given: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    """Unit names close enough to ``given`` to be the unit meant: the part that tells units apart (less
    县 and 局/办/中心…) mostly the same (县市场监督局 → 县市场监管局), read the same (县人设局 → 县人社局),
    or one a shortening of the other (人社局 → 县人社局). 县统计局 is not 县审计局: none is suggested. ``names``
    maps each name (and alias, and id) to its unit's id: a unit is suggested once, by its closest and fullest name."""
    import difflib

    core = _core(given)
    best: dict[str, tuple[float, int, str]] = {}
    for name, uid in names.items():
        other = _core(name)
        if not core or not other:
            continue
        ratio = difflib.SequenceMatcher(None, core, other).ratio()
        if ratio >= 0.6 or _sounds_alike(core, other) or (len(core) > 1 and (core in other or other in core)):
            score = (-ratio, -len(name), name)
            best[uid] = min(best[uid], score) if uid in best else score
    return [name for _, _, name in sorted(best.values())[:n]]
