"""The report as one self-contained HTML file: no network, no CDN, charts as inline SVG."""

from __future__ import annotations

from html import escape

from liupi_cli.render.labels import (
    COLUMNS,
    LIGHT_COLOUR,
    LIGHT_WORD,
    STATUS,
    WORDS,
    battle_title,
    cell_text,
    cells,
    heading,
    num,
    rows_by_battle,
    subheading,
)
from liupi_cli.report.model import Report, Row

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
 sans-serif;margin:24px;color:#212121;font-size:14px}
h1{font-size:20px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #eee;padding-bottom:4px}
.sub{color:#555;margin-bottom:16px}
table{border-collapse:collapse;margin:8px 0;font-size:13px} th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top}
th{background:#f5f5f5;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.light{font-weight:bold;color:#fff;border-radius:3px;padding:1px 6px;white-space:nowrap}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.card b{font-size:22px;display:block}.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;border:1px solid #eee;padding:6px}figcaption{font-size:12px;color:#444;max-width:300px}
.bar{background:#eee;width:80px;height:8px;display:inline-block;position:relative;margin-left:4px}
.bar i{position:absolute;left:0;top:0;bottom:0}.bar s{position:absolute;top:-2px;bottom:-2px;width:2px;background:#000}
"""


def _light(light: str, lang: str) -> str:
    return f'<span class="light" style="background:{LIGHT_COLOUR[light]}">{LIGHT_WORD[lang][light]}</span>'


def _bar(r: Row) -> str:
    if r.completion is None:
        return ""
    done = max(0.0, min(r.completion, 100.0))
    expected = "" if r.expected is None else f'<s style="left:{min(r.expected, 100):.0f}%"></s>'
    return (f'<span class="bar"><i style="width:{done:.0f}%;background:{LIGHT_COLOUR[r.light]}"></i>'
            f"{expected}</span>")


def _month_axis(x, height: int) -> str:
    return "".join(f'<text x="{x(m):.1f}" y="{height - 10}" font-size="9" text-anchor="middle">{m}</text>'
                   for m in (2, 4, 6, 8, 10, 12))


def _progress_svg(r: Row, lang: str) -> str:
    """Cumulative: completion % by month against the straight 序时 line."""
    width, height, pad = 300, 170, 30
    x = lambda m: pad + (width - 2 * pad) * m / 12  # noqa: E731
    top = max(100.0, *(100 * p.value / r.target for p in r.series)) if r.target else 100.0
    y = lambda v: height - pad - (height - 2 * pad) * v / top  # noqa: E731
    pts = " ".join(f"{x(p.months):.1f},{y(100 * p.value / r.target):.1f}" for p in r.series) if r.target else ""
    dots = "".join(f'<circle cx="{x(p.months):.1f}" cy="{y(100 * p.value / r.target):.1f}" r="3" '
                   f'fill="{LIGHT_COLOUR[r.light]}"/>' for p in r.series) if r.target else ""
    grid = _month_axis(x, height)
    label = "序时" if lang == "zh" else "schedule"
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
            f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(12)}" y2="{y(100)}" stroke="#999" stroke-dasharray="4 3"/>'
            f'<text x="{x(12) - 4}" y="{y(100) - 4}" font-size="9" text-anchor="end" fill="#777">{label} 100%</text>'
            f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#bbb"/>'
            f'<polyline points="{pts}" fill="none" stroke="{LIGHT_COLOUR[r.light]}" stroke-width="2"/>{dots}{grid}'
            f"</svg>")


def _trend_svg(r: Row, lang: str) -> str:
    """Growth rate: the recorded values by period against the target line."""
    width, height, pad = 300, 170, 30
    values = [p.value for p in r.series] + ([r.target] if r.target is not None else [])
    lo, hi = min(0.0, *values), max(values) + 1
    x = lambda m: pad + (width - 2 * pad) * m / 12  # noqa: E731
    y = lambda v: height - pad - (height - 2 * pad) * (v - lo) / (hi - lo)  # noqa: E731
    pts = " ".join(f"{x(p.months):.1f},{y(p.value):.1f}" for p in r.series)
    dots = "".join(f'<circle cx="{x(p.months):.1f}" cy="{y(p.value):.1f}" r="3" fill="{LIGHT_COLOUR[r.light]}"/>'
                   f'<text x="{x(p.months):.1f}" y="{y(p.value) - 6:.1f}" font-size="9" text-anchor="middle">'
                   f"{p.value:.1f}</text>" for p in r.series)
    target = ""
    if r.target is not None:
        label = "目标" if lang == "zh" else "target"
        target = (f'<line x1="{pad}" y1="{y(r.target):.1f}" x2="{width - pad}" y2="{y(r.target):.1f}" stroke="#999" '
                  f'stroke-dasharray="4 3"/><text x="{width - pad}" y="{y(r.target) - 4:.1f}" font-size="9" '
                  f'text-anchor="end" fill="#777">{label} {r.target:g}%</text>')
    zero = f'<line x1="{pad}" y1="{y(0):.1f}" x2="{width - pad}" y2="{y(0):.1f}" stroke="#bbb"/>'
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">{zero}{target}'
            f'{_month_axis(x, height)}<polyline points="{pts}" fill="none" stroke="{LIGHT_COLOUR[r.light]}" '
            f'stroke-width="2"/>{dots}</svg>')


def to_html(report: Report, lang: str = "en") -> str:
    w = WORDS[lang]
    e = escape
    out = [f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           f"<title>{e(heading(report, lang))}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(heading(report, lang))}</h1>", f'<div class="sub">{e(subheading(report, lang))}</div>',
           f"<h2>{w['summary']}</h2>", '<div class="cards">']
    c = report.summary.overall
    for light in ("red", "yellow", "green", "grey"):
        out.append(f'<div class="card" style="border-color:{LIGHT_COLOUR[light]}"><b>{getattr(c, light)}</b>'
                   f"{_light(light, lang)} {c.share(light):.0f}%</div>")
    out.append("</div>")
    head = "".join(f"<th>{LIGHT_WORD[lang][k]}</th>" for k in ("red", "yellow", "green", "grey"))
    out.append(f"<table><tr><th>{w['by_battle']}</th>{head}<th>{w['total']}</th></tr>")
    for cnt in [*report.summary.by_battle, report.summary.overall]:
        name = w["overall"] if cnt.key == "all" else battle_title(report, cnt.key, lang)
        out.append(f"<tr><td>{e(name)}</td>" + "".join(f'<td class="n">{getattr(cnt, k)}</td>'
                                                        for k in ("red", "yellow", "green", "grey", "total")) + "</tr>")
    out.append("</table>")
    out.append(f"<table><tr><th>{w['by_unit']}</th>{head}<th>{w['total']}</th></tr>")
    for cnt in report.summary.by_unit:
        out.append(f"<tr><td>{e(cnt.name_zh)}</td>" + "".join(
            f'<td class="n">{getattr(cnt, k)}</td>' for k in ("red", "yellow", "green", "grey", "total")) + "</tr>")
    out.append("</table>")
    rows = {r.id: r for r in report.rows}
    if report.summary.laggards:
        out.append(f"<p><b>{w['laggards']}:</b> " + "，".join(
            f"{_light(rows[i].light, lang)} {e(rows[i].name_zh)}" for i in report.summary.laggards[:12]) + "</p>")
    keys = [k for k, *_ in COLUMNS if k != "battle"]
    labels = {k: (zh if lang == "zh" else en) for k, en, zh in COLUMNS}
    numeric = {"this_period", "ytd", "last_year", "growth", "completion", "expected", "gap_expected", "gap_growth",
               "projection", "no"}
    for battle, brows in rows_by_battle(report):
        out.append(f"<h2>{e(battle_title(report, battle, lang))}</h2><table><tr>"
                   + "".join(f"<th>{e(labels[k])}</th>" for k in keys) + "</tr>")
        for n, r in enumerate(brows, 1):
            values = cells(r, n, lang)
            tds = []
            for k in keys:
                if k == "light":
                    tds.append(f"<td>{_light(r.light, lang)}</td>")
                elif k == "completion":
                    tds.append(f'<td class="n">{e(cell_text(k, values[k], r))}{_bar(r)}</td>')
                else:
                    cls = ' class="n"' if k in numeric else ""
                    tds.append(f"<td{cls}>{e(cell_text(k, values[k], r))}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
        charts = []
        for r in brows:
            if r.kind == "cumulative" and r.series:
                charts.append(f"<figure>{_progress_svg(r, lang)}<figcaption>{e(r.name_zh)}: {w['progress_chart']}, "
                              f"{num(r.completion, '%')}% / {num(r.expected, '%')}%</figcaption></figure>")
            elif r.kind == "growth_rate" and r.series:
                charts.append(f"<figure>{_trend_svg(r, lang)}<figcaption>{e(r.name_zh)}: {w['trend_chart']}"
                              f"</figcaption></figure>")
        if charts:
            out.append('<div class="charts">' + "".join(charts) + "</div>")
    out.append(f"<h2>{w['overdue']} ({len(report.summary.tasks_overdue)})</h2>")
    if report.summary.tasks_overdue:
        out.append(f"<table><tr><th>id</th><th>{w['task']}</th><th>{w['deadline']}</th><th>{w['days']}</th>"
                   f"<th>{w['status']}</th></tr>")
        for t in report.summary.tasks_overdue:
            status = STATUS[lang].get(t.status or "", t.status or "—")
            out.append(f"<tr><td>{e(t.id)}</td><td>{e(t.title_zh)} ({e('、'.join(t.lead_units_zh))})</td>"
                       f'<td>{t.deadline}</td><td class="n">{t.days_overdue}</td><td>{e(status)}</td></tr>')
        out.append("</table>")
    else:
        out.append(f"<p>{w['none']}</p>")
    out.append(f"<p>{report.summary.tasks_done}/{report.summary.tasks_total} {w['tasks_done']}</p></body></html>\n")
    return "\n".join(out)
