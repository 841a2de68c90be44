"""A product (旬简报, 月通报, unit page, 催报 list) as Markdown, CSV, HTML and terminal text, from one Doc: the
title, its lines and every section in order; on a phone the name, light and status come first and the id last,
a long list without lights folds to the end; CSV holds the chosen section with nothing a spreadsheet would run."""

from __future__ import annotations

import json
import re

import pytest

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.cadence_formats import FOLD, phone_order, to_csv, to_html, to_json, to_markdown
from liupi_cli.render.cadence_text import to_text
from liupi_cli.render.textgrid import width

ZH = ["编号", "名称", "灯", "状态", "差距"]
ROWS = [["new_urban_jobs", "城镇新增就业人数（含灵活就业）", "黄灯", "低于序时进度", -3.7],
        ["air_quality", "空气质量优良天数比例", "绿灯", "达标", 1.2]]


def _doc(lang: str = "zh", owed: int = FOLD + 1) -> Doc:
    heads = ZH if lang == "zh" else ["ID", "Name", "Light", "Status", "Gap"]
    lights = ROWS if lang == "zh" else [[*r[:2], {"黄灯": "YELLOW", "绿灯": "GREEN"}[r[2]], *r[3:]] for r in ROWS]
    return Doc(title="2023年6月 月通报", lines=["截至6月30日", "红灯 0，黄灯 1"], lang=lang, csv_section=2,
               sections=[Section("欠报清单", ["单位", "指标"], [[f"单位{i}", f"指标{i}"] for i in range(owed)]),
                         Section("亮灯情况", heads, [list(r) for r in lights], light_column=2),
                         Section("逾期任务", ["编号", "任务"], [["t1", "=HYPERLINK(\"x\")"], ["t2", "-3"]]),
                         Section("无数据", ["a"], [], note="本期无"),
                         Section("空", ["a"], [])])


def test_markdown_has_the_title_the_lines_and_every_section_in_order():
    md = to_markdown(_doc(owed=2))
    lines = md.splitlines()
    assert lines[:5] == ["# 2023年6月 月通报", "", "- 截至6月30日", "- 红灯 0，黄灯 1", ""]
    heads = [ln for ln in lines if ln.startswith("## ")]
    assert heads == ["## 欠报清单", "## 亮灯情况", "## 逾期任务", "## 无数据", "## 空"]
    i = lines.index("## 亮灯情况")
    assert lines[i + 1] == "" and lines[i + 2].replace(" ", "") == "|编号|名称|灯|状态|差距|"
    assert "| new_urban_jobs | 城镇新增就业人数（含灵活就业） | 黄灯 | 低于序时进度 | -3.7 |" in md
    assert lines[lines.index("## 无数据") + 2] == "本期无" and lines[lines.index("## 空") + 2] == "—"
    assert md.endswith("—\n")


def test_csv_holds_the_chosen_section_with_formulas_made_text():
    rows = to_csv(_doc()).lstrip("\ufeff").splitlines()
    assert rows[0] == "编号,任务"
    assert rows[1] == "t1,\"'=HYPERLINK(\"\"x\"\")\"" and rows[2] == "t2,-3"
    assert len(rows) == 3


def test_json_is_the_model_itself_with_nothing_a_terminal_obeys():
    from pydantic import BaseModel

    class Model(BaseModel):
        name: str
        value: float

    text = to_json(Model(name="城镇\x1b[2J", value=1.5))
    assert json.loads(text) == {"name": "城镇\x1b[2J", "value": 1.5}
    assert "\x1b" not in text and "\\u001b" in text and text.endswith("}\n") and "城镇" in text


@pytest.mark.parametrize("lang,folded", [("zh", "（31行，点开查看）"), ("en", " (31 rows, tap to open)")])
def test_html_shows_the_lights_first_and_folds_a_long_list_without_lights_to_the_end(lang, folded):
    page = to_html(_doc(lang))
    assert page.startswith("<!doctype html>\n") and page.endswith("</body></html>\n")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    assert "<title>2023年6月 月通报</title>" in page and "<h1>2023年6月 月通报</h1>" in page
    assert "<ul>\n<li>截至6月30日</li>\n<li>红灯 0，黄灯 1</li>\n</ul>" in page
    order = re.findall(r"<h2>(.*?)</h2>", page)
    assert order == ["亮灯情况", "逾期任务", "无数据", "空", "欠报清单"]
    assert f"<details><summary><h2>欠报清单</h2>{folded}</summary>" in page
    assert page.count("</details>") == 1 and page.index("</details>") > page.index("单位30")
    assert "<p>本期无</p>" in page and f"<p>{'无' if lang == 'zh' else 'none'}</p>" in page


def test_a_list_of_exactly_the_fold_s_rows_is_shown_open_in_its_place():
    page = to_html(_doc(owed=FOLD))
    assert "<details>" not in page and re.findall(r"<h2>(.*?)</h2>", page)[0] == "欠报清单"


def test_on_a_phone_the_name_light_and_status_come_first_and_the_id_last():
    assert phone_order(ZH, "zh") == [1, 2, 3, 4, 0]
    assert phone_order(["ID", "Name", "Light", "Status", "Gap"], "en") == [1, 2, 3, 4, 0]
    assert phone_order(["序号", "单位", "名称", "编号"], "zh") == [0, 1, 2, 3]
    page = to_html(_doc())
    heads = re.search(r"<h2>亮灯情况</h2>\n<div class=\"wrap\"><table><thead><tr>(.*?)</tr>", page)[1]
    assert re.findall(r"<th>(.*?)</th>", heads) == ["名称", "灯", "状态", "差距", "编号"]


def test_html_cells_carry_their_light_s_colour_and_the_id_small_type():
    page = to_html(_doc())
    row = re.search(r"<tr>(<td[^>]*>城镇新增就业.*?)</tr>", page)[1]
    assert re.findall(r"<td(?: class=\"([^\"]*)\")?>", row) == ["t", "yellow s", "s", "", "id"]
    assert '<td class="yellow s">黄灯</td>' in row and '<td class="id">new_urban_jobs</td>' in row
    assert '<td class="green s">绿灯</td>' in page and "<td>-3.7</td>" in row
    assert '<td class="s">低于序时进度</td>' in row
    assert '<td class="id">t1</td>' in page and "<td>=HYPERLINK(&quot;x&quot;)</td>" in page


def test_short_or_latin_text_gets_no_extra_room_in_html():
    doc = Doc("t", [], [Section("s", ["名称", "x"], [["城镇就业", "a long english note"], ["城镇新增就业人数", "ab"]])],
              lang="zh")
    page = to_html(doc)
    assert "<td>城镇就业</td>" in page and "<td>a long english note</td>" in page
    assert '<td class="t">城镇新增就业人数</td>' in page


def test_a_long_status_wraps_like_any_text():
    doc = Doc("t", [], [Section("s", ["状态"], [["这是一条很长很长的状态说明文字"]])], lang="zh")
    assert '<td class="t">这是一条很长很长的状态说明文字</td>' in to_html(doc)


# -- the terminal -------------------------------------------------------------------------------------------

def test_the_terminal_text_has_the_title_bold_its_lines_and_each_section_under_its_title():
    calls = []

    def paint(text, style):
        calls.append((text.strip(), style))
        return text

    text = to_text(_doc(owed=1), 100, paint=paint)
    lines = text.splitlines()
    assert lines[:3] == ["2023年6月 月通报", "截至6月30日", "红灯 0，黄灯 1"]
    assert lines[3] == "" and lines[4] == "欠报清单"
    assert ("2023年6月 月通报", "bold") in calls and ("亮灯情况", "bold") in calls
    assert lines[lines.index("无数据") + 1] == "本期无" and lines[lines.index("空") + 1] == "—"
    assert text.endswith("—\n")


def test_the_terminal_right_aligns_figures_and_wraps_names_to_fit():
    text = to_text(_doc(owed=1), 70)
    assert all(width(ln) <= 70 for ln in text.splitlines())
    rows = [ln for ln in text.splitlines() if ln.startswith(("new_urban_jobs", "air_quality"))]
    assert rows[0].endswith(" -3.7") and rows[1].endswith("  1.2")  # right-aligned under 差距
    assert "城镇新增就业人数（含灵活就    黄灯" in text and "\n                业）\n" in text  # the name wrapped
    a_line = to_text(Doc("t", ["一二三四五六七八九十" * 5], []), 40).splitlines()
    assert a_line[1:] == ["一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十",
                          "一二三四五六七八九十"]


def test_a_dekad_s_task_moves_on_a_phone_show_the_name_then_before_and_now():
    from liupi_cli.render.cadence_doc import W

    w = W["zh"]
    cols = [w["id"], w["name"], w["lead_unit"], w["updated"], w["was"], w["now"], w["percent"]]
    row = ["t1", "抓好重大项目建设", "县发改局", "2023-06-15", "推进中", "受阻", 30]
    doc = Doc("旬简报", [], [Section("本旬任务进展", cols, [row])], lang="zh")
    assert phone_order(cols, "zh") == [1, 4, 5, 2, 3, 6, 0]
    page = to_html(doc)
    heads = re.findall(r"<th>(.*?)</th>", page)
    assert heads == [cols[i] for i in (1, 4, 5, 2, 3, 6, 0)]
    assert '<td class="s">推进中</td><td class="s">受阻</td>' in page and '<td class="id">t1</td>' in page


def test_a_product_workbook_is_dated_by_its_product_never_by_the_clock():
    import datetime as dt
    import io

    import openpyxl

    from liupi_cli.render.cadence_formats import to_xlsx

    dated = _doc(owed=1)
    dated.pinned = dt.date(2023, 6, 30)
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(dated)))
    assert wb.properties.created == dt.datetime(2023, 6, 30) == wb.properties.modified
    assert to_xlsx(dated) == to_xlsx(dated)  # the same product, the same bytes
    undated = openpyxl.load_workbook(io.BytesIO(to_xlsx(_doc(owed=1))))
    assert undated.properties.created == dt.datetime(2000, 1, 1)


def test_the_terminal_keeps_figures_right_statuses_whole_ids_giving_way_first_and_room_for_the_longest_text():
    from liupi_cli.render.cadence_text import _columns

    s = Section("s", ["编号", "名称", "状态", "差距", "说明"],
                [["gdp", "地区生产总值增长率按总体方案考核", "低于序时进度", -3.7,
                  "按总体方案二(一)考核；文件另有10%（附件2 一）"],
                 ["x1", "短", "达标", "1,200", None]])
    cols = {c.header: c for c in _columns(s)}
    assert (cols["差距"].align, cols["差距"].priority) == ("right", 70)  # figures right-aligned
    assert (cols["编号"].priority, cols["编号"].wrap) == (40, False)  # an id gives way before names, never wraps
    assert (cols["状态"].wrap, cols["状态"].priority) == (False, 78)  # a short status stays on one line
    assert (cols["名称"].wrap, cols["名称"].priority, cols["名称"].min_width) == (True, 89, 6)
    assert (cols["说明"].min_width, cols["说明"].max_width, cols["说明"].priority) == (16, 40, 86)  # the widest text
    assert cols["说明"].cells[1] == ""  # nothing shown as nothing, not None
    text = to_text(Doc("t", [], [s]), 50)
    assert "低于序时进度   -3.7" in text and "1,200" in text
    numbers = Section("n", ["编号", "数"], [["ab", "1"], ["cd", "22"]])
    assert {c.header: c.priority for c in _columns(numbers)} == {"编号": 40, "数": 70}
    digits = Section("n", ["年份"], [["2023"], ["2024-06"]])
    assert _columns(digits)[0].priority == 70  # dates and periods: whole, kept as long as figures
