"""The layout of the plan files an import writes, as in the bundled plan: block mappings, a list of ids on one
line, Chinese as written (not escaped), keys in the order given, a mapping used twice written twice (no YAML
anchors a person would not follow), and each file's head naming where it came from and what to do next."""

from __future__ import annotations

import yaml

from liupi_cli.plan_import.writer import dump, lists_yaml, tasks_yaml


def test_the_layout_of_a_plan_file():
    shared = {"a": 1}
    text = dump({"tasks": [{"id": "t1", "lead_units": ["czj", "fgj"], "empty": [], "n": [{"k": 1}], "same": shared,
                            "again": shared, "zh": "县财政局", "long": "x" * 130}]})
    assert text.splitlines() == ["tasks:", "- id: t1", "  lead_units: [czj, fgj]", "  empty: []", "  n:", "  - k: 1",
                                 "  same:", "    a: 1", "  again:", "    a: 1", "  zh: 县财政局",
                                 "  long: " + "x" * 130]
    assert "&" not in text and "*" not in text


def test_each_file_s_head_says_where_it_came_from():
    text = tasks_yaml([{"id": "t1"}], ["a.docx", "b.csv"])
    assert text.splitlines()[:2] == [
        "# liupi plan data: tasks imported by `liupi plan import` from a.docx, b.csv.",
        "# Check every line of the review file before relying on it; `liupi check` is the gate."]
    assert yaml.safe_load(text) == {"tasks": [{"id": "t1"}]}
    text = lists_yaml([{"id": "a1", "file": "a.docx"}])
    assert text.splitlines()[:2] == [
        "# liupi: the task lists imported into this plan, one id namespace each (task ids start with it).",
        "# `liupi plan import` reads it to give a revised document its ids again; keep it beside tasks.yaml."]
    assert yaml.safe_load(text) == {"lists": [{"id": "a1", "file": "a.docx"}]}


def test_a_review_text_is_inert_one_line():
    from liupi_cli.plan_import.writer import inert

    assert inert("XBOX\tTab\r\nnew\x1b[31m\x07") == "XBOX Tab  new[31m"
