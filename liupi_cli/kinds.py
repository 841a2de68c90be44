"""The indicator kinds and what each is, in one table.

A kind says how an indicator's figure is read and judged. The facts about a kind that more than one module
needs (which fields the plan must give, whether figures are year-to-date totals, whether a figure may be
negative, whether counties' figures add up) are the columns of
``TRAITS``; the modules consult it through ``kinds_with``. How each kind is judged (``report/judge.py``
``RULES``), which figures are plausible (``plausible.py`` ``PER_KIND``) and how its status is worded
(``render/labels.py``) stay beside the code that uses them; CONTRIBUTING.md ("Where each kind is known")
maps every module that knows something about a kind, and ``tests/test_kinds.py`` checks every table
covers every kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    growth_rate = "growth_rate"
    cumulative = "cumulative"
    level = "level"
    ceiling = "ceiling"
    zero_events = "zero_events"
    double_decline = "double_decline"
    milestone = "milestone"
    ranking = "ranking"
    standard_raised = "standard_raised"


@dataclass(frozen=True)
class Traits:
    needs_target: bool  # the plan gives a target (or marks it to be set); next year's fill-in table asks for one
    needs_unit: bool  # the plan gives a unit
    year_to_date: bool  # figures are totals of the year so far: within a year a later one is never smaller
    never_negative: bool  # a figure below 0 is refused (a growth rate may fall: 下降0.5%)
    additive: bool  # counties' figures add up to the city's (amounts and counts; rates and ranks do not)


_ = False
X = True
TRAITS: dict[Kind, Traits] = {
    #                                target unit ytd  >=0  add
    Kind.growth_rate:      Traits(X,     X,   _,   _,   _),
    Kind.cumulative:       Traits(X,     X,   X,   X,   X),
    Kind.level:            Traits(X,     X,   _,   X,   _),
    Kind.ceiling:          Traits(X,     X,   _,   X,   _),
    Kind.zero_events:      Traits(_,     X,   X,   X,   X),
    Kind.double_decline:   Traits(_,     X,   X,   X,   _),
    Kind.milestone:        Traits(_,     _,   X,   X,   _),
    Kind.ranking:          Traits(_,     _,   _,   X,   _),
    Kind.standard_raised:  Traits(X,     X,   _,   X,   _),
}
del _, X


def kinds_with(trait: str) -> frozenset[Kind]:
    """The kinds having ``trait`` (a field of ``Traits``), e.g. ``kinds_with("year_to_date")``."""
    if trait not in Traits.__dataclass_fields__:
        raise KeyError(trait)
    return frozenset(k for k, t in TRAITS.items() if getattr(t, trait))
