"""Commands that read the plan: check, info, targets, tasks."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import typer

from liupi_cli.cli.clock import today
from liupi_cli.cli.context import state
from liupi_cli.cli.options import format_option, out_option
from liupi_cli.cli.output import Fmt, emit_rows, say
from liupi_cli.errors import ExitCode
from liupi_cli.listing import list_indicators, list_tasks
from liupi_cli.messages import Msg, msg
from liupi_cli.models import Kind
from liupi_cli.plan import check_plan
from liupi_cli.render.safe import inert, one_line

LIST_FORMATS = (Fmt.table, Fmt.csv, Fmt.json)

FormatOpt = format_option(*LIST_FORMATS)
OutOpt = out_option("Write to FILE instead of stdout; the format follows its extension.")
BattleOpt = typer.Option(None, "--battle", "-b", help="Battle id (growth…livelihood), number 1-6 or Chinese name.")
UnitOpt = typer.Option(None, "--unit", "-u", help="Unit ascii id or Chinese name, e.g. fgj or 县发改局.")
KindOpt = typer.Option(None, "--kind", "-k", help="Indicator kind: " + ", ".join(k.value for k in Kind))


def check(ctx: typer.Context) -> None:
    """Validate the plan files and list every problem at once.

    Example: liupi check --data-dir data
    """
    from liupi_cli.cli.i18n import PREFIX, problem_text
    from liupi_cli.rollover import to_be_set_count

    st = state(ctx)
    dd = st.data_dir
    plan, problems = check_plan(dd.path)
    if (dd.path / "city.yaml").is_file():  # a city workspace: its settings and decomposition too
        from liupi_cli.city.load import check_city

        problems = problems + check_city(dd.path, dd.root)
    errors = [p for p in problems if p.severity == "error"]
    sep = "：" if st.lang == "zh" else ": "
    if plan is not None and (pending := to_be_set_count(plan)):  # a new year's plan: its count first, then each
        print(msg("cli.check.pending", count=pending).text(st.lang))
    for p in problems:
        print(one_line(f"{PREFIX[st.lang].get(p.severity, p.severity)}{sep}{problem_text(p, st.lang)}"))
    say(msg("plan.check_summary", where=dd.path, title=dd.origin, errors=len(errors),
            warnings=len(problems) - len(errors)))
    if errors:
        raise typer.Exit(ExitCode.INVALID)


def info(ctx: typer.Context) -> None:
    """Show which plan is in use, where it came from, its counts and where records are kept.

    Example: liupi info
    """
    st = state(ctx)
    plan = st.plan()
    dd = st.data_dir
    kinds = Counter(i.kind.value for i in plan.indicators.values())
    lines = [msg("cli.info.workspace", root=dd.root, settings=dd.settings)] if dd.settings else []
    lines += [
        msg("cli.info.data_dir", path=dd.path, origin=dd.origin),
        msg("cli.info.plan", id=plan.info.id, title=plan.info.title_zh, doc_no=plan.info.doc_no or ""),
        msg("cli.info.year", year=plan.info.year),
        msg("cli.info.battles", count=len(plan.battles)),
        msg("cli.info.units", count=len(plan.units)),
        msg("cli.info.indicators", count=len(plan.indicators), kinds=_kinds_said(kinds, st.lang)),
        msg("cli.info.tasks", count=len(plan.tasks)),
        msg("cli.info.conflicts", count=sum(1 for i in plan.indicators.values() if i.alternatives)),
    ]
    store_lines, problem = _store_lines(st)
    print(inert("\n".join(line.text(st.lang) for line in [*lines, *store_lines])))
    if problem is not None:  # the plan is described all the same; the store's trouble is the exit code's
        raise problem


def _kinds_said(kinds: Counter, lang: str) -> str:
    """How many indicators of each kind: by their keys in English (ceiling 1, cumulative 2), else by their words."""
    if lang == "en":
        return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    from liupi_cli.render.labels import KIND

    return "，".join(f"{KIND[lang].get(k, k)} {n}" for k, n in sorted(kinds.items()))


def _store_lines(st) -> tuple[list[Msg], Exception | None]:
    """The store in use, then every store of this plan seen on this computer (reading never creates one); and
    the store's error when it cannot be read (a server that is down, a --db that does not exist)."""
    from liupi_cli.errors import StoreError
    from liupi_cli.registry import survey

    loc = st.store_location()
    problem = None
    try:
        store = st.open_store(write=False)
        if store is None:
            what = msg("cli.info.not_created")
        else:
            with store:
                what = _counts(*store.summary())
    except StoreError as exc:  # a server that is down, a store that cannot be read: said here, the rest still shown
        what, problem = msg("cli.info.cannot_read", problem=exc.args[0]), exc
    lines = [msg("cli.info.records", path=loc.path, origin=loc.origin, what=what)]
    plan_id = st.plan().info.id
    known = survey(plan_id, os.environ)
    if known:
        lines.append(msg("cli.info.stores", plan=plan_id))
        here = os.path.realpath(loc.path)
        for k in known:
            what = (msg("cli.info.cannot_read", problem=k.problem) if k.problem
                    else _counts(k.figures, k.task_updates, k.last_recorded))
            mark = msg("cli.info.in_use") if os.path.realpath(k.path) == here else ""
            lines.append(msg("cli.info.store", path=k.path, what=what, mark=mark))
    return lines, problem


def _counts(figures: int, updates: int, last: str | None) -> Msg:
    return msg("cli.info.counts", figures=figures, updates=updates,
               last=msg("cli.info.last", last=last) if last else "")


def targets(
    ctx: typer.Context,
    battle: str | None = BattleOpt,
    unit: str | None = UnitOpt,
    kind: str | None = KindOpt,
    fmt: str | None = FormatOpt,
    out: Path | None = OutOpt,
) -> None:
    """List the plan's indicators (targets).

    Example: liupi targets --battle growth --kind growth_rate --format json
    """
    st = state(ctx)
    fmt = st.out_format(fmt, out, LIST_FORMATS)
    rows = list_indicators(st.plan(), battle, unit, _kind(kind))
    columns = ["id", "battle", "name_zh", "name_en", "kind", "comparator", "qualifier", "target", "unit",
               "frequency", "due", "lead_unit_zh", "source"]
    _emit(rows, columns + ["alternatives"], columns[:1] + columns[2:3] + columns[4:9] + ["lead_unit_zh", "source"],
          fmt, out, msg("said.n_indicators", count=len(rows)))


def tasks(
    ctx: typer.Context,
    battle: str | None = BattleOpt,
    unit: str | None = UnitOpt,
    kind: str | None = typer.Option(None, "--kind", "-k", help="Only tasks carrying an indicator of this kind."),
    status: str | None = typer.Option(None, "--status", help="Timeline: only tasks whose latest status is one of "
                                         "not_started,in_progress,done,blocked,none (none: never updated)."),
    overdue: bool = typer.Option(False, "--overdue", help="Timeline: only tasks past their deadline and not done."),
    due_within: str | None = typer.Option(None, "--due-within", help="Timeline: only tasks not done whose "
                                             "deadline is within this span: 30d, 2w or 30."),
    as_of: str | None = typer.Option(None, "--as-of", help="Timeline as of this date, YYYY-MM-DD (default today)."),
    fmt: str | None = FormatOpt,
    out: Path | None = OutOpt,
) -> None:
    """List the plan's tasks. With --status, --overdue, --due-within or --as-of: each task on a timeline,
    with its latest status, percent and date, and days overdue or days left (ongoing tasks: days since
    their last update, flagged when none came in 30 days).

    Example: liupi tasks --unit 县发改局 --format csv

    Example: liupi tasks --overdue --as-of 2023-06-30
    """
    st = state(ctx)
    fmt = st.out_format(fmt, out, LIST_FORMATS)
    if status or overdue or due_within or as_of:
        _timeline(st, battle, unit, _kind(kind), status, overdue, due_within, as_of, fmt, out)
        return
    rows = _flag_moved(list_tasks(st.plan(), battle, unit, _kind(kind)), fmt, st.lang)
    columns = ["id", "battle", "source", "title_zh", "lead_units", "responsible_units", "responsible_others",
               "deadline", "deadline_text", "category", "indicators", "summary"]
    _emit(rows, columns, ["id", "title_zh", "lead_units_zh", "deadline", "indicators"], fmt, out,
          msg("said.n_tasks_listed", count=len(rows)))


def _timeline(st, battle, unit, kind, status, overdue, due_within, as_of, fmt: Fmt, out: Path | None) -> None:
    import datetime as dt

    from liupi_cli.cadence.timeline import task_timeline
    from liupi_cli.cli.cadence_cmds import load_records
    from liupi_cli.errors import UsageProblem

    try:
        day = dt.date.fromisoformat(as_of) if as_of else today()  # the clock is read here, at the edge
    except ValueError:
        raise UsageProblem(msg("cli.as_of_not_date", given=as_of), msg("cli.as_of_not_date.hint")) from None
    _, updates = load_records(st)
    lines = task_timeline(st.plan(), updates, day, battle=battle, unit=unit,
                          status=[s.strip() for s in status.split(",")] if status else None,
                          overdue=overdue, due_within=_days(due_within) if due_within else None)
    if kind:
        with_kind = {t.id for t in list_tasks(st.plan(), battle, unit, kind)}
        lines = [t for t in lines if t.id in with_kind]
    lines = _flag_moved(lines, fmt, st.lang)
    columns = ["id", "battle", "title_zh", "lead_units", "deadline", "status", "percent", "updated", "state",
               "days_overdue", "days_left", "days_since_update", "stale"]
    _emit(lines, columns, ["id", "title_zh", "lead_units_zh", "deadline", "status", "percent", "updated", "state",
                           "days_overdue", "days_left", "days_since_update", "stale"], fmt, out,
          msg("said.n_tasks", count=len(lines), date=day.isoformat()))


def _flag_moved(rows: list, fmt: Fmt, lang: str) -> list:
    """In the table, a carried deadline moved by `liupi plan next` reads "2024-12-31 顺延，待确认" until the
    office confirms it (csv and json keep the date; their deadline_text carries the mark)."""
    from liupi_cli.models import deadline_to_confirm

    if fmt in (Fmt.csv, Fmt.json):
        return rows
    flag = msg("cli.moved_to_confirm").text(lang)
    return [r.model_copy(update={"deadline": f"{r.deadline} {flag}"}) if deadline_to_confirm(r.deadline_text)
            else r for r in rows]


def _days(text: str) -> int:
    import re

    from liupi_cli.errors import UsageProblem

    m = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if not m:
        raise UsageProblem(msg("cli.due_within", given=text), msg("cli.due_within.hint"))
    return int(m[1]) * (7 if m[2] == "w" else 1)


def _kind(kind: str | None) -> str | None:
    if kind is None:
        return None
    from liupi_cli.errors import InputRefused

    if kind not in Kind.__members__:
        raise InputRefused(msg("unknown.id", what=msg("word.kind"), given=kind),
                           msg("unknown.hint.one_of", names=", ".join(k.value for k in Kind)))
    return kind


# The ids a task carries wrap (a 48-letter id shortened with …) so that its title keeps its share of the width.
NARROW = {"indicators": 30}


def _emit(rows, csv_columns, table_columns, fmt: Fmt, out: Path | None, count: str) -> None:
    emit_rows(rows, csv_columns, table_columns, fmt, out, max_widths=NARROW)
    say(count)


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(info)
    app.command()(targets)
    app.command()(tasks)
