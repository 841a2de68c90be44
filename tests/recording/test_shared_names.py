"""Two indicators share the name 社会消费品零售总额: the growth (in %) and the amount (in 亿元). A figure's unit
settles which is meant; without one the name stays ambiguous, and a typo never suggests that name silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from liupi_cli.errors import InputRefused, UnknownId
from liupi_cli.plan import load_plan
from liupi_cli.recording import make_record, prepare_batch

PLAN = load_plan(Path(__file__).parents[2] / "data")
NAME = "社会消费品零售总额"


def test_the_unit_settles_a_shared_name_in_a_file_row_and_on_the_command_line():
    rows = [(2, {"name": NAME, "period": "2023-06", "value": "185000", "unit": "万元"}),
            (3, {"name": NAME, "period": "2023-06", "value": "8.1", "unit": "%"})]
    batch = prepare_batch(PLAN, {}, rows)
    assert batch.problems == []
    amount, growth = (c.record for c in batch.changes)
    assert (amount.indicator, amount.value) == ("retail_sales_total", 18.5)  # 185000万元 = 18.5亿元
    assert (growth.indicator, growth.value) == ("retail_sales_growth", 8.1)
    assert make_record(PLAN, NAME, "185000万元", "2023-06").indicator == "retail_sales_total"


def test_without_a_unit_the_shared_name_is_refused_naming_both_ids():
    with pytest.raises(InputRefused) as exc:
        make_record(PLAN, NAME, "8.1", "2023-06")
    assert exc.value.message == "'社会消费品零售总额' is the name of 2 indicators"
    assert exc.value.hint == ("use the id: retail_sales_growth, retail_sales_total; "
                              "or write the figure with its unit")


def test_a_typo_suggesting_the_shared_name_says_it_is_shared():
    with pytest.raises(UnknownId) as exc:
        make_record(PLAN, "社会消费品零售总", "185000万元", "2023-06")
    assert exc.value.hint == ("did you mean 社会消费品零售总额 (the name of 2 indicators: retail_sales_growth, "
                              "retail_sales_total)?")
