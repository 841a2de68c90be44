"""The report table at a terminal: the plain text renderer, coloured with ANSI codes when stdout is a
terminal (never when piped, never with NO_COLOR), as wide as the terminal or ``$COLUMNS``, else 100."""

from __future__ import annotations

from liupi_cli.cli.output import paint, table_width
from liupi_cli.render.labels import has_figures
from liupi_cli.report.model import Report

NEXT_STEP = {
    "en": ("Nothing is recorded for {period} yet. Next: record figures with `liupi update ID VALUE --period "
           "{period}` (or a fill-in sheet: `liupi template --period {period} --out sheet.xlsx`), or try the "
           "sample figures: `liupi init demo --demo`.",
           "Tip: `--light red,yellow` shows only the targets that need attention."),
    "zh": ("{label}尚未录入任何数据。下一步：用 `liupi update 指标 数值 --period {period}` 录入（或生成填报表："
           "`liupi template --period {period} --out sheet.xlsx`），或先试用示例数据：`liupi init demo --demo`。",
           "提示：加 `--light red,yellow` 只看需要关注的指标。"),
}


def next_steps(report: Report, lang: str) -> list[str]:
    """On a first run (no figure at all for the period), what to do next."""
    if has_figures(report):
        return []
    label = report.period_label_zh if lang == "zh" else report.period_label_en
    return [line.format(period=report.period, label=label) for line in NEXT_STEP[lang]]


def render(report: Report, lang: str = "en", width: int | None = None, colour: bool = False) -> str:
    from liupi_cli.render.registry import Fmt, render

    return render(report, Fmt.table, lang=lang, width=width or table_width(), paint=paint if colour else None,
                  lead=next_steps(report, lang))
