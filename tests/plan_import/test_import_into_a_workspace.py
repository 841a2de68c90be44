"""An import into a workspace's plan folder, in process: the untouched skeleton of `liupi init --empty` is
replaced (its plan id kept, the year and title the document's, said in the review), a skeleton whose example
already has a figure in the store is kept as the county's own, and a document naming another year than the
plan there is said in the review with what to do."""

from __future__ import annotations

import datetime as dt
import shutil

import yaml
from conftest import REPO

from liupi_cli.plan_import import import_plan
from liupi_cli.scaffold import create_workspace
from liupi_cli.store import NewRecord, Store

DOC = "某县2023年交通重点工作任务清单\n工作任务,牵头单位,完成时限\n1.修建道路,县交通局,12月底前\n"


def _doc(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text(DOC, encoding="utf-8")
    return p


def _review(result) -> list[tuple[str, str]]:
    return [(r.ref, r.message) for r in result.review]


def test_the_untouched_skeleton_is_replaced_keeping_its_plan_id(tmp_path):
    made = create_workspace(tmp_path / "ws", empty=True, year=2024)
    data = tmp_path / "ws" / "data"
    result = import_plan([_doc(tmp_path)], data, store=made.store)
    assert _review(result)[:3] == [
        ("a.csv line 2", "new plan: write title_en in targets.yaml, and name_en for each battle and indicator (the "
                         "reports show them)"),
        (str(data), "the empty skeleton of `liupi init --empty` replaced: its example unit, battle, indicator and "
                    "task are gone; plan id ws-2024 kept (the record store is tied to it)"),
        ("a.csv line 2", "plan year 2023, as the title states; pass --year to set another"),
    ]
    plan = yaml.safe_load(result.files["targets.yaml"])
    assert (plan["plan"]["id"], plan["plan"]["year"], plan["plan"]["title_zh"], plan["plan"]["source_file"]) == (
        "ws-2024", 2023, "某县2023年交通重点工作任务清单", "a.csv")
    assert [u["id"] for u in plan["units"]] == ["jtj"]
    assert [t["id"] for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]] == ["jt.1"]


def test_a_skeleton_with_a_figure_recorded_is_kept(tmp_path):
    made = create_workspace(tmp_path / "ws", empty=True, year=2024)
    data = tmp_path / "ws" / "data"
    example = yaml.safe_load((data / "targets.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
    with Store(made.store, made.plan_id) as st:
        st.add(NewRecord(example, "2024-03", 1.0, "1", None, None), "tester", "2024-04-01T10:00:00+08:00")
    result = import_plan([_doc(tmp_path)], data, store=made.store, year=2024)
    assert not any("skeleton" in m for _, m in _review(result))
    plan = yaml.safe_load(result.files["targets.yaml"])
    assert example in [i["id"] for i in plan["indicators"]] and plan["plan"]["year"] == 2024


def test_a_document_naming_another_year_than_the_plan_is_said_with_what_to_do(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(REPO / "data", folder)  # the bundled 2023 plan
    doc = tmp_path / "a.csv"
    doc.write_text(DOC.replace("2023年", "2025年"), encoding="utf-8")
    result = import_plan([doc], folder)
    assert ("a.csv line 2", f"the documents' titles name 2025 but {folder} holds the 2023 plan: its year is kept, the "
            "deadlines read as 2025; a plan of its own for 2025: liupi init DIR --empty --year 2025") in _review(result)
    assert yaml.safe_load(result.files["tasks.yaml"])["tasks"][-1]["deadline"] == dt.date(2025, 12, 31)
    result = import_plan([doc], folder, year=2026)
    assert any(m.startswith("--year name 2026 but") for _, m in _review(result))
