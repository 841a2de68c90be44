"""The 公文 .docx: section headings numbered 一、二、… then 11、12、 past ten, and the footer's page number a
real PAGE field (begin, instruction, end) that Word and WPS fill in."""

from __future__ import annotations

import datetime as dt
import io

from liupi_cli.render.cadence_doc import Doc, Section
from liupi_cli.render.gongwen_docx import to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def test_sections_past_ten_are_numbered_in_arabic_figures():
    doc = Doc(title="通报", lines=[], lang="zh",
              sections=[Section(f"第{i + 1}部分", ["a"], [["x"]]) for i in range(12)])
    texts = [p.text for p in _open(to_docx(doc, date=dt.date(2023, 7, 20))).paragraphs]
    headings = [t for t in texts if "部分" in t]
    assert headings[0] == "一、第1部分" and headings[9] == "十、第10部分"
    assert headings[10:] == ["11、第11部分", "12、第12部分"]


def test_the_footer_holds_a_page_field():
    document = _open(to_docx(Doc(title="通报", lines=["正文"], lang="zh"), date=dt.date(2023, 7, 20)))
    footer = document.sections[0].footer.paragraphs[0]._p
    parts = [(el.tag, el.get(f"{W}fldCharType"), el.text) for el in footer.iter()
             if el.tag in (f"{W}fldChar", f"{W}instrText")]
    assert parts == [(f"{W}fldChar", "begin", None), (f"{W}instrText", None, " PAGE "), (f"{W}fldChar", "end", None)]
