"""`liupi summary` on a server store: the 月通报 judges approved figures as `liupi report` does; with
--include-submitted it shows the submitted ones too, marked in every format and named on stderr; a figure the
office returned is owed again in its 未报 list, with the reason, as `liupi missing` and `liupi unit` list it."""

from __future__ import annotations

import html
import json
import zipfile

from .test_review import _recorded


def _actual(summary: str, indicator: str):
    return next(r for r in json.loads(summary)["report"]["rows"] if r["id"] == indicator)


def test_the_month_circular_shows_submitted_figures_only_when_asked_and_owes_a_returned_one(county, tmp_path):
    jobs = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))  # submitted
    retail = _recorded(county("fagai")("update", "retail_sales_total", "93.44亿元", "-p", "2023-06"))
    office = county("office")
    assert office("review", "--return", str(retail), "--reason", "口径不对").exit_code == 0

    plain = office("summary", "--month", "2023-06", "--format", "json")
    assert plain.exit_code in (0, 6), plain.stderr
    assert _actual(plain.stdout, "new_urban_jobs")["actual"] is None
    assert not [r for r in json.loads(plain.stdout)["report"]["rows"] if "review" in r]
    shown = office("summary", "--month", "2023-06", "--format", "json", "--include-submitted")
    row = _actual(shown.stdout, "new_urban_jobs")
    assert (row["actual"], row["review"]) == (1500, "submitted")
    assert _actual(shown.stdout, "retail_sales_total")["actual"] is None  # returned: never judged
    assert f"new_urban_jobs 2023-06 (#{jobs})" in shown.stderr and "submitted, not yet approved" in shown.stderr

    owed = [f for u in json.loads(shown.stdout)["missing"]["units"] for f in u["figures"]]
    assert [(f["id"], f["returned"], f["returned_record"]) for f in owed if "returned" in f] == [
        ("retail_sales_total", "口径不对", retail)]
    assert "new_urban_jobs" not in [f["id"] for f in owed]  # submitted: reported, as `liupi missing` says

    markdown = office("summary", "--month", "2023-06", "--format", "markdown", "--include-submitted").stdout
    assert "1,500人（待审）" in markdown and "社会消费品零售总额（退回: 口径不对）" in markdown
    assert "（待审）" not in office("summary", "--month", "2023-06", "--format", "markdown").stdout

    written = office("summary", "--month", "2023-06", "--include-submitted", "--out-dir", str(tmp_path),
                     "--formats", "xlsx,docx")
    assert written.exit_code in (0, 6), written.stderr
    for name in ("月通报-2023-06.xlsx", "月通报-2023-06.docx"):
        with zipfile.ZipFile(tmp_path / "2023-06" / name) as z:
            text = html.unescape("".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))
        assert "（待审）" in text and "口径不对" in text, name


def test_once_approved_the_figure_is_judged_unmarked(county):
    jobs = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    office = county("office")
    assert office("review", "--approve", str(jobs)).exit_code == 0
    for extra in ((), ("--include-submitted",)):
        out = office("summary", "--month", "2023-06", "--format", "json", *extra)
        row = _actual(out.stdout, "new_urban_jobs")
        assert row["actual"] == 1500 and "review" not in row
        assert "submitted, not yet approved" not in out.stderr
