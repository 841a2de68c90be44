"""Edges of importing task lists: a workbook openpyxl cannot open is one line naming what went wrong, a
re-import keeps the section a document no longer gives, and a new year's fresh plan block takes the new
year into the skeleton's own titles only."""

from __future__ import annotations

import zipfile

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.plan_import.fresh import fresh_targets
from liupi_cli.plan_import.read_xlsx import read_xlsx
from liupi_cli.plan_import.writer import merge_tasks


def test_a_workbook_openpyxl_cannot_open_names_the_error(tmp_path):
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w") as z:  # a sheet but no [Content_Types].xml or workbook part
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    with pytest.raises(InputRefused) as exc:
        read_xlsx(path)
    assert (exc.value.message, exc.value.hint) == (f"{path}: not a readable .xlsx (KeyError)",
                                                   "save it again from Excel or WPS as .xlsx")


def _task(**kw):
    return {"id": "a1-1", "battle": "growth", "source": "附件1 一.1", "title_zh": "修路", "lead_units": ["jtj"], **kw}


def test_a_re_import_keeps_the_section_and_its_lead_when_the_document_no_longer_gives_them():
    old = [_task(section="交通重点工作", section_lead="jtj", responsible_units=["czj"], summary="liupi's own")]
    out, counts = merge_tasks(old, [_task()], [])
    assert counts["unchanged"] + counts["changed"] == 1
    (t,) = out
    assert (t["section"], t["section_lead"], t["summary"]) == ("交通重点工作", "jtj", "liupi's own")
    assert "responsible_units" not in t  # a document field the document dropped goes


@pytest.mark.parametrize("title_zh,title_en,given,want_zh,want_en", [
    ("2023年重点工作计划", "Annual plan 2023", "2024年工作要点", "2024年工作要点", "Annual plan 2024"),
    ("", "Annual plan 2023", "2024年工作要点", "2024年工作要点", "Annual plan 2024"),
    ("双牌县2023年六仗方案", "Shuangpai plan", "2024年工作要点", "双牌县2023年六仗方案", "Shuangpai plan"),
    ("2023年重点工作计划", "Annual plan 2023", None, "2023年重点工作计划", "Annual plan 2024"),
])
def test_a_fresh_plan_block_renames_only_the_skeleton_s_titles(title_zh, title_en, given, want_zh, want_en):
    targets = {"plan": {"year": 2023, "title_zh": title_zh, "title_en": title_en}, "settings": {"yellow_band": 5},
               "indicators": [{"id": "x"}]}
    out = fresh_targets(targets, 2024, given)
    assert out == {"plan": {"year": 2024, "title_zh": want_zh, "title_en": want_en}, "settings": {"yellow_band": 5}}
    assert targets["plan"]["year"] == 2023  # the old plan's block is not changed in place
