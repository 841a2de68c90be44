"""Commands that write or read records: update, template, task set, history, export."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from liupi_cli.cli.clock import today
from liupi_cli.cli.context import State, state
from liupi_cli.cli.i18n import current_lang
from liupi_cli.cli.i18n import line as i18n_line
from liupi_cli.cli.output import (
    Fmt,
    dump_json,
    emit_rows,
    paint,
    pick_format,
    rows_to_csv,
    say,
    table_width,
    use_colour,
    write_out,
    writing,
)
from liupi_cli.errors import InputRefused, LiupiError, UsageProblem
from liupi_cli.periods import parse_period
from liupi_cli.render.safe import inert, xlsx_cell

if TYPE_CHECKING:  # the core is imported by the command that uses it, so `--help` stays light
    from liupi_cli.store import Store

ByOpt = typer.Option(None, "--by", help="Who records it. Default: $LIUPI_USER, then the OS user.")


def _by(given: str | None) -> str:
    return given or os.environ.get("LIUPI_USER") or getpass.getuser()


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _store(st: State) -> Store:
    """The store, opened for writing."""
    return st.open_store(write=True)


class _NoStore:
    """A dry run before the first figure: nothing is recorded yet, and nothing is created."""

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
    indicator: Optional[str] = typer.Argument(None, help="Indicator id or its exact Chinese name."),
    value: Optional[str] = typer.Argument(None, help="4.5, 4.5%, -0.5, 下降0.5%, 93.44亿元, 2616611万元, 0.9‰, done … "
                                          "(a negative value right after ID, or last after --)"),
    period: Optional[str] = typer.Option(None, "--period", "-p",
                                         help="2023-06, 2023-01/02, 2023Q2, 2023; or 2023年6月, 1-6月, 二季度, 上半年."),
    source: Optional[str] = typer.Option(None, "--source", help="Where the figure comes from, e.g. 县统计局 月报."),
    note: Optional[str] = typer.Option(None, "--note", help="A note kept with the figure."),
    by: Optional[str] = ByOpt,
    revise: bool = typer.Option(False, "--revise", help="Supersede an existing figure (history keeps both)."),
    baseline: bool = typer.Option(False, "--baseline", help="Record last year's same-period figure."),
    force: bool = typer.Option(False, "--force", help="Accept a figure outside the sane bounds; with --note, a "
                                                      "year-to-date figure that falls."),
    file: Optional[Path] = typer.Option(None, "--file", help="Record a whole CSV/XLSX file (all rows or none; "
                                                             "UTF-8, UTF-16 or GBK; 中文 or English headings)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --file or ID VALUE: show what would be recorded, "
                                                          "write nothing."),
    battle: Optional[str] = typer.Option(None, "--battle", "-b", help="Interactive: only this battle."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Interactive: only this lead unit."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Interactive prompts in zh or en (default $LIUPI_LANG, "
                                       "else en)."),
) -> None:
    """Record actual figures: one value, a whole file, or interactively at a terminal.

    Example: liupi update new_urban_jobs 1500 --period 2023-06 --source "县人社局 月报"

    Example: liupi update --file actuals.xlsx --dry-run

    Example: liupi update --period 2023-06 --unit 县发改局   (interactive)
    """
    st = state(ctx)
    if lang is not None:  # --lang also sets the language of refusals, not only of prompts
        st.lang = current_lang(lang)
    if (file is not None or indicator is not None) and (unit or battle):
        which = "--unit" if unit else "--battle"
        raise UsageProblem(f"{which} chooses what interactive update asks for; it does nothing with ID VALUE or --file",
                           "a figure's unit goes with the value (185000万元) or in the file's 单位 column")
    plan = st.plan()
    from liupi_cli.recording import Given

    given = Given(period=period, source=source, note=note, baseline=baseline)
    if file is not None:
        _update_file(st, file, dry_run, revise, force, by, given)
        return
    if indicator and indicator.startswith("-"):  # a value such as -5 or -inf is read as the value, never here
        raise UsageProblem(f"'{indicator}' is neither an option of `liupi update` nor an indicator id",
                           "options are in `liupi update --help`; a negative value follows the id: "
                           "liupi update ID -5 --period 2023-06, or liupi update ID --period 2023-06 -- -5")
    if indicator is not None and value is None:
        raise InputRefused("a value is missing", f"liupi update {indicator} VALUE --period 2023-06")
    if period is None:
        raise UsageProblem("--period is required", "e.g. --period 2023-06 (or 2023-01/02, 2023Q2, 2023)")
    if indicator is None:
        if dry_run:
            raise UsageProblem("--dry-run is for --file or ID VALUE; interactive update saves each answer",
                               "e.g. liupi update new_urban_jobs 1500 --period 2023-06 --dry-run")
        _update_interactive(st, battle, unit, by, given, revise, force, current_lang(lang))
        return
    from liupi_cli.recording import check_changes, make_record

    record = make_record(plan, indicator, value, period, baseline=baseline, source=source, note=note, force=force)
    with (st.open_store(write=False) if dry_run else _store(st)) or _NoStore() as store:
        batch = check_changes(plan, store.current_figures(record.indicator), [(None, record)], revise=revise,
                              force=force, note=note)
        if batch.problems:
            raise InputRefused(batch.problems[0].message, batch.problems[0].hint)
        if batch.unchanged:
            old = batch.unchanged[0].replaces
            say(f"unchanged: {record.indicator} {record.period}{' baseline' if record.baseline else ''} already has "
                f"{old.entered}, recorded by {old.recorded_by} at {old.recorded_at}")
            return
        if dry_run:
            old = batch.changes[0].replaces
            change = f"{old.entered} -> {record.entered}" if old else record.entered
            print(inert(f"{record.indicator}\t{record.period}{' baseline' if record.baseline else ''}\t{change}"))
            say(f"dry run: 1 figure would be {'revised' if old else 'recorded'}; nothing was written")
            return
        saved = store.add(record, _by(by), _now(), revise=revise)
    ind = plan.indicators[saved.indicator]
    converted = f" (= {saved.value:g}{ind.unit or ''})" if saved.entered_unit not in (None, ind.unit) else ""
    what = "revised" if saved.supersedes else "recorded"
    say(f"{what} {saved.indicator} {saved.period}{' baseline' if saved.baseline else ''}: "
        f"{saved.entered}{converted} by {saved.recorded_by} (record {saved.id})")


def _update_file(st: State, file: Path, dry_run: bool, revise: bool, force: bool, by: str | None,
                 given) -> None:
    from liupi_cli.recording import prepare_batch
    from liupi_cli.tables import read_table

    plan = st.plan()
    table = read_table(file)
    say(f"read {file}: {table.read_as}")
    with (st.open_store(write=False) if dry_run else _store(st)) or _NoStore() as store:
        batch = prepare_batch(plan, store.current_figures(), table.rows, revise=revise, force=force, given=given)
        problems = sorted(table.problems + batch.problems, key=lambda p: p.row)
        if problems:
            from liupi_cli.cli.i18n import row_line

            for p in problems:
                print(row_line(file, p.row, p.message, p.hint, st.lang), file=sys.stderr)
            raise InputRefused(f"{file}: {len(problems)} bad row(s); nothing was recorded",
                               "fix the rows listed above and run again")
        unchanged = f"; {len(batch.unchanged)} unchanged" if batch.unchanged else ""
        unchanged += f"; {batch.no_figure} row(s) without a figure" if batch.no_figure else ""
        if dry_run:
            for c in batch.changes:
                r = c.record
                change = f"{c.replaces.entered} -> {r.entered}" if c.replaces else r.entered
                print(inert(f"{r.indicator}\t{r.period}{' baseline' if r.baseline else ''}\t{change}"))
            say(f"dry run: {len(batch.changes)} figure(s) would be recorded{unchanged}; nothing was written")
            return
        if batch.changes:
            store.add_many(batch.records, _by(by), _now(), revise=revise, batch=f"{file.name}@{_now()}")
    revised = sum(1 for c in batch.changes if c.replaces)
    say(f"recorded {len(batch.changes)} figure(s) from {file}" + (f" ({revised} revised)" if revised else "")
        + unchanged)


# What interactive `update` says, in English and Chinese (prompts and confirmations; errors go through i18n).
SAY = {
    "en": {"intro": "{n} indicator(s) due for {period}. Enter a value, or press Enter to skip. Ctrl-C stops; "
                    "what you entered is kept.",
           "prompt": "{id} {name} [target {target}; last {last}] {period}: ",
           "none": "none", "unchanged": "unchanged: {id} {period} already has {entered}",
           "saved": "saved {id} {period}: {entered}",
           "stopped": "\nstopped: recorded {n} figure(s); everything entered so far is kept",
           "done": "recorded {n} figure(s)",
           "revise": "enter another figure or press Enter to skip; to replace the recorded one, afterwards run: "
                     "liupi update {id} {value} --period {period} --revise",
           "force": "enter another figure or press Enter to skip; if the figure really fell, afterwards run: "
                    "liupi update {id} {value} --period {period} --force --note \"why it fell\""},
    "zh": {"intro": "{period}应报指标{n}项。输入数值后回车；直接回车跳过；Ctrl-C 结束，已输入的数据都会保留。",
           "prompt": "{id} {name} [目标 {target}；上次 {last}] {period}：",
           "none": "无", "unchanged": "未变：{id} {period} 已是 {entered}",
           "saved": "已保存 {id} {period}：{entered}",
           "stopped": "\n已停止：共保存 {n} 项数据，已输入的都已保留",
           "done": "共保存 {n} 项数据",
           "revise": "可重新输入或直接回车跳过；如需替换已报数据，之后运行：liupi update {id} {value} --period {period} --revise",
           "force": "可重新输入或直接回车跳过；如数据确实回落，之后运行：liupi update {id} {value} --period {period} "
                    "--force --note \"回落原因\""},
}


def _update_interactive(st: State, battle: str | None, unit: str | None, by: str | None, given,
                        revise: bool = False, force: bool = False, lang: str = "en") -> None:
    if not _stdin_is_terminal():
        raise InputRefused("interactive update needs a terminal",
                           "give ID VALUE on the command line, or --file FILE")
    import gc
    import signal

    gc.enable()  # a session at the keyboard may last long: collect as usual (see main)
    # Ctrl-C stops the session (exit 130, what was entered kept), even when liupi was started with SIGINT
    # ignored (a job started in the background by a script, fed through a pipe or a pseudo-terminal).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    words = SAY[lang]
    plan = st.plan()
    period = parse_period(given.period, plan.info.year - 1 if given.baseline else plan.info.year)
    from liupi_cli.recording import due_indicators

    due = due_indicators(plan, period, battle, unit)
    saved = 0
    say(words["intro"].format(n=len(due), period=period.key))
    with _store(st) as store:
        try:
            for ind in due:
                saved += _ask(st, store, ind, period.key, by, given, revise, force, lang)
        except KeyboardInterrupt:
            say(words["stopped"].format(n=saved))
            raise typer.Exit(130) from None
    say(words["done"].format(n=saved))


def _ask(st: State, store: Store, ind, period: str, by: str | None, given, revise: bool, force: bool,
         lang: str = "en") -> int:
    """Prompt for one indicator until a valid value or a blank; returns how many were saved (0 or 1)."""
    from liupi_cli.recording import check_changes, make_record

    words = SAY[lang]
    plan = st.plan()
    current = store.current_figures(ind.id)
    last = _latest(current) or words["none"]
    target = f"{ind.target:g}{ind.unit or ''}" if ind.target is not None else "—"
    prompt = words["prompt"].format(id=ind.id, name=ind.name_zh, target=target, last=last, period=period)
    while True:
        try:
            answer = input(inert(prompt)).strip()
        except EOFError:
            answer = ""
        if not answer:
            return 0
        try:
            record = make_record(plan, ind.id, answer, period, baseline=given.baseline, source=given.source,
                                 note=given.note, force=force)
            batch = check_changes(plan, current, [(None, record)], revise=revise, force=force, note=given.note)
            if batch.problems:
                problem = batch.problems[0]
                if problem.needs in ("revise", "force"):  # options cannot be given at a prompt: say what to run
                    say(i18n_line("error", problem.message, lang) + " (" + words[problem.needs].format(
                        id=ind.id, value=shlex.quote(answer), period=period) + ")")
                    continue
                raise InputRefused(problem.message, problem.hint)
            if batch.unchanged:
                say(words["unchanged"].format(id=ind.id, period=record.period,
                                              entered=batch.unchanged[0].replaces.entered))
                return 0
            store.add(record, _by(by), _now(), revise=revise)
            say(words["saved"].format(id=ind.id, period=record.period, entered=record.entered))
            return 1
        except LiupiError as exc:
            say(i18n_line("error", exc.message, lang) + (f" ({i18n_line('hint', exc.hint, lang)})" if exc.hint else ""))


def _latest(current: dict) -> str:
    figures = sorted(((parse_period(r.period), r) for r in current.values() if not r.baseline), key=lambda f: f[0])
    return f"{figures[-1][1].entered} ({figures[-1][1].period})" if figures else ""


def template(
    ctx: typer.Context,
    period: str = typer.Option(..., "--period", "-p", help="The period the bureau reports."),
    out: Path = typer.Option(..., "--out", "-o", help="An .xlsx or .csv file to write."),
    battle: Optional[str] = typer.Option(None, "--battle", "-b",
                                         help="Only indicators of this battle (id, number 1-6 or Chinese name)."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only indicators this unit leads."),
    lang: str = typer.Option("zh", "--lang", help="Headings: zh (指标 · 数值 · 单位 · 期间 …) or en."),
) -> None:
    """Write a fill-in sheet of the indicators due for a period; a bureau fills the 数值 column.

    Example: liupi template --period 2023-06 --unit 县人社局 --out renshe-2023-06.xlsx
    """
    from liupi_cli.atomic import write_atomic
    from liupi_cli.template import template_csv, template_rows, template_xlsx

    if lang not in ("zh", "en"):
        raise UsageProblem(f"--lang {lang}: choose zh or en")
    st = state(ctx)
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
        raise InputRefused(f"cannot write a template as '{suffix}'", "use --out FILE.xlsx or FILE.csv")
    with writing(out):
        write_atomic(out, data, encoding="utf-8")
    say(f"wrote {out}: {len(rows)} row(s) due for {p.key}; fill the {'数值' if lang == 'zh' else 'value'} column, "
        f"then `liupi update --file {out}`")


task_app = typer.Typer(help="Record task progress.", no_args_is_help=True)


@task_app.command("set")
def task_set(
    ctx: typer.Context,
    task_id: str = typer.Argument(..., help="Task id, e.g. a2-1.1.3."),
    status: str = typer.Option(..., "--status", "-s", help="not_started | in_progress | done | blocked"),
    percent: Optional[float] = typer.Option(None, "--percent", help="Share done, 0–100."),
    note: Optional[str] = typer.Option(None, "--note"),
    date: Optional[str] = typer.Option(None, "--date", help="As of this date (YYYY-MM-DD). Default: today."),
    by: Optional[str] = ByOpt,
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
        raise InputRefused(f"cannot read date '{date}'", "write it as 2023-06-30") from None
    year = plan.info.year
    if not year - 1 <= day.year <= year + 5:
        raise InputRefused(f"date {day} is outside {year - 1}..{year + 5}", "check the year")
    with _store(st) as store:
        saved = store.set_task(tid, day, status, percent, note, _by(by), _now())
    say(f"recorded {tid} {status}{f' {percent:g}%' if percent is not None else ''} as of {day} (update {saved.id})")


def history(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="An indicator id or Chinese name, or a task id."),
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="table | csv | json"),
) -> None:
    """Show every record of an indicator or a task, revisions marked.

    Example: liupi history gdp_growth
    """
    st = state(ctx)
    fmt = pick_format(fmt, None, (Fmt.table, Fmt.csv, Fmt.json))
    st.json_errors = fmt is Fmt.json
    plan = st.plan()
    from liupi_cli.render.history_text import RECORD_COLUMNS, TASK_COLUMNS, history_lines

    is_task = item in plan.tasks
    iid = item if is_task else _history_item(plan, item)
    cols = TASK_COLUMNS if is_task else RECORD_COLUMNS
    rows: list = []
    store = st.open_store(write=False)
    if store:
        with store:
            rows = store.task_updates(iid) if is_task else store.records(iid)
    if fmt is Fmt.table:
        if not rows:
            say(f"{iid}: no task update yet" if is_task else f"{iid} {plan.indicators[iid].name_zh}: no record yet")
            return
        from liupi_cli.recording import forced

        marked = frozenset() if is_task else forced(plan, rows)
        write_out("\n".join(history_lines(rows, cols, table_width(), paint if use_colour() else None, marked))
                  + "\n", None)
    else:
        emit_rows(rows, cols, cols, fmt)
    say(f"{len(rows)} record(s)")


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
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="csv | json | xlsx (default from --out, else csv)"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to FILE (needed for xlsx)."),
) -> None:
    """Export every record, current and superseded, and every task update.

    Example: liupi export --out records-2023.xlsx
    """
    st = state(ctx)
    fmt = st.out_format(fmt or (None if out else Fmt.csv), out, (Fmt.csv, Fmt.json, Fmt.xlsx))
    records, tasks = [], []
    store = st.open_store(write=False)
    if store:
        with store:
            records, tasks = store.records(), store.task_updates()
    rec_cols = list(records[0].model_dump()) if records else ["id", "indicator", "period", "value"]
    if fmt is Fmt.json:
        write_out(dump_json({"plan": st.plan().info.id, "records": records, "task_updates": tasks}), out)
    elif fmt is Fmt.csv:
        write_out(rows_to_csv(records, rec_cols), out)
    else:
        if out is None:
            raise InputRefused("xlsx needs --out FILE.xlsx")
        from liupi_cli.render.tables_xlsx import tables_to_xlsx
        from liupi_cli.store import TaskUpdate

        data = tables_to_xlsx([("records", rec_cols, (r.model_dump() for r in records)),
                               ("task_updates", list(TaskUpdate.model_fields), (t.model_dump() for t in tasks))])
        write_out(data, out)
    if fmt is Fmt.csv and tasks:  # one CSV holds one table: say where the task updates are, never drop them quietly
        say(f"{len(records)} record(s); {len(tasks)} task update(s) not in the CSV: "
            "`liupi export --format json` or `--out FILE.xlsx` holds them too")
    else:
        say(f"{len(records)} record(s), {len(tasks)} task update(s)")


def register(app: typer.Typer) -> None:
    app.command(context_settings={"ignore_unknown_options": True})(update)
    app.command()(template)
    app.add_typer(task_app, name="task")
    app.command()(history)
    app.command()(export)

