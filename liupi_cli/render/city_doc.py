"""The 排名通报 (a city's ranking of its counties) and the collection outcome laid out as a Doc, so every
format the cadence products have (terminal table, markdown, CSV, JSON, xlsx, HTML) and the 公文 docx draw it."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from liupi_cli.city.collect import CollectResult
from liupi_cli.city.ranking import CountyRank, Ranking, RuleLine
from liupi_cli.city.scoring import num
from liupi_cli.messages import msg, say_in
from liupi_cli.render.cadence_doc import Doc, Section


def _words(lang: str) -> Callable[..., str]:
    """The circular's words in ``lang``, from the catalogue: ``t("place")``, ``t("up", n=2)``."""
    return lambda key, **params: msg(f"city.doc.{key}", **params).text(lang)


@functools.cache  # said once per method and language, not once per score row (13,000 in a province)
def method_name(method: str, lang: str) -> str:
    return msg(f"city.method.{method}").text(lang)


@functools.cache
def flag_name(flag: str | None, lang: str) -> str:
    known = flag in ("no_figure", "capped", "no_city_figure", "no_target")
    return msg(f"city.flag.{flag}").text(lang) if known else str(flag)


def _move(r: CountyRank, t: Callable[..., str]) -> str:
    if r.move is None:
        return t("none")
    if r.move > 0:
        return t("up", n=r.move)
    return t("down", n=-r.move) if r.move < 0 else t("same")


def _n(x: float | None) -> str:
    return "" if x is None else num(x)


def _summary(rk: Ranking, t: Callable[..., str], label: str, lang: str) -> list[str]:
    """The lines above the tables: what was scored, the top three, the tie rule, what the moves compare with."""
    names = ("、" if lang == "zh" else ", ").join(rk.top_three) or t("none")
    return [t("intro", label=label), t("top", names=names), t("tie"),
            t("prev_line", p=rk.previous_period) if rk.previous_period else t("no_prev")]


def _ranking_section(rk: Ranking, t: Callable[..., str], lang: str) -> Section:
    """综合排名: place, county, (class), total, previous place, 进退位, the notes (未报, 封顶…)."""
    cols = [t("place"), t("county"), t("total"), t("prev"), t("move"), t("flags")]
    if rk.by_class:
        cols.insert(2, t("class"))
    gap, join = ("", "；") if lang == "zh" else (": ", "; ")
    rows = []
    for r in rk.counties:
        notes = join.join(f"{s.name_zh}{gap}{flag_name(s.flag, lang)}" for s in r.scores if s.flag)
        row: list[object] = [f"{r.place}{t('tied') if r.tied else ''}", r.name_zh, num(r.total),
                             "" if r.previous_place is None else r.previous_place, _move(r, t), notes]
        if rk.by_class:
            row.insert(2, r.klass or "")
        rows.append(row)
    return Section(t("ranking"), cols, rows)


def _scores_section(rk: Ranking, t: Callable[..., str], lang: str) -> Section:
    """得分明细: every county's score on every rule, with its working."""
    rows = [[r.name_zh, s.name_zh, method_name(s.method, lang), s.period or "", _n(s.value), num(s.points), s.working]
            for r in rk.counties for s in r.scores]
    return Section(t("scores"), [t("county"), t("indicator"), t("method"), t("period"), t("value"), t("points"),
                                 t("working")], rows)


def _rollup_section(rk: Ranking, t: Callable[..., str]) -> Section:
    rows = [[x.name_zh, x.unit or "", x.period or "", _n(x.city_target), _n(x.total), f"{x.reported}/{x.counties}",
             x.how] for x in rk.rollup.rows]
    return Section(t("rollup"), [t("indicator"), t("unit"), t("period"), t("target"), t("sum"), t("reported"),
                                 t("how")], rows)


def _rules_section(rk: Ranking, t: Callable[..., str], lang: str) -> Section:
    """考核指标及计分办法: each rule as the circular states it."""
    rows = [[r.name_zh, num(r.points) if r.method != "versus_average" else "", method_name(r.method, lang),
             rule_text(r, lang), "；".join(f"{k} {num(v)}" for k, v in r.class_points.items())] for r in rk.rules]
    return Section(t("rules"), [t("indicator"), t("full"), t("method"), t("rule"), t("class_points")], rows)


def ranking_doc(rk: Ranking, lang: str = "zh") -> Doc:
    t, label = _words(lang), rk.label_zh if lang == "zh" else rk.period
    return Doc(title=t("title", city=rk.city, label=label), lines=_summary(rk, t, label, lang), lang=lang,
               pinned=dt.date(rk.year, int(rk.period[5:7]), 1) if len(rk.period) == 7 else None,
               sections=[_ranking_section(rk, t, lang), _scores_section(rk, t, lang), _rollup_section(rk, t),
                         _rules_section(rk, t, lang)])


def rule_text(r: RuleLine, lang: str) -> str:
    """How a rule scores, in a sentence of the circular."""
    d = r.details
    if r.method == "contest":
        return msg("city.rule.contest").text(lang)
    if r.method == "efficacy":
        return msg("city.rule.efficacy", x="x").text(lang)  # x: the county's figure, as the formula names it
    if r.method == "efficacy_split":
        return msg("city.rule.efficacy_split", share=f"{num(float(d['level_share']) * 100)}%",
                   growth=d["growth"]).text(lang)
    if r.method == "completion":
        return msg("city.rule.completion_proportional" if d.get("proportional") else "city.rule.completion").text(lang)
    if r.method == "completion_contest":
        return msg("city.rule.completion_contest", points=num(r.points),
                   contest=num(float(d["contest_points"]))).text(lang)
    caps = [msg(f"city.rule.{cap}", cap=num(float(d[cap]))) for cap in ("bonus_cap", "deduction_cap")
            if d.get(cap) is not None]
    return msg("city.rule.versus_average", step=num(float(d["step"])), per_step=num(float(d["per_step"])),
               caps="".join(c.text(lang) for c in caps)).text(lang)


def collect_doc(result: CollectResult, lang: str = "en") -> Doc:
    t = _words(lang)
    rows = [[c.name_zh, c.origin, c.added, c.unchanged, c.not_decomposed, say_in(c.refused, lang) or ""]
            for c in result.counties]
    return Doc(title=t("collect"), lines=[], lang=lang,
               sections=[Section(t("by_county"), [t("county"), t("origin"), t("added"), t("unchanged"), t("skipped"),
                                                t("refused")], rows)])
