"""Plan reading, checking and lookups grow linearly with the plan: counted in operations, not seconds.

Each measurement counts the Python line events (sys.settrace) of one call: a loop over every row
inside a loop over every row shows up as N² events even when each step is cheap. The plan is the
province generator's (bench/province.py) at two sizes, the second exactly twice the first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import province  # noqa: E402

import liupi_cli  # noqa: E402
from liupi_cli.plan import check_plan, load_plan  # noqa: E402

LIUPI = str(Path(liupi_cli.__file__).resolve().parent)  # the code under test, installed or checked out


def _events(fn) -> int:
    """Line and call events in liupi's own code (libraries' internals are not what is under test)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(LIUPI):
            return None
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    base = tmp_path_factory.mktemp("scaling")
    small = province.province_plan(base / "small", counties=4, per_county=40, seed=7)
    large = province.province_plan(base / "large", counties=8, per_county=40, seed=7)
    return small, large


def _rows(plan) -> int:
    return len(plan.indicators) + len(plan.tasks) + len(plan.units) + len(plan.battles)


def test_the_large_plan_is_twice_the_small_one(plans):
    small, large = (check_plan(p)[0] for p in plans)
    assert (len(small.indicators), len(large.indicators)) == (160, 320)
    assert len(large.units) == 2 * len(small.units)
    assert set(small.indicators) < set(large.indicators), "the same counties, then two more"
    assert 1.8 <= _rows(large) / _rows(small) <= 2.2  # tasks follow the sampled indicators


def test_checking_twice_the_plan_costs_at_most_twice_the_operations(plans):
    """Events per row (indicator, task, unit, battle) do not grow with the plan."""
    rows = [_rows(check_plan(p)[0]) for p in plans]
    small, large = (_events(lambda p=p: check_plan(p)) for p in plans)
    assert small > 100_000, "the counter sees the work"
    assert large / rows[1] <= small / rows[0], f"{small} -> {large} events for {rows[0]} -> {rows[1]} rows"


def test_looking_up_every_indicator_by_name_is_linear(plans, monkeypatch):
    monkeypatch.setenv("LIUPI_NO_CACHE", "1")
    small, large = (load_plan(p) for p in plans)

    def by_name(plan):
        return lambda: [plan.indicator_id(i.name_zh) for i in plan.indicators.values()]

    s, k = _events(by_name(small)), _events(by_name(large))
    assert k <= 2 * s, f"{s} -> {k} events ({k / s:.2f}x)"


def test_loading_from_the_cache_is_linear_too(plans):
    for p in plans:
        load_plan(p)  # writes the entry
    small, large = (_events(lambda p=p: load_plan(p)) for p in plans)
    assert large <= 2 * small, f"{small} -> {large} events ({large / small:.2f}x)"
