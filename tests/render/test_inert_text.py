"""Text from people and plan files shown, never obeyed (render/safe.py): control and bidi characters escaped
for a terminal, JSON that stays valid, Markdown and HTML with no markup of their own, spreadsheet cells that are
never formulas, sheet names Excel accepts — and the CSV writer with its byte-order mark (render/csv_file.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liupi_cli.render import csv_file, safe


@pytest.mark.parametrize("text,shown", [
    ("plain 县发改局", "plain 县发改局"), ("a\x1b[2Jb", "a\\x1b[2Jb"), ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
    ("\u202eevil", "\\u202eevil"), ("zero\u200bwidth", "zero\\u200bwidth"), ("\ufeffbom", "\\ufeffbom"),
    ("line\u2028sep", "line\\u2028sep"), ("tab\tkept\nnewline", "tab\tkept\nnewline"),
    ("\u2066iso\u2069", "\\u2066iso\\u2069"),
])
def test_controls_are_shown_as_escapes(text, shown):
    assert safe.inert(text) == shown


def test_a_one_line_message_has_no_line_breaks_or_tabs():
    assert safe.one_line("a\nb\tc\x1b") == "a\\nb c\\x1b"
    assert safe.inert("a\nb", keep_newlines=False) == "a\\nb"


def test_json_stays_valid_and_inert():
    data = {"name": "县\x7f\u202e", "v": float("inf"), "n": [float("-inf"), 1.5], "d": {"x": float("nan")}}
    doc = safe.json_document(data)
    assert doc.endswith("}\n") and "\x7f" not in doc and "\u202e" not in doc
    assert json.loads(doc) == {"name": "县\x7f\u202e", "v": None, "n": [None, 1.5], "d": {"x": None}}
    assert '\n  "v": null' in doc  # two-space indent, Chinese kept as itself
    assert safe.json_inert('"\x9b"') == '"\\u009b"'


# every character json_inert escapes, their neighbours in UTF-8 (same lead bytes, next values), and any other
_NEAR = "\x00\x08\t\n\x0b\x1f \x7e\x7f\x80\x9f\xa0\u200a\u200b\u200d\u200e\u200f\u2027\u2028\u202e\u202f\u205f\u2060" \
        "\u2061\u2065\u2066\u2069\u206a\ufefe\ufeff\uff01县—“”…·"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(st.sampled_from(_NEAR), max_size=8) | st.text(st.characters(codec="utf-8"), max_size=8),
                max_size=6).map("".join))  # runs of both kinds: a plain one_of of characters seldom draws _NEAR
def test_json_inert_on_bytes_is_json_inert_on_text(text):
    assert safe.json_inert_utf8(text.encode("utf-8")) == safe.json_inert(text).encode("utf-8")


@pytest.mark.parametrize("text", ["县发改局 1.5%", "", "—“引号”…"])
def test_json_inert_on_bytes_hands_back_a_clean_document_itself(text):
    encoded = text.encode("utf-8")
    assert safe.json_inert_utf8(encoded) is encoded


@pytest.mark.parametrize("text,md", [("a|b", "a\\|b"), ("<script>", "&lt;script&gt;"),
                                     ("[x](http://e)", "\\[x\\](http://e)"), ("two\nlines", "two lines"),
                                     (3.5, "3.5"), ("\x1b", "\\x1b")])
def test_markdown_text_has_no_markup_of_its_own(text, md):
    assert safe.markdown_text(text) == md


def test_html_text_escapes_tags_quotes_and_controls():
    assert safe.html_text('<b a="1">&\x1b</b>') == "&lt;b a=&quot;1&quot;&gt;&amp;\\x1b&lt;/b&gt;"
    assert safe.html_text(12) == "12"


@pytest.mark.parametrize("text,cell", [("=SUM(A1)", "'=SUM(A1)"), ("+cmd", "'+cmd"), ("-cmd", "'-cmd"), ("@x", "'@x"),
                                       ("\tx", "'\tx"), ("\rx", "\\x0dx"), ("-3.5", "-3.5"), ("+1.2", "+1.2"),
                                       ("", ""), ("县=1", "县=1"), ("1e3", "1e3")])
def test_csv_cells_are_never_formulas_but_signed_numbers_stay_numbers(text, cell):
    assert safe.neutralise(text) == cell


@pytest.mark.parametrize("value,cell", [("=1+1", "'=1+1"), ("@SUM", "'@SUM"), ("-2.8个百分点", "-2.8个百分点"),
                                        ("+1.2", "+1.2"), ("a\x01b", "a\\x01b"), (5, 5), (None, None), (2.5, 2.5),
                                        ("", ""), ("\x1b=", "\\x1b=")])
def test_xlsx_cells_are_never_formulas_and_hold_only_what_xml_can(value, cell):
    assert safe.xlsx_cell(value) == cell


def test_a_workbook_is_scrubbed_of_what_xml_cannot_hold_in_cells_and_headers():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "ok"
    ws["A2"]._value = "bad\x01cell"  # as a cell written without xlsx_cell would hold it
    ws.oddHeader.center.text = "head\x02"
    ws.oddFooter.left.text = "foot\x03"
    ws.firstHeader.right.text = "first\x04"
    safe.scrub_workbook(wb)
    assert (ws["A1"].value, ws["A2"].value) == ("ok", "bad\\x01cell")
    assert ws.oddHeader.center.text == "head\\x02" and ws.oddFooter.left.text == "foot\\x03"
    assert ws.firstHeader.right.text == "first\\x04"


@pytest.mark.parametrize("text,title", [("1 打好经济增长主动仗", "1 打好经济增长主动仗"),
                                        ("a/b:c*d?e[f]g\\h", "a_b_c_d_e_f_g_h"),
                                        ("x" * 40, "x" * 31), ("'quoted'", "quoted"), ("", "sheet"), ("''", "sheet"),
                                        ("tab\there", "tab here")])
def test_sheet_names_are_what_excel_accepts(text, title):
    assert safe.sheet_title(text) == title


def test_the_csv_writer_and_its_mark():
    text = csv_file.csv_text(["a", "b"], [[1, "x,y"], ["县", None]])
    assert text == 'a,b\n1,"x,y"\n县,\n'
    assert csv_file.csv_text(["a"], [[1]], newline="\r\n") == "a\r\n1\r\n"
    assert csv_file.for_file("a\n") == "\ufeffa\n"
    assert csv_file.file_bytes("县\n") == b"\xef\xbb\xbf" + "县\n".encode()
    assert list(csv_file.pieces_for_file(iter(["a,", "b\n"]))) == ["\ufeff", "a,", "b\n"]
    assert csv_file.is_csv_file("x.CSV") and not csv_file.is_csv_file("x.csv.txt")
