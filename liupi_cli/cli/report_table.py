"""The report table at a terminal: the plain text renderer, coloured with ANSI codes when stdout is a
terminal (never when piped, never with NO_COLOR), as wide as the terminal or ``$COLUMNS``, else 100."""

from __future__ import annotations

import os
import shutil
import sys

from liupi_cli.render.labels import has_figures
from liupi_cli.render.text import to_text
from liupi_cli.report.model import Report

ANSI = {"red": "1;31", "yellow": "1;33", "green": "1;32", "grey": "2", "dim": "2", "bold": "1"}
DEFAULT_WIDTH = 100

NEXT_STEP = {
    "en": ("Nothing is recorded for {period} yet. Next: record figures with `liupi update ID VALUE --period "
           "{period}` (or a fill-in sheet: `liupi template --period {period} --out sheet.xlsx`), or try the "
           "sample figures: `liupi init demo --demo`.",
           "Tip: `--light red,yellow` shows only the targets that need attention."),
    "zh": ("{label}尚未录入任何数据。下一步：用 `liupi update 指标 数值 --period {period}` 录入（或生成填报表："
           "`liupi template --period {period} --out sheet.xlsx`），或先试用示例数据：`liupi init demo --demo`。",
           "提示：加 `--light red,yellow` 只看需要关注的指标。"),
}


def table_width(stream=None) -> int:
    """A terminal's own width; otherwise ``$COLUMNS``; otherwise 100."""
    stream = stream or sys.stdout
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if stream.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _paint(text: str, style: str | None) -> str:
    code = ANSI.get(style or "")
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


def next_steps(report: Report, lang: str) -> list[str]:
    """On a first run (no figure at all for the period), what to do next."""
    if has_figures(report):
        return []
    label = report.period_label_zh if lang == "zh" else report.period_label_en
    return [line.format(period=report.period, label=label) for line in NEXT_STEP[lang]]


def render(report: Report, lang: str = "en", width: int | None = None, colour: bool = False) -> str:
    return to_text(report, lang, width or table_width(), paint=_paint if colour else None,
                   lead=next_steps(report, lang))
