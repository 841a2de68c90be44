"""Commands that write or read records: update, template, task set, history, export."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from liupi_cli.cli.clock import today
from liupi_cli.cli.context import State, state
from liupi_cli.cli.i18n import line as i18n_line
from liupi_cli.cli.options import format_option, out_option
from liupi_cli.cli.output import (
    Fmt,
    emit,
    pick_format,
    say,
    writing,
)
from liupi_cli.errors import InputRefused, LiupiError, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.periods import parse_period
from liupi_cli.render.safe import inert, xlsx_cell

if TYPE_CHECKING:  # the core is imported by the command that uses it, so `--help` stays light
    from collections.abc import Callable

    from liupi_cli.record_service import RecordOptions
    from liupi_cli.recording import Change
    from liupi_cli.store import Store

HISTORY_FORMATS = (Fmt.table, Fmt.csv, Fmt.json)
EXPORT_FORMATS = (Fmt.csv, Fmt.json, Fmt.xlsx)
ByOpt = typer.Option(None, "--by", help="Who records it. Default: $LIUPI_USER, then the OS user.")


def _by(given: str | None) -> str:
    return given or os.environ.get("LIUPI_USER") or getpass.getuser()


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _store(st: State) -> Store:
    """The store, opened for writing."""
    return st.open_store(write=True)


class _NoStore:
    """A dry run before the first figure: nothing is recorded yet, and nothing is created (a dry run never
    writes, so recording asks it only for the current figures)."""

    def current_figures(self, indicator: str | None = None) -> dict:
        return {}

    def __enter__(self) -> _NoStore:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def update(
    ctx: typer.Context,
    indicator: str | None = typer.Argument(None, help="Indicator id or its exact Chinese name."),
    value: str | None = typer.Argument(None, help="4.5, 4.5%, -0.5, 下降0.5%, 93.44亿元, 2616611万元, 0.9‰, done … "
                                          "(a negative value right after ID, or last after --)"),
    period: str | None = typer.Option(None, "--period", "-p",
                                      help="2023-06, 2023-01/02, 2023Q2, 2023; or 2023年6月, 1-6月, 二季度, 上半年."),
    source: str | None = typer.Option(None, "--source", help="Where the figure comes from, e.g. 县统计局 月报."),
    note: str | None = typer.Option(None, "--note", help="A note kept with the figure."),
    by: str | None = ByOpt,
    revise: bool = typer.Option(False, "--revise", help="Supersede an existing figure (history keeps both)."),
    baseline: bool = typer.Option(False, "--baseline", help="Record last year's same-period figure."),
    force: bool = typer.Option(False, "--force", help="Accept a figure outside the sane bounds; with --note, a "
                                                      "year-to-date figure that falls."),
    file: Path | None = typer.Option(None, "--file", help="Record a whole CSV/XLSX file (all rows or none; "
                                                             "UTF-8, UTF-16 or GBK; 中文 or English headings)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --file or ID VALUE: show what would be recorded, "
                                                          "write nothing."),
    battle: str | None = typer.Option(None, "--battle", "-b", help="Interactive: only this battle."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="Interactive: only this lead unit."),
) -> None:
    """Record actual figures: one value, a whole file, or interactively at a terminal.

    Example: liupi update new_urban_jobs 1500 --period 2023-06 --source "县人社局 月报"

    Example: liupi update --file actuals.xlsx --dry-run

    Example: liupi update --period 2023-06 --unit 县发改局   (interactive)
    """
    st = state(ctx)  # --lang (global) sets the language of prompts and refusals alike
    if (file is not None or indicator is not None) and (unit or battle):
        which = "--unit" if unit else "--battle"
        raise UsageProblem(msg("option.unit_battle_interactive", option=which), msg("option.unit_with_value"))
    st.plan()
    from liupi_cli.record_service import RecordOptions

    options = RecordOptions(period=period, source=source, note=note, baseline=baseline, revise=revise, force=force,
                            dry_run=dry_run, by=by or "")
    if file is not None:
        _update_file(st, file, options)
        return
    _check_figure_arguments(indicator, value, period, dry_run)
    if indicator is None:
        _update_interactive(st, battle, unit, options, st.lang)
    else:
        _update_one(st, indicator, value, options)


def _check_figure_arguments(indicator: str | None, value: str | None, period: str | None, dry_run: bool) -> None:
    """ID VALUE --period P, or --period P alone (interactive): refuse what is missing or misplaced."""
    if indicator and indicator.startswith("-"):  # a value such as -5 or -inf is read as the value, never here
        raise UsageProblem(msg("update.not_option", given=indicator), msg("update.not_option.hint"))
    if indicator is not None and value is None:
        raise InputRefused(msg("option.value_missing"), msg("update.value_missing.hint", id=indicator))
    if period is None:
        raise UsageProblem(msg("option.period_required"),
                           msg("option.example.hint", example="--period 2023-06 (2023-01/02, 2023Q2, 2023)"))
    if indicator is None and dry_run:
        raise UsageProblem(msg("update.dry_run_interactive"), msg("update.dry_run_interactive.hint"))


def _opener(st: State, options: RecordOptions) -> tuple[Callable[[], Store | _NoStore], RecordOptions]:
    """Opens the store once the figures are read: for reading on a dry run (nothing is created: before the
    first figure there is no store, and so nothing recorded), else for writing; and stamps who and when."""
    from dataclasses import replace

    def open_() -> Store | _NoStore:
        return (st.open_store(write=False) if options.dry_run else _store(st)) or _NoStore()

    return open_, options if options.dry_run else replace(options, by=_by(options.by), at=_now())


def _update_one(st: State, indicator: str, value: str, options: RecordOptions) -> None:
    """`liupi update ID VALUE --period P`: one figure recorded, revised, left unchanged or (dry run) shown."""
    from liupi_cli.record_service import record_figure

    plan = st.plan()
    open_, options = _opener(st, options)
    outcome = record_figure(plan, open_, indicator, value, options)
    if outcome.refused:
        raise InputRefused(outcome.problems[0].message, outcome.problems[0].hint)
    if outcome.unchanged:
        record, old = outcome.unchanged[0].record, outcome.unchanged[0].replaces
        say(msg("said.unchanged", id=record.indicator, period=record.period,
                baseline=msg("said.baseline") if record.baseline else "", value=old.entered, by=old.recorded_by,
                at=old.recorded_at))
    elif outcome.dry_run:
        print(_change_line(outcome.changes[0]))
        say(msg("said.dry_run_revised" if outcome.revised else "said.dry_run_recorded"))
    else:
        _say_saved(plan, outcome.saved[0])
        if outcome.for_review:
            say(msg("said.for_review", count=1))


def _change_line(change: Change) -> str:
    """One line of a dry run: id, period (and 'baseline'), the figure (the recorded one -> the new one)."""
    from liupi_cli.cli.i18n import active

    r = change.record
    figure = f"{change.replaces.entered} -> {r.entered}" if change.replaces else r.entered
    baseline = msg("said.baseline").text(active()) if r.baseline else ""
    return inert(f"{r.indicator}\t{r.period}{baseline}\t{figure}")


def _say_saved(plan, saved) -> None:
    ind = plan.indicators[saved.indicator]
    converted = f" (= {saved.value:g}{ind.unit or ''})" if saved.entered_unit not in (None, ind.unit) else ""
    what = ("said.revised" if saved.supersedes else "said.recorded") + ("_baseline" if saved.baseline else "")
    say(msg(what, id=saved.indicator, period=saved.period, value=f"{saved.entered}{converted}", by=saved.recorded_by,
            record=saved.id))


def _update_file(st: State, file: Path, options: RecordOptions) -> None:
    """`liupi update --file F`: every row recorded, or none (each refused row said with its number)."""
    from dataclasses import replace

    from liupi_cli.figure_sheet import read_table
    from liupi_cli.record_service import record_table

    plan = st.plan()
    table = read_table(file)
    say(msg("said.read", path=file, what=table.read_as))
    open_, options = _opener(st, options)
    outcome = record_table(plan, open_, table, replace(options, batch=f"{file.name}@{options.at or _now()}"))
    if outcome.refused:
        from liupi_cli.cli.i18n import row_line

        for p in outcome.problems:
            print(row_line(file, p.row, p.message, p.hint, st.lang), file=sys.stderr)
        raise InputRefused(msg("record.bad_rows", file=file, count=len(outcome.problems)), msg("record.bad_rows.hint"))
    more = [msg("said.n_unchanged", count=len(outcome.unchanged))] if outcome.unchanged else []
    more += [msg("said.n_without_figure", count=outcome.no_figure)] if outcome.no_figure else []
    if outcome.dry_run:
        for change in outcome.changes:
            print(_change_line(change))
        say(msg("said.dry_run_file", count=len(outcome.changes), more=more))
        return
    say(msg("said.recorded_file", count=len(outcome.changes), path=file,
            revised=msg("said.n_revised", count=outcome.revised) if outcome.revised else "", more=more))
    if outcome.for_review:
        say(msg("said.for_review", count=len(outcome.changes)))


# What interactive `update` says (prompts and confirmations) is in the catalogue under prompt.*; errors too.


def _update_interactive(st: State, battle: str | None, unit: str | None, options: RecordOptions,
                        lang: str = "en") -> None:
    if not _stdin_is_terminal():
        raise InputRefused(msg("prompt.no_terminal"), msg("prompt.no_terminal.hint"))
    import gc
    import signal
    from dataclasses import replace

    gc.enable()  # a session at the keyboard may last long: collect as usual (see main)
    # Ctrl-C stops the session (exit 130, what was entered kept), even when liupi was started with SIGINT
    # ignored (a job started in the background by a script, fed through a pipe or a pseudo-terminal).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    plan = st.plan()
    period = parse_period(options.period, plan.info.year - 1 if options.baseline else plan.info.year)
    from liupi_cli.recording import due_indicators

    due = due_indicators(plan, period, battle, unit)
    options = replace(options, period=period.key, by=_by(options.by))
    saved = 0
    say(msg("prompt.intro", n=len(due), period=period.key))
    with _store(st) as store:
        try:
            for ind in due:
                saved += _ask(st, store, ind, options, lang)
        except KeyboardInterrupt:
            say(msg("prompt.stopped", n=saved))
            raise typer.Exit(130) from None
    say(msg("prompt.done", n=saved))


def _ask(st: State, store: Store, ind, options: RecordOptions, lang: str = "en") -> int:
    """Prompt for one indicator until a valid value or a blank; returns how many were saved (0 or 1)."""
    from dataclasses import replace

    from liupi_cli.record_service import record_figure

    plan, period = st.plan(), options.period
    last = _latest(store.current_figures(ind.id)) or msg("prompt.none")
    target = f"{ind.target:g}{ind.unit or ''}" if ind.target is not None else "—"
    prompt = msg("prompt.ask", id=ind.id, name=ind.name_zh, target=target, last=last, period=period).text(lang)
    while True:
        answer = _read_answer(inert(prompt)).strip()
        if not answer:
            return 0
        try:
            outcome = record_figure(plan, store, ind.id, answer, replace(options, at=_now()))
            if outcome.refused:
                problem = outcome.problems[0]
                if problem.needs in ("revise", "force"):  # options cannot be given at a prompt: say what to run
                    then = msg(f"prompt.{problem.needs}", id=ind.id, value=shlex.quote(answer), period=period)
                    say(i18n_line("error", problem.message, lang) + " (" + then.text(lang) + ")")
                    continue
                raise InputRefused(problem.message, problem.hint)
            if outcome.unchanged:
                change = outcome.unchanged[0]
                say(msg("prompt.unchanged", id=ind.id, period=change.record.period, entered=change.replaces.entered))
                return 0
            saved = outcome.saved[0]
            say(msg("prompt.saved", id=ind.id, period=saved.period, entered=saved.entered))
            return 1
        except LiupiError as exc:
            say(i18n_line("error", exc.message, lang) + (f" ({i18n_line('hint', exc.hint, lang)})" if exc.hint else ""))


def _read_answer(prompt: str) -> str:
    """One line typed at the prompt ('' at the end of input). At a terminal the wait is a select() that a
    signal wakes too: input() can miss a Ctrl-C that lands between writing the prompt and starting to read,
    and then waits for a line that never comes."""
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # a stand-in stdin (tests): nothing to wait on
        try:
            return input(prompt)
        except EOFError:
            return ""
    import select
    import signal

    sys.stdout.write(prompt)
    sys.stdout.flush()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    before = signal.set_wakeup_fd(wake_w)
    try:
        while fd not in select.select([fd, wake_r], [], [])[0]:
            os.read(wake_r, 64)  # a signal came: its handler (Ctrl-C: KeyboardInterrupt) runs right after
        return sys.stdin.readline()
    finally:
        signal.set_wakeup_fd(before)
        os.close(wake_r)
        os.close(wake_w)


def _latest(current: dict) -> str:
    figures = sorted(((parse_period(r.period), r) for r in current.values() if not r.baseline), key=lambda f: f[0])
    return f"{figures[-1][1].entered} ({figures[-1][1].period})" if figures else ""


def template(
    ctx: typer.Context,
    period: str = typer.Option(..., "--period", "-p", help="The period the bureau reports."),
    out: Path = typer.Option(..., "--out", "-o", help="An .xlsx or .csv file to write."),
    battle: str | None = typer.Option(None, "--battle", "-b",
                                         help="Only indicators of this battle (id, number 1-6 or Chinese name)."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="Only indicators this unit leads."),
) -> None:
    """Write a fill-in sheet of the indicators due for a period; a bureau fills the 数值 column.

    Example: liupi template --period 2023-06 --unit 县人社局 --out renshe-2023-06.xlsx
    """
    from liupi_cli.atomic import write_atomic
    from liupi_cli.template import template_csv, template_rows, template_xlsx

    st = state(ctx)
    lang = st.document_lang("zh")  # headings 指标 · 数值 · 单位 · 期间 … unless --lang or $LIUPI_LANG says en
    st.check_out(out)
    plan = st.plan()
    p = parse_period(period, plan.info.year)
    rows = template_rows(plan, p, lang, battle, unit)
    rows = [{k: xlsx_cell(v) for k, v in row.items()} for row in rows]  # plan text inert in the sheet
    suffix = out.suffix.lower()
    if suffix == ".csv":
        data: bytes | str = template_csv(rows, lang)
    elif suffix == ".xlsx":
        who = plan.unit_name(plan.unit_id(unit)) if unit else ""
        with writing(out):  # openpyxl spools sheets to temporary files: a full disk can strike here too
            data = template_xlsx(rows, lang, xlsx_cell(f"{plan.info.title_zh} {who} {p.label_zh} 数据填报"
                                                       .replace("  ", " ")))
    else:
        raise InputRefused(msg("template.suffix", suffix=suffix), msg("template.suffix.hint"))
    with writing(out):
        write_atomic(out, data, encoding="utf-8")
    say(msg("said.template_written", path=out, rows=len(rows), period=p.key,
            column="数值" if lang == "zh" else "value"))


task_app = typer.Typer(help="Record task progress.", no_args_is_help=True)


@task_app.command("set")
def task_set(
    ctx: typer.Context,
    task_id: str = typer.Argument(..., help="Task id, e.g. a2-1.1.3."),
    status: str = typer.Option(..., "--status", "-s", help="not_started | in_progress | done | blocked"),
    percent: float | None = typer.Option(None, "--percent", help="Share done, 0–100."),
    note: str | None = typer.Option(None, "--note"),
    date: str | None = typer.Option(None, "--date", help="As of this date (YYYY-MM-DD). Default: today."),
    by: str | None = ByOpt,
) -> None:
    """Record a task's status.

    Example: liupi task set a7-1.1.1 --status in_progress --percent 40 --note "1,500 jobs so far"
    """
    st = state(ctx)
    plan = st.plan()
    tid = plan.task_id(task_id)
    from liupi_cli.store import check_task_status

    check_task_status(status, percent)
    try:
        day = dt.date.fromisoformat(date) if date else today()
    except ValueError:
        raise InputRefused(msg("date.unreadable", text=date), msg("date.unreadable.hint")) from None
    year = plan.info.year
    if not year - 1 <= day.year <= year + 5:
        raise InputRefused(msg("date.outside", date=day, first=year - 1, last=year + 5), msg("date.outside.hint"))
    with _store(st) as store:
        saved = store.set_task(tid, day, status, percent, note, _by(by), _now())
    say(msg("said.task_recorded", id=tid, status=msg(f"word.{status}"), percent=f" {percent:g}%" if percent is not None
            else "", date=day, update=saved.id))


def history(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="An indicator id or Chinese name, or a task id."),
    fmt: str | None = format_option(*HISTORY_FORMATS, default="table"),
) -> None:
    """Show every record of an indicator or a task, revisions marked.

    Example: liupi history gdp_growth
    """
    st = state(ctx)
    fmt = pick_format(fmt, None, HISTORY_FORMATS)
    st.json_errors = fmt is Fmt.json
    plan = st.plan()
    from liupi_cli.render.history_text import RECORD_COLUMNS, TASK_COLUMNS

    is_task = item in plan.tasks
    iid = item if is_task else _history_item(plan, item)
    cols = TASK_COLUMNS if is_task else RECORD_COLUMNS
    rows: list = []
    store = st.open_store(write=False)
    if store:
        with store:
            rows = store.task_updates(iid) if is_task else store.records(iid)
    if fmt is Fmt.table and not rows:
        say(msg("said.no_task_update", id=iid) if is_task else
            msg("said.no_record", id=iid, name=plan.indicators[iid].name_zh))
        return
    from liupi_cli.recording import forced
    from liupi_cli.render.rows import History

    marked = forced(plan, rows) if fmt is Fmt.table and not is_task else frozenset()
    emit(History(rows, cols, marked), fmt, lang=st.lang)
    say(msg("said.n_records", count=len(rows)))


def _history_item(plan, item: str) -> str:
    """The indicator id; a mistyped task id (a7-1.1.1x) gets task suggestions, not `liupi targets`."""
    from liupi_cli.errors import UnknownId

    try:
        return plan.indicator_id(item)
    except UnknownId as exc:
        if exc.suggestions:
            raise
        try:
            plan.task_id(item)
        except UnknownId as task_exc:
            if task_exc.suggestions:
                raise UnknownId("indicator or task", item, task_exc.suggestions) from None
        raise


def export(
    ctx: typer.Context,
    fmt: str | None = format_option(*EXPORT_FORMATS, default="from --out, else csv"),
    out: Path | None = out_option("Write to FILE (needed for xlsx); the format follows its extension."),
) -> None:
    """Export every record, current and superseded, and every task update.

    Example: liupi export --out records-2023.xlsx
    """
    st = state(ctx)
    fmt = st.out_format(fmt or (None if out else Fmt.csv), out, EXPORT_FORMATS)
    records, tasks = [], []
    store = st.open_store(write=False)
    if store:
        with store:
            records, tasks = store.records(), store.task_updates()
    rec_cols = list(records[0].model_dump()) if records else ["id", "indicator", "period", "value"]
    from liupi_cli.render.rows import Export
    from liupi_cli.store import TaskUpdate

    emit(Export(st.plan().info.id, records, tasks, rec_cols, list(TaskUpdate.model_fields)), fmt, out,
         example="store_export")
    if fmt is Fmt.csv and tasks:  # one CSV holds one table: say where the task updates are, never drop them quietly
        say(msg("said.exported_csv", records=len(records), tasks=len(tasks)))
    else:
        say(msg("said.exported", records=len(records), tasks=len(tasks)))


def register(app: typer.Typer) -> None:
    app.command(context_settings={"ignore_unknown_options": True})(update)
    app.command()(template)
    app.add_typer(task_app, name="task")
    app.command()(history)
    app.command()(export)

