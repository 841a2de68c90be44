"""The one table of renderers: each product is a typed model, each (product, format) pair one renderer, one
``render`` every command calls; a pair not in the table is refused in one place, listing the product's formats.
The CSV byte-order-mark rule and the workbooks' shared print settings, whichever command writes the file."""

from __future__ import annotations

import json

import pytest

from liupi_cli.errors import UsageProblem
from liupi_cli.render import registry
from liupi_cli.render.registry import BINARY, TABLE, Fmt, offered, render

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def models(mini, loaded):
    """One model of each cadence and report product, built over the mini plan with its figures."""
    from liupi_cli.cadence.dekads import parse_dekad
    from liupi_cli.cadence.missing import build_missing
    from liupi_cli.cadence.products import build_product
    from liupi_cli.cadence.unit_page import build_unit_page
    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.report import build_report
    from liupi_cli.store import open_store

    plan = load_plan(mini)
    with open_store(mini / "records.db", plan.info.id) as store:
        records, updates = store.records(), store.task_updates()
    june = parse_period("2023-06")
    current = [r for r in records if r.current]
    return {
        "report": build_report(plan, current, june, task_updates=updates),
        "missing": build_missing(plan, records, updates, june),
        "unit": build_unit_page(plan, records, updates, june, "rsj"),
        "summary": build_product(plan, records, updates, parse_dekad("2023-06-2")),
    }


def test_every_product_names_its_models_and_every_format_one_renderer():
    for product, (models, renderers) in TABLE.items():
        assert models and all(isinstance(registry._load(m), type) for m in models), product  # each names a class
        assert renderers and all(isinstance(f, Fmt) and callable(r) for f, r in renderers.items()), product
    assert offered("report") == (Fmt.table, Fmt.markdown, Fmt.csv, Fmt.json, Fmt.xlsx, Fmt.html)
    assert Fmt.docx in offered("summary") and Fmt.docx not in offered("summary", to_stream=True)
    assert not set(BINARY) & set(offered("rank", to_stream=True))
    assert offered("collect") == (Fmt.table, Fmt.json)


def test_each_pair_draws_its_model(models):
    for product, model in models.items():
        assert registry.product_of(model) == product
        for fmt in offered(product):
            out = render(model, fmt, lang="zh", width=90)
            data = out if isinstance(out, (str, bytes)) else "".join(  # pieces: text, or UTF-8 (the report's JSON)
                p.decode("utf-8") if isinstance(p, bytes) else p for p in out)
            assert data, (product, fmt)
            if fmt in BINARY:
                assert data[:2] == b"PK", (product, fmt)  # a zip: the workbook or the document
            elif fmt is Fmt.json:
                assert json.loads(data) == model.model_dump(mode="json"), product  # the model dumped, not scraped
    table = render(models["report"], Fmt.table, lang="en", width=60)
    assert max(len(line) for line in table.splitlines()) <= 60  # the width is the caller's, never measured here


def test_a_pair_not_offered_is_refused_with_the_products_formats(models):
    with pytest.raises(UsageProblem) as refused:
        render(models["report"], Fmt.docx)
    assert "--format docx is not available here" in refused.value.message
    assert refused.value.hint.endswith("table, markdown, csv, json, xlsx, html")
    with pytest.raises(UsageProblem):
        render(models["missing"], "docx")
    with pytest.raises(TypeError, match="no renderer"):
        render(object(), Fmt.json)
    with pytest.raises(TypeError):
        render(models["report"], Fmt.table, colour=True)  # an option no renderer knows is a mistake, not ignored


@pytest.mark.parametrize("args, formats", [
    (["report", "--month", "2023-06", "--format", "docx"], "table, markdown, csv, json, xlsx, html"),
    (["missing", "--month", "2023-06", "--format", "docx"], "table, markdown, csv, json, xlsx, html"),
    (["summary", "--month", "2023-06", "--format", "xlsx"], "table, markdown, csv, json, html"),
    (["history", "gdp_growth", "--format", "html"], "table, csv, json"),
    (["export", "--format", "html"], "csv, json, xlsx"),
])
def test_the_cli_refuses_a_format_the_product_is_not_drawn_in(run, args, formats):
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    given = args[args.index("--format") + 1]  # refused as the option is read, with the command's own formats
    assert f"invalid value for --format: '{given}' is not one of {formats}" in r.stderr


def test_an_unknown_file_format_is_named_through_the_catalogue(run, tmp_path):
    r = run("summary", "--month", "2023-06", "--out-dir", tmp_path, "--formats", "md,pdf")
    assert r.exit_code == 2 and "--formats: unknown format 'pdf'" in r.stderr
    assert "md, csv, json, xlsx, html, docx" in r.stderr
    zh = run("--lang", "zh", "summary", "--month", "2023-06", "--out-dir", tmp_path, "--formats", "pdf")
    assert zh.exit_code == 2 and "未知格式“pdf”" in zh.stderr
    both = run("--lang", "zh", "summary", "--month", "2023-06", "--out-dir", tmp_path, "--format", "json")
    assert both.exit_code == 2 and "配合 --out-dir 请用 --formats" in both.stderr
    assert "例如：--formats md,xlsx" in both.stderr


def test_binary_formats_need_a_file(run):
    for args in (["report", "--month", "2023-06"], ["unit", "rsj", "--month", "2023-06"], ["export"]):
        r = run(*args, "--format", "xlsx")
        assert r.exit_code == 2 and "xlsx needs --out FILE.xlsx" in r.stderr, args


def test_a_products_txt_file_is_its_terminal_table(loaded, tmp_path):
    out = tmp_path / "owed.txt"
    assert loaded("missing", "--month", "2023-06", "--out", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "|---|" not in text  # the table as at a terminal, no colour, not markdown
    assert text == loaded("missing", "--month", "2023-06").stdout


# -- one CSV writer: a file starts with the byte-order mark, standard output never ------------------------


def test_every_csv_file_starts_with_the_mark_and_stdout_has_none(loaded, tmp_path, mini):
    files = {
        "report": ["report", "--month", "2023-06", "--lang", "zh"],
        "missing": ["missing", "--month", "2023-06"],
        "targets": ["targets"],
        "export": ["export"],
    }
    for name, args in files.items():
        out = tmp_path / f"{name}.csv"
        assert loaded(*args, "--out", out).exit_code == 0, name
        data = out.read_bytes()
        assert data.startswith(BOM) and not data[3:].startswith(BOM), name
        piped = loaded(*args, "--format", "csv").stdout
        assert not piped.startswith("\ufeff") and data[3:].decode("utf-8") == piped, name
    assert loaded("template", "--period", "2023-06", "--out", tmp_path / "t.csv").exit_code == 0
    assert (tmp_path / "t.csv").read_bytes().startswith(BOM + "指标".encode())
    assert loaded("summary", "--month", "2023-06", "--out-dir", tmp_path / "c", "--formats", "csv").exit_code == 0
    (circular,) = (tmp_path / "c").rglob("*.csv")
    assert circular.read_bytes().startswith(BOM)


def test_the_csv_writer_and_its_mark():
    from liupi_cli.render.csv_file import csv_text, file_bytes, for_file, pieces_for_file

    text = csv_text(["a", "b"], [["红灯", 1], ["x,y", None]])
    assert text == 'a,b\n红灯,1\n"x,y",\n'
    assert csv_text(["a"], [["1"]], newline="\r\n") == "a\r\n1\r\n"
    assert file_bytes(text) == BOM + text.encode("utf-8") and for_file(text) == "\ufeff" + text
    assert "".join(pieces_for_file(["a,", "b\n"])) == "\ufeffa,b\n"


# -- one xlsx writer: the shared print settings, every cell inert -----------------------------------------


def _prints_like_an_office(ws, heading_rows: str | None) -> None:
    ps = ws.page_setup
    assert (ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight) == ("landscape", 9, 1, 0), ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_margins.left, ws.page_margins.right) == (0.4, 0.4)
    assert ws.print_title_rows == heading_rows, ws.title
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_every_workbook_has_the_shared_print_settings(run, tmp_path):
    from openpyxl import load_workbook

    loaded = run
    assert loaded("update", "gdp_growth", "5", "--period", "2023Q1", "--note", "=HYPERLINK(\"x\")",
                  "--force").exit_code == 0
    assert loaded("export", "--out", tmp_path / "e.xlsx").exit_code == 0
    wb = load_workbook(tmp_path / "e.xlsx")
    assert wb.sheetnames == ["records", "task_updates"]
    for ws in wb.worksheets:
        _prints_like_an_office(ws, "$1:$1")
        assert ws.freeze_panes == "A2" and ws["A1"].font.b
    head = [c.value for c in wb["records"][1]]
    notes = [row[head.index("note")] for row in wb["records"].iter_rows(min_row=2, values_only=True)
             if row[head.index("note")] and "HYPERLINK" in row[head.index("note")]]
    assert notes == ["'=HYPERLINK(\"x\")"]  # inert: text, never a formula
    assert loaded("template", "--period", "2023-06", "--out", tmp_path / "t.xlsx").exit_code == 0
    ws = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    _prints_like_an_office(ws, "$1:$1")
    assert ws.freeze_panes == "B2"
    assert loaded("report", "--month", "2023-06", "--out", tmp_path / "r.xlsx").exit_code == 0
    for ws in load_workbook(tmp_path / "r.xlsx").worksheets[1:]:
        _prints_like_an_office(ws, "$1:$2")


def test_a_table_sheet_for_other_products():
    """What the city's rank workbook (or any plain table) uses: one call for a sheet of rows."""
    import io

    from openpyxl import load_workbook

    from liupi_cli.render import workbook

    wb = workbook.new_workbook()
    wb.remove(wb.active)
    workbook.table_sheet(wb, "排名/通报", ["县", "总分"], [["=冷水滩", 95.5], {"县": "x"}], title="A & B", lang="zh",
                         widths=[20, 8])
    book = load_workbook(io.BytesIO(workbook.finish(wb)))
    ws = book.worksheets[0]
    assert ws.title == "排名_通报"  # a name Excel accepts
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["县", "总分"], ["'=冷水滩", 95.5], ["x", None]]
    _prints_like_an_office(ws, "$1:$1")
    assert ws.oddHeader.center.text == "A && B" and ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert ws.column_dimensions["A"].width == 20 and ws.freeze_panes == "A2"
