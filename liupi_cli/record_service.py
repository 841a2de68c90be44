"""Recording figures: the one service every way of recording goes through.

`liupi update ID VALUE`, `liupi update --file`, each answer of the interactive `liupi update` and the demo
figures of `liupi init --demo` all call it with the same :class:`RecordOptions`. It reads each figure
(recording.make_record / prepare_batch), checks it against the current figures (the duplicate/revision rule
of store.standing, a year-to-date figure that would fall), writes the changes in one transaction (or, on a
dry run, nothing) and returns an :class:`Outcome` the command line only says. It never prints, prompts or
reads the clock: who records and when come in the options.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Protocol

from liupi_cli.figure_sheet import RowProblem, Table
from liupi_cli.plan import Plan
from liupi_cli.recording import Batch, Change, Current, Given, check_changes, make_record, prepare_batch
from liupi_cli.store import NewRecord, Record


@dataclass(frozen=True)
class RecordOptions:
    """What the user gave beside the figures, the same on every recording path.

    ``period``, ``source``, ``note`` and ``baseline`` fill what a file's row leaves empty (a row's own cell
    wins); ``revise`` lets a figure supersede the current one; ``force`` lets in a figure outside its
    plausible range (with a note: a year-to-date figure that falls); ``dry_run`` writes nothing; ``by``,
    ``at`` and ``batch`` (the import's label, e.g. ``actuals.xlsx@2023-07-05T09:00:00+08:00``) are stored
    with every record written."""

    period: str | None = None
    source: str | None = None
    note: str | None = None
    baseline: bool = False
    revise: bool = False
    force: bool = False
    dry_run: bool = False
    by: str = ""
    at: str = ""
    batch: str | None = None

    @property
    def given(self) -> Given:
        return Given(period=self.period, source=self.source, note=self.note, baseline=self.baseline)


class FigureStore(Protocol):
    """What recording needs of a store (``liupi_cli.store.Store`` and any other engine with its methods)."""

    def current_figures(self, indicator: str | None = None) -> Current: ...

    def add_many(self, news: list[NewRecord], by: str, at: str, revise: bool = False,
                 batch: str | None = None) -> list[Record]: ...


# A store, or a function that opens one (a context manager): called only once the figures are read, so
# that a figure refused on its own never creates or opens the store.
StoreSource = FigureStore | Callable[[], AbstractContextManager]


@dataclass
class Outcome:
    """What recording did, or on a dry run would do.

    ``changes`` are the figures written (``saved``, the stored records in the same order) or, on a dry run
    or when anything was refused, the figures that would be; each names the figure it revises. ``problems``
    are the refusals, by row (0 for a figure given on the command line or at a prompt): when there is one,
    nothing was written. ``no_figure`` counts a file's rows left blank or marked as having no figure."""

    changes: list[Change]
    unchanged: list[Change]
    problems: list[RowProblem]
    no_figure: int = 0
    dry_run: bool = False
    saved: list[Record] = field(default_factory=list)
    for_review: bool = False  # written by a bureau's role on a server store: submitted, waiting for the office

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    @property
    def revised(self) -> int:
        """How many of the changes revise a recorded figure."""
        return sum(1 for c in self.changes if c.replaces is not None)


def record_figure(plan: Plan, store: StoreSource, indicator: str, value: str, options: RecordOptions) -> Outcome:
    """One figure, given on the command line or typed at a prompt, for ``options.period``.

    A figure that cannot be right (an unknown id, an unreadable or impossible value, an implausible one
    without force) is refused by raising, as at the command line; a refusal against what is recorded (a
    second figure without revise, a year-to-date figure that falls) is the outcome's one problem."""
    record = make_record(plan, indicator, value, options.period or "", baseline=options.baseline,
                         source=options.source, note=options.note, force=options.force)
    with _opened(store) as figures:
        batch = check_changes(plan, figures.current_figures(record.indicator), [(None, record)],
                              revise=options.revise, force=options.force)
        return _settle(figures, batch, options)


def record_table(plan: Plan, store: StoreSource, table: Table, options: RecordOptions) -> Outcome:
    """Every row of a file read by ``figure_sheet.read_table``: all of its figures are written, or (when a
    row is refused, cells that could not be read among them) none."""
    with _opened(store) as figures:
        batch = prepare_batch(plan, figures.current_figures(), table.rows, revise=options.revise,
                              force=options.force, given=options.given)
        batch.problems = sorted(table.problems + batch.problems, key=lambda p: p.row)
        return _settle(figures, batch, options)


def _opened(store: StoreSource) -> AbstractContextManager:
    return store() if callable(store) else nullcontext(store)


def _settle(store: FigureStore, batch: Batch, options: RecordOptions) -> Outcome:
    """Write the batch's changes in one transaction, unless something was refused, it is a dry run, or
    there is nothing to write."""
    outcome = Outcome(batch.changes, batch.unchanged, batch.problems, batch.no_figure, options.dry_run)
    if outcome.refused or options.dry_run or not batch.changes:
        return outcome
    outcome.saved = store.add_many(batch.records, options.by, options.at, revise=options.revise,
                                   batch=options.batch)
    outcome.for_review = getattr(store, "my_unit", lambda: None)() is not None  # a bureau's, on a server store
    return outcome
