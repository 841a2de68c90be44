"""Cadence products at a terminal: ids, dates and numbers are never split, names wrap, the table fits."""

from __future__ import annotations

import pytest

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.cadence_text import to_text
from liupi_cli.render.textgrid import width

DOC = Doc("县人社局 · 2023年1–6月", ["亮灯情况: 红灯 0, 黄灯 1"], [
    Section("指标", ["职责", "编号", "名称", "目标", "数据期", "差距", "灯", "状态"], [
        ["牵头", "key_livelihood_projects", "“十大重点民生实事”", "10 2023-12-31前", "2023-06", "", "绿灯", "已完成"],
        ["牵头", "new_urban_jobs", "城镇新增就业", "3200人", "2023-06", -3.7, "黄灯", "低于序时进度"],
        ["牵头", "hospital_merger", "人、中两院优质医疗资源合并重组", "2023-12-31前", "", "", "灰灯", "未到期"],
    ], light_column=6),
    Section("任务", ["编号", "名称"], [], note="无"),
])


@pytest.mark.parametrize("cols", [60, 80, 100, 160])
def test_every_line_fits_and_no_id_or_date_is_split(cols):
    text = to_text(DOC, cols)
    lines = text.splitlines()
    assert all(width(ln) <= cols for ln in lines), [ln for ln in lines if width(ln) > cols]
    assert "-3.7" in text and "黄灯" in text
    assert "2023-0\n" not in text and "2023-12-3\n" not in text  # a date is whole or its column gave way
    for part in ("key_liveli", "new_urban"):  # an id is shown whole or not at all, never cut across lines
        if part in text:
            assert ("key_livelihood_projects" in text or "key_livelihood_proj…" in text) if part == "key_liveli" \
                else "new_urban_jobs" in text
    assert "任务\n无" in text  # an empty section is one line


def test_ids_show_when_there_is_room_and_give_way_first_when_there_is_not():
    assert "key_livelihood_projects" in to_text(DOC, 160)
    narrow = to_text(DOC, 60)
    assert "key_livelihood" not in narrow and "城镇新增就业" in narrow and "黄灯" in narrow


def test_light_words_are_coloured_only_when_painted():
    calls = []
    to_text(DOC, 120, paint=lambda text, style: calls.append(style) or text)
    assert {"yellow", "green", "grey"} <= set(calls)
    assert "\x1b[" not in to_text(DOC, 120)


def test_titles_notes_and_lines_from_plan_text_are_shown_not_obeyed():
    doc = Doc("县人社局\x1b]8;;x\x1b\\ · 2023", ["line \x1b[2J"], [Section("s\x1b[31m", ["a"], [], note="n\x07")])
    text = to_text(doc, 80)
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]8;;x" in text and "\\x1b[2J" in text and "\\x07" in text
