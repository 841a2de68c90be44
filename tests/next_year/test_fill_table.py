"""The filled next-year table (targets-to-fill.csv) read back: as Chinese Excel and WPS save it, with
thousands commas and tabs, and a cell that cannot be read refused with its line."""

import pytest


@pytest.mark.parametrize("encoding,sep", [("gbk", ","), ("utf-16", "\t")])
def test_plan_next_fill_reads_the_table_as_chinese_excel_saves_it(run, mini, tmp_path, encoding, sep):
    """targets-to-fill.csv filled in Excel/WPS comes back GBK ("CSV (逗号分隔)") or UTF-16 with tabs ("Unicode
    text"), with the typed due date 2024-08-31 turned into 2024/8/31; it was refused as not UTF-8."""
    import csv
    import io

    import yaml

    out = tmp_path / "p24"
    assert run("plan", "next", "--year", "2024", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((out / "targets-to-fill.csv").read_text(encoding="utf-8-sig"))))
    for row in rows:
        if row["indicator"] == "gdp_growth":
            row["new_target"] = "7.5"
        if row["indicator"] == "power_project_start":
            row["new_due"] = "2024/8/31"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    filled = tmp_path / "filled.csv"
    filled.write_bytes(buf.getvalue().encode(encoding))
    result = run("plan", "next", "--year", "2024", "--out", str(out), "--fill", str(filled))
    assert result.exit_code in (0, 1), result.stderr  # 1: other targets are still to fill
    assert "set 2 new target(s)" in result.stderr
    targets = yaml.safe_load((out / "data" / "targets.yaml").read_text(encoding="utf-8"))
    ind = {i["id"]: i for i in targets["indicators"]}
    assert ind["gdp_growth"]["target"] == 7.5
    assert str(ind["power_project_start"]["due"]) == "2024-08-31"


def test_plan_next_fill_of_a_missing_file_says_so(run, mini, tmp_path):
    out = tmp_path / "p24"
    run("plan", "next", "--year", "2024", "--out", str(out))
    result = run("plan", "next", "--year", "2024", "--out", str(out), "--fill", str(tmp_path / "nosuch.csv"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tmp_path / 'nosuch.csv'}: cannot read: No such file or directory\n"
                             f"hint: fill the table `liupi plan next` wrote: {out}/targets-to-fill.csv\n")


def test_a_filled_next_year_table_saved_tab_separated_with_thousands_commas():
    import datetime as dt

    from liupi_cli.fill_table import FillCell, apply_fill, read_fill

    text = "\ufeffindicator\tnew_target\tnew_due\nretail_sales_total\t1,200\t2024/8/31\ngdp_growth\t\t\n"
    cells = read_fill(text, "fill.txt")
    assert cells == [FillCell(2, "retail_sales_total", "1,200", "2024/8/31")]  # the empty row is left for later
    targets = {"indicators": [{"id": "retail_sales_total", "unit": "亿元", "to_be_set": ["target"]}]}
    assert apply_fill(targets, cells, "fill.txt").set == ["retail_sales_total"]
    assert targets["indicators"][0] == {"id": "retail_sales_total", "unit": "亿元", "target": 1200,
                                        "stated": "1,200", "due": dt.date(2024, 8, 31)}


def test_a_filled_target_that_cannot_be_read_is_refused_with_its_line_and_what_to_write():
    from liupi_cli.fill_table import apply_fill, read_fill

    targets = {"indicators": [{"id": "retail_sales_total", "unit": "亿元", "to_be_set": ["target"]},
                              {"id": "gdp_growth", "unit": "%", "to_be_set": ["target"]}]}
    cells = read_fill("indicator,new_target\nretail_sales_total,1200\ngdp_growth,八点五\n", "fill.csv")
    (problem,) = apply_fill(targets, cells, "fill.csv").problems
    assert (problem.row, problem.message) == (3, "fill.csv:3: new_target '八点五': cannot read value '八点五'")
    assert problem.hint == "write it as for `liupi update`: 7%, 360000万元, 增长8%以上, 控制在5.5%左右"
    assert "target" not in targets["indicators"][0]  # nothing set when one cell is refused
