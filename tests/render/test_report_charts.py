"""The HTML report's charts, read as a reader sees them: a cumulative's progress against the 序时 line and a
growth rate's trend against its target, on a 320×190 frame whose plot area runs from x=40 to x=308 (January 1st
to December's end) and from y=156 (the value 0) up to y=14; months labelled under the axis in the page's
language, values at the left, a legend below, the figure captioned with the indicator's name."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.html import to_html
from liupi_cli.report.build import build_report
from liupi_cli.store import Record

LEFT, RIGHT_EDGE, BOTTOM_Y, TOP_Y = 40, 308, 156, 14
_ids = itertools.count(1)


def _x(month: float) -> float:
    return round(LEFT + (RIGHT_EDGE - LEFT) * month / 12, 1)


def _rec(indicator: str, period: str, value: float) -> Record:
    return Record(id=next(_ids), indicator=indicator, period=period, baseline=False, value=value, entered=f"{value:g}",
                  entered_unit=None, unit=None, recorded_by="统计局", recorded_at="2023-07-05T09:00:00+08:00",
                  source=None, note=None, supersedes=None, batch=None, current=True)


def _page(lang: str) -> str:
    plan = load_plan(MINI)
    records = [_rec("new_urban_jobs", "2023-02", 350), _rec("new_urban_jobs", "2023-06", 1500),
               _rec("industrial_va_growth", "2023-05", 9.6), _rec("industrial_va_growth", "2023-06", 8.0)]
    return to_html(build_report(plan, records, parse_period("2023-06")), lang)


@pytest.fixture
def pages():
    """Each language's page, drawn in the test that asks (not once for the module: a mutation run credits the
    code a fixture runs to the first test only)."""
    from .test_report_workbook_cells import _Lazy

    return _Lazy(_page)


def _figures(page: str) -> dict[str, tuple[ET.Element, str]]:
    """Each chart by its indicator's name: the svg element and the caption."""
    out = {}
    for svg, caption in re.findall(r"<figure>(<svg.*?</svg>)<figcaption>(.*?)</figcaption></figure>", page):
        el = ET.fromstring(svg)
        out[el.get("aria-label")] = (el, caption)
    return out


def _texts(svg: ET.Element, **attrs: str) -> list[ET.Element]:
    return [t for t in svg.iter("text") if all(t.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def _f(el: ET.Element, name: str) -> float:
    return float(el.get(name))


@pytest.mark.parametrize("lang,months", [("en", ["Feb", "Apr", "Jun", "Aug", "Oct", "Dec"]),
                                         ("zh", ["2月", "4月", "6月", "8月", "10月", "12月"])])
def test_every_chart_labels_every_other_month_under_its_axis_in_the_page_s_language(pages, lang, months):
    figures = _figures(pages[lang])
    assert set(figures) == {"城镇新增就业", "规模工业增加值"}
    for svg, _ in figures.values():
        assert (svg.get("width"), svg.get("height"), svg.get("viewBox"), svg.get("role")) == \
            ("320", "190", "0 0 320 190", "img")
        labels = _texts(svg, text_anchor="middle", fill="#555")
        assert [t.text for t in labels] == months
        assert [_f(t, "x") for t in labels] == [_x(m) for m in (2, 4, 6, 8, 10, 12)]
        assert {_f(t, "y") for t in labels} == {BOTTOM_Y + 13}  # one line under the axis
        assert {t.get("font-size") for t in svg.iter("text")} == {"9"}
        axes = [(_f(el, "x1"), _f(el, "y1"), _f(el, "x2"), _f(el, "y2")) for el in svg.iter("line")
                if el.get("stroke") == "#bbb"][:2]
        assert axes == [(LEFT, TOP_Y, LEFT, BOTTOM_Y), (LEFT, BOTTOM_Y, RIGHT_EDGE, BOTTOM_Y)]


def _value_scale(svg: ET.Element) -> list[tuple[str, float, float]]:
    """The value labels at the left: (label, its baseline y, the y of the grid line it names)."""
    grid = [el for el in svg.iter("line") if el.get("stroke") == "#f0f0f0"]
    labels = _texts(svg, text_anchor="end")
    assert len(grid) == len(labels)
    for el, t in zip(grid, labels):
        assert (_f(el, "x1"), _f(el, "x2")) == (LEFT, RIGHT_EDGE) and _f(el, "y1") == _f(el, "y2")
        assert _f(t, "x") == LEFT - 4 and t.get("fill") == "#555"  # right-aligned just left of the axis
    return [(t.text, _f(t, "y"), _f(el, "y1")) for el, t in zip(grid, labels)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_progress_chart_runs_from_0_to_100_percent_against_the_time_elapsed_line(pages, lang):
    svg, caption = _figures(pages[lang])["城镇新增就业"]
    scale = _value_scale(svg)
    assert [s[0] for s in scale] == ["0%", "25%", "50%", "75%", "100%"]
    assert [s[2] for s in scale] == [156.0, 120.5, 85.0, 49.5, 14.0]  # evenly spaced, 100% at the top
    assert all(label_y == line_y + 3 for _, label_y, line_y in scale)  # each label centred on its line
    schedule = next(el for el in svg.iter("line") if el.get("stroke-dasharray") == "4 3")
    assert [_f(schedule, k) for k in ("x1", "y1", "x2", "y2")] == [LEFT, BOTTOM_Y, RIGHT_EDGE, TOP_Y]
    # 350 of 3200 by February (10.9%), 1500 by June (46.9%): a point at each month recorded, yellow
    dots = [(_f(c, "cx"), _f(c, "cy")) for c in svg.iter("circle")]
    assert dots == [(_x(2), 140.5), (_x(6), 89.4)]
    assert {c.get("fill") for c in svg.iter("circle")} == {"#f9a825"} and {c.get("r") for c in svg.iter("circle")} \
        == {"3"}
    assert svg.find("polyline").get("points") == f"{_x(2)},140.5 {_x(6)},89.4"
    last = next(t for t in svg.iter("text") if t.text == "46.9%")
    assert (_f(last, "x"), _f(last, "y")) == (_x(6), 89.4 - 6)  # the latest value just above its point
    legend = [t.text for t in svg.iter("text") if t.get("text-anchor") is None]
    words = {"en": ["% of annual target", "time elapsed"], "zh": ["完成年度目标%", "序时进度"]}[lang]
    assert legend == words
    assert caption.startswith("城镇新增就业: ") and caption.endswith(", 46.9% / 50.0%")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_trend_chart_shows_each_month_s_growth_against_the_target_line(pages, lang):
    svg, caption = _figures(pages[lang])["规模工业增加值"]
    scale = _value_scale(svg)
    assert [s[0] for s in scale] == ["0%", "2%", "4%", "6%", "8%", "10%", "12%"]  # steps of 2 up to 12 (9.6 + 1)
    assert scale[0][2] == BOTTOM_Y and scale[-1][2] == TOP_Y
    assert all(label_y == line_y + 3 for _, label_y, line_y in scale)
    step = (BOTTOM_Y - TOP_Y) / 12  # per percentage point

    def y(v: float) -> float:
        return round(BOTTOM_Y - step * v, 1)

    target = next(el for el in svg.iter("line") if el.get("stroke-dasharray") == "4 3")
    assert (_f(target, "x1"), _f(target, "x2"), _f(target, "y1"), _f(target, "y2")) == \
        (LEFT, RIGHT_EDGE, y(9.5), y(9.5))
    dots = [(_f(c, "cx"), _f(c, "cy")) for c in svg.iter("circle")]
    assert dots == [(_x(5), y(9.6)), (_x(6), y(8.0))]
    values = [(t.text, _f(t, "x"), _f(t, "y")) for t in _texts(svg, text_anchor="middle") if t.get("fill") is None]
    assert values == [("9.6", _x(5), round(y(9.6) - 6, 1)), ("8.0", _x(6), round(y(8.0) - 6, 1))]
    legend = [t.text for t in svg.iter("text") if t.get("text-anchor") is None]
    assert legend == {"en": ["YTD growth %", "target 9.5%"], "zh": ["累计增长%", "目标 9.5%"]}[lang]
    assert caption.startswith("规模工业增加值: ") and len(caption) > len("规模工业增加值: ")


def test_the_legend_sits_under_the_chart_a_solid_line_in_the_light_s_colour_then_a_dashed_one(pages):
    svg, _ = _figures(pages["en"])["规模工业增加值"]
    solid, dashed = [el for el in svg.iter("line") if _f(el, "y1") == 179]
    assert (_f(solid, "x1"), _f(solid, "x2"), solid.get("stroke"), solid.get("stroke-width")) == \
        (40, 58, "#c62828", "2")
    assert (_f(dashed, "x1"), _f(dashed, "x2"), dashed.get("stroke"), dashed.get("stroke-dasharray")) == \
        (160, 178, "#999", "4 3")
    words = [(t.text, _f(t, "x"), _f(t, "y")) for t in svg.iter("text") if t.get("text-anchor") is None]
    assert words == [("YTD growth %", 62, 182), ("target 9.5%", 182, 182)]


def test_no_chart_for_an_indicator_without_figures_over_the_year(pages):
    for lang in ("en", "zh"):
        assert "城镇调查失业率" not in _figures(pages[lang])


def test_the_trend_scale_reaches_the_target_when_the_figures_are_below_it():
    plan = load_plan(MINI)
    report = build_report(plan, [_rec("industrial_va_growth", "2023-05", 3.0), _rec("industrial_va_growth",
                                                                                    "2023-06", 4.0)],
                          parse_period("2023-06"))
    svg, _ = _figures(to_html(report, "en"))["规模工业增加值"]
    labels = [s[0] for s in _value_scale(svg)]
    assert labels == ["0%", "2%", "4%", "6%", "8%", "10%", "12%"]  # up to 9.5 + 1, not 4 + 1
    target = next(el for el in svg.iter("line") if el.get("stroke-dasharray") == "4 3")
    assert TOP_Y < _f(target, "y1") < BOTTOM_Y


def test_the_page_s_tables_open_and_close_in_lowercase_html(pages):
    for page in (pages["en"], pages["zh"]):
        assert page.count("<table") == page.count("</table>") >= 3
        assert "</TABLE>" not in page
    assert '<html lang="zh-CN">' in pages["zh"] and '<html lang="en">' in pages["en"]


# -- the page around the charts -------------------------------------------------------------------------------

def test_the_summary_cards_count_each_light_with_its_share():
    from .test_report_workbook_cells import RECORDS

    page = to_html(build_report(load_plan(MINI), RECORDS, parse_period("2023-06")), "en")
    cards = re.findall(r'<div class="card" style="border-color:(#\w+)"><b>(\d+)</b><span class="light" '
                       r'style="background:(#\w+)">(\w+)</span> (\d+)%</div>', page)
    assert cards == [("#c62828", "0", "#c62828", "RED", "0"), ("#f9a825", "4", "#f9a825", "YELLOW", "31"),
                     ("#2e7d32", "1", "#2e7d32", "GREEN", "8"), ("#9e9e9e", "8", "#9e9e9e", "GREY", "62")]
    by_battle = re.search(r"<table class=\"sum\"><tr><th>By battle</th>(.*?)</table>", page, re.S)[1]
    assert "<th>RED</th><th>YELLOW</th><th>GREEN</th><th>GREY</th><th>total</th>" in by_battle
    assert '<tr><td>All indicators</td><td class="n">0</td><td class="n">4</td><td class="n">1</td>' \
           '<td class="n">8</td><td class="n">13</td></tr>' in by_battle
    assert "<tr><td>县人社局</td>" in page.split("By lead unit", 1)[1]
    laggards = re.search(r"<p><b>Furthest behind:</b> (.*?)</p>", page)[1]
    assert re.findall(r"</span> ([^，<]+)", laggards) == ["社会消费品零售总额", "城镇新增就业", "规模工业增加值",
                                                           "城镇调查失业率"]


def test_a_battle_row_shows_its_light_badge_and_a_bar_of_what_is_done_against_the_schedule():
    from .test_report_workbook_cells import RECORDS

    page = to_html(build_report(load_plan(MINI), RECORDS, parse_period("2023-06")), "en")
    row = re.search(r'<tr><td class="n">3</td><td class="ind">Retail sales 社会消费品零售总额</td>(.*?)</tr>', page)[1]
    assert row.startswith('<td><span class="light" style="background:#f9a825">YELLOW</span></td>'
                          '<td class="note">behind</td><td class="nw">亿元</td><td class="lead">县发改局</td>'
                          '<td class="nw">monthly</td>')
    assert '<td class="n">44.8<span class="bar"><i style="width:45%;background:#f9a825"></i>' \
           '<s style="left:50%"></s></span></td>' in row
    assert '<td class="n">15.234 (2023-06)</td>' in row and '<td class="n">-5.2</td>' in row
    heads = re.search(r"<h2>1\. Economic growth[^<]*</h2>.*?<thead><tr>(.*?)</tr>", page)[1]
    assert re.findall(r"<th[^>]*>([^<]+)</th>", heads)[:4] == ["No.", "Indicator", "Light", "Note"]
    assert '<th class="ind">Indicator</th><th class="nw">Light</th><th class="note">Note</th>' in heads


def test_a_bar_is_full_at_most_and_empty_at_least():
    from liupi_cli.render.html import _bar

    class Row:
        def __init__(self, completion, expected):
            self.completion, self.expected, self.light = completion, expected, "green"

    assert _bar(Row(None, 50)) == ""
    assert 'width:100%' in _bar(Row(130, 120)) and 'left:100%' in _bar(Row(130, 120))
    assert 'width:0%' in _bar(Row(-5, None)) and "<s " not in _bar(Row(-5, None))


def test_a_negative_growth_puts_the_scale_below_zero_in_whole_steps():
    plan = load_plan(MINI)
    report = build_report(plan, [_rec("industrial_va_growth", "2023-05", -1.5), _rec("industrial_va_growth",
                                                                                     "2023-06", 2.0)],
                          parse_period("2023-06"))
    svg, _ = _figures(to_html(report, "en"))["规模工业增加值"]
    labels = [s[0] for s in _value_scale(svg)]
    assert labels == ["-2%", "0%", "2%", "4%", "6%", "8%", "10%", "12%"]
    zero = next(el for el in svg.iter("line") if el.get("stroke") == "#bbb" and _f(el, "y1") == _f(el, "y2")
                and _f(el, "y1") != BOTTOM_Y)
    assert _f(zero, "y1") == round(BOTTOM_Y - (BOTTOM_Y - TOP_Y) * 2 / 14, 1)  # the zero line, one step up


def test_a_scale_wider_than_twelve_points_steps_by_five():
    plan = load_plan(MINI)
    report = build_report(plan, [_rec("industrial_va_growth", "2023-05", 10.0), _rec("industrial_va_growth",
                                                                                     "2023-06", 12.0)],
                          parse_period("2023-06"))
    svg, _ = _figures(to_html(report, "en"))["规模工业增加值"]
    assert [s[0] for s in _value_scale(svg)] == ["0%", "5%", "10%", "15%"]  # 0 to 13: more than 12 points
