"""The report as one self-contained HTML file: no network, no CDN, charts as inline SVG."""

from __future__ import annotations

from liupi_cli.render.labels import (
    COLUMNS,
    LIGHT_COLOUR,
    LIGHT_WORD,
    TASK_STATUS,
    WORDS,
    battle_title,
    cell_text,
    cells,
    heading,
    num,
    rows_by_battle,
    subheading,
)
from liupi_cli.render.safe import html_text
from liupi_cli.report.judge import PCT_PLACES, fixed
from liupi_cli.report.model import Report, Row

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
 sans-serif;margin:24px;color:#212121;font-size:14px;line-height:1.45}
h1{font-size:20px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #eee;padding-bottom:4px}
.sub{color:#555;margin-bottom:16px}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}.scroll table.wide{min-width:1100px}
table{border-collapse:collapse;margin:8px 0;font-size:13px} \
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top}
table.sum{width:100%;max-width:640px} table.sum td:first-child{width:45%}
th{background:#f5f5f5;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nw,th.nw{white-space:nowrap} td.ind{min-width:9em} td.lead{min-width:6em} td.note{min-width:12em}
.light{font-weight:bold;color:#fff;border-radius:3px;padding:1px 6px;white-space:nowrap}
.cards{display:flex;gap:8px;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:6px 12px;min-width:70px}
.card b{font-size:22px;display:block}.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;border:1px solid #eee;padding:6px;max-width:100%}figcaption{font-size:12px;color:#444;max-width:300px}
figure svg{max-width:100%;height:auto}
.bar{background:#eee;width:80px;height:8px;display:inline-block;position:relative;margin-left:4px}
.bar i{position:absolute;left:0;top:0;bottom:0}.bar s{position:absolute;top:-2px;bottom:-2px;width:2px;background:#000}
table.wide th{font-size:12px;line-height:1.25;font-weight:600;padding:3px 4px;white-space:nowrap}
@media (max-width:600px){body{margin:10px;font-size:15px}h1{font-size:18px}.card{min-width:0;flex:1 1 0;padding:4px 6px}
 .card b{font-size:18px}td.ind{min-width:7em}td.note{min-width:9em}table.wide{font-size:12px}}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;font-size:11px}.scroll{overflow:visible}.scroll table.wide{min-width:0}table{font-size:10px}
 .card,figure,tr,.sum{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid;page-break-after:avoid}
 .light{color:#000;border:1px solid #000;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

# Short words never wrap (频率 "月度", the light, the unit); the indicator keeps a readable width.
CLASS = {"frequency": ' class="nw"', "light": ' class="nw"', "unit": ' class="nw"', "indicator": ' class="ind"',
         "lead": ' class="lead"', "note": ' class="note"'}


def _light(light: str, lang: str) -> str:
    return f'<span class="light" style="background:{LIGHT_COLOUR[light]}">{LIGHT_WORD[lang][light]}</span>'


def _bar(r: Row) -> str:
    if r.completion is None:
        return ""
    done = max(0.0, min(r.completion, 100.0))
    expected = "" if r.expected is None else f'<s style="left:{min(r.expected, 100):.0f}%"></s>'
    return (f'<span class="bar"><i style="width:{done:.0f}%;background:{LIGHT_COLOUR[r.light]}"></i>'
            f"{expected}</span>")


MONTHS_EN = {2: "Feb", 4: "Apr", 6: "Jun", 8: "Aug", 10: "Oct", 12: "Dec"}
W, H, LEFT, RIGHT, TOP, BOTTOM = 320, 190, 40, 12, 14, 34


def _axes(x, y, ticks: list[tuple[float, str]], lang: str) -> str:
    """The y axis with value labels, the x axis with month labels, light grid lines."""
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}" stroke="#bbb"/>',
             f'<line x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}" stroke="#bbb"/>']
    for v, label in ticks:
        parts.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{W - RIGHT}" y2="{y(v):.1f}" stroke="#f0f0f0"/>'
                     f'<text x="{LEFT - 4}" y="{y(v) + 3:.1f}" font-size="9" text-anchor="end" fill="#555">'
                     f"{label}</text>")
    for m in (2, 4, 6, 8, 10, 12):
        label = f"{m}月" if lang == "zh" else MONTHS_EN[m]
        parts.append(f'<text x="{x(m):.1f}" y="{H - BOTTOM + 13}" font-size="9" text-anchor="middle" fill="#555">'
                     f"{label}</text>")
    return "".join(parts)


def _legend(colour: str, actual: str, reference: str) -> str:
    """A solid line for the recorded figures, a dashed one for the schedule or target."""
    y = H - 8
    return (f'<line x1="{LEFT}" y1="{y - 3}" x2="{LEFT + 18}" y2="{y - 3}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{LEFT + 22}" y="{y}" font-size="9">{actual}</text>'
            f'<line x1="{LEFT + 120}" y1="{y - 3}" x2="{LEFT + 138}" y2="{y - 3}" stroke="#999" '
            f'stroke-dasharray="4 3"/><text x="{LEFT + 142}" y="{y}" font-size="9">{reference}</text>')


def _x(m: float) -> float:
    return LEFT + (W - LEFT - RIGHT) * m / 12


def _svg(body: str, title: str) -> str:
    return (f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{html_text(title)}">'
            f"{body}</svg>")


def _progress_svg(r: Row, lang: str) -> str:
    """Cumulative: completion % by month against the straight 序时 line (0% in January to 100% in December)."""
    top = max(100.0, *(100 * p.value / r.target for p in r.series)) if r.target else 100.0
    top = 25 * -(-top // 25)
    y = lambda v: H - BOTTOM - (H - TOP - BOTTOM) * v / top  # noqa: E731
    ticks = [(v, f"{v:.0f}%") for v in range(0, int(top) + 1, 25 if top <= 100 else 50)]
    pts = " ".join(f"{_x(p.months):.1f},{y(100 * p.value / r.target):.1f}" for p in r.series) if r.target else ""
    dots = "".join(f'<circle cx="{_x(p.months):.1f}" cy="{y(100 * p.value / r.target):.1f}" r="3" '
                   f'fill="{LIGHT_COLOUR[r.light]}"/>' for p in r.series) if r.target else ""
    if r.target and r.series:  # the latest value written beside its point
        last = r.series[-1]
        dots += (f'<text x="{_x(last.months):.1f}" y="{y(100 * last.value / r.target) - 6:.1f}" font-size="9" '
                 f'text-anchor="middle">{num(fixed(100 * last.value / r.target, PCT_PLACES), "%")}%</text>')
    actual, schedule = ("完成年度目标%", "序时进度") if lang == "zh" else ("% of annual target", "time elapsed")
    body = (_axes(_x, y, ticks, lang)
            + f'<line x1="{_x(0):.1f}" y1="{y(0):.1f}" x2="{_x(12):.1f}" y2="{y(100):.1f}" stroke="#999" '
              f'stroke-dasharray="4 3"/>'
            + f'<polyline points="{pts}" fill="none" stroke="{LIGHT_COLOUR[r.light]}" stroke-width="2"/>{dots}'
            + _legend(LIGHT_COLOUR[r.light], actual, schedule))
    return _svg(body, r.name_zh)


def _trend_svg(r: Row, lang: str) -> str:
    """Growth rate: the recorded values by period against the target line, values labelled."""
    values = [p.value for p in r.series] + ([r.target] if r.target is not None else [])
    lo, hi = min(0.0, *values), max(values) + 1
    step = 2 if hi - lo <= 12 else 5 if hi - lo <= 30 else 10
    lo, hi = step * (lo // step), step * -(-hi // step)
    y = lambda v: H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo)  # noqa: E731
    ticks = [(lo + k * step, f"{lo + k * step:g}%") for k in range(int((hi - lo) / step) + 1)]
    pts = " ".join(f"{_x(p.months):.1f},{y(p.value):.1f}" for p in r.series)
    dots = "".join(f'<circle cx="{_x(p.months):.1f}" cy="{y(p.value):.1f}" r="3" fill="{LIGHT_COLOUR[r.light]}"/>'
                   f'<text x="{_x(p.months):.1f}" y="{y(p.value) - 6:.1f}" font-size="9" text-anchor="middle">'
                   f"{num(p.value, '%')}</text>" for p in r.series)
    target = ""
    if r.target is not None:
        target = (f'<line x1="{LEFT}" y1="{y(r.target):.1f}" x2="{W - RIGHT}" y2="{y(r.target):.1f}" stroke="#999" '
                  f'stroke-dasharray="4 3"/>')
    zero = f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{W - RIGHT}" y2="{y(0):.1f}" stroke="#bbb"/>'
    actual, goal = ("累计增长%", f"目标 {r.target:g}%") if lang == "zh" else ("YTD growth %", f"target {r.target:g}%")
    if r.target is None:
        goal = "目标" if lang == "zh" else "target"
    body = (_axes(_x, y, ticks, lang) + zero + target
            + f'<polyline points="{pts}" fill="none" stroke="{LIGHT_COLOUR[r.light]}" stroke-width="2"/>{dots}'
            + _legend(LIGHT_COLOUR[r.light], actual, goal))
    return _svg(body, r.name_zh)


# On a phone the first screen shows what a reader looks for: the name, its light and status (备注), as the
# 月通报 html does; the figures follow to the right.
FIRST = ["no", "indicator", "light", "note"]
NUMERIC = {"this_period", "ytd", "last_year", "growth", "completion", "expected", "gap_expected", "gap_growth",
           "projection", "no"}
LIGHTS = ("red", "yellow", "green", "grey")


def to_html(report: Report, lang: str = "en") -> str:
    e = html_text
    out = [f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(heading(report, lang))}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(heading(report, lang))}</h1>", f'<div class="sub">{e(subheading(report, lang))}</div>']
    out += _summary(report, lang)
    keys = FIRST + [k for k, *_ in COLUMNS if k not in FIRST and k != "battle"]
    for battle, rows in rows_by_battle(report):
        out += _battle(report, battle, rows, lang, keys)
    out += _overdue(report, lang)
    w = WORDS[lang]
    out.append(f"<p>{report.summary.tasks_done}/{report.summary.tasks_total} {w['tasks_done']}</p></body></html>\n")
    return "\n".join(out)


def _counts_table(title: str, counts: list[tuple[str, object]], lang: str) -> list[str]:
    """A table of light counts: a row per (name, counts) under the light words and the total."""
    w = WORDS[lang]
    head = "".join(f"<th>{LIGHT_WORD[lang][k]}</th>" for k in LIGHTS)
    out = [f"<table class=\"sum\"><tr><th>{title}</th>{head}<th>{w['total']}</th></tr>"]
    for name, cnt in counts:
        out.append(f"<tr><td>{html_text(name)}</td>" + "".join(f'<td class="n">{getattr(cnt, k)}</td>'
                                                               for k in (*LIGHTS, "total")) + "</tr>")
    out.append("</table>")
    return out


def _summary(report: Report, lang: str) -> list[str]:
    """The cards (a count and share per light), the counts by battle and by unit, the laggards."""
    w = WORDS[lang]
    c = report.summary.overall
    out = [f"<h2>{w['summary']}</h2>", '<div class="cards">']
    for light in LIGHTS:
        out.append(f'<div class="card" style="border-color:{LIGHT_COLOUR[light]}"><b>{getattr(c, light)}</b>'
                   f"{_light(light, lang)} {c.share(light):.0f}%</div>")
    out.append("</div>")
    by_battle = [(w["overall"] if cnt.key == "all" else battle_title(report, cnt.key, lang), cnt)
                 for cnt in [*report.summary.by_battle, report.summary.overall]]
    out += _counts_table(w["by_battle"], by_battle, lang)
    out += _counts_table(w["by_unit"], [(cnt.name_zh, cnt) for cnt in report.summary.by_unit], lang)
    rows = {r.id: r for r in report.rows}
    if report.summary.laggards:
        out.append(f"<p><b>{w['laggards']}:</b> " + "，".join(
            f"{_light(rows[i].light, lang)} {html_text(rows[i].name_zh)}" for i in report.summary.laggards[:12])
            + "</p>")
    return out


def _td(k: str, r: Row, values: dict, lang: str) -> str:
    """One cell of an indicator's row: the light as a badge, completion with its bar, numbers right-aligned."""
    e = html_text
    if k == "light":
        return f"<td>{_light(r.light, lang)}</td>"
    if k == "completion":
        return f'<td class="n">{e(cell_text(k, values[k], r))}{_bar(r)}</td>'
    cls = ' class="n"' if k in NUMERIC else CLASS.get(k, "")
    return f"<td{cls}>{e(cell_text(k, values[k], r))}</td>"


def _battle(report: Report, battle: str, rows: list[Row], lang: str, keys: list[str]) -> list[str]:
    """A battle's heading, its table of indicators, and the charts of its figures over the year."""
    e = html_text
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    out = [f'<h2>{e(battle_title(report, battle, lang))}</h2>'
           '<div class="scroll"><table class="wide"><thead><tr>'
           + "".join(f"<th{CLASS.get(k, '')}>{e(labels[k])}</th>" for k in keys) + "</tr></thead>"]
    for n, r in enumerate(rows, 1):
        values = cells(r, n, lang)
        out.append("<tr>" + "".join(_td(k, r, values, lang) for k in keys) + "</tr>")
    out.append("</table></div>")
    charts = [chart for r in rows if (chart := _chart(r, lang))]
    if charts:
        out.append('<div class="charts">' + "".join(charts) + "</div>")
    return out


def _chart(r: Row, lang: str) -> str:
    """A cumulative's progress against the 序时 line, a growth rate's trend; nothing for the other kinds."""
    w = WORDS[lang]
    if r.kind == "cumulative" and r.series and not r.stock:  # a stock has no 序时 line to draw
        return (f"<figure>{_progress_svg(r, lang)}<figcaption>{html_text(r.name_zh)}: {w['progress_chart']}, "
                f"{num(r.completion, '%')}% / {num(r.expected, '%')}%</figcaption></figure>")
    if r.kind == "growth_rate" and r.series:
        return (f"<figure>{_trend_svg(r, lang)}<figcaption>{html_text(r.name_zh)}: {w['trend_chart']}"
                f"</figcaption></figure>")
    return ""


def _overdue(report: Report, lang: str) -> list[str]:
    """The overdue tasks' table, or none."""
    w = WORDS[lang]
    e = html_text
    out = [f"<h2>{w['overdue']} ({len(report.summary.tasks_overdue)})</h2>"]
    if not report.summary.tasks_overdue:
        return out + [f"<p>{w['none']}</p>"]
    out.append(f'<div class="scroll"><table><tr><th>{w["id"]}</th><th>{w["task"]}</th><th>{w["deadline"]}</th>'
               f'<th>{w["days"]}</th><th>{w["status"]}</th></tr>')
    for t in report.summary.tasks_overdue:
        status = TASK_STATUS[lang].get(t.status or "", t.status or "—")
        out.append(f"<tr><td>{e(t.id)}</td><td>{e(t.title_zh)} ({e('、'.join(t.lead_units_zh))})</td>"
                   f'<td class="nw">{t.deadline}</td><td class="n">{t.days_overdue}</td><td>{e(status)}</td></tr>')
    out.append("</table></div>")
    return out
