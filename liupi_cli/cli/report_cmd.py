"""`liupi report`: the gap-to-target report (月通报) for a month, quarter or year."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from liupi_cli.cli.context import state
from liupi_cli.cli.options import fail_on as parse_fail_on
from liupi_cli.cli.options import format_option, grain_checked, include_submitted_option, one_period, out_option
from liupi_cli.cli.output import Fmt, check_destination, emit, say
from liupi_cli.errors import ExitCode, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.periods import Period, parse_period
from liupi_cli.render.registry import offered

REPORT_FORMATS = offered("report")


def option_period(name: str, value: str) -> Period:
    """A report's or product's period option read as a period: an unreadable one is a usage error
    (exit 2), and January alone points to the 1–2月 report, not to how figures are recorded."""
    from liupi_cli.errors import InputRefused
    from liupi_cli.periods import JanuaryAlone

    try:
        return parse_period(value)
    except JanuaryAlone as exc:
        raise UsageProblem(exc.message, msg("period.january.report", option=name, year=exc.year)) from None
    except InputRefused as exc:
        raise UsageProblem(exc.message, exc.hint) from None


def _period(month: str | None, quarter: str | None, year: str | None) -> Period:
    name, value = one_period({"--month": month, "--quarter": quarter, "--year": year}, "liupi report --month 2023-06")
    return grain_checked(name, value, option_period(name, value), name[2:])


def report(
    ctx: typer.Context,
    month: str | None = typer.Option(
        None, "--month", "-m", metavar="MONTH",
        help="Report at the end of a month: 2023-06 (2023-02 or 2023-01/02 for the joint 1–2月 release)."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", metavar="QUARTER",
                                          help="Report at the end of a quarter: 2023Q2."),
    year: str | None = typer.Option(None, "--year", "-y", metavar="YEAR",
                                       help="Year-end settlement (年终结账): 2023."),
    battle: str | None = typer.Option(None, "--battle", "-b", metavar="BATTLE",
                                         help="Only this battle (id, number or name)."),
    unit: str | None = typer.Option(None, "--unit", "-u", metavar="UNIT",
                                       help="Only indicators this unit leads (id or name)."),
    light: str | None = typer.Option(None, "--light", "-l", metavar="LIGHTS",
                                        help="Only these lights: red,yellow,green,grey."),
    fmt: str | None = format_option(*REPORT_FORMATS),
    out: Path | None = out_option(),
    fail_on: str | None = typer.Option(None, "--fail-on", metavar="WHAT",
                                          help="Exit 1 if any row is red and/or has no data: red, missing or "
                                          "red,missing."),
    include_submitted: bool = include_submitted_option(),
) -> None:
    """Where do we stand? Every target with its latest figure, the gap, 序时进度 and a light.

    \b
    Examples:
      liupi report --month 2023-06
      liupi report --month 2023-06 --lang zh --out 2023-06.xlsx
      liupi report --quarter 2023Q2 --battle growth --light red,yellow --format json
    """
    st = state(ctx)
    lang = st.lang  # --lang (before the command or after it), else $LIUPI_LANG, else en
    fmt = st.out_format(fmt, out, "report")
    fail = parse_fail_on(fail_on, ("red", "missing"))
    check_destination(fmt, out, "2023-06")
    period = _period(month, quarter, year)
    plan = st.plan()
    from liupi_cli.report import build_report, check_period  # loaded only by this command

    check_period(plan, period)
    records, updates, figures, review = [], [], 0, {}
    store = st.open_store(write=False)
    if store:
        with store:
            (records, review), updates, figures = _judged(store, include_submitted), store.task_updates(), \
                store.figures_up_to(period)
    lights = [x.strip() for x in light.split(",")] if light else None
    rep = build_report(plan, records, period, task_updates=updates, battle=battle, unit=unit, lights=lights,
                       review=review)
    from liupi_cli.cli.report_table import next_steps

    emit(rep, fmt, out, example="2023-06", lang=lang, lead=next_steps(rep, lang))
    from liupi_cli.cli.i18n import line as i18n_line
    from liupi_cli.render.labels import summary_line

    c = rep.summary.overall
    say(summary_line(rep, lang))
    if fmt is not Fmt.table or out is not None:
        for line in next_steps(rep, lang):
            say(i18n_line("hint", line, lang))
    if not figures:
        say(i18n_line("error", _no_figures(st, period), st.lang))
        raise typer.Exit(ExitCode.EMPTY)
    # no figure that can judge the row
    missing = ("no_data", "no_year_end_figure", "no_baseline", "unreported")
    if ("red" in fail and c.red) or ("missing" in fail and any(r.status in missing for r in rep.rows)):
        raise typer.Exit(ExitCode.INVALID)


def _judged(store, include_submitted: bool) -> tuple[list, dict[int, str]]:
    """The figures a report judges, and which of them are marked (build_report's ``review``): a server store's
    submitted ones too when asked, marked in the report and named on stderr (docs/server.md)."""
    if not (include_submitted and hasattr(store, "review_items")):
        return store.current_records(), {}
    records = store.current_records(include_submitted=True)
    if store.submitted:
        say(msg("review.submitted_shown", count=len(store.submitted),
                ids=", ".join(f"{r.indicator} {r.period} (#{r.id})" for r in store.submitted)))
    return records, {r.id: "submitted" for r in store.submitted}


def _no_figures(st, period: Period) -> str:
    """Why a report is all grey, and where this plan's figures are if another store has them."""
    from liupi_cli.registry import figures_elsewhere

    plan, loc = st.plan(), st.store_location()
    where = loc.path if loc.path.exists() else msg("said.not_created", path=loc.path)
    elsewhere = figures_elsewhere(plan.info.id, loc.path, os.environ, period)
    if elsewhere:
        best = elsewhere[0]
        more = msg("said.other_stores", count=len(elsewhere) - 1) if len(elsewhere) > 1 else ""
        return msg("report.no_figures_elsewhere", year=period.year, period=period.key, where=where,
                   count=best.in_period, path=best.path, more=more)
    return msg("report.no_figures", year=period.year, period=period.key, where=where)


def register(app: typer.Typer) -> None:
    app.command()(report)
