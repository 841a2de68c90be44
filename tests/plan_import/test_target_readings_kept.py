"""A target sentence read with little certainty keeps its own words (stated) and says how sure the reading is:
a count in characters (新增两个) at 0.6, a step with no number (出台…) at 0.4, each with its reason."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.targets import parse_target


@pytest.mark.parametrize("sentence,kind,target,unit,confidence,why", [
    ("新增两个省级园区", "cumulative", 2, "个", 0.6, "number written in characters"),
    ("全年引进三家规上企业", "cumulative", 3, "家", 0.6, "number written in characters"),
    ("出台招商引资管理办法", "milestone", None, None, 0.4, "a step with no number: a milestone? set `due`"),
], ids=["two-parks", "three-firms", "a-rule-issued"])
def test_an_unsure_reading_keeps_the_sentence_and_its_certainty(sentence, kind, target, unit, confidence, why):
    c = parse_target(sentence)
    assert (c.kind, c.target, c.unit, c.confidence, c.why, c.stated) == (kind, target, unit, confidence, why,
                                                                         sentence)
