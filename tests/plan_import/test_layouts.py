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
