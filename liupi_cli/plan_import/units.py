"""Unit lists in a 牵头单位/责任单位 cell: split them, match known units and their aliases, propose ids
for new ones (pinyin initials, unique) and flag names that look like a unit already known."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from liupi_cli.models import Unit
from liupi_cli.unit_names import cleaned, hidden_marks, name_key, visible

_SEP = re.compile(r"[、，,；;/／\n]+")
_JOIN = re.compile(r"[及和与]")
# Words that name a group of units, not one unit: kept as text (Task.responsible_others).
GROUP_WORDS = (
    "各乡镇",
    "各相关",
    "相关单位",
    "有关单位",
    "成员单位",
    "各成员",
    "县直",
    "各单位",
    "各部门",
    "有关部门",
    "相关部门",
    "领导小组",
    "专委会",
    "各调解",
    "各级",
    "等单位",
)
_SUFFIX = (
    "局",
    "委",
    "办",
    "部",
    "院",
    "中心",
    "公司",
    "集团",
    "行",
    "队",
    "会",
    "联",
    "区",
    "所",
    "站",
    "政府",
    "分局",
    "支行",
    "处",
    "科",
    "股",
    "社",
    "馆",
    "台",
    "厂",
    "校",
    "组",
)
_PLACE = ("县", "市", "区", "省", "旗")
_OFFICE = ("局", "委", "办", "厅")  # a bureau's name, which may leave out the 市/县 of the unit before it
_TIDY = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "　": ""})


def tidy(name: str) -> str:
    """The form names are compared in: half-width brackets (full/half width folded), no spaces, line breaks
    or invisible characters, no trailing 。 (liupi_cli.unit_names)."""
    return name_key(name.translate(_TIDY)).strip("。.;；,，、")


def looks_like_unit(name: str) -> bool:
    """Ends like an office's name (局, 委, 办…; 县财政局（国资股）: before its bracket)."""
    core = re.sub(r"[（(][^（()）]*[)）]$", "", name) or name
    return len(core) >= 3 and core.endswith(_SUFFIX) and not any(w in name for w in GROUP_WORDS)


@dataclass
class NewUnit:
    id: str
    name_zh: str
    first_seen: str  # row ref
    near: str | None = None  # an existing unit's name this one may duplicate
    odd: bool = False  # the name does not end like a unit's (局, 委, 办, 中心…)
    written: str | None = None  # the spelling with characters no reader sees, shown [U+200D], when it had any


@dataclass
class UnitList:
    ids: list[str] = field(default_factory=list)
    others: str | None = None
    unsure: list[str] = field(default_factory=list)  # one line each, for the review


class UnitBook:
    """Known units (from an existing plan) plus the new ones this import proposes."""

    def __init__(self, units: list[Unit]):
        self.units = list(units)
        self.by_name: dict[str, str] = {}
        for u in units:
            for n in (u.name_zh, *u.aliases):
                self.by_name.setdefault(tidy(n), u.id)
        self.ids = {u.id for u in units}
        self.new: dict[str, NewUnit] = {}  # id -> proposal
        self.spellings: dict[str, set[str]] = {}  # id -> every spelling seen or known (invisible marks kept)
        for u in units:
            self.spellings.setdefault(u.id, set()).update((u.name_zh, *u.aliases))

    def match(self, name: str) -> str | None:
        """A known unit by name or alias; 县/市/区/省/旗 before the name may be written or left out."""
        key = tidy(name)
        if key in self.by_name:
            return self.by_name[key]
        if key[:1] in _PLACE and len(key) > 3 and key[1:] in self.by_name:
            return self.by_name[key[1:]]
        if key[:1] not in _PLACE:
            for p in _PLACE:
                if p + key in self.by_name:
                    return self.by_name[p + key]
        return None

    def resolve(self, name: str, ref: str) -> tuple[str, str | None]:
        """The id for one unit name, proposing a new unit when it is not known. Returns (id, note)."""
        found = self.match(name)
        if found:
            return found, self._look_alike(found, name)
        key = tidy(name)
        uid = self._new_id(key)
        near = self._near(key)
        shown = cleaned(name).strip("。.;；,，、")  # as written, less what no reader can see
        marks = hidden_marks(name)
        written = f"{visible(name)}' (with {', '.join(marks)})" if marks else None
        self.new[uid] = NewUnit(uid, shown, ref, near, not looks_like_unit(key), written)
        self.spellings[uid] = {name}
        self.by_name[key] = uid
        self.ids.add(uid)
        note = f"new unit '{shown}' → id '{uid}'"
        if near:
            note += f"; looks like the known '{near}' (same unit? then add '{key}' to its aliases)"
        return uid, note

    def _look_alike(self, uid: str, name: str) -> str | None:
        """A note when a known unit is written another way that only looks the same (width, spaces, invisible)."""
        seen = self.spellings.setdefault(uid, set())
        if name in seen or any(re.sub(r"\s+", "", s) == re.sub(r"\s+", "", name) and not hidden_marks(name)
                               for s in seen):
            seen.add(name)
            return None
        if any(tidy(s) == tidy(name) and s != name for s in seen):
            first = min(seen)  # not added to the spellings: every row written so gets its line
            return (f"'{visible(name)}' read as the unit '{visible(first)}' ({uid}): the two differ only in full/half "
                    "width, spaces or invisible characters")
        seen.add(name)
        return None

    def _new_id(self, name: str) -> str:
        base = initials(re.sub(r"^(县|市)", "", name)) or "unit"
        uid, n = base, 2
        while uid in self.ids:
            uid, n = f"{base}{n}", n + 1
        return uid

    def _near(self, name: str) -> str | None:
        best, score = None, 0.0
        core = _core(name)
        for known in self.by_name:
            if known == name:
                continue
            k = _core(known)
            s = difflib.SequenceMatcher(None, core, k).ratio()
            if _subsequence(core, k) or _subsequence(k, core):
                s = max(s, 0.8)
            if known[-1:] != name[-1:]:
                s -= 0.3
            if s > score:
                best, score = known, s
        return best if score >= 0.75 else None

    def split(self, cell: str, ref: str) -> UnitList:
        """Split one 牵头单位/责任单位 cell into unit ids and the words that name groups of units."""
        out = UnitList()
        text = re.sub(r"\s+", "", cell).strip("。.")
        if not text:
            return out
        others: list[str] = []
        pieces = self._grouped(_pieces(text))
        place = next((p[0] for p in pieces if p[:1] in _PLACE and looks_like_unit(p)), None)
        for piece in pieces:
            for part in self._parts(piece):
                part = part.strip("。.")
                if not part:
                    continue
                m = re.match(r"^(.+?)(等.*)$", part)
                if m and (self.match(m[1]) or looks_like_unit(m[1])):
                    part, rest = m[1], m[2]
                else:
                    rest = None
                if _group(part):
                    others.append(part)
                else:
                    self._add_unit(out, part, place, ref)
                if rest:
                    others.append(rest)
        out.others = "、".join(others) or None
        return out

    def _grouped(self, pieces: list[str]) -> list[str]:
        """'A、B相关成员单位' names the members of A and B: one group, not unit A; 各乡、镇人民政府: one group."""
        for k in range(len(pieces) - 1, 0, -1):
            if "成员" in pieces[k] and not pieces[k].startswith("等") and not self.match(pieces[k - 1]):
                pieces[k - 1 : k + 1] = [pieces[k - 1] + "、" + pieces[k]]
            elif pieces[k - 1].startswith("各") and len(pieces[k - 1]) <= 3 and re.search(r"(政府|办事处)$", pieces[k]):
                pieces[k - 1 : k + 1] = [pieces[k - 1] + "、" + pieces[k]]  # 各乡、镇人民政府: one group
        return pieces

    def _add_unit(self, out: UnitList, part: str, place: str | None, ref: str) -> None:
        """One unit's name resolved to its id (a new unit made when unknown); what is unsure noted."""
        if place and part[:1] not in _PLACE and part.endswith(_OFFICE) and not self.match(part):
            # 市发改委、国土房管局: the units after the first leave out its 市
            out.unsure.append(
                f"'{part}' read as '{place + part}' (the cell's first unit starts with {place})"
            )
            part = place + part
        uid, note = self.resolve(part, ref)
        if note:
            out.unsure.append(note)
        elif not self.match(part) and not looks_like_unit(part):
            out.unsure.append(f"'{part}' read as a unit")
        if uid not in out.ids:
            out.ids.append(uid)
        elif uid in out.ids:
            out.unsure.append(f"'{part}' named twice in one cell")

    def _parts(self, piece: str) -> list[str]:
        """Split 'A及B' / 'A和B' only when the whole is not a known name and every side looks like a unit:
        县自然资源和规划局 stays one; 市住房和城乡建设局及市交通运输局 is two (及 tried before 和)."""
        if self.match(piece) or not _JOIN.search(piece):
            return [piece]
        for joiner in ("及", "与", "和"):
            parts = [p for p in piece.split(joiner) if p]
            base = [re.sub(r"等.*$", "", p) for p in parts]
            if len(parts) > 1 and all(self.match(b) or looks_like_unit(b) or b.startswith("各") for b in base):
                return [q for p in parts for q in self._parts(p)]
        return [piece]


def _group(part: str) -> bool:
    """各乡镇, 全区经济运行各专班, 相关成员单位: a group of units, kept as text; a 领导小组办公室 is one unit."""
    if part.startswith(("各", "等")) or re.search(r"各[^局委办]*$", part):
        return True
    return any(w in part for w in GROUP_WORDS) and not part.endswith(("办公室", "办"))


def _pieces(text: str) -> list[str]:
    """Split on list separators, but not inside quotes or brackets (县“双随机、一公开”成员单位)."""
    out, buf, depth = [], "", 0
    for ch in text:
        if ch in "“‘《（(「":
            depth += 1
        elif ch in "”’》）)」" and depth:
            depth -= 1
        if depth == 0 and _SEP.match(ch):
            if buf:
                out.append(buf)
            buf = ""
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def _core(name: str) -> str:
    return re.sub(r"^(县|市|双牌县?)", "", tidy(name))


def _subsequence(short: str, long: str) -> bool:
    if len(short) >= len(long) or len(short) < 2:
        return False
    it = iter(long)
    return all(ch in it for ch in short) and short[0] == long[0]


def initials(name: str) -> str:
    """Pinyin initials of the Chinese characters in ``name`` (县财政局 → xczj; 财政局 → czj)."""
    from pypinyin import Style, lazy_pinyin  # imported only when a new unit needs an id

    letters = []
    for syl in lazy_pinyin(re.sub(r"[()（）]", "", name), style=Style.FIRST_LETTER, errors="ignore"):
        if syl and syl[0].isascii() and syl[0].isalnum():
            letters.append(syl[0].lower())
    return "".join(letters)
