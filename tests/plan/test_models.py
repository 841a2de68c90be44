"""Each indicator kind enforces the fields it needs."""

import pytest
from pydantic import ValidationError

from liupi_cli.models import Indicator, Task

BASE = dict(id="x", name_zh="指标", name_en="X", battle="growth", frequency="monthly", source="main 二(一)")

VALID = {
    "growth_rate": dict(kind="growth_rate", comparator="at_least", target=8, unit="%"),
    "cumulative": dict(kind="cumulative", comparator="at_least", target=3200, unit="人"),
    "level": dict(kind="level", comparator="at_least", target=90, unit="%"),
    "ceiling": dict(kind="ceiling", comparator="about", target=5.5, unit="%"),
    "zero_events": dict(kind="zero_events", comparator="at_most", target=0, unit="起"),
    "double_decline": dict(kind="double_decline", comparator="at_most", unit="起", group="g"),
    "milestone": dict(kind="milestone", comparator="equal", due="2023-08-31"),
    "ranking": dict(kind="ranking", comparator="at_most", target=10, unit="位"),
    "standard_raised": dict(kind="standard_raised", comparator="at_least", baseline=600, target=650, unit="元/月"),
}

INVALID = [
    ("growth_rate", dict(target=None), "needs target"),
    ("growth_rate", dict(unit="亿元"), "growth_rate is in %"),
    ("cumulative", dict(target=0), "above 0"),
    ("cumulative", dict(unit=None), "needs unit"),
    ("level", dict(target=None), "needs target"),
    ("ceiling", dict(comparator="at_least"), "at_most or about"),
    ("zero_events", dict(target=2), "target is 0"),
    ("double_decline", dict(group=None), "needs group"),
    ("double_decline", dict(target=5), "has no target"),
    ("milestone", dict(due=None), "needs due"),
    ("ranking", dict(target=0), "whole position"),
    ("ranking", dict(target=2.5), "whole position"),
    ("standard_raised", dict(baseline=None), "needs baseline"),
    ("standard_raised", dict(baseline=700), "must go up"),
]


@pytest.mark.parametrize("kind", sorted(VALID))
def test_each_kind_accepts_its_fields(kind):
    ind = Indicator.model_validate({**BASE, **VALID[kind]})
    assert ind.kind.value == kind


@pytest.mark.parametrize("kind,change,message", INVALID)
def test_each_kind_refuses_what_it_cannot_judge(kind, change, message):
    with pytest.raises(ValidationError) as exc:
        Indicator.model_validate({**BASE, **VALID[kind], **change})
    assert message in str(exc.value)


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Indicator.model_validate({**BASE, **VALID["level"], "targt": 3})


@pytest.mark.parametrize("given,expected", [("2023-12-31", "2023-12-31"), ("ongoing", "ongoing"), (None, "None")])
def test_task_deadlines(given, expected):
    task = Task(id="t", battle="b", source="s", title_zh="任务", deadline=given)
    assert str(task.deadline) == expected


def test_task_deadline_must_be_a_date():
    with pytest.raises(ValidationError, match="deadline is a date"):
        Task(id="t", battle="b", source="s", title_zh="任务", deadline="年底前")
