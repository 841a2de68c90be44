"""`liupi collect` and `liupi rank`: a city collects its counties' figures and ranks them (排名通报).

The core lives in liupi_cli/city (decomposition, collect, roll-up, scoring, ranking); render/city_doc lays the
models out and the shared format dispatch (cadence_cmds._emit_doc) draws them, docx in 公文 layout included.
This module parses options, reads the clock, and maps outcomes to exit codes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from liupi_cli.cli.cadence_cmds import Lang, _emit_doc
from liupi_cli.cli.clock import today
from liupi_cli.cli.context import state
from liupi_cli.cli.output import Fmt, pick_format, say
from liupi_cli.errors import ExitCode, UsageProblem

RANK_FORMATS = (Fmt.table, Fmt.markdown, Fmt.csv, Fmt.json, Fmt.xlsx, Fmt.html, Fmt.docx)


def _city(st):
    from liupi_cli.city.load import open_city

    ws = st.data_dir
    return open_city(ws.path, ws.root)


def collect(
    ctx: typer.Context,
    county: Optional[str] = typer.Option(None, "--county", "-c", help="Only this county (its id in city.yaml)."),
    file: Optional[Path] = typer.Option(None, "--file", help="With --county: the file received from it (`liupi "
                                        "export --format json` output), instead of its source in city.yaml."),
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="table | json (default table)."),
) -> None:
    """Collect the counties' figures into the city's store (data/collected.db), each with its origin.

    Each county's workspace folder or exported file (city.yaml counties: source:) is read whole and checked
    against the decomposition; collecting again adds only what is new or changed. A file that is malformed,
    cut short, another plan's or another year's is refused whole (one line naming it, exit 1); the other
    counties are collected all the same.

    Example: liupi collect

    Example: liupi collect --county lengshuitan --file lengshuitan-2023-06.json
    """
    from liupi_cli.city.collect import collect as run_collect
    from liupi_cli.city.collected import CollectedStore
    from liupi_cli.render.city_doc import collect_doc

    st = state(ctx)
    fmt = pick_format(fmt, None, (Fmt.table, Fmt.json))
    st.json_errors = fmt is Fmt.json
    city = _city(st)
    config = city.config
    if file is not None and county is None:
        raise UsageProblem("--file needs --county: whose file it is", "liupi collect --county ID --file FILE")
    if county is not None and config.county(county) is None:
        raise UsageProblem(f"unknown county '{county}'", "one of " + ", ".join(c.id for c in config.counties))
    if file is not None:
        counties = [c.model_copy(update={"source": str(file.resolve())}) if c.id == county else c
                    for c in config.counties]
        config = config.model_copy(update={"counties": counties})
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with CollectedStore(city.collected_path, config.city.name_zh) as store:
        result = run_collect(config, city.decomposition, city.root, store, now, only=[county] if county else None)
    _emit_doc(collect_doc(result), result, fmt, None)
    added = sum(c.added for c in result.counties)
    unchanged = sum(c.unchanged for c in result.counties)
    say(f"collected {added} new or changed figure(s) from {len(result.counties) - len(result.refused)} "
        f"county(ies); {unchanged} unchanged; {len(result.refused)} refused")
    for c in result.refused:
        say(f"refused: {c.refused}")
    if result.refused:
        raise typer.Exit(ExitCode.INVALID)


def rank(
    ctx: typer.Context,
    month: str = typer.Option(..., "--month", "-m", help="The month ranked, e.g. 2023-06 (figures up to it)."),
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="table | markdown | csv | json | xlsx | html | "
                                      "docx (default table, or from --out)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to FILE; the format follows its extension."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="zh (default: the circular is in Chinese) or en."),
    date: Optional[str] = typer.Option(None, "--date", help="The date under the 落款 (docx), e.g. 2023-07-20. "
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
    from liupi_cli.render.city_doc import ranking_doc

    st = state(ctx)
    fmt = st.out_format(fmt, out, RANK_FORMATS)
    period = option_period("--month", month)
    if period.grain != "month":
        raise UsageProblem(f"--month {month} is not a month", "e.g. --month 2023-06")
    try:
        signed = dt.date.fromisoformat(date) if date else today()
    except ValueError:
        raise UsageProblem(f"--date {date} is not a date", "e.g. --date 2023-07-20") from None
    city = _city(st)
    if period.year != city.config.city.year:
        raise UsageProblem(f"--month {month} is outside the city's year {city.config.city.year}",
                           f"e.g. --month {city.config.city.year}-06")
    with CollectedStore(city.collected_path, city.config.city.name_zh, readonly=True) as store:
        figures = store.current()
    ranking = build_ranking(city.config, city.plan, city.decomposition, FigureIndex(figures), period,
                            _city_figures(st), lang.value)
    gongwen = {"date": signed, "recipients": city.config.city.recipients, "issuer": city.config.city.issuer}
    _emit_doc(ranking_doc(ranking, lang.value), ranking, fmt, out, lang.value, gongwen=gongwen)
    if not any(s.value is not None for c in ranking.counties for s in c.scores):
        say(f"no county figure is collected for {period.key}: every county scored 0 (`liupi collect` first)")
        raise typer.Exit(ExitCode.EMPTY)


def _city_figures(st) -> dict[tuple[str, str], float]:
    """The city's own recorded figures (its statistics bureau's), for rules that compare with the city."""
    from liupi_cli.cli.cadence_cmds import load_records

    records, _ = load_records(st)
    return {(r.indicator, r.period): r.value for r in records if r.current and not r.baseline}


def register(app: typer.Typer) -> None:
    app.command()(collect)
    app.command()(rank)
