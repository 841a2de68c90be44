"""The cadence models (催报 list, unit page, 旬简报/月通报/季总结/年终结账) laid out as a Doc: a title, a few
lines, and titled tables. Every format (markdown, html, xlsx, csv, the terminal table) draws a Doc."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from liupi_cli.cadence.change import Change
from liupi_cli.cadence.missing import MissingList
from liupi_cli.cadence.prescore import Prescore, Score, WorkingWords, written_working
from liupi_cli.cadence.products import DekadBrief, MonthCircular, Product, QuarterSummary, YearSettlement
from liupi_cli.cadence.timeline import TaskLine
from liupi_cli.cadence.unit_page import UnitPage
from liupi_cli.render.labels import (
    LIGHT_WORD,
    STATUS_BY_KIND,
    TASK_STATUS,
    actual_figure,
    colon,
    comma,
    gap_text,
    returned_mark,
    review_mark,
    target_text,
    vocabulary,
)
from liupi_cli.report.model import Report

# Every word is the catalogue's (liupi_cli/messages_catalogue.py, ``label.*``): a product never words a light or
# a status differently from `liupi report`; the task states the report does not show, and the products' own
# words, are ids of the catalogue too.
LIGHT = {lang: {**words, None: "—"} for lang, words in LIGHT_WORD.items()}
STATUS = TASK_STATUS  # a report's statuses and the task states it does not show, one vocabulary (render/labels)
W = vocabulary("label.cadence.")
# a new year's plan before its figure is written (see docs/next-year.md)
TO_BE_SET = {lang: words["to_be_set"] for lang, words in W.items()}
PRODUCT_ZH = {product: W["zh"][product] for product in ("dekad", "month", "quarter", "year")}  # file names


# A light cell holds the light's word (红灯, GREEN…); every format that colours it reads the light back here.
LIGHT_OF = {word: key for words in LIGHT.values() for key, word in words.items() if key}


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[object]]
    light_column: int | None = None  # cells in this column are light words (filled in xlsx/html)
    note: str | None = None


@dataclass
class Doc:
    title: str
    lines: list[str]
    sections: list[Section] = field(default_factory=list)
    csv_section: int = 0  # the section CSV output holds
    pinned: dt.date | None = None  # the date written into file metadata (xlsx), for reproducible files
    lang: str = "en"  # page header and footer words when printed


def _n(x: float | None) -> object:
    if x is None:
        return ""
    return int(x) if float(x).is_integer() else round(x, 2)


def _st(status: str | None, lang: str, kind: str | None = None) -> str:
    if status is None:
        return ""
    return STATUS_BY_KIND[lang].get((kind, status)) or STATUS[lang].get(status, status)


def _light(light: str | None, lang: str) -> str:
    return LIGHT[lang].get(light, light or "")


def _timing(t: TaskLine, lang: str) -> str:
    w = W[lang]
    if t.days_overdue is not None:
        return w["days_overdue"].format(n=t.days_overdue)
    if t.days_left is not None:
        return w["days_left"].format(n=t.days_left)
    if t.state == "ongoing":
        if t.days_since_update is None:
            return w["no_update"]
        return w["since"].format(n=t.days_since_update) + (f" ({w['stale']})" if t.stale else "")
    return ""


def _deadline(t: TaskLine, lang: str) -> str:
    if t.deadline == "ongoing":
        return _st("ongoing", lang)
    return t.deadline.isoformat() if isinstance(t.deadline, dt.date) else (t.deadline_text or "")


def task_section(title: str, tasks: list[TaskLine], lang: str, roles: list[str] | None = None) -> Section:
    w = W[lang]
    cols = [w["id"], w["name"], w["lead_unit"], w["deadline"], w["status"], w["percent"], w["updated"],
            w["against_deadline"], w["timing"]]
    rows = []
    for i, t in enumerate(tasks):
        row = [t.id, t.title_zh, "、".join(t.lead_units_zh), _deadline(t, lang),
               _st(t.status, lang) if t.status else w["no_update"], _n(t.percent),
               t.updated.isoformat() if t.updated else "", _st(t.state, lang), _timing(t, lang)]
        rows.append(([w[roles[i]]] if roles else []) + row)
    return Section(title, ([w["role"]] if roles else []) + cols, rows)


def report_section(rep: Report, lang: str, title: str | None = None) -> Section:
    w = W[lang]
    cols = [w["no"], w["battle"], w["id"], w["name"], w["lead_unit"], w["target"], w["actual"], w["at"], w["gap"],
            w["light"], w["status"], w["completion"], w["expected"], w["notes"]]
    # 完成% and 序时进度 only where the kind has them (a year-to-date amount); 备注 carries the notes (a cap
    # broken since when, the target judged against, a stale figure), as the report's circular does
    rows = [[i, r.battle_zh, r.id, r.name_zh, r.lead_unit_zh or "", target_text(r, lang), actual_figure(r, lang),
             r.actual_period or "", gap_text(r, lang), _light(r.light, lang), _st(r.status, lang, r.kind),
             _n(r.completion), _n(r.expected), ("；" if lang == "zh" else "; ").join(r.notes_zh if lang == "zh"
                                                                                    else r.notes)]
            for i, r in enumerate(rep.rows, 1)]
    return Section(title or w["report"], cols, rows, light_column=9)


def light_counts(rep: Report, lang: str) -> Section:
    w = W[lang]
    cols = [w["battle"], *(LIGHT[lang][k] for k in ("red", "yellow", "green", "grey")), w["overall"]]
    rows = [[c.name_zh, c.red, c.yellow, c.green, c.grey, c.total]
            for c in [*rep.summary.by_battle, rep.summary.overall]]
    rows[-1][0] = w["overall"]
    return Section(w["lights"], cols, rows)


def change_section(ch: Change, lang: str, title: str | None = None) -> Section:
    w = W[lang]
    title = title or (w["change"].format(p=ch.previous) if ch.previous else w["no_previous"])
    cols = [w["kind"], w["id"], w["name"], w["lead_unit"], w["before"], w["after"]]
    rows, shown = [], set()
    for kind in ("newly_red", "persistent_red", "down", "up"):  # a fall into red is listed once, as newly red
        for c in getattr(ch, kind):
            if c.id not in shown:
                shown.add(c.id)
                rows.append([w[kind], c.id, c.name_zh, c.lead_unit_zh or "", _light(c.before, lang),
                             _light(c.after, lang)])
    return Section(title, cols, rows, light_column=5)


def missing_sections(m: MissingList, lang: str) -> list[Section]:
    w = W[lang]
    counts = Section(w["counts"], [w["unit"], w["figures_due"], w["figures_in"], w["figures_missing"], w["tasks_due"],
                                   w["tasks_in"], w["tasks_missing"], w["state"]],
                     [[u.unit_zh, u.figures_due, u.figures_in, len(u.figures), u.tasks_due, u.tasks_in, len(u.tasks),
                       w["complete"] if u.complete else w["owes"]] for u in m.units])
    items = []
    for u in m.units:
        if u.complete:
            items.append([u.unit_zh, w["complete"], "", "", ""])
        for f in u.figures:
            items.append([u.unit_zh, w["figure"], f.id, f.name_zh + (TO_BE_SET[lang] if f.target_to_be_set else "")
                          + returned_mark(f.returned, lang),
                          f.period])
        for t in u.tasks:
            last = t.last_update.isoformat() if t.last_update else w["no_update"]
            items.append([u.unit_zh, w["task"], t.id, t.title_zh, last])
    return [counts, Section(w["items"], [w["unit"], w["what"], w["id"], w["name"], w["for"]], items)]


def missing_doc(m: MissingList, lang: str) -> Doc:
    w = W[lang]
    label = m.period_label_zh if lang == "zh" else m.period_label_en
    lines = [f"{w['span']}{colon(lang)}{m.start.isoformat()} – {m.end.isoformat()}",
             w["totals"].format(f=m.figures_missing, t=m.tasks_missing, c=len(m.complete_units))]
    pending = sum(f.target_to_be_set for u in m.units for f in u.figures)
    if pending:  # a new year's plan: figures are owed before the targets are decided
        lines.append(f"{pending} of them with the target still to be set" if lang == "en"
                     else f"其中{pending}项指标目标待定")
    return Doc(f"{w['owed_title']} · {label}", lines, missing_sections(m, lang), csv_section=1,
               pinned=m.end, lang=lang)


WORKING = {lang: WorkingWords(*(words[f"working_{k}"] for k in WorkingWords._fields)) for lang, words in W.items()}


def working(s: Score, lang: str) -> str:
    return written_working(s, WORKING[lang])


def _lights_line(c, lang: str) -> str:
    words = comma(lang).join(f"{LIGHT[lang][k]} {getattr(c, k)}" for k in ("red", "yellow", "green", "grey"))
    return f"{W[lang]['lights']}{colon(lang)}{words}"


def _score_line(s: Score | None, lang: str) -> str:
    w = W[lang]
    if s is None or s.score is None:
        return f"{w['prescore']}{colon(lang)}—"
    return f"{w['prescore']}{colon(lang)}{_n(s.score)} ({working(s, lang)})"


def prescore_sections(p: Prescore, lang: str) -> list[Section]:
    w = W[lang]
    cols = [w["name"], w["ind_part"], w["task_part"], w["score"], w["working"]]

    def rows(scores: list[Score]) -> list[list[object]]:
        return [[s.name_zh, _n(s.indicator_part), _n(s.task_part), _n(s.score), working(s, lang)] for s in scores]

    parts = []
    for s in p.by_unit:
        for part in s.parts:
            parts.append([s.name_zh, w["figure"] if part.what == "indicator" else w["task"], part.id, part.name_zh,
                          _light(part.outcome, lang) if part.outcome in LIGHT[lang] else _st(part.outcome, lang),
                          "—" if part.points is None else _n(part.points), _n(part.weight)])
    return [
        Section(f"{w['prescore']} · {w['battle']}", cols, rows([*p.by_battle, p.overall])),
        Section(f"{w['prescore']} · {w['unit']}", cols, rows(p.by_unit)),
        Section(w["parts"], [w["unit"], w["what"], w["id"], w["name"], w["outcome"], w["points"], w["weight"]], parts),
    ]


def unit_doc(page: UnitPage, lang: str) -> Doc:
    w = W[lang]
    label = page.period_label_zh if lang == "zh" else page.period_label_en
    c = page.lights
    lines = [_lights_line(c, lang),
             _score_line(page.prescore, lang)]
    ind = Section(w["indicators"], [w["role"], w["id"], w["name"], w["target"], w["actual"], w["at"], w["gap"],
                                    w["light"], w["status"]],
                  [[w[u.role], u.row.id, u.row.name_zh, target_text(u.row, lang), actual_figure(u.row, lang),
                    u.row.actual_period or "", gap_text(u.row, lang), _light(u.row.light, lang),
                    _st(u.row.status, lang, u.row.kind)]
                   for u in page.indicators], light_column=7)
    tasks = task_section(w["tasks"], [t.task for t in page.tasks], lang, [t.role for t in page.tasks])
    owed = [[w["figure"], f.id, f.name_zh + returned_mark(f.returned, lang), f.period] for f in page.owes.figures]
    owed += [[w["task"], t.id, t.title_zh, t.last_update.isoformat() if t.last_update else w["no_update"]]
             for t in page.owes.tasks]
    owes = Section(w["missing"], [w["what"], w["id"], w["name"], w["for"]], owed,
                   note=None if owed else w["owes_nothing"])
    return Doc(f"{page.unit_zh} · {label}", lines, [ind, tasks, owes], pinned=page.as_of, lang=lang)


def product_doc(p: Product, lang: str) -> Doc:
    w = W[lang]
    if isinstance(p, DekadBrief):
        label = p.label_zh if lang == "zh" else p.label_en
        rec = Section(w["recorded"],
                      [w["id"], w["name"], w["at"], w["entered"], w["lead_unit"], w["recorded_on"], w["by"]],
                      [[r.id, r.name_zh, r.period, r.entered + review_mark(r, lang), r.lead_unit_zh or "",
                        r.recorded_on.isoformat(), r.recorded_by] for r in p.recorded])
        moved = Section(w["moved"],
                        [w["id"], w["name"], w["lead_unit"], w["updated"], w["was"], w["now"], w["percent"]],
                        [[m.id, m.title_zh, "、".join(m.lead_units_zh), m.date.isoformat(), _st(m.before_status, lang),
                          _st(m.status, lang), _n(m.percent)] for m in p.tasks_moved])
        lines = [f"{w['span']}{colon(lang)}{p.start.isoformat()} – {p.end.isoformat()} · {w['report']} "
                 f"{p.report_period or w['no_report_period']}"]
        ms = Section(w["milestones_overdue"], [w["id"], w["name"], w["deadline"], w["lead_unit"]],
                     [[m.id, m.name_zh, m.due.isoformat(), m.lead_unit_zh or ""] for m in p.milestones_overdue])
        return Doc(f"{w['dekad']} · {label}", lines,
                   [rec, moved, task_section(w["became_overdue"], p.became_overdue, lang), ms]
                   + ([change_section(p.change, lang, w["since_dekad"].format(p=p.report_period))] if p.change else []),
                   pinned=p.end, lang=lang)
    rep = p.report
    label = rep.period_label_zh if lang == "zh" else rep.period_label_en
    c = rep.summary.overall
    lines = [_lights_line(c, lang)]
    title = f"{w[p.product]} · {label}"
    if isinstance(p, MonthCircular):
        m = p.missing
        lines.append(w["totals"].format(f=m.figures_missing, t=m.tasks_missing, c=len(m.complete_units)))
        secs = [light_counts(rep, lang), change_section(p.change, lang), *missing_sections(m, lang),
                task_section(w["overdue"], p.tasks_overdue, lang), report_section(rep, lang)]
        return Doc(title, lines, secs, csv_section=len(secs) - 1, pinned=rep.as_of, lang=lang)
    if isinstance(p, QuarterSummary):
        lines.append(_score_line(p.prescore.overall, lang))
        secs = [light_counts(rep, lang), change_section(p.change, lang), *prescore_sections(p.prescore, lang),
                report_section(rep, lang)]
        return Doc(title, lines, secs, csv_section=3, pinned=rep.as_of, lang=lang)
    assert isinstance(p, YearSettlement)
    o = p.overall
    lines.append(f"{w['met']} {o.met} · {w['not_met']} {o.not_met} · {w['unreported']} {o.unreported} · "
                 f"{w['unknown']} {o.unknown}")
    lines.append(_score_line(p.prescore.overall, lang))
    cols = [w["name"], w["met"], w["not_met"], w["unreported"], w["unknown"]]
    by_b = Section(f"{w['settlement']} · {w['battle']}", cols,
                   [[s.name_zh, s.met, s.not_met, s.unreported, s.unknown] for s in [*p.by_battle, p.overall]])
    by_u = Section(f"{w['settlement']} · {w['unit']}", cols,
                   [[s.name_zh, s.met, s.not_met, s.unreported, s.unknown] for s in p.by_unit])
    not_met = rep.model_copy(update={"rows": [r for r in rep.rows if r.met is False]})
    unreported = rep.model_copy(update={"rows": [r for r in rep.rows if r.status == "unreported"]})
    secs = [by_b, by_u, report_section(not_met, lang, w["not_met_list"]),
            report_section(unreported, lang, w["unreported_list"]), *prescore_sections(p.prescore, lang),
            report_section(rep, lang)]
    return Doc(title, lines, secs, csv_section=len(secs) - 1, pinned=rep.as_of, lang=lang)
