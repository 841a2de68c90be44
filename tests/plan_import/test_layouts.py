"""The corpus of task-list layouts (tests/plan_import/corpus.py, each from a real public document): every
layout imported into a new plan gives the tasks, lead units, responsible units and deadlines the document
states, the review holds its unsure readings, and the plan written passes `liupi check`."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from liupi_cli.plan import check_plan
from liupi_cli.plan_import import import_plan
from plan_import.corpus import LAYOUTS, Layout

FIELDS = ("task", "lead", "responsible", "deadline")


def readable(result) -> list[tuple]:
    """(id after the list's namespace, title, lead unit names, responsible unit names, deadline)."""
    names = {u["id"]: u["name_zh"] for u in result.built.units}
    out = []
    for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]:
        d = t.get("deadline")
        out.append((
            t["id"].split(".", 1)[1],
            t["title_zh"],
            [names[u] for u in t.get("lead_units", [])],
            [names[u] for u in t.get("responsible_units", [])],
            d.isoformat() if isinstance(d, dt.date) else d,
        ))
    return out


def agreement(got: list[tuple], expected: list[tuple]) -> dict[str, float]:
    """Share of the expected tasks found with the same title, lead units, responsible units, deadline."""
    by_id = {g[0]: g for g in got}
    score = dict.fromkeys(FIELDS, 0)
    for e in expected:
        g = by_id.get(e[0])
        if g is None:
            continue
        for k, f in enumerate(FIELDS, 1):
            score[f] += g[k] == e[k]
    return {f: 100.0 * v / len(expected) for f, v in score.items()}


@pytest.mark.parametrize("layout", LAYOUTS, ids=[x.name for x in LAYOUTS])
def test_layout(layout: Layout, tmp_path):
    doc = layout.build(tmp_path)
    result = import_plan([doc], tmp_path / "plan", year=layout.year)
    got = readable(result)
    print(f"\n{layout.name}: " + ", ".join(f"{f} {v:.0f}%" for f, v in agreement(got, layout.expected).items()))
    assert got == layout.expected
    review = result.files["review"]
    for line in layout.unsure:
        assert line in review, line
    folder = tmp_path / "plan"
    folder.mkdir()
    for name in ("targets.yaml", "tasks.yaml"):
        (folder / name).write_text(result.files[name], encoding="utf-8")
    _, problems = check_plan(folder)
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_the_corpus_covers_twelve_places_and_the_layouts_asked_for():
    assert len(LAYOUTS) >= 12
    sources = [x.build.__doc__ for x in LAYOUTS]
    assert all(("http" in s or "shared/seed" in s) and any(str(y) in s for y in range(2000, 2030)) for s in sources)
    assert len({s.split(",")[1] for s in sources}) >= 12  # the places differ
    text = " ".join(sources)
    for layout_word in ("NEXT paragraph", "three levels", "repeats its header", "Title lines above the header",
                        "progress columns", "（1）（2）", "circled", "和"):
        assert layout_word in text, layout_word


def _ids_titles_leads(result) -> list[tuple]:
    return [(t["id"], t["title_zh"], t.get("lead_units"), str(t.get("deadline")))
            for t in yaml.safe_load(result.files["tasks.yaml"])["tasks"]]


def test_fullwidth_and_circled_sub_rows_under_a_numbered_task_are_tasks_of_their_own(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    for r in [("某县2023年重点工作清单",), ("序号", "工作任务", "牵头单位", "完成时限"),
              (1, "推进项目建设", "县发改局", "2023年12月底前"),
              (None, "（1）新开工项目20个", "县发改局", "2023年6月底前"),
              (None, "（2）竣工项目10个", "县住建局", "2023年12月底前"),
              ("②", "促消费", "县商务局", "长期坚持"),
              ("③", "办实事", "县民政局", None),
              (None, "①新建书房3个", "县文旅局", "2023年9月底前")]:
        wb.active.append(list(r))
    path = tmp_path / "清单.xlsx"
    wb.save(str(path))
    result = import_plan([path], tmp_path / "plan")
    assert _ids_titles_leads(result) == [
        ("zdgzqd.1", "推进项目建设", ["fgj"], "2023-12-31"),
        ("zdgzqd.1.1", "新开工项目20个", ["fgj"], "2023-06-30"),  # not skipped, not merged into 1
        ("zdgzqd.1.2", "竣工项目10个", ["zjj"], "2023-12-31"),
        ("zdgzqd.2", "促消费", ["swj"], "ongoing"),  # ② is 2, not 0
        ("zdgzqd.3", "办实事", ["mzj"], "None"),
        ("zdgzqd.3.1", "新建书房3个", ["wlj"], "2023-09-30"),
    ]


def test_items_under_a_mayor_with_their_units_in_the_next_paragraph(tmp_path):
    import docx

    d = docx.Document()
    for line in ("某某市2023年政府工作报告重点工作清单", "一、张某某市长主抓重点工作",
                 "1.坚持并完善市场主体培育机制。新增市场主体1万户以上。", "责任单位：市市场监管局、市发改委",
                 "完成时限：2023年12月底前", "2.加快建设城市更新项目。", "责任单位：市住建局",
                 "二、李某某副市长主抓重点工作", "1.推进乡村振兴。", "牵头单位：市农业农村局",
                 "责任单位：市财政局、市自然资源和规划局"):
        d.add_paragraph(line)
    path = tmp_path / "清单.docx"
    d.save(str(path))
    result = import_plan([path], tmp_path / "plan")
    tasks = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    names = {u["id"]: u["name_zh"] for u in result.built.units}
    got = [(t["id"].split(".", 1)[1], t["title_zh"], [names[u] for u in t["lead_units"]],
            [names[u] for u in t.get("responsible_units", [])], str(t.get("deadline")), t["note"]) for t in tasks]
    assert got == [
        ("1.1", "坚持并完善市场主体培育机制", ["市市场监管局"], ["市发改委"], "2023-12-31", "牵头领导：张某某市长"),
        ("1.2", "加快建设城市更新项目", ["市住建局"], [], "None", "牵头领导：张某某市长"),
        ("2.1", "推进乡村振兴", ["市农业农村局"], ["市财政局", "市自然资源和规划局"], "None", "牵头领导：李某某副市长"),
    ]
    assert "市长" not in " ".join(names.values())


def test_line_breaks_in_a_unit_cell_separate_units_or_wrap_one_name():
    from liupi_cli.plan_import.task_tables import _unit_lines

    assert _unit_lines("县财政局\n县税务局") == "县财政局、县税务局"
    assert _unit_lines("县政府办\n（金融办）、县财政局") == "县政府办（金融办）、县财政局"
    assert _unit_lines("县财\n政局") == "县财政局"
