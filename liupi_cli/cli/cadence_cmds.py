"""`liupi missing`, `liupi unit`, `liupi summary`: the plan's rhythm (催报, the unit page, 旬/月/季/年 products).

The core builds typed models (liupi_cli/cadence); render/cadence_* draws them; this module only parses
options, reads the clock for `last` (the core never does), writes, and maps outcomes to exit codes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from liupi_cli.cli.clock import today
from liupi_cli.cli.context import state
from liupi_cli.cli.options import fail_on as parse_fail_on
from liupi_cli.cli.options import format_option, grain_checked, include_submitted_option, one_period, out_option
from liupi_cli.cli.output import Fmt, check_destination, emit, pick_format, say
from liupi_cli.errors import ExitCode, InputRefused, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.periods import Period
from liupi_cli.render.registry import offered

if TYPE_CHECKING:
    from liupi_cli.review import Reviewed

ALL_FORMATS = offered("missing")  # the 催报 list's and the unit page's (render/registry)
SUMMARY_FORMATS = offered("summary", to_stream=True)  # to stdout; --out-dir takes --formats
FILE_FORMATS = {"md": Fmt.markdown, "markdown": Fmt.markdown, **{f.value: f for f in offered("summary")
                                                                  if f is not Fmt.table}}
EXTENSION = {Fmt.markdown: "md"}  # a file's extension when it is not the format's name


def load_records(st) -> tuple[list, list]:
    """Every record and task update in the store, read-only (none when it was never created), review aside: for
    commands that list or carry figures over rather than judge them (tasks, next year, a county's collection)."""
    store = st.open_store(write=False)
    if store is None:
        return [], []
    with store:
        return store.records(), store.task_updates()


def load_reviewed(st, include_submitted: bool = False) -> tuple[list, list, Reviewed | None]:
    """Every record and task update, and a server store's review of its figures (liupi_cli.review.Reviewed): what
    the office returned (to this unit; every one, for the office) is said on stderr with the reason. The products
    judge the approved figures, the submitted ones too when asked, and owe the returned ones again; `liupi unit`
    judges every figure in force and marks those not approved; `liupi missing` owes the returned ones again.
    A SQLite store: no review (None), every figure approved as recorded."""
    store = st.open_store(write=False)
    if store is None:
        return [], [], None
    with store:
        review = None
        if hasattr(store, "review_items"):
            from liupi_cli.review import Reviewed, returned_reasons

            review = Reviewed(store.review_statuses(), returned_reasons(_waiting(store)), include_submitted)
        return store.records(), store.task_updates(), review


def _waiting(store) -> list:
    """A server store's figures in force waiting for review or returned; each returned to this connection's unit
    (every one, for the office) said on stderr with the reason."""
    from liupi_cli.review import returned_note

    items = store.review_items()
    mine = store.my_unit()
    for item in items:
        if item.status == "returned" and (mine is None or item.unit == mine):
            say(returned_note(item))
    return items


def _say_submitted_shown(records: list, review: Reviewed) -> None:
    """Name on stderr the submitted figures a product shows (`liupi report --include-submitted` does too)."""
    shown = [r for r in records if r.current and review.status.get(r.id) == "submitted"]
    if shown:
        say(msg("review.submitted_shown", count=len(shown),
                ids=", ".join(f"{r.indicator} {r.period} (#{r.id})" for r in shown)))


def _grain_period(name: str, value: str, grain: str, today: dt.date) -> Period:
    from liupi_cli.cadence.dekads import last_complete_month, last_complete_quarter, last_complete_year

    if value == "last":
        last = {"month": last_complete_month, "quarter": last_complete_quarter, "year": last_complete_year}
        return last[grain](today)
    from liupi_cli.cli.report_cmd import option_period

    return grain_checked(name, value, option_period(name, value), grain)


def _checked(period: Period, plan=None) -> Period:
    """Products are for the plan's year, like reports: `last` on an old plan is refused, not guessed."""
    if plan is not None:
        from liupi_cli.report import check_period

        check_period(plan, period)
    return period


def _one_period(month: str | None, quarter: str | None, year: str | None, example: str, lang: str = "en") -> Period:
    """The period something is owed for: one of --month/--quarter/--year. January alone (2024-01) is the
    1–2月 release its figures belong to, said on stderr: a new year's 催报 starts in January."""
    name, value = one_period({"--month": month, "--quarter": quarter, "--year": year}, example)
    if month is not None and month != "last":
        from liupi_cli.periods import owed_period

        try:
            period, joint = owed_period(month)
        except InputRefused:  # unreadable: said below as the usage error it is
            joint = False
        if joint:
            say(msg("said.january_owed", month=month, period=period.key))
            return period
    return _grain_period(name, value, name[2:], today())


def _lock_wait() -> float:
    """$LIUPI_LOCK_WAIT: seconds to wait for another run writing the same folder (default 30)."""
    import os

    from liupi_cli.cadence.outdir import LOCK_WAIT_S

    text = os.environ.get("LIUPI_LOCK_WAIT", "")
    try:
        wait = float(text) if text else LOCK_WAIT_S
    except ValueError:
        wait = -1.0
    if not 0 <= wait <= 86400:
        raise UsageProblem(msg("lock.wait_unreadable", given=repr(text)),
                           msg("option.example.hint", example="LIUPI_LOCK_WAIT=30"))
    return wait


def print_doc(doc) -> None:
    """A laid-out Doc at the terminal, as the products' table draws it (ids kept whole), coloured at a terminal."""
    from liupi_cli.cli.output import paint, table_width, use_colour
    from liupi_cli.render.cadence_text import to_text

    sys.stdout.write(to_text(doc, table_width(), paint if use_colour() else None))


FormatOpt = format_option(*ALL_FORMATS)
OutOpt = out_option()


def missing(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", "-m", help="The month owed: 2023-06, or last "
                                        "(the last complete month as of today)."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="A quarter: 2023Q2, or last."),
    year: str | None = typer.Option(None, "--year", "-y", help="2023, or last (annual figures are owed here)."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="Only this lead unit (id or Chinese name)."),
    battle: str | None = typer.Option(None, "--battle", "-b", help="Only this battle (id, number or name)."),
    fmt: str | None = FormatOpt,
    out: Path | None = OutOpt,
    fail_on: str | None = typer.Option(None, "--fail-on", help="missing: exit 1 when anything is owed."),
) -> None:
    """Who still owes what (催报): per lead unit, the figures due for the period with none recorded and the
    tasks with no progress update in it; a count per unit first, complete units included.

    Example: liupi missing --month 2023-06

    Example: liupi missing --month 2023-06 --unit 县人社局 --lang zh --format markdown
    """
    st = state(ctx)
    lang = st.lang
    fmt = st.out_format(fmt, out, "missing")
    check_destination(fmt, out, "owed-2023-06")
    fail = parse_fail_on(fail_on, ("missing",))
    period = _checked(_one_period(month, quarter, year, "liupi missing --month 2023-06", lang), st.plan())
    from liupi_cli.cadence.missing import build_missing

    records, updates, review = load_reviewed(st)
    m = build_missing(st.plan(), records, updates, period, battle=battle, unit=unit,
                      returned=review.returned if review else {})
    emit(m, fmt, out, lang=lang)
    owing = sum(1 for u in m.units if not u.complete)
    period_said = m.period_label_zh if lang == "zh" else m.period  # 2023年1–6月, as `liupi report` says it
    say(msg("said.owed", period=period_said, figures=m.figures_missing, tasks=m.tasks_missing, units=owing,
            complete=len(m.complete_units)))
    if "missing" in fail and (m.figures_missing or m.tasks_missing):
        raise typer.Exit(ExitCode.INVALID)


def unit(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The unit: ascii id (rsj) or Chinese name (县人社局)."),
    month: str | None = typer.Option(None, "--month", "-m", help="2023-06, or last."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="2023Q2, or last."),
    year: str | None = typer.Option(None, "--year", "-y", help="2023, or last."),
    fmt: str | None = FormatOpt,
    out: Path | None = OutOpt,
) -> None:
    """One bureau's page: the indicators it leads and co-leads with lights and gaps, its tasks (status,
    percent, deadline, overdue or days left), what it still owes, and its pre-score.

    Example: liupi unit 县人社局 --month 2023-06

    Example: liupi unit rsj --month 2023-06 --lang zh --out rsj-2023-06.xlsx
    """
    st = state(ctx)
    lang = st.lang
    fmt = st.out_format(fmt, out, "unit")
    check_destination(fmt, out, f"{name}-2023-06")
    period = _checked(_one_period(month, quarter, year, "liupi unit 县人社局 --month 2023-06", lang), st.plan())
    from liupi_cli.cadence.unit_page import build_unit_page

    records, updates, review = load_reviewed(st)
    page = build_unit_page(st.plan(), records, updates, period, name, review=review.every_mark() if review else {},
                           returned=review.returned if review else {})
    emit(page, fmt, out, lang=lang)
    owed = len(page.owes.figures) + len(page.owes.tasks)
    say(msg("said.unit_page", unit=page.unit_zh, period=page.period, indicators=len(page.indicators),
            tasks=len(page.tasks), owed=owed))


def _formats(text: str) -> list[Fmt]:
    out: list[Fmt] = []
    for f in (x.strip().lower() for x in text.split(",")):
        if f not in FILE_FORMATS:
            names = (EXTENSION.get(x, x.value) for x in dict.fromkeys(FILE_FORMATS.values()))
            raise UsageProblem(msg("option.formats_unknown", name=f),
                               msg("option.format_not_here.hint", choices=", ".join(names)))
        if FILE_FORMATS[f] not in out:
            out.append(FILE_FORMATS[f])
    return out


def summary(
    ctx: typer.Context,
    dekad: str | None = typer.Option(None, "--dekad", help="旬简报 for a dekad: 2023-06-2 (days 11–20), or last."),
    month: str | None = typer.Option(None, "--month", "-m", help="月通报: 2023-06, or last."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="季总结 with the pre-score: 2023Q2, or last."),
    year: str | None = typer.Option(None, "--year", "-y", help="年终结账 with the final pre-score: 2023, or last."),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="Write the files under DIR/<period>/ "
                                           "(created when missing), e.g. DIR/2023-06/月通报-2023-06.xlsx."),
    formats: str = typer.Option("md,xlsx", "--formats", help="With --out-dir: any of md,xlsx,html,json,csv,docx "
                                 "(docx: a Word document in 公文 layout, dated today)."),
    fmt: str | None = format_option(*SUMMARY_FORMATS, default="table; without --out-dir, to stdout"),
    fail_on: str | None = typer.Option(None, "--fail-on", help="Exit 1 after writing when the county is "
                                          "behind: red, missing, overdue (comma-separated)."),
    include_submitted: bool = include_submitted_option(),
) -> None:
    """The plan's products: 旬简报 (--dekad), 月通报 (--month), 季总结 (--quarter), 年终结账 (--year).

    Example: liupi summary --month 2023-06

    Example: liupi summary --month 2023-06 --out-dir circulars --formats md,xlsx,html,json

    Example: liupi summary --dekad last --out-dir circulars
    """
    st = state(ctx)
    lang = st.document_lang("zh")  # the circulars are for a Chinese office: zh unless --lang or $LIUPI_LANG
    name, value = one_period({"--dekad": dekad, "--month": month, "--quarter": quarter, "--year": year},
                             "liupi summary --month 2023-06")
    fail = parse_fail_on(fail_on, ("red", "missing", "overdue"))
    files = _formats(formats)
    if out_dir is None:
        fmt = pick_format(fmt, None, SUMMARY_FORMATS)  # the files' formats are --formats
        st.json_errors = fmt is Fmt.json
    elif fmt is not None:
        raise UsageProblem(msg("option.format_with_out_dir"), msg("option.example.hint", example="--formats md,xlsx"))
    now = today()  # `last` is resolved here, at the edge; the core never reads the clock
    from liupi_cli.cadence.dekads import Dekad, last_complete_dekad, parse_dekad

    when: Dekad | Period
    if name == "--dekad":
        when = last_complete_dekad(now) if value == "last" else parse_dekad(value)
    else:
        when = _grain_period(name, value, name[2:], now)
    from liupi_cli.cadence.products import build_product, is_empty

    plan = st.plan()
    if isinstance(when, Period):
        _checked(when, plan)
    elif when.year != plan.info.year:
        raise UsageProblem(msg("period.dekad_outside", key=when.key, year=plan.info.year),
                           msg("option.example.hint", example=f"--dekad {plan.info.year}-06-2"))
    records, updates, review = load_reviewed(st, include_submitted)
    product = build_product(plan, records, updates, when, review)
    if review is not None:
        from liupi_cli.cadence.products import judged

        records = judged(records, review)  # what the product judged: its emptiness below is said of these
        if include_submitted:
            _say_submitted_shown(records, review)
    if out_dir is None:
        emit(product, fmt, None, lang=lang)
    else:
        _write_files(out_dir, product, when, files, lang=lang, date=now, issuer=plan.info.issuer)
    if is_empty(product, records, updates):
        say(msg("said.period_empty", period=when.key, code=ExitCode.EMPTY))
        raise typer.Exit(ExitCode.EMPTY)
    found = _behind(product, fail) if fail else []
    if found:
        say(f"{when.key}: --fail-on {fail_on}: {', '.join(found)} (exit {ExitCode.INVALID})")
        raise typer.Exit(ExitCode.INVALID)


def _write_files(out_dir: Path, product, when, formats: list[Fmt], **options) -> None:
    """The product in each of ``formats``, under ``out_dir``/<period>/ (written together, under a lock)."""
    from liupi_cli.cadence.dekads import Dekad
    from liupi_cli.cadence.outdir import write_files
    from liupi_cli.render.cadence_doc import PRODUCT_ZH
    from liupi_cli.render.csv_file import file_bytes
    from liupi_cli.render.registry import render

    folder = f"{when.year}-{when.month:02d}" if isinstance(when, Dekad) else when.key
    files: list[tuple[str, bytes]] = []
    for f in formats:
        data = render(product, f, **options)
        files.append((f"{folder}/{PRODUCT_ZH[product.product]}-{when.key}.{EXTENSION.get(f, f.value)}",
                      file_bytes(data) if f is Fmt.csv else data.encode("utf-8") if isinstance(data, str) else data))
    write_files(out_dir, files, lambda p: say(msg("output.wrote", path=p)), wait_s=_lock_wait())


def _behind(product, fail: set[str]) -> list[str]:
    """What the --fail-on conditions found, in words for the log (empty: nothing hit)."""
    from liupi_cli.cadence.products import DekadBrief, MonthCircular

    found: list[str] = []
    if isinstance(product, DekadBrief):
        if "red" in fail and product.change and product.change.newly_red:
            found.append(f"{len(product.change.newly_red)} newly red")
        late = len(product.became_overdue) + len(product.milestones_overdue)
        if "overdue" in fail and late:
            found.append(f"{late} became overdue")
        return found
    rep = product.report
    if "red" in fail and rep.summary.overall.red:
        found.append(f"{rep.summary.overall.red} red")
    if "overdue" in fail and rep.summary.tasks_overdue:
        found.append(f"{len(rep.summary.tasks_overdue)} task(s) overdue")
    if "missing" in fail and isinstance(product, MonthCircular):
        owed = product.missing.figures_missing + product.missing.tasks_missing
        if owed:
            found.append(f"{owed} item(s) owed")
    return found


def register(app: typer.Typer) -> None:
    app.command()(missing)
    app.command()(unit)
    app.command()(summary)
