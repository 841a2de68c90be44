"""`liupi report`: golden output per format, the JSON oracle, xlsx round trip, exit codes, import costs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, REPO

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.report import build_report
from liupi_cli.store import Store

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("LIUPI_UPDATE_GOLDEN") == "1"


@pytest.fixture
def loaded(run, mini):
    result = run("update", "--file", str(FIXTURES / "mini-actuals.csv"))
    assert result.exit_code == 0, result.stderr
    assert run("task", "set", "t1", "--status", "in_progress", "--date", "2023-06-10").exit_code == 0
    return run


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (LIUPI_UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("fmt,lang,name", [
    ("table", "en", "report-2023-06.txt"), ("table", "zh", "report-2023-06.zh.txt"),
    ("markdown", "en", "report-2023-06.md"), ("markdown", "zh", "report-2023-06.zh.md"),
    ("csv", "en", "report-2023-06.csv"), ("json", "en", "report-2023-06.json"),
    ("html", "zh", "report-2023-06.zh.html"),
])
def test_golden(loaded, fmt, lang, name):
    result = loaded("report", "--month", "2023-06", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    _golden(name, result.stdout)
    summary = ("2023年1–6月：红灯5个，黄灯3个，绿灯2个，灰灯3个（无数据或未到期）；逾期任务1项" if lang == "zh"
               else "2023-06: 5 red, 3 yellow, 2 green, 3 grey (no data or not due); 1 task(s) overdue")
    assert result.stderr.splitlines()[0] == summary
    if fmt == "table":
        assert result.stdout.splitlines()[1] == summary  # the same line leads the table


def test_cli_json_equals_the_core_model(loaded, mini):
    cli = json.loads(loaded("report", "--quarter", "2023Q2", "--format", "json").stdout)
    plan = load_plan(mini)
    with Store(mini / "records.db", plan.info.id) as s:
        core = build_report(plan, s.records(), parse_period("2023Q2"), task_updates=s.task_updates())
    assert cli == core.model_dump(mode="json")


def test_json_has_the_documented_fields(loaded):
    doc = json.loads(loaded("report", "-m", "2023-06", "-f", "json").stdout)
    assert {"plan_id", "period", "elapsed", "summary", "rows"} <= set(doc)
    assert doc["elapsed"] == 50.0
    required = {"id", "battle", "name_zh", "name_en", "kind", "unit", "comparator", "target", "actual",
                "actual_period", "completion", "expected", "gap", "light", "persistent", "lead_unit", "source",
                "alternatives"}
    assert required <= set(doc["rows"][0])
    assert doc["summary"]["tasks_overdue"][0]["id"] == "t4"


def test_xlsx_round_trips_with_numbers_as_numbers(loaded, tmp_path):
    out = tmp_path / "r.xlsx"
    result = loaded("report", "--month", "2023-06", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    sheets = pd.read_excel(out, sheet_name=None, header=1)
    assert list(sheets)[1:] == ["1 打好经济增长主动仗", "2 打好重点民生保障仗", "Overdue tasks"]
    live = sheets["2 打好重点民生保障仗"]
    jobs = live[live["Indicator"].str.contains("城镇新增就业")].iloc[0]
    assert jobs["Year to date"] == 1500 and isinstance(jobs["Year to date"], (int, float))
    assert jobs["% of annual target"] == 46.9  # 46.875 rounded half up to 1 decimal
    assert jobs["Light"] == "YELLOW"
    from openpyxl import load_workbook

    wb = load_workbook(out)
    ws = wb["2 打好重点民生保障仗"]
    assert ws.freeze_panes == "C3"
    notes = [c.value for c in ws["Q"] if isinstance(c.value, str)]
    assert not any(n.startswith("=") for n in notes)
    light_cells = [c for c in ws["O"][2:] if c.value]
    assert {c.fill.fgColor.rgb[-6:] for c in light_cells} >= {"FFCDD2", "C8E6C9"}


def test_csv_neutralises_formulas(loaded):
    text = loaded("report", "-m", "2023-06", "-f", "csv").stdout
    assert "=cmd" not in text.replace("'=cmd", "")


def test_html_is_self_contained(loaded):
    html = loaded("report", "-m", "2023-06", "-f", "html").stdout
    assert "<svg" in html and "城镇新增就业" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


@pytest.mark.parametrize("args,code", [
    (["--fail-on", "red"], 1), (["--fail-on", "missing"], 1), (["--fail-on", "red", "--light", "green"], 0),
    ([], 0),
])
def test_fail_on(loaded, args, code):
    assert loaded("report", "-m", "2023-06", *args).exit_code == code


def test_fail_on_missing_passes_when_every_row_has_data(loaded):
    result = loaded("report", "-m", "2023-06", "--fail-on", "missing", "--battle", "livelihood",
                    "--light", "red,green")
    assert result.exit_code == 0


def test_fail_on_missing_counts_a_june_figure_that_cannot_settle_the_year(loaded):
    # new_urban_jobs has 1500 for 2023-06 and nothing later: at the settlement that figure settles nothing
    base = ("report", "--year", "2023", "--battle", "livelihood", "--format", "json")
    rows = {r["id"]: r for r in json.loads(loaded(*base).stdout)["rows"]}
    assert rows["new_urban_jobs"]["status"] == "no_year_end_figure" and rows["new_urban_jobs"]["met"] is None
    assert loaded(*base, "--light", "grey", "--fail-on", "missing").exit_code == 1


@pytest.mark.parametrize("args,message,code", [
    ([], "give exactly one of --month, --quarter or --year", 2),
    (["--month", "2023-06", "--year", "2023"], "exactly one", 2),
    (["--month", "2023Q2"], "is not a month", 2),
    (["--month", "2023-13"], "month 13 does not exist", 2),  # an unreadable period option is a usage error
    (["--month", "2023-06", "--light", "blue"], "unknown light(s): blue", 1),
    (["--month", "2023-06", "--fail-on", "late"], "unknown condition", 2),
    (["--month", "2023-06", "--format", "xlsx"], "xlsx needs --out", 2),
])
def test_bad_report_options(loaded, args, message, code):
    result = loaded("report", *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_no_store_yet_means_all_grey_not_zero(run, mini):
    result = run("report", "--year", "2023", "-f", "json")
    assert result.exit_code == 6  # the report is written, but an all-grey circular must not pass as success
    assert f"no figure recorded in 2023 up to 2023 in {mini / 'records.db'} (not created yet)" in result.stderr
    assert not (mini / "records.db").exists()  # reading never creates
    doc = json.loads(result.stdout)
    assert doc["settlement"] is True
    assert {r["light"] for r in doc["rows"]} <= {"grey", "red"}  # milestones past due are red
    assert all(r["actual"] is None for r in doc["rows"])


def test_table_is_colourless_when_piped(loaded):
    out = loaded("report", "-m", "2023-06").stdout
    assert "\x1b[" not in out and "YELLOW" in out


def _imported(args: list[str]) -> set[str]:
    code = ("import sys, runpy; sys.argv = ['liupi'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('liupi_cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    line = next(ln for ln in res.stderr.splitlines() if ln.startswith("MODULES"))
    return set(line.split()[1:])


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_plain_formats_do_not_import_pandas_or_openpyxl(mini, fmt):
    mods = _imported(["--data-dir", str(mini), "report", "--month", "2023-06", "--format", fmt])
    assert "liupi_cli.report.build" in mods
    assert "pandas" not in mods and "openpyxl" not in mods
    assert not any(m.split(".")[0] == "rich" for m in mods)  # the table is laid out without rich


def _tops(mods: set[str]) -> set[str]:
    return {m.split(".")[0] for m in mods}


def test_help_imports_no_command_and_no_heavy_library():
    mods = _imported(["--help"])
    assert not _tops(mods) & {"pydantic", "rich", "yaml", "openpyxl", "pandas"}
    assert not any(m.startswith("liupi_cli.cli.") and m.endswith(("_cmds", "_cmd")) for m in mods)
    assert "liupi_cli.models" not in mods and "liupi_cli.store" not in mods


def test_a_command_help_imports_only_its_own_module():
    mods = _imported(["update", "--help"])
    assert "liupi_cli.cli.record_cmds" in mods
    assert "liupi_cli.cli.report_cmd" not in mods and "liupi_cli.cli.cadence_cmds" not in mods
    # typer's own parameter handling brings pydantic; the plan models, the store and YAML stay out
    assert not _tops(mods) & {"rich", "yaml", "openpyxl", "pandas"}
    assert not mods & {"liupi_cli.models", "liupi_cli.store", "liupi_cli.plan", "liupi_cli.recording"}


def test_yaml_is_read_with_the_c_loader_when_present():
    import yaml

    from liupi_cli import yamlfile

    if yaml.__with_libyaml__:
        assert yamlfile._Loader is yaml.CSafeLoader


@pytest.mark.parametrize("args", [
    ["report", "--month", "2023-06", "--out", "/nonexistent-dir/r.xlsx"],
    ["report", "--month", "2023-06", "--out", "/nonexistent-dir/r.md"],
    ["template", "--period", "2023-06", "--out", "/nonexistent-dir/t.xlsx"],
    ["export", "--out", "/nonexistent-dir/e.xlsx"],
    ["targets", "--out", "/nonexistent-dir/t.csv"],
])
def test_an_unwritable_out_file_is_one_line(run, args):
    result = run(*args)
    assert result.exit_code == 5  # not 1: cron tells "could not write" from "the county is behind"
    assert "cannot write /nonexistent-dir/" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_filtered_summary_line_says_it_counts_only_the_rows_shown(loaded):
    # mini June: 3 red in all; --light red shows only them, so "0 grey" must be qualified, in both languages
    en = loaded("report", "-m", "2023-06", "--light", "red", "--format", "json").stderr
    assert "0 grey (no data or not due); " in en and "(counting only the rows shown: Filters: light=red)" in en
    zh = loaded("report", "-m", "2023-06", "--light", "red", "--lang", "zh", "--format", "json").stderr
    assert "（仅计所示：筛选：灯=红灯）" in zh
    plain = loaded("report", "-m", "2023-06", "--format", "json").stderr
    assert "counting only" not in plain


def test_status_words_fit_the_kind(loaded):
    # 6.6% against 5.5%左右 is over its ceiling beyond the 1-point band: yellow, but never "behind schedule";
    # a growth rate below target is below target; only cumulative amounts have a schedule to be behind
    rows = {r["id"]: r for r in json.loads(loaded("report", "-m", "2023-06", "-f", "json").stdout)["rows"]}
    assert (rows["urban_unemployment"]["status"], rows["new_urban_jobs"]["status"]) == ("behind", "behind")
    zh = loaded("report", "-m", "2023-06", "--lang", "zh", "-f", "markdown").stdout
    table = [ln for ln in zh.splitlines() if ln.startswith("| ")]
    unemployment = next(ln for ln in table if "城镇调查失业率" in ln)
    jobs = next(ln for ln in table if "城镇新增就业" in ln)
    # the yellow band, with the gap the circular has no column for (6.6 − 5.5)
    assert "略高于目标（超出左右范围）；与目标差+1.1个百分点" in unemployment and "低于序时进度" not in unemployment
    assert "低于序时进度" in jobs
    assert "明显低于目标" in next(ln for ln in table if "规模工业增加值" in ln)
    en = loaded("report", "-m", "2023-06", "-f", "markdown").stdout
    unemployment_en = next(ln for ln in en.splitlines() if ln.startswith("| ") and "城镇调查失业率" in ln)
    assert "slightly over (beyond the 左右 band); gap +1.1 pts" in unemployment_en
    assert "+1.1 pts" in loaded("report", "-m", "2023-06", "--battle", "livelihood").stdout  # % minus % is points


@pytest.mark.parametrize("args,words", [
    (["report", "--month", "2023-13"], "month 13 does not exist"),
    (["report", "--quarter", "2023Q5"], "cannot read period '2023Q5'"),
    (["summary", "--month", "2023-99", "--format", "markdown"], "month 99 does not exist"),
])
def test_an_unreadable_report_period_is_a_usage_error(run, args, words):
    result = run(*args)
    assert result.exit_code == 2 and words in result.stderr


@pytest.mark.parametrize("cmd", [["report"], ["summary", "--format", "markdown"]])
def test_january_alone_points_to_the_joint_report(run, cmd):
    result = run(cmd[0], "--month", "2023-01", *cmd[1:])
    assert result.exit_code == 2
    assert "hint: January is reported with February: --month 2023-02 (1–2月)" in result.stderr
    assert "record it as" not in result.stderr


def test_out_naming_the_plan_is_refused_before_the_format_is_asked(run, mini):
    """A plan file named by --out is refused (exit 5) whatever its extension says about the format."""
    result = run("report", "--month", "2023-06", "--out", str(mini / "targets.yaml"))
    assert result.exit_code == 5, result.stderr
    assert "which liupi is using; nothing was written" in result.stderr
    assert "cannot tell the format" not in result.stderr


@pytest.mark.parametrize("args", [["--out", "r.pdf"], ["--format", "pdf"], ["--bogus"]])
def test_a_format_or_option_that_is_not_there_is_a_usage_error_in_two_lines(run, tmp_path, args):
    result = run("report", "--month", "2023-06", *[str(tmp_path / a) if a.endswith(".pdf") else a for a in args])
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("hint: "), lines
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr
