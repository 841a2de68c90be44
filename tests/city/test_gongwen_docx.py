"""The 排名通报 as a Word document in 公文 layout (GB/T 9704-2012): read back from the .docx itself, and printed
through LibreOffice (in CI always; elsewhere when LibreOffice is installed)."""

import datetime as dt
import io
import os
import shutil
import subprocess
import uuid

import pytest

from liupi_cli.city.ranking import build_ranking
from liupi_cli.periods import Period
from liupi_cli.render.city_doc import ranking_doc
from liupi_cli.render.gongwen_docx import column_widths, to_docx

from .citykit import city_plan, config, decomposition, index
from .test_ranking import FIGURES, RULES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_MM = 36000


def _docx(tmp_path, counties: str = "abcd") -> bytes:
    cfg = config(RULES, counties=counties)
    cfg = cfg.model_copy(update={"city": cfg.city.model_copy(update={"issuer": "某市人民政府办公室",
                                                                       "recipients": "各县（市、区）人民政府"})})
    figures = {k: {c: v.get(c, 5.0) for c in counties} for k, v in FIGURES.items()}
    targets = {"jobs": {c: 400 for c in counties}}
    rk = build_ranking(cfg, city_plan(tmp_path), decomposition(targets), index(figures), Period(2023, 6, "month"))
    return to_docx(ranking_doc(rk), date=dt.date(2023, 7, 20), recipients=rk.recipients, issuer=rk.issuer)


def _open(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _mm(length) -> float:
    return round(length / EMU_PER_MM, 1)


def test_page_and_margins(tmp_path):
    section = _open(_docx(tmp_path)).sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)  # A4 portrait
    assert (_mm(section.top_margin), _mm(section.left_margin)) == (37, 28)
    type_area = (_mm(section.page_width - section.left_margin - section.right_margin),
                 _mm(section.page_height - section.top_margin - section.bottom_margin))
    assert type_area == (156, 225)


def test_fonts_title_body_and_order(tmp_path):
    d = _open(_docx(tmp_path))
    paras = [p for p in d.paragraphs if p.text]
    title, recipients = paras[0], paras[1]
    run = title.runs[0]
    assert run.font.size.pt == 22 and run.font.name == "方正小标宋简体"  # 小标宋 2号
    assert run._element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    assert title.alignment == 1  # centred
    assert recipients.text == "各县（市、区）人民政府：" and recipients.paragraph_format.first_line_indent is None
    body = paras[2].runs[0]
    assert body.font.size.pt == 16 and body._element.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"  # 仿宋 3号
    assert d.styles["Normal"].font.size.pt == 16
    assert paras[-2].text == "某市人民政府办公室" and paras[-1].text == "2023年7月20日"  # 落款, then the date
    assert paras[-1].alignment == 2  # right


def test_tables_repeat_their_heading_row(tmp_path):
    d = _open(_docx(tmp_path))
    assert len(d.tables) == 4  # ranking, scores, roll-up, the rules
    for table in d.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(f"{W}tblHeader") is not None
        assert all(r._tr.trPr is None or r._tr.trPr.find(f"{W}tblHeader") is None for r in table.rows[1:])
        assert round(sum(_mm(c.width) for c in table.columns)) == 156  # the tables fill the type area


def test_the_same_ranking_gives_the_same_bytes(tmp_path):
    assert _docx(tmp_path) == _docx(tmp_path)


def test_column_widths_keep_short_cells_whole_and_give_the_rest_to_the_long_text():
    widths = column_widths(["县", "得分", "计算过程"], [["a县", "9.5", "x" * 200]])
    assert round(sum(widths), 6) == 156
    assert widths[2] == max(widths) and widths[2] >= 52


def test_libreoffice_prints_it_on_a4_with_the_heading_on_every_page(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice and poppler-utils are installed in CI (.ci/run)")
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftotext) is not installed here; CI runs this")
    src = tmp_path / "rank.docx"
    src.write_bytes(_docx(tmp_path, counties="abcdefghijklmnopqrstuvwx"))  # 24 counties: the scores span pages
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "rank.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    assert "排名通报" in pages[0]
    for page in pages[1:]:  # every page a table runs onto starts with its heading row again
        assert "计算过程" in page or "全市合计" in page or "上期位次" in page, page[:300]


def test_a_countys_month_circular_as_docx(tmp_path, monkeypatch):
    """`liupi summary --month --out-dir DIR --formats docx`: the county's 月通报 in the same 公文 layout, 落款 the
    plan's issuer, dated the day it is written."""
    from conftest import Run

    monkeypatch.setenv("LIUPI_TODAY", "2023-07-20")
    monkeypatch.delenv("LIUPI_HOME", raising=False)
    assert Run(None)("init", str(tmp_path / "sp"), "--demo").exit_code == 0
    r = Run(tmp_path / "sp")("summary", "--month", "2023-06", "--out-dir", str(tmp_path / "c"), "--formats", "docx")
    assert r.exit_code == 0, r.stderr
    d = _open((tmp_path / "c" / "2023-06" / "月通报-2023-06.docx").read_bytes())
    paras = [p for p in d.paragraphs if p.text]
    assert paras[0].runs[0].font.size.pt == 22
    assert [p.text for p in paras[-2:]] == ["双牌县人民政府办公室", "2023年7月20日"]
    assert _mm(d.sections[0].top_margin) == 37
