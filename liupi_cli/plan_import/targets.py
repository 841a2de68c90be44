"""Sentences with numbers → candidate indicators: kind, comparator, qualifier, stretch, target, unit and a
confidence. The sentence itself is kept as ``stated``. A reading liupi is not sure of says so (a low
confidence and a ``why``); the importer sends those to the review instead of the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

_N = r"(\d+(?:\.\d+)?)"
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
COUNT_UNITS = (
    "万千瓦",
    "平方米",
    "个工作日",
    "个百分点",
    "亿元",
    "万元",
    "万户",
    "万吨",
    "万亩",
    "万人",
    "公里",
    "个",
    "家",
    "项",
    "人",
    "件",
    "名",
    "户",
    "类",
    "宗",
    "轮",
    "亩",
    "所",
    "座",
    "条",
    "次",
    "元",
    "吨",
    "批",
    "处",
    "套",
    "场",
    "期",
    "位",
    "天",
    "分钟",
    "辆",
    "张",
    "台",
    "km",
)
_UNIT = "(" + "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True)) + ")"
_STRETCH = ("力争", "争取")


@dataclass(frozen=True)
class Candidate:
    kind: str
    comparator: str
    target: float | None
    unit: str | None
    qualifier: str | None = None
    stretch: bool = False
    baseline: float | None = None
    confidence: float = 0.5
    why: str | None = None  # what made it unsure
    stated: str = ""


def _qual(sentence: str, tail: str | None) -> tuple[str | None, bool]:
    lead = next((w for w in _STRETCH if w in sentence), None)
    if lead and tail:
        return f"{lead}…{tail}", True
    return (lead or tail), bool(lead)


def _num(s: str) -> float:
    return float(s)


def _double_decline(s: str) -> Candidate | None:
    """双下降: two counts (events, deaths) each below last year's."""
    if re.search(r"双下降|(起数|事故).{0,6}(和|、)死亡人数.{0,6}下降", s):
        return Candidate(
            "double_decline",
            "at_most",
            None,
            "起",
            confidence=0.9,
            stated=s,
            why="pairs two counts (events 起, deaths 人) judged against last year's same period",
        )
    return None


def _standard_raised(s: str) -> Candidate | None:
    """从X提高到Y: a standard raised from a baseline."""
    m = re.search(r"从(?:不低于)?" + _N + r"([^\d提]*?)提高到(?:不低于)?" + _N + r"([^\d、，,。]*)", s)
    if m:
        unit = (m[4] or m[2]).strip() or None
        return Candidate(
            "standard_raised",
            "at_least",
            _num(m[3]),
            unit,
            "不低于" if "不低于" in s else None,
            baseline=_num(m[1]),
            confidence=0.9,
            stated=s,
        )
    return None


def _zero_events(s: str) -> Candidate | None:
    """杜绝, 零发生, 严禁…: no event at all."""
    if re.search(r"杜绝|零发生|零伤亡|零亡人|不发生|严禁|防止出现|坚决防止|动态清零|不出风险", s):
        unit = "人" if "零亡人" in s else "起"
        q = "严禁" if s.startswith("严禁") else ("动态清零" if "动态清零" in s else None)
        return Candidate("zero_events", "at_most", 0, unit, q, confidence=0.8, stated=s)
    return None


def _ranking_position(s: str) -> Candidate | None:
    """进入前N: a position in a ranking."""
    m = re.search(r"前(\d+|十|二十|五|三)(?:强|名|位)?", s)
    if m and re.search(r"排名|排行|进入|位居|前\d+名|前十强", s):
        n = int(m[1]) if m[1].isdigit() else {"十": 10, "二十": 20, "五": 5, "三": 3}[m[1]]
        q, stretch = _qual(s, None)
        return Candidate("ranking", "at_most", n, "位", q, stretch, confidence=0.85, stated=s)
    return None


def _ranking_aim(s: str) -> Candidate | None:
    """保位进类, 争先进位: a ranking aim with no position."""
    if "保位进类" in s or "争先进位" in s:
        return Candidate(
            "ranking",
            "at_most",
            None,
            None,
            "保位进类" if "保位进类" in s else "争先进位",
            confidence=0.6,
            stated=s,
            why="a ranking aim with no position",
        )
    return None


def _growth_rate(s: str) -> Candidate | None:
    """增长X%: a growth rate."""
    m = re.search(r"(?:增长|增加|增速|增幅)(?:达到|达)?" + _N + r"[%％](以上|左右)?", s)
    if m:
        tail = m[2]
        q, stretch = _qual(s, tail)
        comp = "about" if tail == "左右" else "at_least"
        return Candidate("growth_rate", comp, _num(m[1]), "%", q, stretch, confidence=0.9, stated=s)
    return None


def _kept_within(s: str) -> Candidate | None:
    """控制在X以内: a ceiling."""
    m = re.search(r"控制在" + _N + r"([%％‰]|" + _UNIT[1:-1] + r")?(以内|以下|左右)", s)
    if m:
        comp = "about" if m[3] == "左右" else "at_most"
        unit = (m[2] or "").replace("％", "%") or None
        return Candidate(
            "ceiling",
            comp,
            _num(m[1]),
            unit,
            f"控制在…{m[3]}",
            confidence=0.85 if unit else 0.6,
            stated=s,
            why=None if unit else "no unit",
        )
    m = re.search(_N + r"([%％‰])(以内|以下)", s)  # 5.5%以内, 0.9‰以下: a ceiling, 控制在 or not
    if m:
        unit = m[2].replace("％", "%")
        return Candidate("ceiling", "at_most", _num(m[1]), unit, m[3], confidence=0.75, stated=s,
                         why=None if "率" in s or unit == "‰" else "a share kept under a figure: check it is a ceiling")
    return None


def _time_limit(s: str) -> Candidate | None:
    """压减至X个工作日以内: a time limit, read as a ceiling."""
    m = re.search(r"(?:压减至|缩减至|压缩至|不超过)?" + _N + r"(个工作日|个小时|小时|天|分钟)(以内|内)", s)
    if m:
        return Candidate(
            "ceiling",
            "at_most",
            _num(m[1]),
            m[2],
            m[3],
            confidence=0.8 if "工作日" in m[2] else 0.6,
            stated=s,
            why=None if "工作日" in m[2] else "a time limit: a ceiling, or a rule?",
        )
    return None


def _share(s: str) -> Candidate | None:
    """达到X%: a level given as a share."""
    m = re.search(r"(达到|达|不低于|不低|不少于|超过|高于|稳定在)?" + _N + r"[%％](以上|左右)?", s)
    if m:
        word, tail = m[1], m[3]
        comp = "about" if tail == "左右" else "at_least"
        q, stretch = _qual(s, word if word in ("达到", "达", "不低于", "不低", "不少于", "超过") and not tail else tail)
        if word in ("超过",) and "力争" in s:
            q = "力争…超过"
        return Candidate(
            "level",
            comp,
            _num(m[2]),
            "%",
            q,
            stretch,
            confidence=0.75,
            stated=s,
            why=None if word or "率" in s else "a share with no 率/达到: check it is a level",
        )
    return None


def _points_rise(s: str) -> Candidate | None:
    """提高X个百分点: a level raised by points."""
    m = re.search(r"提高" + _N + r"个百分点", s)
    if m:
        return Candidate(
            "level",
            "at_least",
            _num(m[1]),
            "个百分点",
            confidence=0.7,
            stated=s,
            why="a rise in points: set the baseline",
        )
    return None


def _regular(s: str) -> Candidate | None:
    """每月一次: something done at a regular interval."""
    m = re.search(r"每(月|季度|年|周)[^，,。]{0,12}?(一|1)(次|批)", s)
    if m:
        return Candidate(
            "level", "at_least", 1, f"{m[3]}/{m[1]}", "原则上" if "原则上" in s else None, confidence=0.7, stated=s
        )
    return None


def _dated_step(s: str) -> Candidate | None:
    """6月底前完成: a dated step (a milestone)."""
    if re.search(r"\d{1,2}月(\d{1,2}日|底|份)?前?.{0,12}(完成|开工|建成)", s):
        q, stretch = _qual(s, None)
        return Candidate(
            "milestone",
            "equal",
            None,
            None,
            q or ("前" if "前" in s else None),
            stretch,
            confidence=0.6,
            stated=s,
            why="a dated step: set `due`",
        )
    return None


def _full_coverage(s: str) -> Candidate | None:
    """全覆盖: read as 100%."""
    if "全覆盖" in s:
        q, stretch = _qual(s, "全覆盖")
        return Candidate(
            "level",
            "at_least",
            100,
            "%",
            q if stretch else "全覆盖",
            stretch,
            confidence=0.6,
            stated=s,
            why="全覆盖 read as 100%",
        )
    return None


def _counted(s: str) -> Candidate | None:
    """A number with a unit: a level kept, a time span, or (most often) a count done through the year."""
    ms = list(
        re.finditer(
            r"(突破|超过|超|达到|达|不低于|不少于|至少)?(?<![\d.第])"
            + _N
            + r"(?:[-—~～]\d+)?"
            + _UNIT
            + r"(以上|左右)?",
            s,
        )
    )
    # '10亿元以上项目1个': an amount before the things counted describes them; the count is the target
    counted = [x for x in ms if x[3] in ("个", "家", "项", "人", "件", "名", "户", "所", "座", "条")]
    m = (counted or ms)[-1] if ms else None
    if not m:
        return None
    word, num, unit, tail = m[1], _num(m[2]), m[3], m[4]
    comp = "about" if tail == "左右" else "at_least"
    words = [w for w in (word, tail) if w]
    lead = next((w for w in _STRETCH if w in s), None)
    if lead:
        q = f"{lead}…{words[-1]}" if words else lead
    else:
        q = "…".join(words) if words else None
    if re.search(r"(稳定|保持|维持)在", s):
        return Candidate("level", comp, num, unit, "稳定在", bool(lead), confidence=0.75, stated=s)
    if unit in ("个工作日", "分钟", "天") and not tail:
        return Candidate(
            "ceiling",
            "at_most",
            num,
            unit,
            q,
            bool(lead),
            confidence=0.6,
            stated=s,
            why="a time span: read as a ceiling",
        )
    conf = 0.8 if re.search(r"新增|新建|引进|完成|铺排|培育|开展|实现|建设|达到|突破|发放|投放|组织", s) else 0.6
    return Candidate(
        "cumulative",
        comp,
        num,
        unit,
        q,
        bool(lead),
        confidence=conf,
        stated=s,
        why=None if conf >= 0.8 else "a number with a unit but no verb of doing: cumulative?",
    )


def _counted_in_characters(s: str) -> Candidate | None:
    """新增两个: a count written in characters."""
    m = re.search(r"([一二两三四五六七八九十])(个|家|项|批|轮|次)", s)
    if m and re.search(r"新增|引进|创建|开展|组织|完成", s):
        q, stretch = _qual(s, None)
        return Candidate(
            "cumulative",
            "at_least",
            _CN_NUM[m[1]],
            m[2],
            q,
            stretch,
            confidence=0.6,
            stated=s,
            why="number written in characters",
        )
    return None


def _undated_step(s: str) -> Candidate | None:
    """出台, 建成…: a step with no number, perhaps a milestone."""
    if re.match(r"^(出台|成立|建成|制定|编制|研究制定|完成|全面完成|形成|打造|推动|实现)", s):
        q, stretch = _qual(s, None)
        return Candidate(
            "milestone",
            "equal",
            None,
            None,
            q,
            stretch,
            confidence=0.4,
            stated=s,
            why="a step with no number: a milestone? set `due`",
        )
    return None


# Tried in this order; the first that reads the clause wins (a 双下降 before its counts, a growth rate
# before a share, a share before a count).
_READERS = (
    _double_decline,
    _standard_raised,
    _zero_events,
    _ranking_position,
    _ranking_aim,
    _growth_rate,
    _kept_within,
    _time_limit,
    _share,
    _points_rise,
    _regular,
    _dated_step,
    _full_coverage,
    _counted,
    _counted_in_characters,
    _undated_step,
)


def parse_target(sentence: str) -> Candidate | None:
    """Read one clause. None when it states no target liupi can track."""
    s = re.sub(r"\s+", "", sentence).strip("。；;，,")
    if not s:
        return None
    return next((c for read in _READERS if (c := read(s)) is not None), None)


def clauses(text: str) -> list[str]:
    """Split a task's text into clauses that may each state a target."""
    out = []
    for sentence in re.split(r"[。；;\n]", text):
        sentence = re.sub(r"^\s*[（(]?\d{1,2}[)）.、]\s*", "", sentence.strip())
        sep = r"[，,、]" if sentence.count("提高到") > 1 else r"[，,]"
        parts = [p for p in re.split(sep, sentence) if p.strip()]
        numbered = [p for p in parts if re.search(r"\d", p)]
        # a sentence with several numbers states several targets: one clause each
        pieces = parts if len(numbered) > 1 else [sentence]
        for part in pieces:
            part = part.strip()
            if part and re.search(r"\d|杜绝|零发生|零伤亡|零亡人|双下降|全覆盖|严禁", part):
                out.append(part)
    return out
