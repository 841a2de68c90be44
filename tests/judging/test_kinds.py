"""The kinds' traits table: every kind has one row, the sets the modules use come from it, and every
per-kind table (judging, plausible ranges) covers every kind."""

import pytest

from liupi_cli import kinds, models, plausible, recording, rollover
from liupi_cli.city import decomposition
from liupi_cli.kinds import TRAITS, Kind, kinds_with
from liupi_cli.report.judge import RULES


def test_every_kind_has_one_row_of_traits():
    assert set(TRAITS) == set(Kind)
    assert models.Kind is kinds.Kind  # still importable from models, one enum


@pytest.mark.parametrize("table", [RULES, plausible.PER_KIND], ids=["judge.RULES", "plausible.PER_KIND"])
def test_every_per_kind_table_covers_every_kind(table):
    assert set(table) == set(Kind)


def test_year_to_date_kinds_are_the_counts_of_the_year_so_far():
    # hand-listed from DOMAIN: cumulative amounts, event counts, the 双下降 counts and a milestone's 0/1
    assert kinds_with("year_to_date") == {Kind.cumulative, Kind.zero_events, Kind.double_decline, Kind.milestone}
    assert recording.YEAR_TO_DATE_KINDS == kinds_with("year_to_date")


def test_only_a_growth_rate_may_be_negative():
    assert set(Kind) - kinds_with("never_negative") == {Kind.growth_rate}
    assert recording.COUNT_KINDS == kinds_with("never_negative")


def test_kinds_that_need_a_target_and_a_unit():
    assert kinds_with("needs_target") == {Kind.growth_rate, Kind.cumulative, Kind.level, Kind.ceiling,
                                          Kind.standard_raised}
    assert rollover.NEEDS_TARGET == kinds_with("needs_target")
    assert set(Kind) - kinds_with("needs_unit") == {Kind.milestone, Kind.ranking}


def test_only_amounts_and_event_counts_add_up_across_counties():
    assert decomposition.ADDITIVE == {Kind.cumulative, Kind.zero_events}


def test_an_unknown_trait_is_refused():
    with pytest.raises(KeyError):
        kinds_with("paced")


@pytest.mark.parametrize(("kind", "fields", "missing"), [
    (Kind.growth_rate, {}, "target, unit"),
    (Kind.zero_events, {}, "unit"),
    (Kind.ranking, {}, None),
    (Kind.milestone, {}, "due"),
    (Kind.double_decline, {"unit": "起"}, "group"),
])
def test_the_model_asks_for_the_fields_the_table_says(kind, fields, missing):
    base = {"id": "x1", "battle": "b1", "name_zh": "某指标", "name_en": "an indicator", "kind": kind.value,
            "comparator": "at_most", "frequency": "monthly", "source": "main 二(一)"}
    if missing is None:
        models.Indicator(**base, **fields)
        return
    with pytest.raises(ValueError, match=f"needs {missing}"):
        models.Indicator(**base, **fields)
