"""A figure as a clerk types it reads as one value in the indicator's unit (what was typed kept as typed), and a
figure liupi would read wrong is refused with a hint showing what to write, in English and Chinese."""

from __future__ import annotations

import re

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.quantity import parse_quantity, split_unit

# (typed, the indicator's unit, the value in that unit, the unit typed)
READ = [
    ("4.5", "%", 4.5, None), ("4.5%", "%", 4.5, "%"), ("下降0.5%", "%", -0.5, "%"), ("减少 3", "起", -3.0, None),
    ("增长3倍", "%", 300.0, "倍"), ("增加1,234", "人", 1234.0, None), ("93.44亿元", "亿元", 93.44, "亿元"),
    ("2616611万元", "亿元", 261.6611, "万元"), ("5千万元", "亿元", 0.5, "千万元"), ("3百万元", "万元", 300.0, "百万元"),
    ("2千元", "万元", 0.2, "千元"), ("0.9‰", "‰", 0.9, "‰"),
    ("６．１％", "%", 6.1, "%"), ("1,234.5", "人", 1234.5, None),
    ("12,345,678", "元", 12345678.0, None), ("－３", "起", -3.0, None),
    (".5", "%", 0.5, None), ("1e3", "人", 1000.0, None),
    ("3千瓦", "千瓦", 3.0, "千瓦"), ("5万亩", "亩", 50000.0, "万亩"),
    ("+7", "%", 7.0, None), ("增长 8.5 %", "%", 8.5, "%"),
    ("done", None, 1.0, None), ("完成", None, 1.0, None), ("已完成", None, 1.0, None), ("Yes", None, 1.0, None),
    ("not_done", None, 0.0, None), ("未完成", None, 0.0, None), ("NO", None, 0.0, None),
]


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


@pytest.mark.parametrize("typed,unit,value,typed_unit", READ, ids=plain_id)
def test_a_typed_figure_reads_in_the_indicator_s_unit(typed, unit, value, typed_unit):
    q = parse_quantity(typed, unit)
    assert q.value == pytest.approx(value, rel=1e-12)
    assert (q.entered, q.entered_unit) == (typed.strip(), typed_unit)


def test_what_was_typed_is_kept_as_typed():
    assert parse_quantity("  １２．５％ ", "%").entered == "１２．５％"


GROUPS = "write {w} or {d} (a decimal point, not a comma)"

# (typed, unit, message, hint, Chinese message, Chinese hint)
REFUSED = [
    ("", "%", "empty value", "give a number, e.g. 4.5 or 93.44亿元", "数值为空", "请填数字，例如 4.5 或 93.44亿元"),
    ("   ", "%", "empty value", "give a number, e.g. 4.5 or 93.44亿元", None, None),
    ("1,23", "人", "value '1,23': the comma in '1,23' does not separate groups of three digits (is it 123 or 1.23?)",
     GROUPS.format(w=123, d=1.23), "数值“1,23”：“1,23”中的逗号不是三位一组的千位分隔符（是 123 还是 1.23？）",
     "请写作 123 或 1.23（小数用小数点，不用逗号）"),
    ("1,2345", "人", "value '1,2345': the comma in '1,2345' does not separate groups of three digits (is it 12345 or "
     "1.2345?)", GROUPS.format(w=12345, d=1.2345), None, None),
    ("1,234,56", "人", "value '1,234,56': the comma in '1,234,56' does not separate groups of three digits",
     "write 123456", "数值“1,234,56”：“1,234,56”中的逗号不是三位一组的千位分隔符", "请写作 123456"),
    ("1.480,5", "人", "value '1.480,5' looks like a decimal comma (1480.5 where a comma marks decimals)",
     "write the figure with a decimal point and no separators, e.g. 1480.5",
     "数值“1.480,5”像是用逗号作小数点（按小数读为 1480.5）", "请用小数点、不加分隔符，例如 1480.5"),
    ("下降1,23", "%", "value '下降1,23': the comma in '1,23' does not separate groups of three digits (is it 123 or "
     "1.23?)", GROUPS.format(w=123, d=1.23), None, None),
    ("增长1,2", "%", "value '增长1,2': the comma in '1,2' does not separate groups of three digits (is it 12 or 1.2?)",
     GROUPS.format(w=12, d=1.2), None, None),
    ("320¹", "人", "value '320¹' has '¹' glued to it (read as a digit it would change the figure)",
     "a footnote mark? write the figure alone (e.g. 320) and the note with --note",
     "数值“320¹”后面粘着“¹”（当作数字读会改变数值）", "是脚注符号吗？请只写数值（例如 320），说明写在 --note 里"),
    ("14.8①", "人", "value '14.8①' has '①' glued to it (read as a digit it would change the figure)",
     "a footnote mark? write the figure alone (e.g. 14.8) and the note with --note", None, None),
    ("①", "人", "value '①' has '①' glued to it (read as a digit it would change the figure)",
     "a footnote mark? write the figure alone (e.g. 4.5) and the note with --note", None, None),
    ("abc", "%", "cannot read value 'abc'", "write e.g. 4.5, 4.5%, 下降0.5%, 93.44亿元, 0.9‰", "无法识别数值“abc”",
     "可写作 4.5、4.5%、下降0.5%、93.44亿元、0.9‰"),
    ("nan", "%", "value 'nan' is not a finite number", "give a number such as 4.5", "数值“nan”不是有限的数",
     "请填数字，例如 4.5"),
    ("Infinity", "%", "value 'Infinity' is not a finite number", "give a number such as 4.5", None, None),
    ("+inf", "%", "value '+inf' is not a finite number", "give a number such as 4.5", None, None),
    ("1e999", "%", "value '1e999' is not a finite number", "give a number such as 4.5", None, None),
    ("3倍", "亿元", "'3倍': 'N倍' is a growth multiple and needs a % indicator", None,
     "“3倍”：“N倍”是增长倍数，只能用于以 % 计的指标", None),
    ("3%倍", "%", "'3%倍': 'N倍' is a growth multiple and needs a % indicator", None, None, None),
    ("5个", "亿元", "value '5个' is in 个, but this indicator is measured in 亿元", "give the value in 亿元",
     "数值“5个”的单位是个，但该指标的单位是亿元", "请以亿元为单位填写"),
    ("5亿元", None, "value '5亿元' is in 亿元, but this indicator is measured in plain numbers", "give a plain number",
     "数值“5亿元”的单位是亿元，但该指标没有单位", "请填不带单位的数字"),
    ("5%", "", "value '5%' is in %, but this indicator is measured in plain numbers", "give a plain number",
     None, None),
    ("5万米", "米", "value '5万米' is in 万米, but this indicator is measured in 米", "give the value in 米",
     None, None),
]


@pytest.mark.parametrize("typed,unit,message,hint,zh_message,zh_hint", REFUSED, ids=plain_id)
def test_a_figure_read_wrong_is_refused_with_what_to_write(typed, unit, message, hint, zh_message, zh_hint):
    with pytest.raises(InputRefused) as exc:
        parse_quantity(typed, unit)
    assert (exc.value.message, exc.value.hint) == (message, hint)
    if zh_message:
        assert exc.value.message.text("zh") == zh_message
        assert (exc.value.hint.text("zh") if exc.value.hint else None) == zh_hint


@pytest.mark.parametrize("unit,split", [
    (None, (1.0, "")), ("", (1.0, "")), ("亿元", (1e8, "元")), ("万元", (1e4, "元")), ("千万元", (1e7, "元")),
    ("百万元", (1e6, "元")), ("千元", (1e3, "元")),
    ("万亩", (1e4, "亩")), ("千瓦", (1.0, "千瓦")), ("千克", (1.0, "千克")),
    ("千米", (1.0, "千米")), ("千伏", (1.0, "千伏")),
    ("万千瓦", (1e4, "千瓦")), ("万", (1.0, "万")), ("亿", (1.0, "亿")),
    ("%", (1.0, "%")),
], ids=plain_id)
def test_a_unit_s_multiplier(unit, split):
    assert split_unit(unit) == split
