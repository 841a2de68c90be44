"""A target sentence read with little certainty keeps its own words (stated) and says how sure the reading is
and why: a count in characters (新增两个), a step with no number (出台…), 全覆盖 as 100%, a rise in points,
a time span read as a ceiling."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.targets import parse_target


@pytest.mark.parametrize("sentence,kind,target,unit,confidence,why", [
    ("新增两个省级园区", "cumulative", 2, "个", 0.6, "number written in characters"),
    ("全年引进三家规上企业", "cumulative", 3, "家", 0.6, "number written in characters"),
    ("出台招商引资管理办法", "milestone", None, None, 0.4, "a step with no number: a milestone? set `due`"),
    ("实现村级综合服务站全覆盖", "level", 100, "%", 0.6, "全覆盖 read as 100%"),
    ("森林覆盖率提高2个百分点", "level", 2, "个百分点", 0.7, "a rise in points: set the baseline"),
    ("审批时限压缩至5个工作日", "ceiling", 5, "个工作日", 0.6, "a time span: read as a ceiling"),
], ids=["two-parks", "three-firms", "a-rule-issued", "full-coverage", "points-rise", "working-days"])
def test_an_unsure_reading_keeps_the_sentence_and_its_certainty(sentence, kind, target, unit, confidence, why):
    c = parse_target(sentence)
    assert c.comparator == {"ceiling": "at_most", "milestone": "equal"}.get(kind, "at_least")
    assert (c.kind, c.target, c.unit, c.confidence, c.why, c.stated) == (kind, target, unit, confidence, why,
                                                                         sentence)


@pytest.mark.parametrize("sentence,target,unit,qualifier,confidence,why", [
    ("城镇调查失业率5.5%以内", 5.5, "%", "以内", 0.75, None),
    ("一般项目审批压减至20个工作日以内", 20, "个工作日", "以内", 0.8, None),
    ("群众办事等候时间30分钟内", 30, "分钟", "内", 0.6, "a time limit: a ceiling, or a rule?"),
], ids=["share-within", "working-days-within", "minutes-within"])
def test_a_figure_kept_within_is_a_ceiling_with_its_qualifier(sentence, target, unit, qualifier, confidence, why):
    c = parse_target(sentence)
    assert (c.kind, c.comparator, c.target, c.unit, c.qualifier, c.confidence, c.why, c.stated) == (
        "ceiling", "at_most", target, unit, qualifier, confidence, why, sentence)


def test_a_double_decline_is_read_as_a_count_of_events_with_no_target():
    c = parse_target("生产安全事故起数和死亡人数实现“双下降”")
    assert (c.kind, c.comparator, c.target, c.unit, c.confidence) == ("double_decline", "at_most", None, "起", 0.9)
