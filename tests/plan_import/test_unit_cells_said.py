"""What the import says about the units a cell names: a bureau that leaves out the 市 of the unit before it,
a unit named twice, a known unit written with invisible characters, a new unit (its id, and whether it looks
like a known one, was written with invisible marks, or does not end like a unit's name) — each a review line
naming the row."""

from __future__ import annotations

import pytest

from liupi_cli.models import Unit
from liupi_cli.plan_import.build import build
from liupi_cli.plan_import.outline import RawTask, TaskList
from liupi_cli.plan_import.units import UnitBook

KNOWN = [Unit(id="czj", name_zh="县财政局", aliases=["财政局"]), Unit(id="fgw", name_zh="市发改委"),
         Unit(id="ybj", name_zh="县医疗保障局")]


@pytest.mark.parametrize("cell,ids,others,unsure", [
    ("市发改委、国土房管局", ["fgw", "gtfgj"], None,
     ["'国土房管局' read as '市国土房管局' (the cell's first unit starts with 市)",
      "new unit '市国土房管局' → id 'gtfgj'"]),
    ("县财政局、县财政局", ["czj"], None, ["'县财政局' named twice in one cell"]),
    ("县财\u200d政局", ["czj"], None, ["'县财[U+200D]政局' read as the unit '县财政局' (czj): the two differ only in "
                                     "full/half width, spaces or invisible characters"]),
    ("县财政 局。", ["czj"], None, []),
    ("财政局", ["czj"], None, []),
    ("发改委", ["fgw"], None, []),
    ("县审计局等", ["sjj"], "等", ["new unit '县审计局' → id 'sjj'"]),
    ("县城管局及县交通局", ["cgj", "jtj"], None, ["new unit '县城管局' → id 'cgj'", "new unit '县交通局' → id 'jtj'"]),
    ("县发改局和县住建局等单位", ["fgj", "zjj"], "等单位",
     ["new unit '县发改局' → id 'fgj'", "new unit '县住建局' → id 'zjj'"]),
    ("各乡、镇人民政府", [], "各乡、镇人民政府", []),
    ("县财政所", ["czs"], None, ["new unit '县财政所' → id 'czs'"]),  # ends otherwise: not like 县财政局
    ("县医疗保障管理局", ["ylbzglj"], None,
     ["new unit '县医疗保障管理局' → id 'ylbzglj'; looks like the known '县医疗保障局' (same unit? then add "
      "'县医疗保障管理局' to its aliases)"]),
])
def test_what_a_unit_cell_names_and_what_is_unsure(cell, ids, others, unsure):
    got = UnitBook(KNOWN).split(cell, "r1")
    assert (got.ids, got.others, got.unsure) == (ids, others, unsure)


def test_a_new_unit_s_review_line_says_what_to_check():
    leads = ["县医疗保障管理局", "县交\u200d通局", "县政府办公室", "国土房管局", "县教育局（督导室）"]
    tl = TaskList(source="a.csv", label="附件1", title="交通任务清单", ref="a.csv line 1",
                  tasks=[RawTask(path=[k], source_path=str(k), title="修路", ref=f"a.csv line {k + 1}", lead=lead)
                         for k, lead in enumerate(leads, 1)])
    out = build([tl], KNOWN, [], [], 2024, None)
    assert out.units == [{"id": "ylbzglj", "name_zh": "县医疗保障管理局"}, {"id": "jtj", "name_zh": "县交通局"},
                         {"id": "zfbgs", "name_zh": "县政府办公室"}, {"id": "gtfgj", "name_zh": "国土房管局"},
                         {"id": "jyjdds", "name_zh": "县教育局（督导室）"}]
    said = [(r.ref, r.message) for r in out.review if r.message.startswith("new unit")]
    assert said == [
        ("a.csv line 2", "new unit 县医疗保障管理局 → id ylbzglj: check the id, add name_en; looks like the known "
                         "'县医疗保障局' — if it is the same unit, add '县医疗保障管理局' to its aliases"),
        ("a.csv line 3", "new unit 县交通局 → id jtj: check the id, add name_en; written '县交[U+200D]通局' (with "
                         "U+200D (zero width joiner)): read without what no reader can see"),
        ("a.csv line 4", "new unit 县政府办公室 → id zfbgs: check the id, add name_en; the name does not end like a "
                         "unit's (局, 委, 办, 中心…): check it is one"),
        ("a.csv line 5", "new unit 国土房管局 → id gtfgj: check the id, add name_en"),
        ("a.csv line 6", "new unit 县教育局（督导室） → id jyjdds: check the id, add name_en"),
    ]
    assert out.battles[0]["lead_unit"] == "ylbzglj"


def test_a_unit_s_unsure_reading_is_said_at_its_task():
    tl = TaskList(source="a.csv", label="附件1", title="交通任务清单", ref="a.csv line 1",
                  tasks=[RawTask(path=[1], source_path="1", title="修路", ref="a.csv line 2", lead="市发改委",
                                 resp="市发改委、国土房管局、县财政局、县财政局")])
    out = build([tl], KNOWN, [], [], 2024, None)
    per_task = [(r.ref, r.message, r.task) for r in out.review if r.task]
    assert per_task == [
        ("a.csv line 2", "'国土房管局' read as '市国土房管局' (the cell's first unit starts with 市)", "a1.1"),
        ("a.csv line 2", "'县财政局' named twice in one cell", "a1.1"),
    ]
    (t,) = out.tasks
    assert (t["lead_units"], t["responsible_units"]) == (["fgw"], ["fgw", "gtfgj", "czj"])


@pytest.mark.parametrize("cell,ids", [("县交通运输局", ["jtysj"]), ("市交通运输局", ["jtysj"]), ("财政局", ["czj"]),
                                      ("县交通运输局、", ["jtysj"]), ("。、县财政局", ["czj"])])
def test_a_place_before_a_known_name_may_be_written_or_left_out(cell, ids):
    book = UnitBook([Unit(id="jtysj", name_zh="交通运输局"), Unit(id="czj", name_zh="县财政局")])
    got = book.split(cell, "r")
    assert (got.ids, got.unsure) == (ids, [])


def test_another_place_s_bureau_is_a_new_unit_like_the_known_one():
    book = UnitBook([Unit(id="czj", name_zh="县财政局")])
    got = book.split("市财政局", "r")
    assert got.ids == ["czj2"]
    assert got.unsure == ["new unit '市财政局' → id 'czj2'; looks like the known '县财政局' (same unit? then add "
                          "'市财政局' to its aliases)"]


def test_a_name_starting_with_a_place_is_not_given_another():
    book = UnitBook([Unit(id="sqjtj", name_zh="市区交通局")])
    assert book.split("区交通局", "r").ids == ["qjtj"]
