"""`liupi collect` and `liupi rank`: a city collects its counties' figures and ranks them (排名通报).

The core lives in liupi_cli/city (decomposition, collect, roll-up, scoring, ranking); render/city_doc lays the
models out and the one renderer table (render/registry, through cli/output.emit) draws them, docx in 公文 layout
included.
This module parses options, reads the clock, and maps outcomes to exit codes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from liupi_cli.cli.clock import today
from liupi_cli.cli.context import state
from liupi_cli.cli.options import format_option, grain_checked, out_option
from liupi_cli.cli.output import Fmt, check_destination, emit, pick_format, say
from liupi_cli.errors import ExitCode, UsageProblem
from liupi_cli.messages import msg
from liupi_cli.render.registry import offered

COLLECT_FORMATS = offered("collect")
RANK_FORMATS = offered("rank")


def _city(st):
    from liupi_cli.city.load import open_city

    ws = st.data_dir
    return open_city(ws.path, ws.root)


def collect(
    ctx: typer.Context,
    county: str | None = typer.Option(None, "--county", "-c", help="Only this county (its id in city.yaml)."),
    file: Path | None = typer.Option(None, "--file", help="With --county: the file received from it (`liupi "
                                        "export --format json` output, not its records.db), instead of its source "
                                        "in city.yaml."),
    fmt: str | None = format_option(*COLLECT_FORMATS, default="table"),
) -> None:
    """Collect the counties' figures into the city's store (data/collected.db), each with its origin.

    Each county's workspace folder (its store, a file or a server: the approved figures) or exported file
    (city.yaml counties: source:) is read whole and checked against the decomposition; collecting again adds
    only what is new or changed. A file that is malformed, cut short, another plan's or another year's is
    refused whole (one line naming it, exit 1); a store that cannot be read, one line (exit 4); the other
    counties are collected all the same.

    Example: liupi collect

    Example: liupi collect --county lengshuitan --file lengshuitan-2023-06.json
    """
    from liupi_cli.city.collect import collect as run_collect
    from liupi_cli.city.collected import CollectedStore

    st = state(ctx)
    fmt = pick_format(fmt, None, "collect")
    st.json_errors = fmt is Fmt.json
    city = _city(st)
    config = city.config
    if file is not None and county is None:
        raise UsageProblem(msg("city.file_needs_county"),
                           msg("option.example.hint", example="liupi collect --county ID --file FILE"))
    if county is not None and config.county(county) is None:
        raise UsageProblem(msg("unknown.id", what=msg("word.county"), given=county),
                           msg("unknown.hint.one_of", names=", ".join(c.id for c in config.counties)))
    if file is not None:
        counties = [c.model_copy(update={"source": str(file.resolve())}) if c.id == county else c
                    for c in config.counties]
        config = config.model_copy(update={"counties": counties})
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with CollectedStore(city.collected_path, config.city.name_zh) as store:
        result = run_collect(config, city.decomposition, city.root, store, now, only=[county] if county else None)
    emit(result, fmt, lang=st.lang)
    added = sum(c.added for c in result.counties)
    unchanged = sum(c.unchanged for c in result.counties)
    say(msg("said.collected", added=added, counties=len(result.counties) - len(result.refused), unchanged=unchanged,
            refused=len(result.refused)))
    for c in result.refused:
        say(msg("said.refused", why=c.refused))
    if any(c.unreadable for c in result.counties):
        raise typer.Exit(ExitCode.STORE)
    if result.refused:
        raise typer.Exit(ExitCode.INVALID)


def rank(
    ctx: typer.Context,
    month: str = typer.Option(..., "--month", "-m", help="The month ranked, e.g. 2023-06 (figures up to it)."),
    fmt: str | None = format_option(*RANK_FORMATS),
    out: Path | None = out_option(),
    date: str | None = typer.Option(None, "--date", help="The date under the 落款 (docx), e.g. 2023-07-20. "
                                       "Default: today."),
) -> None:
    """The 排名通报: each county's score on each rule with its working, total, 位次, 进位/退位 against the
    previous month, the top three, and the city roll-up.

    Scoring rules, weights per county class and caps are settings in data/city.yaml (docs/city.md).

    Example: liupi rank --month 2023-06

    Example: liupi rank --month 2023-06 --out 排名通报-2023-06.docx --date 2023-07-20
    """
    from liupi_cli.city.collected import CollectedStore
    from liupi_cli.city.ranking import build_ranking
    from liupi_cli.city.rollup import FigureIndex
    from liupi_cli.cli.report_cmd import option_period

    st = state(ctx)
    lang = st.document_lang("zh")  # the 排名通报 is for the city's office: zh unless --lang or $LIUPI_LANG
    fmt = st.out_format(fmt, out, "rank")
    check_destination(fmt, out, f"排名通报-{month}")
    period = grain_checked("--month", month, option_period("--month", month), "month")
    try:
        signed = dt.date.fromisoformat(date) if date else today()
    except ValueError:
        raise UsageProblem(msg("date.option_not_a_date", option="--date", text=date),
                           msg("option.example.hint", example="--date 2023-07-20")) from None
    city = _city(st)
    if period.year != city.config.city.year:
        raise UsageProblem(msg("city.month_outside", month=month, year=city.config.city.year),
                           msg("option.example.hint", example=f"--month {city.config.city.year}-06"))
    with CollectedStore(city.collected_path, city.config.city.name_zh, readonly=True) as store:
        figures = store.current()
    ranking = build_ranking(city.config, city.plan, city.decomposition, FigureIndex(figures), period,
                            _city_figures(st), lang)
    emit(ranking, fmt, out, lang=lang, date=signed, recipients=city.config.city.recipients,
         issuer=city.config.city.issuer)
    if not any(s.value is not None for c in ranking.counties for s in c.scores):
        say(msg("said.rank_empty", period=period.key))
        raise typer.Exit(ExitCode.EMPTY)


def _city_figures(st) -> dict[tuple[str, str], float]:
    """The city's own recorded figures (its statistics bureau's), for rules that compare with the city."""
    from liupi_cli.cli.cadence_cmds import load_records

    records, _ = load_records(st)
    return {(r.indicator, r.period): r.value for r in records if r.current and not r.baseline}


def register(app: typer.Typer) -> None:
    app.command()(collect)
    app.command()(rank)
