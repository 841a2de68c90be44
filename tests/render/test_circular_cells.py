"""The monthly circular's percentage cells (growth, % of target, time elapsed) are figures written as figures:
thousands separated and at most four decimals, in the markdown and html circulars alike."""

from __future__ import annotations

import pytest
from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.render.labels import cell_text
from liupi_cli.report import build_report


@pytest.mark.parametrize("key", ["growth", "completion", "expected"])
def test_a_percentage_cell_is_grouped_and_rounded_to_four_decimals(key):
    row = build_report(load_plan(MINI), [], parse_period("2023-06")).rows[0]
    assert cell_text(key, 1234.567891, row) == "1,234.5679"
    assert cell_text(key, 12.359550561797754, row) == "12.3596"
    assert cell_text(key, None, row) == ""
