"""What people type: a value written with full-width digits, signs, point or percent (１２．５％, －３, ％)
records the same figure as its ASCII form, through every recording path: `update ID VALUE`, `update --file`
(CSV and xlsx) and the filled-in template. The audit trail keeps what was typed."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from liupi_cli.cli.app import app

from .support import MINI

FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789.+-%"}  # ０…９ ． ＋ － ％
FULL["-"] = "－"
IND = "industrial_va_growth"  # a monthly % indicator of the mini plan


@st.composite
def typed_values(draw) -> tuple[str, str]:
    """(ASCII form, the same value with some characters typed full-width)."""
    sign = draw(st.sampled_from(["", "-", "+"]))
    whole = str(draw(st.integers(0, 30)))
    frac = draw(st.sampled_from(["", ".5", ".25", ".1"]))
    pct = draw(st.sampled_from(["", "%"]))
    ascii_form = sign + whole + frac + pct
    mask = draw(st.lists(st.booleans(), min_size=len(ascii_form), max_size=len(ascii_form)))
    if not any(mask):
        mask[0] = True  # at least one full-width character
    wide = "".join(FULL[c] if m else c for c, m in zip(ascii_form, mask))
    return ascii_form, wide


def _ws(tmp: Path) -> Path:
    folder = tmp / "plan"
    if folder.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copytree(MINI, folder)
    return folder


def _cli(plan: Path, *args: str):
    by = ["--by", "t"] if args[0] == "update" else []
    return CliRunner().invoke(app, ["--data-dir", str(plan), "--db", str(plan / "r.db"), *args, *by],
                              catch_exceptions=False)


def _stored(plan: Path) -> dict[str, tuple[float, str | None, str]]:
    with closing(sqlite3.connect(plan / "r.db")) as db:
        return {p: (v, u, e) for p, v, u, e in db.execute(
            "SELECT period, value, entered_unit, entered FROM records WHERE indicator = ?", (IND,))}


SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(typed_values())
def test_update_id_value_records_the_full_width_form_as_its_ascii_form(tmp_path, pair):
    ascii_form, wide = pair
    plan = _ws(tmp_path / "u")
    assert _cli(plan, "update", IND, ascii_form, "-p", "2023-03", "--force").exit_code == 0
    r = _cli(plan, "update", IND, wide, "-p", "2023-04", "--force")
    assert r.exit_code == 0, r.stderr
    got = _stored(plan)
    assert got["2023-04"][:2] == got["2023-03"][:2]
    assert got["2023-04"][2] == wide  # entered: as typed


def _rows(ascii_form: str, wide: str) -> list[list[str]]:
    return [["id", "period", "value", "unit"], [IND, "2023-03", ascii_form, "%"], [IND, "2023-04", wide, "%"],
            [IND, "2023-05", wide, "％"]]  # the unit column typed full-width too


@SETTINGS
@given(typed_values())
def test_update_file_csv_and_xlsx_record_the_full_width_form_as_its_ascii_form(tmp_path, pair):
    ascii_form, wide = pair
    for suffix in ("csv", "xlsx"):
        plan = _ws(tmp_path / suffix)
        f = tmp_path / suffix / f"figures.{suffix}"
        if suffix == "csv":
            with open(f, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(_rows(ascii_form, wide))
        else:
            wb = openpyxl.Workbook()
            for row in _rows(ascii_form, wide):
                wb.active.append(row)
            wb.save(f)
        r = _cli(plan, "update", "--file", str(f), "--force")
        assert r.exit_code == 0, r.stderr
        got = _stored(plan)
        assert got["2023-04"][0] == got["2023-05"][0] == got["2023-03"][0], (suffix, got)


@SETTINGS
@given(typed_values())
def test_the_filled_in_template_records_the_full_width_form_as_its_ascii_form(tmp_path, pair):
    ascii_form, wide = pair
    plan = _ws(tmp_path / "t")
    values = {}
    for period, text in (("2023-03", ascii_form), ("2023-04", wide)):
        out = tmp_path / "t" / f"{period}.xlsx"
        assert _cli(plan, "template", "-p", period, "--out", str(out)).exit_code == 0
        wb = openpyxl.load_workbook(out)
        sheet = wb.active
        heads = [c.value for c in sheet[1]]
        row = next(r for r in sheet.iter_rows(min_row=2) if IND in [c.value for c in r])
        row[heads.index("数值")].value = text
        wb.save(out)
        r = _cli(plan, "update", "--file", str(out), "--force")
        assert r.exit_code == 0, r.stderr
        values[period] = _stored(plan)[period][0]
    assert values["2023-04"] == values["2023-03"]
