"""What each indicator kind refuses, said exactly (English and Chinese), and the values at the edge that it still
takes: a plan that is wrong at one of these places would be judged wrongly all year."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from liupi_cli.models import FIGURE_FLOOR, FIGURE_LIMIT, MOVED_TO_CONFIRM, Alternative, Indicator, deadline_to_confirm
from plan.test_models import BASE, VALID


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


KINDS = VALID  # one valid indicator of each kind (tests/plan/test_models.py)

REFUSED = [
    ("growth_rate", dict(target=None, unit=None), "a growth_rate indicator needs target, unit",
     "`growth_rate` 类指标须有字段 `target, unit`"),
    ("cumulative", dict(unit=""), "a cumulative indicator needs unit", "`cumulative` 类指标须有字段 `unit`"),
    ("standard_raised", dict(baseline=None), "a standard_raised indicator needs baseline",
     "`standard_raised` 类指标须有字段 `baseline`"),
    ("double_decline", dict(group=""), "a double_decline indicator needs group",
     "`double_decline` 类指标须有字段 `group`"),
    ("milestone", dict(due=None), "a milestone indicator needs due", "`milestone` 类指标须有字段 `due`"),
    ("growth_rate", dict(unit="亿元"), "a growth_rate is in %, not '亿元'",
     "增速（`growth_rate`）以 % 计，不是 '亿元'"),
    ("cumulative", dict(target=-5), "a cumulative target must be above 0", "累计（`cumulative`）目标须大于0"),
    ("cumulative", dict(target=0), "a cumulative target must be above 0", "累计（`cumulative`）目标须大于0"),
    ("ceiling", dict(comparator="equal"), "a ceiling's comparator is at_most or about", None),
    ("zero_events", dict(target=1), "a zero_events target is 0", "零发生（`zero_events`）目标为0"),
    ("double_decline", dict(target=0), "a double_decline has no target: it is judged against last year's same period",
     None),
    ("ranking", dict(target=0), "a ranking target is a whole position, 1 or more",
     "排名（`ranking`）目标须为1以上的整数"),
    ("ranking", dict(target=3.5), "a ranking target is a whole position, 1 or more", None),
    ("standard_raised", dict(target=600), "a raised standard must go up (600 -> 600)",
     "提标目标须高于原标准（600 -> 600）"),
    ("level", dict(stock=True), "only a cumulative indicator can be a stock (stock: true)", None),
    ("cumulative", dict(year_to_date=True), "year_to_date is for a ceiling (cumulative, zero-event and 双下降 counts "
     "are year-to-date already)", None),
    ("level", dict(linked_to="x"), "an indicator cannot be linked to itself", "指标不能关联到自身"),
    ("level", dict(to_be_set=["due"]), "only a milestone has a due date to be set", None),
    ("double_decline", dict(to_be_set=["target"]), "a double_decline has no target to be set: it is judged against "
     "last year", None),
    ("level", dict(target=2e15), "2e+15 is outside what a plan figure can be (1e-06 to 1e+15, or 0)", None),
    ("level", dict(target=-2e15), "-2e+15 is outside what a plan figure can be (1e-06 to 1e+15, or 0)", None),
    ("level", dict(target=5e-7), "5e-07 is outside what a plan figure can be (1e-06 to 1e+15, or 0)", None),
    ("standard_raised", dict(baseline=1e16), "1e+16 is outside what a plan figure can be (1e-06 to 1e+15, or 0)",
     None),
]


@pytest.mark.parametrize("kind,change,english,chinese", REFUSED,
                         ids=plain_id)
def test_a_kind_refuses_what_it_cannot_judge_in_one_sentence(kind, change, english, chinese):
    with pytest.raises(ValidationError) as exc:
        Indicator.model_validate({**BASE, **KINDS[kind], **change})
    errors = exc.value.errors(include_url=False)
    assert len(errors) == 1
    said = errors[0]["ctx"]["error"].args[0]
    assert said == english
    if chinese:
        assert said.text("zh") == chinese


ACCEPTED = [
    ("ranking", dict(target=1)),  # first place is a whole position
    ("standard_raised", dict(baseline=600, target=600.5)),
    ("cumulative", dict(target=FIGURE_LIMIT)),
    ("level", dict(target=FIGURE_FLOOR)),
    ("level", dict(target=-FIGURE_FLOOR)),
    ("level", dict(target=0)),
    ("zero_events", dict(target=None)),
    ("ceiling", dict(comparator="at_most", year_to_date=True)),
    ("cumulative", dict(stock=True)),
    ("level", dict(linked_to="y")),
    ("growth_rate", dict(target=None, to_be_set=["target"])),
    ("milestone", dict(due=None, to_be_set=["due"])),
    ("milestone", dict(unit=None)),  # a milestone has no unit
]


@pytest.mark.parametrize("kind,change", ACCEPTED, ids=plain_id)
def test_a_kind_takes_the_values_at_its_edges(kind, change):
    ind = Indicator.model_validate({**BASE, **KINDS[kind], **change})
    for name, value in change.items():
        assert getattr(ind, name) == (value if name != "due" else None)


def test_an_alternative_target_obeys_the_same_range():
    with pytest.raises(ValidationError, match="outside what a plan figure can be"):
        Alternative.model_validate(dict(target=1e16, comparator="at_least", source="附件2"))
    assert Alternative.model_validate(dict(target=1e15, comparator="at_least", source="附件2")).target == 1e15


@pytest.mark.parametrize("kind,change,pending", [
    ("growth_rate", dict(target=None, to_be_set=["target"]), True),
    ("growth_rate", dict(to_be_set=["target"]), False),  # set since: no longer pending
    ("milestone", dict(due=None, to_be_set=["due"]), True),
    ("milestone", dict(to_be_set=["due"]), False),
    ("growth_rate", dict(), False),
], ids=plain_id)
def test_a_target_to_be_set_is_pending_until_written(kind, change, pending):
    assert Indicator.model_validate({**BASE, **KINDS[kind], **change}).target_to_be_set is pending


@pytest.mark.parametrize("text,flagged", [(None, False), ("", False), ("2023年6月底前", False),
                                         ("2024年6月底前" + MOVED_TO_CONFIRM, True),
                                         (MOVED_TO_CONFIRM + "2024年6月底前", False)], ids=plain_id)
def test_a_carried_deadline_is_flagged_until_confirmed(text, flagged):
    assert deadline_to_confirm(text) is flagged
