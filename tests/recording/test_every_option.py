"""Every option of every recording path reaches the stored record, or is refused with one clear line.

The paths: `update ID VALUE`, `update --file` with a CSV and with an XLSX, the fill-in template recorded
with `--file`, interactive `update` (answers on stdin), and `task set`. The options: --period, --source,
--note, --by, --dry-run, --revise, --force, --force with --note, --baseline. The same six steps run on every
path. Every path records through one service (record_service), with one options object: the demo figures
of `liupi init --demo` too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINI
from openpyxl import Workbook, load_workbook

from liupi_cli.cli import record_cmds
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.recording import due_indicators

IID, NAME = "new_urban_jobs", "城镇新增就业"  # a monthly year-to-date count led by 县人社局 (rsj), target 3200人
PATHS = ["value", "csv", "xlsx", "template", "interactive"]


def _invoke(run, how: str, tmp: Path, value: str, *opts: str):
    """Record `value` for new_urban_jobs through one path, with the options given."""
    period = opts[opts.index("--period") + 1]
    if how == "value":
        return run("update", IID, value, *opts)
    if how == "csv":  # the 期间 cell left empty: --period fills it
        (tmp / "f.csv").write_text(f"指标,期间,数值\n{NAME},,{value}\n", encoding="utf-8")
        return run("update", "--file", tmp / "f.csv", *opts)
    if how == "xlsx":
        wb = Workbook()
        for row in (("指标", "期间", "数值"), (NAME, None, float(value))):
            wb.active.append(row)
        wb.save(tmp / "f.xlsx")
        return run("update", "--file", tmp / "f.xlsx", *opts)
    if how == "template":  # the sheet a bureau is sent, its 数值 cell filled, 来源 and 备注 left empty
        assert run("template", "--period", period, "--unit", "rsj", "--out", tmp / "t.xlsx").exit_code == 0
        wb = load_workbook(tmp / "t.xlsx")
        ws = wb.active
        (head,) = [r for r in ws.iter_rows() if any(c.value == "数值" for c in r)]
        col = {c.value: c.column for c in head}
        (row,) = [r[0].row for r in ws.iter_rows(min_row=head[0].row + 1) if r[col["指标"] - 1].value == NAME]
        ws.cell(row, col["数值"], float(value))
        wb.save(tmp / "filled.xlsx")
        return run("update", "--file", tmp / "filled.xlsx", *opts)
    plan = load_plan(MINI)  # interactive: answer the prompt for new_urban_jobs, skip the others
    baseline = "--baseline" in opts
    due = [i.id for i in due_indicators(plan, parse_period(period, plan.info.year - baseline), None, "rsj")]
    stdin = "\n" * due.index(IID) + value + "\n" + "\n" * len(due)
    return run("update", *opts, "--unit", "rsj", input=stdin)


def _refused(result, how: str) -> bool:
    """Refused, nothing written: exit 1; at a prompt the refusal is said and the next answer asked for."""
    if how == "interactive":
        return result.exit_code == 0 and "error: " in result.stderr and "recorded 0 figure(s)" in result.stderr
    return result.exit_code == 1 and "error: " in result.stderr


def _history(run) -> list[dict]:
    result = run("history", IID, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("how", PATHS)
def test_every_option_of_every_recording_path_reaches_the_record(run, tmp_path, monkeypatch, how):
    monkeypatch.setattr(record_cmds, "_stdin_is_terminal", lambda: True)
    who = ("--by", "王科长", "--source", "县统计局 月报", "--note", "初报")

    # 1. --period, --source, --note, --by: each lands in the record
    first = _invoke(run, how, tmp_path, "1500", "--period", "2023-06", *who)
    assert first.exit_code == 0, first.stderr
    (r,) = _history(run)
    assert (r["period"], r["value"], r["source"], r["note"], r["recorded_by"], r["baseline"]) == (
        "2023-06", 1500, "县统计局 月报", "初报", "王科长", False)
    # a file's figures carry the import's label (its name and when), so they can be told apart as one batch
    label = _exported(run)[0]["batch"]
    if how in ("csv", "xlsx", "template"):
        assert label.startswith({"csv": "f.csv@", "xlsx": "f.xlsx@", "template": "filled.xlsx@"}[how])
        assert label.endswith(r["recorded_at"])
    else:
        assert label is None

    # 2. --dry-run: shows the change, writes nothing; interactive saves each answer, so it refuses the option
    dry = _invoke(run, how, tmp_path, "1600", "--period", "2023-06", "--revise", "--dry-run")
    if how == "interactive":
        assert dry.exit_code == 2 and "--dry-run is for --file or ID VALUE" in dry.stderr
    else:
        assert dry.exit_code == 0, dry.stderr
        unit = "人" if how == "template" else ""  # the template's 单位 column goes with the value
        assert f"{IID}\t2023-06\t1500{unit} -> 1600{unit}" in dry.stdout
    assert len(_history(run)) == 1

    # 3. --revise: the new figure supersedes the old, with its own note; without it, refused
    assert _refused(_invoke(run, how, tmp_path, "1600", "--period", "2023-06"), how)
    revised = _invoke(run, how, tmp_path, "1600", "--period", "2023-06", "--revise", "--note", "更正", "--by", "李")
    assert revised.exit_code == 0, revised.stderr
    old, new = _history(run)
    assert (new["value"], new["supersedes"], new["note"], new["recorded_by"], new["current"]) == (
        1600, old["id"], "更正", "李", True)
    assert old["current"] is False

    # 4. --force: 16000 is 5 times the year's 3200; refused without it, recorded with it
    assert _refused(_invoke(run, how, tmp_path, "16000", "--period", "2023-06", "--revise"), how)
    forced = _invoke(run, how, tmp_path, "16000", "--period", "2023-06", "--revise", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert [h["value"] for h in _history(run)] == [1500, 1600, 16000]

    # 5. --force with --note: a year-to-date total that falls (16000 by June, 1000 by July) is refused, with
    # --force alone too; with a note saying why it is recorded, the note kept
    assert _refused(_invoke(run, how, tmp_path, "1000", "--period", "2023-07"), how)
    assert _refused(_invoke(run, how, tmp_path, "1000", "--period", "2023-07", "--force"), how)
    fell = _invoke(run, how, tmp_path, "1000", "--period", "2023-07", "--force", "--note", "口径调整")
    assert fell.exit_code == 0, fell.stderr
    (july,) = [h for h in _history(run) if h["period"] == "2023-07"]
    assert (july["value"], july["note"], july["current"]) == (1000, "口径调整", True)

    # 6. --baseline: last year's same-period figure; a template says so in its own 去年同期 column
    base = _invoke(run, how, tmp_path, "1400", "--period", "2022-06", "--baseline", "--source", "县统计局 年报")
    if how == "template":
        assert base.exit_code == 1
        assert "--baseline is for a file without a 去年同期 column; this file has one" in base.stderr
        assert len(_history(run)) == 4
    else:
        assert base.exit_code == 0, base.stderr
        last = _history(run)[-1]
        assert (last["period"], last["baseline"], last["value"], last["source"]) == (
            "2022-06", True, 1400, "县统计局 年报")


def _exported(run) -> list[dict]:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["records"]


def test_every_option_of_task_set_reaches_the_update(run):
    result = run("task", "set", "t2", "--status", "in_progress", "--percent", "40", "--note", "完成主体",
                 "--date", "2023-06-30", "--by", "王科长")
    assert result.exit_code == 0, result.stderr
    (u,) = json.loads(run("history", "t2", "--format", "json").stdout)
    assert (u["status"], u["percent"], u["note"], u["date"], u["recorded_by"]) == (
        "in_progress", 40, "完成主体", "2023-06-30", "王科长")
