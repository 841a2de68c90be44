"""Edges of the core that small planted bugs slipped past (issue 13), each with numbers worked by hand."""

from __future__ import annotations

import csv
import io

import pytest
from planmaker import ind, make_plan, record, report, rows


def test_a_cumulative_ceiling_is_judged_by_its_year_end_pace(tmp_path):
    """A cumulative "at most" target (e.g. energy use 以内 1200): the pace to year end must stay under it."""
    run = make_plan(tmp_path, [ind("cap_ok", "cumulative", "at_most", qualifier="以内", target=1200, unit="吨"),
                               ind("cap_over", "cumulative", "at_most", qualifier="以内", target=1200, unit="吨")])
    record(run, "cap_ok", "600", "2023-06")  # 600 / 6 × 12 = 1200: exactly on the cap
    record(run, "cap_over", "601", "2023-06")  # 1202 at this pace
    june = rows(run, "--month", "2023-06")
    assert june["cap_ok"]["projection"] == pytest.approx(1200.0)
    assert june["cap_ok"]["light"] == "green"
    assert june["cap_over"]["projection"] == pytest.approx(1202.0)
    assert june["cap_over"]["light"] == "red"


def test_report_unit_includes_what_a_unit_co_leads(tmp_path):
    run = make_plan(tmp_path, [ind("led", "level", target=90, unit="%", lead_unit="rsj"),
                               ind("co_led", "level", target=90, unit="%", lead_unit="fgj", co_lead_units=["rsj"]),
                               ind("other", "level", target=90, unit="%", lead_unit="fgj")])
    assert set(rows(run, "--month", "2023-06", "--unit", "rsj")) == {"led", "co_led"}
    assert set(rows(run, "--month", "2023-06", "--unit", "县人社局")) == {"led", "co_led"}
    assert set(rows(run, "--month", "2023-06", "--unit", "fgj")) == {"co_led", "other"}


def test_a_task_is_overdue_the_day_after_its_deadline_not_on_it(tmp_path):
    def task(tid, deadline):
        return {"id": tid, "battle": "livelihood", "source": "附件7-1 1", "title_zh": tid, "lead_units": ["rsj"],
                "deadline": deadline, "deadline_text": deadline}

    run = make_plan(tmp_path, [ind("l", "level", target=90, unit="%")],
                    tasks=[task("on_the_day", "2023-06-30"), task("day_before", "2023-06-29"),
                           task("done_late", "2023-06-01")])
    assert run("task", "set", "done_late", "--status", "done", "--date", "2023-06-20").exit_code == 0
    overdue = {t["id"]: t for t in report(run, "--month", "2023-06")["summary"]["tasks_overdue"]}
    assert set(overdue) == {"day_before"}  # June's report is as of 06-30; a done task is never overdue
    assert overdue["day_before"]["days_overdue"] == 1


def test_report_files_neutralise_formulas_from_the_plan(tmp_path):
    """Text in a report that starts with = + - @ is written so no spreadsheet runs it; numbers stay numbers."""
    payload = "=HYPERLINK(\"http://x\",\"y\")"
    run = make_plan(tmp_path, [ind("f", "level", target=90, unit="%", name_zh=payload, judged_because="@SUM(A1)",
                                   lead_unit="rsj")])
    record(run, "f", "91", "2023-06")
    text = run("report", "--month", "2023-06", "--format", "csv").stdout
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name_zh"] == "'" + payload
    assert row["judged_because"] == "'@SUM(A1)"
    assert row["actual"] == "91.0"

    out = tmp_path / "r.xlsx"
    assert run("report", "--month", "2023-06", "--lang", "zh", "--out", str(out)).exit_code == 0  # names alone
    from openpyxl import load_workbook

    cells = [c for ws in load_workbook(out) for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert "'" + payload in [c.value for c in cells]
    assert not any(c.value.startswith(("=", "@")) or c.data_type == "f" for c in cells)


@pytest.mark.parametrize("text,safe", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\r=1", "\\x0d=1"), ("-0.5", "-0.5"), ("+3", "+3"), ("", ""), ("plain", "plain"), ("a=b", "a=b"),
    ("Xinjiang", "Xinjiang"),
])
def test_neutralise(text, safe):
    from liupi_cli.render.safe import neutralise

    assert neutralise(text) == safe


def test_plan_text_cannot_break_the_html_or_markdown_report(tmp_path):
    """An indicator named with markup or table syntax stays text: escaped in HTML, pipes escaped in markdown."""
    name = "<script>alert(1)</script>|x"
    run = make_plan(tmp_path, [ind("m", "level", target=90, unit="%", name_zh=name, name_en="a|b\nc")])
    record(run, "m", "91", "2023-06")
    html = run("report", "--month", "2023-06", "--format", "html", "--lang", "zh").stdout
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;|x" in html
    md = run("report", "--month", "2023-06", "--format", "markdown").stdout
    lines = md.splitlines()
    at = next(i for i, ln in enumerate(lines) if "alert(1)" in ln)
    row, header = lines[at], lines[at - 2]  # the table's heading, above its |---| rule
    assert lines[at - 1].startswith("|---")
    assert "\\|x" in row and "a\\|b c" in row
    cells = lambda ln: len(ln.replace("\\|", "").split("|"))  # noqa: E731
    assert cells(row) == cells(header)


@pytest.mark.parametrize("text,kept,one_line", [
    ("a\x1bb", "a\\x1bb", "a\\x1bb"),  # ESC: a terminal escape sequence shown, not obeyed
    ("x\u202ey", "x\\u202ey", "x\\u202ey"),  # a bidi override
    ("tab\tnl\n", "tab\tnl\n", "tab nl\\n"),
    ("\x00\x08\x0b\x1f", "\\x00\\x08\\x0b\\x1f", "\\x00\\x08\\x0b\\x1f"),
    ("\x7f\x9b", "\\x7f\\x9b", "\\x7f\\x9b"),
    ("\u200b\u2060\ufeff", "\\u200b\\u2060\\ufeff", "\\u200b\\u2060\\ufeff"),
    ("县发改局 4.5%", "县发改局 4.5%", "县发改局 4.5%"),
])
def test_inert_text(text, kept, one_line):
    from liupi_cli.render import safe

    assert safe.inert(text) == kept
    assert safe.one_line(text) == one_line


def test_json_documents_stay_valid_and_inert():
    import json

    from liupi_cli.render import safe

    doc = safe.json_document({"a": [1.5, float("inf"), {"b": float("nan")}], "c": "\x85", "d": "中"})
    assert doc.endswith("}\n") and "\\u0085" in doc and "中" in doc and "\x85" not in doc
    assert json.loads(doc) == {"a": [1.5, None, {"b": None}], "c": "\x85", "d": "中"}


def test_markdown_and_html_text():
    from liupi_cli.render import safe

    assert safe.markdown_text("a|b<c>[d](e)\nf") == "a\\|b&lt;c&gt;\\[d\\](e) f"
    assert safe.markdown_text(4.5) == "4.5"
    assert safe.html_text("<a href='x'>&\x1b") == "&lt;a href=&#x27;x&#x27;&gt;&amp;\\x1b"


def test_xlsx_cells_and_sheet_titles():
    from liupi_cli.render import safe

    assert safe.xlsx_cell("=x\x0b") == "'=x\\x0b"
    assert safe.xlsx_cell("a\x01b") == "a\\x01b"
    assert safe.xlsx_cell(5) == 5 and safe.xlsx_cell(None) is None
    assert safe.sheet_title("a[b]:c*d?e/f\\g") == "a_b__c_d_e_f_g"
    assert safe.sheet_title("x" * 40) == "x" * 31
    assert safe.sheet_title("'quoted'") == "quoted"
    assert safe.sheet_title("XX battle X") == "XX battle X"  # only quotes are stripped
    assert safe.sheet_title("''") == "sheet" and safe.sheet_title("") == "sheet"
    assert safe.sheet_title("a\nb") == "a_nb"  # the newline shown as \n, its backslash made safe
