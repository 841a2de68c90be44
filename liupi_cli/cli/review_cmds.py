"""`liupi review`: 报送 → 审核 on a server store — what waits per unit, approving, returning with a reason
(docs/server.md). The decisions are kept by the store (liupi_cli.store_pg); liupi_cli.review sorts them."""

from __future__ import annotations

import datetime as dt
import os

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.options import format_option
from liupi_cli.cli.output import Fmt, dump_json, pick_format, say, write_out
from liupi_cli.errors import UsageProblem
from liupi_cli.messages import msg
from liupi_cli.render.safe import inert

REVIEW_FORMATS = (Fmt.table, Fmt.json)


def review(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", "-m", help="Only figures of this period, e.g. 2023-06."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="Only figures of this period, e.g. 2023Q2."),
    year: str | None = typer.Option(None, "--year", "-y", help="Only figures of this period, e.g. 2023."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="Only figures this unit submitted."),
    approve: str | None = typer.Option(None, "--approve", help="Approve these records (ids, comma-separated), or "
                                       "'all' listed."),
    return_: str | None = typer.Option(None, "--return", help="Return these records (ids, comma-separated) to "
                                       "their unit, with --reason."),
    reason: str | None = typer.Option(None, "--reason", help="Why they are returned, e.g. 口径不对."),
    by: str | None = typer.Option(None, "--by", help="Who reviews. Default: $LIUPI_USER, then the OS user."),
    fmt: str | None = format_option(*REVIEW_FORMATS, default="table"),
) -> None:
    """报送 → 审核: list the figures waiting for the office's review per unit; approve them, or return them.

    Example: liupi review --month 2023-06 --approve all
    """
    from liupi_cli.review import by_unit, in_period

    st = state(ctx)
    fmt = pick_format(fmt, None, REVIEW_FORMATS)
    _check_decision(approve, return_, reason)
    if approve is not None and approve.strip().lower() != "all":
        _ids(approve)  # unreadable record numbers are a usage error on any store, before it is opened
    if return_ is not None:
        _ids(return_)
    plan = st.plan()
    period = _period(plan, month, quarter, year)
    unit_id = plan.unit_id(unit) if unit else None
    store = st.open_store(write=approve is not None or return_ is not None)
    if store is None or not hasattr(store, "review_items"):  # a file store: one desk, nothing waits
        if store is not None:
            store.close()
        say(msg("review.single_desk"))
        return
    with store:
        items = in_period(store.review_items(), period)
        if approve is None and return_ is None:
            mine = store.my_unit()
            if mine is not None:  # a bureau is told why on stderr too, as `liupi missing` and `liupi unit` tell it
                from liupi_cli.review import returned_note

                for item in items:
                    if item.status == "returned" and item.unit == mine:
                        say(returned_note(item))
            _show(by_unit(plan, items, unit_id or mine), fmt)
        elif approve is not None:
            listed = [i.id for i in items if i.status == "submitted" and unit_id in (None, i.unit)]
            done = store.review(listed if approve.strip().lower() == "all" else _ids(approve), "approved", None,
                                _by(by), _now())
            say(msg("said.approved", count=len(done)))
        else:
            done = store.review(_ids(return_), "returned", reason.strip(), _by(by), _now())
            say(msg("said.returned", count=len(done), reason=reason.strip()))


def _check_decision(approve: str | None, return_: str | None, reason: str | None) -> None:
    """One decision at a time, and a return says why."""
    if return_ is not None and not (reason or "").strip():
        raise UsageProblem(msg("review.reason_needed"), msg("option.example.hint",
                                                             example="--return 12 --reason 口径不对"))
    if approve is not None and return_ is not None:
        raise UsageProblem(msg("review.one_decision"), msg("option.example.hint", example="--approve 12,13"))


def _period(plan, month: str | None, quarter: str | None, year: str | None):
    """The one period asked for, or None for every period."""
    from liupi_cli.periods import parse_period

    given = [v for v in (month, quarter, year) if v]
    if len(given) > 1:
        raise UsageProblem(msg("option.one_period", options=("--month", "--quarter", "--year")),
                           msg("option.example.hint", example="--month 2023-06"))
    return parse_period(given[0], plan.info.year) if given else None


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise UsageProblem(msg("review.bad_ids", text=text), msg("option.example.hint", example="--approve 12,13"))\
            from None
    if not ids:
        raise UsageProblem(msg("review.bad_ids", text=text), msg("option.example.hint", example="--approve 12,13"))
    return ids


def _by(given: str | None) -> str:
    import getpass

    return given or os.environ.get("LIUPI_USER") or getpass.getuser()


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _show(queues, fmt: Fmt) -> None:
    if fmt is Fmt.json:
        write_out(dump_json([{"unit": q.unit, "unit_name": str(q.name), "figures": [vars(i) for i in q.items]}
                             for q in queues]), None)
        return
    lines = [line for q in queues for line in [f"{q.name} ({len(q.items)})", *map(_item_line, q.items)]]
    if lines:
        write_out(inert("\n".join(lines)) + "\n", None)
    waiting = sum(1 for q in queues for i in q.items if i.status == "submitted")
    returned = sum(1 for q in queues for i in q.items if i.status == "returned")
    units = sum(1 for q in queues if q.items)
    say(msg("said.review_waiting_returned", count=waiting, returned=returned, units=units) if returned
        else msg("said.review_waiting", count=waiting, units=units))


def _item_line(i) -> str:
    """One figure: record, indicator, period, as entered, by whom and when; a returned one marked 退回: reason."""
    mark = f"  {msg('review.returned_mark', reason=i.reason)}" if i.status == "returned" else ""
    baseline = " baseline" if i.baseline else ""
    return f"  #{i.id}\t{i.indicator}\t{i.period}{baseline}\t{i.entered}\t{i.recorded_by}\t{i.recorded_at}{mark}"


def register(app: typer.Typer) -> None:
    app.command()(review)
