"""The 排名通报 (a city's ranking of its counties) and the collection outcome laid out as a Doc, so every
format the cadence products have (terminal table, markdown, CSV, JSON, xlsx, HTML) and the 公文 docx draw it."""

from __future__ import annotations

import datetime as dt

from liupi_cli.city.collect import CollectResult
from liupi_cli.city.ranking import CountyRank, Ranking, RuleLine
from liupi_cli.city.scoring import num
from liupi_cli.render.cadence_doc import Doc, Section

METHOD = {"zh": {"contest": "争先进位计分法", "efficacy": "功效系数法", "efficacy_split": "功效系数法（水平+增速）",
                 "completion": "目标完成计分法", "versus_average": "与全市水平比较加减分", "adjustment": "加减分"},
          "en": {"contest": "contest (争先进位)", "efficacy": "efficacy coefficient (功效系数)",
                 "efficacy_split": "efficacy coefficient, level + growth", "completion": "target completion (目标完成)",
                 "versus_average": "against the city figure (± per step)", "adjustment": "adjustment"}}
FLAG = {"zh": {"no_figure": "未报", "capped": "封顶", "no_city_figure": "缺全市数据", "no_target": "无分解目标"},
        "en": {"no_figure": "no figure", "capped": "capped", "no_city_figure": "no city figure",
               "no_target": "no target"}}
T = {
    "zh": {"title": "{city}{label}各县（市、区）主要指标排名通报", "ranking": "综合排名", "place": "位次",
           "county": "县（市、区）", "class": "类别", "total": "总分", "prev": "上期位次", "move": "进退位",
           "flags": "说明", "scores": "得分明细", "indicator": "指标", "method": "计分方法", "period": "数据期",
           "value": "数值", "points": "得分", "working": "计算过程", "rollup": "全市汇总", "unit": "单位",
           "target": "全市目标", "sum": "全市合计", "reported": "已报", "how": "说明", "up": "进{n}位",
           "down": "退{n}位", "same": "持平", "none": "—", "rules": "考核指标及计分办法", "full": "分值",
           "rule": "计分办法", "class_points": "分类分值", "top": "前三名：{names}。",
           "tie": "并列规则：总分相同者位次并列，其后位次顺延。",
           "prev_line": "进退位与{p}相比。", "no_prev": "无上期排名可比。", "tied": "（并列）",
           "intro": "根据各县（市、区）报送的{label}主要指标数据，按考核办法计分，现将排名情况通报如下。",
           "collect": "汇总情况", "by_county": "分县情况", "origin": "来源", "added": "新增", "unchanged": "未变",
           "skipped": "未纳入分解", "refused": "拒收原因"},
    "en": {"title": "{city} {label}: ranking of the counties", "ranking": "Ranking", "place": "Place",
           "county": "County", "class": "Class", "total": "Total", "prev": "Previous place", "move": "Move",
           "flags": "Notes", "scores": "Scores", "indicator": "Indicator", "method": "Method", "period": "Period",
           "value": "Value", "points": "Points", "working": "Working", "rollup": "City roll-up", "unit": "Unit",
           "target": "City target", "sum": "City total", "reported": "Reported", "how": "How", "up": "up {n}",
           "down": "down {n}", "same": "same", "none": "—", "rules": "Rules", "full": "Points", "rule": "How",
           "class_points": "Points by class", "top": "Top three: {names}.",
           "tie": "Ties: equal totals share the higher place; the places after them are skipped.",
           "prev_line": "Moves against {p}.", "no_prev": "No previous ranking to compare with.", "tied": " (tied)",
           "intro": "Scored by the city's rules from the figures the counties reported for {label}.",
           "collect": "Collected", "by_county": "By county", "origin": "Origin", "added": "Added",
           "unchanged": "Unchanged",
           "skipped": "Not decomposed", "refused": "Refused"},
}


def _move(r: CountyRank, t: dict) -> str:
    if r.move is None:
        return t["none"]
    if r.move > 0:
        return t["up"].format(n=r.move)
    return t["down"].format(n=-r.move) if r.move < 0 else t["same"]


def _n(x: float | None) -> str:
    return "" if x is None else num(x)


def ranking_doc(rk: Ranking, lang: str = "zh") -> Doc:
    t, label = T[lang], rk.label_zh if lang == "zh" else rk.period
    flag = FLAG[lang]
    names = ("、" if lang == "zh" else ", ").join(rk.top_three) or t["none"]
    lines = [t["intro"].format(label=label), t["top"].format(names=names), t["tie"],
             t["prev_line"].format(p=rk.previous_period) if rk.previous_period else t["no_prev"]]
    cols = [t["place"], t["county"], t["total"], t["prev"], t["move"], t["flags"]]
    if rk.by_class:
        cols.insert(2, t["class"])
    rows = []
    for r in rk.counties:
        gap, join = ("", "；") if lang == "zh" else (": ", "; ")
        notes = join.join(f"{s.name_zh}{gap}{flag.get(s.flag or '', s.flag)}" for s in r.scores if s.flag)
        row: list[object] = [f"{r.place}{t['tied'] if r.tied else ''}", r.name_zh, num(r.total),
                             "" if r.previous_place is None else r.previous_place, _move(r, t), notes]
        if rk.by_class:
            row.insert(2, r.klass or "")
        rows.append(row)
    detail = [[r.name_zh, s.name_zh, METHOD[lang][s.method], s.period or "", _n(s.value), num(s.points), s.working]
              for r in rk.counties for s in r.scores]
    roll = [[x.name_zh, x.unit or "", x.period or "", _n(x.city_target), _n(x.total), f"{x.reported}/{x.counties}",
             x.how] for x in rk.rollup.rows]
    rules = [[r.name_zh, num(r.points) if r.method != "versus_average" else "", METHOD[lang][r.method],
              _rule_text(r, lang), "；".join(f"{k} {num(v)}" for k, v in r.class_points.items())] for r in rk.rules]
    return Doc(title=t["title"].format(city=rk.city, label=label), lines=lines, lang=lang,
               pinned=dt.date(rk.year, int(rk.period[5:7]), 1) if len(rk.period) == 7 else None,
               sections=[Section(t["ranking"], cols, rows),
                         Section(t["scores"], [t["county"], t["indicator"], t["method"], t["period"], t["value"],
                                               t["points"], t["working"]], detail),
                         Section(t["rollup"], [t["indicator"], t["unit"], t["period"], t["target"], t["sum"],
                                               t["reported"], t["how"]], roll),
                         Section(t["rules"], [t["indicator"], t["full"], t["method"], t["rule"], t["class_points"]],
                                 rules)])


def _rule_text(r: RuleLine, lang: str) -> str:
    d = r.details
    zh = lang == "zh"
    if r.method == "contest":
        return ("第1名得满分，第2名95%，第3名90%，此后每降一位减5%" if zh
                else "1st 100%, 2nd 95%, 3rd 90%, then 5% less a place")
    if r.method == "efficacy":
        return "60 + 40×(x−最小值)/(最大值−最小值)" if zh else "60 + 40×(x − min)/(max − min)"
    if r.method == "efficacy_split":
        share = f"{num(float(d['level_share']) * 100)}%"
        return (f"功效系数法，总量占{share}、增速（{d['growth']}）占其余" if zh
                else f"efficacy coefficient: level {share}, growth ({d['growth']}) the rest")
    if r.method == "completion":
        if d.get("proportional"):
            return ("完成分解目标得满分，未完成按完成比例计分" if zh
                    else "target met: full points, else the share reached")
        return "完成分解目标得满分，未完成不得分" if zh else "target met: full points, else 0"
    caps = (f"，加分上限{num(float(d['bonus_cap']))}" if d.get("bonus_cap") is not None else "") + \
        (f"，扣分上限{num(float(d['deduction_cap']))}" if d.get("deduction_cap") is not None else "")
    if zh:
        return f"每高于（低于）全市水平{num(float(d['step']))}个百分点加（扣）{num(float(d['per_step']))}分{caps}"
    return (f"±{num(float(d['per_step']))} per {num(float(d['step']))} percentage points against the city"
            + caps.replace("，加分上限", ", bonus at most ").replace("，扣分上限", ", deduction at most "))


def collect_doc(result: CollectResult, lang: str = "en") -> Doc:
    t = T[lang]
    rows = [[c.name_zh, c.origin, c.added, c.unchanged, c.not_decomposed, c.refused or ""] for c in result.counties]
    return Doc(title=t["collect"], lines=[], lang=lang,
               sections=[Section(t["by_county"], [t["county"], t["origin"], t["added"], t["unchanged"], t["skipped"],
                                                t["refused"]], rows)])
