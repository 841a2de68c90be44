"""A list imported again, merged with the tasks it gave before: every task is counted once as added, changed,
unchanged or kept (not in the document), each change and each kept task is a review line naming the task,
ids are never taken from another task, and the review file names each list with its label and title."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from liupi_cli.plan_import.build import Built, ReviewItem
from liupi_cli.plan_import.writer import ORDER, merge_tasks, review_md


def _task(tid: str, title: str, **kw) -> dict:
    return {"id": tid, "battle": "roads", "source": f"附件1 {tid.split('.', 1)[1]}", "title_zh": title,
            "lead_units": ["jtj"], **kw}


OLD = [_task("a1.1", "修建道路", summary="liupi's own", indicators=["a1.1.i1"]),
       _task("a1.2", "维修桥梁"),
       _task("a1.3", "建设停车场", note="年底前验收"),
       _task("a1.4", "整治河道")]


def _merge(new: list[dict], old: list[dict] | None = None, reserved: set[str] | None = None):
    review: list[ReviewItem] = []
    out, counts = merge_tasks([dict(t) for t in (OLD if old is None else old)], new, review, reserved)
    return out, counts, [(r.ref, r.message, r.task) for r in review]


def test_the_same_document_again_changes_nothing():
    out, counts, review = _merge([dict(t) for t in OLD])
    assert counts == {"added": 0, "changed": 0, "unchanged": 4, "kept (not in the document)": 0}
    assert out == OLD and review == []


def test_each_task_is_counted_once_and_each_change_is_a_review_line():
    new = [_task("a1.1", "修建道路", lead_units=["zjj"]),  # lead changed
           _task("a1.2", "维修危桥"),  # retitled: matched by its number
           _task("a1.3", "建设停车场"),  # as before
           _task("a1.5", "新建公园")]  # new
    out, counts, review = _merge(new)
    assert counts == {"added": 1, "changed": 2, "unchanged": 1, "kept (not in the document)": 1}
    assert [t["id"] for t in out] == ["a1.1", "a1.2", "a1.3", "a1.5", "a1.4"]
    assert review == [
        ("附件1 1", "changed: lead_units", "a1.1"),
        ("附件1 2", "changed: title_zh", "a1.2"),
        ("附件1 4", "no longer in the document: kept; delete it from tasks.yaml if it was dropped", "a1.4"),
    ]
    first = out[0]
    assert (first["lead_units"], first["summary"], first["indicators"]) == (["zjj"], "liupi's own", ["a1.1.i1"])
    assert out[2]["note"] == "年底前验收"  # what liupi keeps beside the document's fields


def test_a_task_kept_without_a_source_is_named_by_its_id():
    old = [_task("a1.1", "修建道路"), {"id": "a1.9", "battle": "roads", "title_zh": "手工加的任务"}]
    _, counts, review = _merge([_task("a1.1", "修建道路")], old)
    assert counts["kept (not in the document)"] == 1
    assert review == [("a1.9", "no longer in the document: kept; delete it from tasks.yaml if it was dropped",
                       "a1.9")]


def test_a_renumbered_task_keeps_its_id_and_the_new_one_at_its_number_gets_a_fresh_id():
    new = [_task("a1.1", "新建公园"), _task("a1.2", "修建道路"), _task("a1.3", "维修桥梁"),
           _task("a1.4", "建设停车场"), _task("a1.5", "整治河道")]
    out, counts, review = _merge(new)
    assert [(t["id"], t["title_zh"]) for t in out] == [("a1.1-2", "新建公园"), ("a1.1", "修建道路"),
                                                      ("a1.2", "维修桥梁"), ("a1.3", "建设停车场"),
                                                      ("a1.4", "整治河道")]
    assert counts == {"added": 1, "changed": 4, "unchanged": 0, "kept (not in the document)": 0}
    assert ("附件1 2", "task '修建道路' is now numbered a1.2; it keeps its id a1.1", "a1.1") in review
    assert ("附件1 2", "changed: source", "a1.1") in review


def test_a_fresh_id_skips_those_taken_already():
    old = [_task("a1.1", "修建道路"), _task("a1.1-2", "维修桥梁"), _task("a1.2", "建设停车场")]
    new = [_task("a1.1", "新建公园"), _task("a1.2", "修建道路"), _task("a1.3", "维修桥梁"), _task("a1.4", "建设停车场")]
    out, _, _ = _merge(new, old)
    assert out[0]["id"] == "a1.1-3"


def test_an_id_of_another_list_is_never_taken():
    out, counts, review = _merge([_task("a1.1", "新建公园")], old=[], reserved={"a1.1", "a1.1-2"})
    assert [t["id"] for t in out] == ["a1.1-3"]
    assert counts == {"added": 1, "changed": 0, "unchanged": 0, "kept (not in the document)": 0}
    assert review == []


def test_a_merged_task_lists_its_fields_in_the_plan_s_order():
    old = [{"note": "n", "id": "a1.1", "title_zh": "修建道路", "battle": "roads", "extra": 1}]
    out, _, _ = _merge([_task("a1.1", "修建道路")], old)
    keys = list(out[0])
    known = [k for k in keys if k in ORDER]
    assert known == sorted(known, key=ORDER.index) and keys[-1] == "extra"
    assert keys.index("note") > keys.index("lead_units")


def test_the_document_s_fields_replace_the_old_ones_and_a_dropped_one_goes():
    old = [_task("a1.1", "修建道路", responsible_units=["czj"], deadline="ongoing", deadline_text="长期坚持",
                 section="交通", section_lead="jtj", category="民生")]
    out, counts, review = _merge([_task("a1.1", "修建道路", deadline_text="2024年底前")], old)
    (t,) = out
    assert "responsible_units" not in t and "deadline" not in t and "category" not in t
    assert (t["deadline_text"], t["section"], t["section_lead"]) == ("2024年底前", "交通", "jtj")
    assert review == [("附件1 1", "changed: responsible_units, deadline, deadline_text, category", "a1.1")]
    assert counts["changed"] == 1


@pytest.mark.parametrize("label,title,shown", [
    ("附件2", "某县重点工作任务清单", "附件2 某县重点工作任务清单"),
    (None, "某县重点工作任务清单", "某县重点工作任务清单"),
    ("附件2", None, "附件2"),
    (None, None, "(untitled)"),
])
def test_the_review_names_each_list_by_its_label_and_title(label, title, shown):
    entry = SimpleNamespace(id="a2", label=label, title=title, tasks=3)
    text = review_md(Built(), ["docs/清单.xlsx"], {"added": 3}, [(entry, "清单.xlsx")])
    assert f"| `a2.…` | 清单.xlsx | {shown} | 3 |" in text.splitlines()
    assert text.splitlines()[0] == "# Import review: 清单.xlsx"
    assert "| added | 3 |" in text.splitlines()


def test_the_review_file_without_lists_has_no_lists_section_and_counts_its_items():
    built = Built(review=[ReviewItem("a.csv line 3", "no lead unit (牵头单位 empty): name one", "t.1"),
                          ReviewItem("a.csv line 4", "new unit 县财政局 → id czj")])
    lines = review_md(built, ["a.csv", "b.csv"], {}).splitlines()
    assert "## Lists" not in lines and lines[0] == "# Import review: a.csv, b.csv"
    assert lines[-4:] == ["## Items (2)", "",
                          "- [ ] `a.csv line 3` **t.1**: no lead unit (牵头单位 empty): name one",
                          "- [ ] `a.csv line 4`: new unit 县财政局 → id czj"]
