"""A revised figure is noted on its row in both languages; a percentage of exactly 1 is taken as typed, only a
figure under 1 that 100 × would put near the target is refused as a fraction."""

from __future__ import annotations

import pytest
from conftest import MINI, SHIPPED

from liupi_cli.errors import InputRefused
from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.recording import make_record
from liupi_cli.report import build_report
from liupi_cli.store import Record


def _rec(id_: int, value: float, supersedes: int | None = None, current: bool = True) -> Record:
    return Record(id=id_, indicator="new_urban_jobs", period="2023-06", baseline=False, value=value,
                  entered=f"{value:g}", entered_unit=None, unit=None, recorded_by="人社局",
                  recorded_at="2023-07-05T09:00:00+08:00", source=None, note=None, supersedes=supersedes, batch=None,
                  current=current)


def test_a_revised_figure_is_noted_in_english_and_chinese():
    first, revised = _rec(1, 800, current=False), _rec(2, 900, supersedes=1)
    rows = {r.id: r for r in build_report(load_plan(MINI), [first, revised], parse_period("2023-06")).rows}
    assert (rows["new_urban_jobs"].notes, rows["new_urban_jobs"].notes_zh) == (["revised figure"], ["数据已修订"])
    plain = {r.id: r for r in build_report(load_plan(MINI), [_rec(3, 900)], parse_period("2023-06")).rows}
    assert plain["new_urban_jobs"].notes == []


def test_one_percent_is_taken_as_typed_and_a_fraction_under_one_is_refused():
    plan = load_plan(SHIPPED)  # air_quality_good_rate: target 90%
    assert make_record(plan, "air_quality_good_rate", "1", "2023-06").value == 1
    with pytest.raises(InputRefused, match="a percentage typed as a fraction"):
        make_record(plan, "air_quality_good_rate", "0.95", "2023-06")
