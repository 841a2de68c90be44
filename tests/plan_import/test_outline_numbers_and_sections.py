"""Outline numbers as county documents write them (一、 十二． （三） (3) 3、 12. ② ⑳, and a 序号 cell's 3 / 3. /
三 / ① / （3）), a number that is a figure (1.5亿元) not taken for one, the lead unit a section heading names in
brackets or after its words (总牵头, nested brackets), and a title cut to its first sentence."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.numbering import Number, bare_number, cn_to_int, leading_number
from liupi_cli.plan_import.outline import clean, first_sentence, split_section_lead


@pytest.mark.parametrize("cn,n", [("一", 1), ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("二十三", 23),
                                  ("九十九", 99)])
def test_chinese_numerals(cn, n):
    assert cn_to_int(cn) == n


@pytest.mark.parametrize("text,number,rest", [
    ("一、稳增长", Number(0, 1, "一、"), "稳增长"),
    ("十二．促消费", Number(0, 12, "十二．"), "促消费"),
    ("四十五、其他", Number(0, 45, "四十五、"), "其他"),
    ("（三）抓项目", Number(1, 3, "（三）"), "抓项目"),
    ("(二)、抓项目", Number(1, 2, "(二)、"), "抓项目"),
    ("3、修桥", Number(2, 3, "3、"), "修桥"),
    ("12.修渠", Number(2, 12, "12."), "修渠"),
    (" 7 ﹒ 修路", Number(2, 7, "7 ﹒"), "修路"),
    ("(3)修路", Number(3, 3, "(3)"), "修路"),
    ("（1）、事项", Number(3, 1, "（1）、"), "事项"),
    ("② 书房", Number(4, 2, "②"), "书房"),
    ("⑳末项", Number(4, 20, "⑳"), "末项"),
    ("1.5亿元", None, "1.5亿元"),
    ("修路", None, "修路"),
])
def test_the_number_a_cell_starts_with(text, number, rest):
    assert leading_number(text) == (number, rest)


@pytest.mark.parametrize("cell,n", [("3", 3), ("3.", 3), ("12、", 12), ("三", 3), ("十一、", 11), ("二十", 20),
                                    ("①", 1), ("⑩", 10), ("（3）", 3), ("(12)", 12), (" 4 ", 4), ("abc", None),
                                    ("", None), ("3a", None), ("①②", None)])
def test_a_sequence_cell(cell, n):
    assert bare_number(cell) == n


@pytest.mark.parametrize("heading,section,lead", [
    ("激发释放消费潜力(县科工信局总牵头）", "激发释放消费潜力", "县科工信局"),
    ("优化营商环境（县政府办（金融办）牵头）", "优化营商环境", "县政府办（金融办）"),
    ("抓项目县发改局牵头", "抓项目", "县发改局"),
    ("推进改革县财政局（国资股）牵头", "推进改革", "县财政局（国资股）"),
    ("抓项目（牵头）", "抓项目", None),
    ("抓项目)牵头", "抓项目)牵头", None),
    ("县发改局牵头", "县发改局牵头", None),
    ("稳增长", "稳增长", None),
])
def test_the_lead_unit_a_section_heading_names(heading, section, lead):
    assert split_section_lead(heading) == (section, lead)


def test_a_title_is_its_first_sentence_cut_at_a_comma_only_when_long():
    assert first_sentence("修建道路。全年完成20公里") == "修建道路"
    assert first_sentence("修建道路；维修桥梁") == "修建道路"
    assert first_sentence("短句，后面") == "短句，后面"
    long = "推进项目建设并且全部按期竣工投产达效全力以赴完成年度目标任务，新开工项目二十个"
    assert first_sentence(long) == "推进项目建设并且全部按期竣工投产达效全力以赴完成年度目标任务"
    assert first_sentence(long, 40) == long


def test_a_cell_is_one_line_without_stray_spaces_or_control_characters():
    assert clean(" 县 财政 局\n（国资股） ") == "县财政局（国资股）"
    assert clean("a\x1bb\x07c\td") == "abc\td"
    assert clean("Rural  roads  2024") == "Rural  roads  2024"
