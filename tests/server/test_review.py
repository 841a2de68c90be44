"""报送 → 审核: a bureau's figure is submitted; the office lists what waits per unit, approves, or returns it with
a reason the bureau sees in `liupi missing` and `liupi unit`; an approved figure is locked (the office's
revision, kept in history); reports judge approved figures unless --include-submitted. On SQLite nothing waits."""

from __future__ import annotations

import json

from conftest import Run


def _recorded(result) -> int:
    assert result.exit_code == 0, result.stderr
    return int(result.stderr.rsplit("(record ", 1)[1].split(")")[0])


def test_the_office_sees_what_waits_per_unit_and_approves_it(county):
    a = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    b = _recorded(county("fagai")("update", "retail_sales_total", "93.44亿元", "-p", "2023-06"))
    _recorded(county("fagai")("update", "gdp_growth", "5", "-p", "2023Q1"))  # another period: not listed
    run = county("office")
    listed = run("review", "--month", "2023-06")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == "县发改局 (1)" and lines[1].startswith(f"  #{b}\tretail_sales_total\t2023-06\t93.44亿元\ttester")
    assert lines[2] == "县人社局 (1)" and lines[3].startswith(f"  #{a}\tnew_urban_jobs\t2023-06\t1500\t")
    assert "2 figure(s) waiting for review, from 2 unit(s)" in listed.stderr
    as_json = json.loads(run("review", "--month", "2023-06", "--unit", "县人社局", "--format", "json").stdout)
    assert [(q["unit"], [f["id"] for f in q["figures"]]) for q in as_json] == [("rsj", [a])]

    before = run("report", "--month", "2023-06", "--format", "json")
    assert '"actual": 1500' not in before.stdout.replace(".0,", ",")  # submitted: not judged yet
    marked = run("report", "--month", "2023-06", "--format", "json", "--include-submitted")
    assert '"actual": 1500' in marked.stdout.replace(".0,", ",")
    assert f"new_urban_jobs 2023-06 (#{a})" in marked.stderr and "submitted, not yet approved" in marked.stderr

    approved = run("review", "--month", "2023-06", "--unit", "rsj", "--approve", "all")
    assert approved.exit_code == 0 and "approved 1 figure(s)" in approved.stderr
    assert [q["unit"] for q in json.loads(run("review", "--month", "2023-06", "--format", "json").stdout)] == ["fgj"]
    after = run("report", "--month", "2023-06", "--format", "json")
    assert '"actual": 1500' in after.stdout.replace(".0,", ",")


def test_a_returned_figure_reaches_its_bureau_with_the_reason_and_comes_back_revised(county):
    a = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    office = county("office")
    assert office("review", "--return", str(a)).exit_code == 2  # a return says why
    returned = office("review", "--return", str(a), "--reason", "口径不对")
    assert returned.exit_code == 0 and "returned 1 figure(s), reason (退回): 口径不对" in returned.stderr

    for args in (("missing", "--month", "2023-06"), ("unit", "rsj", "--month", "2023-06")):
        seen = county("renshe")(*args)
        assert seen.exit_code in (0, 1), seen.stderr
        assert (f"退回: 口径不对 — new_urban_jobs 2023-06 1500 (record {a}), returned by tester at "
                in seen.stderr), seen.stderr
    own = county("renshe")("review")  # a bureau's review lists its own figures, the returned one marked
    assert own.exit_code == 0 and own.stdout.splitlines()[1].startswith(f"  #{a}\tnew_urban_jobs")
    assert own.stdout.splitlines()[1].endswith("退回: 口径不对")
    assert "退回: 口径不对" not in county("fagai")("missing", "--month", "2023-06").stderr  # not its figure

    b = _recorded(county("renshe")("update", "new_urban_jobs", "1480", "-p", "2023-06", "--revise"))
    assert county("office")("review", "--approve", str(b)).exit_code == 0
    locked = county("renshe")("update", "new_urban_jobs", "1490", "-p", "2023-06", "--revise")
    assert locked.exit_code == 1 and "may not revise new_urban_jobs 2023-06" in locked.stderr
    c = _recorded(county("office")("update", "new_urban_jobs", "1490", "-p", "2023-06", "--revise"))
    history = county("leader")("history", "new_urban_jobs", "--format", "json")
    assert [(r["id"], r["value"], r["current"]) for r in json.loads(history.stdout)] == [
        (a, 1500.0, False), (b, 1480.0, False), (c, 1490.0, True)]


def test_what_cannot_be_reviewed_is_refused_in_one_line(county):
    a = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    b = _recorded(county("renshe")("update", "new_urban_jobs", "1510", "-p", "2023-06", "--revise"))
    office = county("office")
    for ids, why in ((str(a), "a later figure supersedes it"), ("999", "there is no such record"),
                     (f"{b},{a}", "a later figure supersedes it")):
        refused = office("review", "--approve", ids)
        assert refused.exit_code == 1 and "is not waiting for review: " + why in refused.stderr, refused.stderr
    assert json.loads(office("review", "--format", "json").stdout)[0]["figures"][0]["id"] == b  # nothing changed
    assert office("review", "--approve", "x,y").exit_code == 2


def test_a_single_desk_store_has_nothing_to_review(mini):
    run = Run(mini)
    assert run("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0
    result = run("review", "--month", "2023-06")
    assert result.exit_code == 0 and "every figure is approved as recorded" in result.stderr
    report = run("report", "--month", "2023-06", "--format", "json", "--include-submitted")
    assert report.exit_code == 0 and '"actual": 1500' in report.stdout.replace(".0,", ",")


def test_a_report_with_submitted_figures_marks_them_in_every_format(county):
    a = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    run = county("office")
    plain = run("report", "--month", "2023-06", "--format", "json")
    assert plain.exit_code == 0 and '"review"' not in plain.stdout
    shown = json.loads(run("report", "--month", "2023-06", "--format", "json", "--include-submitted").stdout)
    assert [(r["id"], r["review"]) for r in shown["rows"] if "review" in r] == [("new_urban_jobs", "submitted")]
    table = run("--lang", "zh", "report", "--month", "2023-06", "--include-submitted")
    assert "1,500人（待审）" in table.stdout and f"(#{a})" in table.stderr
    markdown = run("report", "--month", "2023-06", "--format", "markdown", "--include-submitted")
    assert "1,500 (2023-06) (submitted)" in markdown.stdout
    csv_en = run("report", "--month", "2023-06", "--format", "csv", "--include-submitted").stdout
    assert csv_en.splitlines()[0].split(",").count("review") == 1 and ",submitted," in csv_en
    assert "review" not in run("report", "--month", "2023-06", "--format", "csv").stdout.splitlines()[0]
    assert county("office")("review", "--approve", str(a)).exit_code == 0
    approved = run("report", "--month", "2023-06", "--include-submitted", "--format", "json")
    assert '"review"' not in approved.stdout and '"actual": 1500' in approved.stdout.replace(".0,", ",")


def test_a_returned_figure_is_owed_again_in_missing_and_on_the_unit_page(county):
    a = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    office = county("office")
    before = json.loads(office("missing", "--month", "2023-06", "--unit", "rsj", "--format", "json").stdout)
    assert "new_urban_jobs" not in [f["id"] for u in before["units"] for f in u["figures"]]  # submitted: reported
    assert office("review", "--return", str(a), "--reason", "口径不对").exit_code == 0

    owed = office("missing", "--month", "2023-06", "--unit", "rsj", "--format", "json")
    figures = [f for u in json.loads(owed.stdout)["units"] for f in u["figures"]]
    assert [(f["id"], f["period"], f["returned"], f["returned_record"]) for f in figures if "returned" in f] == [
        ("new_urban_jobs", "2023-06", "口径不对", a)]
    assert json.loads(owed.stdout)["figures_missing"] == before["figures_missing"] + 1
    chased = office("--lang", "zh", "missing", "--month", "2023-06", "--fail-on", "missing")
    assert chased.exit_code == 1 and "城镇新增就业（退回: 口径不对）" in chased.stdout
    page = county("renshe")("unit", "rsj", "--month", "2023-06", "--format", "markdown")
    assert page.exit_code == 0 and "(退回: 口径不对)" in page.stdout and "1,500人 (returned)" in page.stdout
    assert "口径不对" in page.stderr  # the bureau is told why, with who returned it
    listed = county("renshe")("tasks", "--as-of", "2023-06-30")  # the timeline: it reads the store
    assert listed.exit_code == 0 and "口径不对" not in listed.stderr  # a task list judges no figure: says nothing of it

    _recorded(county("renshe")("update", "new_urban_jobs", "1480", "-p", "2023-06", "--revise"))  # submitted anew
    again = json.loads(office("missing", "--month", "2023-06", "--unit", "rsj", "--format", "json").stdout)
    assert "new_urban_jobs" not in [f["id"] for u in again["units"] for f in u["figures"]]
    assert "(returned)" not in county("renshe")("unit", "rsj", "--month", "2023-06", "--format", "markdown").stdout


def test_a_month_s_review_lists_its_quarter_s_figures_and_counts_the_returned_apart(county):
    q2 = _recorded(county("fagai")("update", "gdp_growth", "5", "-p", "2023Q2"))
    june = _recorded(county("renshe")("update", "new_urban_jobs", "1500", "-p", "2023-06"))
    office = county("office")
    assert office("review", "--return", str(june), "--reason", "口径不对").exit_code == 0
    listed = office("review", "--month", "2023-06")
    assert f"  #{q2}\tgdp_growth\t2023Q2\t5\t" in listed.stdout and f"  #{june}\tnew_urban_jobs" in listed.stdout
    assert listed.stderr.splitlines()[-1] == ("1 figure(s) waiting for review and 1 returned, waiting for their unit "
                                              "to submit them anew, from 2 unit(s)")
    assert "退回: 口径不对 —" not in listed.stderr  # the office reads the reason in the list itself
    mine = county("renshe")("--lang", "zh", "review", "--month", "2023-06")
    assert mine.exit_code == 0 and f"  #{june}\tnew_urban_jobs" in mine.stdout and "gdp_growth" not in mine.stdout
    assert mine.stderr.splitlines()[0].startswith("退回: 口径不对 — new_urban_jobs 2023-06 1500")
    assert mine.stderr.splitlines()[-1] == "1 个单位共 0 个数据待审，另有 1 个已退回、待重新报送"
    office = county("office")  # the environment names one role at a time
    assert office("review", "--month", "2023-06", "--approve", "all").exit_code == 0  # the submitted one only
    assert [f["id"] for q in json.loads(office("review", "--format", "json").stdout) for f in q["figures"]] == [june]


def test_a_submitted_figure_of_an_earlier_period_is_named_as_included_not_as_shown(county):
    may = _recorded(county("renshe")("update", "new_urban_jobs", "1200", "-p", "2023-05"))
    assert county("office")("update", "new_urban_jobs", "1500", "-p", "2023-06").exit_code == 0  # approved
    run = county("office")
    report = run("report", "--month", "2023-06", "--format", "json", "--include-submitted")
    row = next(r for r in json.loads(report.stdout)["rows"] if r["id"] == "new_urban_jobs")
    assert "review" not in row and [p["period"] for p in row["series"]] == ["2023-05", "2023-06"]
    assert (f"1 figure(s) included are submitted, not yet approved (marked where a row shows one; an earlier "
            f"period's counts in its row's series and in red two periods running): new_urban_jobs 2023-05 (#{may})"
            ) in report.stderr
    plain = run("report", "--month", "2023-06", "--format", "json")
    assert [p["period"] for r in json.loads(plain.stdout)["rows"] if r["id"] == "new_urban_jobs"
            for p in r["series"]] == ["2023-06"] and "submitted" not in plain.stderr
