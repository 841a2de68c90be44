"""The circulars as they are printed and read: the bundled plan's June figures, its 月通报 workbook, a unit
page and the report workbook converted by LibreOffice (with the fonts a Debian machine has: DejaVu Sans
stands in for Calibri), and the 月通报 page laid out by Chromium at a phone's 390 px.

Printed: no text under 9 pt, no apostrophe before a signed figure, the heading row on every page of a table.
On a phone: the lights in the first screen, the indicator table before what each unit owes (folded)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from cadence.test_cadence_layout import _printed_sizes
from conftest import REPO, SHIPPED, Run
from openpyxl import load_workbook


def _tool(*names: str) -> str:
    """The program, or a skip outside CI (never under CI=true: .ci/run installs them)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{names[0]} is missing in CI")
    pytest.skip(f"{names[0]} is not installed; .ci/run installs it")


@pytest.fixture(scope="module")
def june(tmp_path_factory) -> Path:
    """The June products of the bundled plan with the demo figures recorded, in zh."""
    root = tmp_path_factory.mktemp("june")
    shutil.copytree(SHIPPED, root / "data", ignore=shutil.ignore_patterns("records.db*"))
    run = Run(root / "data")
    mp = pytest.MonkeyPatch()
    mp.setenv("LIUPI_USER", "tester")
    mp.delenv("LIUPI_DB", raising=False)
    try:
        assert run("update", "--file", REPO / "examples" / "demo-2023-06.csv").exit_code == 0
        assert run("summary", "--month", "2023-06", "--lang", "zh", "--out-dir", root / "out",
                   "--formats", "xlsx,html").exit_code in (0, 6)
        unit = run("unit", "县发改局", "--month", "2023-06", "--lang", "zh", "--out", root / "out" / "unit.xlsx")
        assert unit.exit_code == 0
        assert run("report", "--month", "2023-06", "--lang", "zh", "--out", root / "out" / "report.xlsx").exit_code == 0
        assert run("report", "--month", "2023-06", "--lang", "zh", "--out", root / "out" / "report.html").exit_code == 0
    finally:
        mp.undo()
    for f in (root / "out" / "2023-06").iterdir():
        f.rename(root / "out" / {".xlsx": "circular.xlsx", ".html": "circular.html"}[f.suffix])
    return root / "out"


@pytest.fixture(scope="module")
def pdfs(june) -> dict[str, Path]:
    soffice = _tool("soffice", "libreoffice")
    books = [june / n for n in ("circular.xlsx", "unit.xlsx", "report.xlsx")]
    profile = june / f"profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(june / "pdf"), *map(str, books)], check=True, capture_output=True, timeout=600)
    return {b.stem: june / "pdf" / f"{b.stem}.pdf" for b in books}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("book", ["circular", "unit", "report"])
def test_no_text_prints_under_nine_point(pdfs, book):
    sizes = _printed_sizes(pdfs[book].read_bytes())
    assert sizes and min(min(p) for p in sizes) >= 9.0, [round(min(p), 1) for p in sizes]


@pytest.mark.parametrize("book", ["circular", "unit", "report"])
def test_signed_figures_print_without_an_apostrophe(pdfs, june, book):
    text = "".join(_pages(pdfs[book]))
    assert re.search(r"[-+]\d", text)  # signed figures are there (-1.1, -2.8个百分点) …
    assert "'" not in text  # … and nothing prints a quote before them
    cells = [c.value for ws in load_workbook(june / f"{book}.xlsx") for row in ws.iter_rows() for c in row]
    assert not [v for v in cells if isinstance(v, str) and v.startswith("'")]


@pytest.mark.parametrize("book", ["circular", "unit", "report"])
def test_every_page_of_a_table_carries_its_heading_row(pdfs, june, book):
    """Each page is told by its page header (the sheet's title); a sheet with print titles shows its heading
    row at the top of every one of its pages. The document sheet of a circular is one page here."""
    wb = load_workbook(june / f"{book}.xlsx")
    heads = {}
    for ws in wb.worksheets:
        title = ws.oddHeader.center.text.replace("&&", "&")
        rows = ws.print_title_rows
        if rows is None:
            heads[title] = None
            continue
        # the table's heading row: the first row with three or more cells filled, inside the print titles
        head = next(r for r in ws.iter_rows() if sum(c.value is not None for c in r) >= 3)
        assert head[0].row <= int(rows.split(":")[-1].lstrip("$")), (ws.title, rows, head[0].row)
        heads[title] = str(head[0].value)
    pages = _pages(pdfs[book])
    seen = {title: 0 for title in heads}
    for n, page in enumerate(pages, 1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        title = max((t for t in heads if lines and lines[0].startswith(t)), key=len)
        seen[title] += 1
        if heads[title] is None:
            assert seen[title] == 1, f"page {n}: the document sheet runs onto a second page"
            continue
        assert any(ln.startswith(heads[title]) for ln in lines[1:6]), f"page {n} of {title}: no heading row"
    assert all(seen.values()), seen


def _probe_on_a_phone(html: str, probe: str, tmp_path: Path) -> dict[str, str]:
    """``html`` with the ``probe`` script added, laid out by headless Chromium on a 390 × 844 px phone: the
    ``data-*`` values the probe set on <body>."""
    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                          "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    return dict(re.findall(r'data-(\w+)="([^"]*)"', re.search(r"<body[^>]*>", dom).group()))


def test_the_phone_shows_the_lights_first_and_folds_what_is_owed(june, tmp_path):
    html = (june / "circular.html").read_text(encoding="utf-8")
    probe = """<style>html{width:390px}</style><script>addEventListener('load', () => {
      const table = t => [...document.querySelectorAll('h2')].find(h => h.textContent === t)
                         .closest('details, h2').nextElementSibling || null;
      const box = e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.height].join(','); };
      const owed = [...document.querySelectorAll('details')].map(d => box(d));
      document.body.dataset.lights = box(table('亮灯情况'));
      document.body.dataset.indicators = box(table('指标进度'));
      document.body.dataset.owed = owed.join(';');
    });</script>"""
    body = _probe_on_a_phone(html, probe, tmp_path)
    lights = [float(x) for x in body["lights"].split(",")]
    indicators = [float(x) for x in body["indicators"].split(",")]
    assert lights[1] <= 700  # the whole lights table within a phone's first screen (844 px less the browser)
    assert indicators[0] < 1500  # the indicator table next, not 22,800 px down behind the owed rows
    owed = [[float(x) for x in box.split(",")] for box in body["owed"].split(";")]
    # the per-unit counts and the owed items come last, each folded to its one-line summary
    assert len(owed) == 2 and all(top > indicators[1] and height < 80 for top, _, height in owed), owed
    assert html.index("<h2>指标进度</h2>") < html.index("<details><summary><h2>未报明细</h2>")


def test_the_report_on_a_phone_shows_name_light_and_status_first_under_a_compact_heading(june, tmp_path):
    """At 390 px the battle tables start 序号 · 指标 · 灯 · 备注 (the status), as the 月通报 does; the figures
    scroll in from the right, and the heading row is one line, not ~170 px of wrapped words."""
    html = (june / "report.html").read_text(encoding="utf-8")
    probe = """<script>addEventListener('load', () => {
      const table = document.querySelector('table.wide');
      const light = table.querySelector('tbody .light, tr + tr .light');
      const note = [...table.querySelectorAll('th')].find(th => th.textContent === '备注');
      document.body.dataset.light = light.getBoundingClientRect().right;
      document.body.dataset.note = note.getBoundingClientRect().left;
      document.body.dataset.head = table.querySelector('thead tr').getBoundingClientRect().height;
    });</script>"""
    body = _probe_on_a_phone(html, probe, tmp_path)
    assert float(body["light"]) <= 390 and float(body["note"]) < 390, body  # light and status on screen
    assert float(body["head"]) < 40, body  # one line of headings
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", html[html.index('<table class="wide">'):])[:4]
    assert heads == ["序号", "指标", "灯", "备注"]
