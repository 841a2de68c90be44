"""An unknown unit suggests only a unit that could be the one meant: the part of the name that tells units apart
(less 县 and 局) mostly the same, read the same, or a shortening. 县统计局 (the statistics office, not a unit of
the plan) must not be offered 县审计局 (the audit office)."""

from __future__ import annotations

import pytest
from conftest import SHIPPED

from liupi_cli.errors import UnknownId
from liupi_cli.plan import load_plan

PLAN = load_plan(SHIPPED)


@pytest.mark.parametrize("given,suggested", [
    ("县统计局", []),  # 统计 / 审计: half of what tells them apart differs
    ("县人设局", ["县人社局"]),  # 设 and 社 read the same (shè)
    ("人社局", ["县人社局"]),  # 县 left out
    ("县市场监督局", ["县市场监管局"]),  # 市场监督 / 市场监管: three of four the same
    ("rjs", ["rsj"]),  # an id with two letters swapped
])
def test_only_a_unit_that_could_be_meant_is_suggested(given, suggested):
    with pytest.raises(UnknownId) as exc:
        PLAN.unit_id(given)
    assert exc.value.suggestions[:1] == suggested
    if not suggested:
        assert exc.value.hint == "units are listed under `units:` in targets.yaml (`liupi info` shows where)"
