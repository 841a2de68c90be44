"""The report as a terminal table (rich): grouped by battle, lights as coloured words, completion bars."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from liupi_cli.render.labels import (
    LIGHT_WORD,
    WORDS,
    battle_title,
    heading,
    note_text,
    num,
    pts,
    rows_by_battle,
    subheading,
    target_text,
)
from liupi_cli.report.model import Report, Row

STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red", "grey": "dim"}
HEAD = {
    "en": ["Light", "Indicator", "Target", "Actual (period)", "Progress", "Expected", "Gap", "Lead unit", "Note"],
    "zh": ["灯", "指标", "年度目标", "实际(期)", "完成进度", "序时进度", "差距", "牵头单位", "备注"],
}


def bar(row: Row, width: int = 10) -> str:
    if row.completion is None:
        return ""
    filled = max(0, min(width, round(row.completion / 100 * width)))
    return "█" * filled + "░" * (width - filled) + f" {row.completion:.1f}%"


def _gap(row: Row, lang: str) -> str:
    if row.gap is None:
        return ""
    if row.kind in ("cumulative", "growth_rate") or row.unit == "%":
        unit = " pts" if lang == "en" else "个百分点"
        return pts(row.gap) + (unit if row.kind in ("cumulative", "growth_rate") else "")
    return f"{row.gap:+g}"


def render(report: Report, lang: str = "en") -> Group:
    w = WORDS[lang]
    parts: list = [Text(heading(report, lang), style="bold"), Text(subheading(report, lang))]
    for battle, rows in rows_by_battle(report):
        table = Table(title=battle_title(report, battle, lang), title_justify="left", title_style="bold",
                      show_lines=False, pad_edge=False, expand=False)
        for h in HEAD[lang]:
            table.add_column(h, overflow="fold")
        for r in rows:
            actual = ""
            if r.actual is not None:
                actual = f"{num(r.actual, r.unit)}{r.unit or ''} ({r.actual_period})"
            expected = f"{r.expected:.1f}%" if r.expected is not None else ""
            table.add_row(
                Text(LIGHT_WORD[lang][r.light] + (" !" if r.persistent else ""), style=STYLE[r.light]),
                r.name_zh if lang == "zh" else f"{r.name_en} {r.name_zh}",
                target_text(r, lang), actual, bar(r), expected, _gap(r, lang),
                (r.lead_unit_zh or "") + ("*" if r.lead_from_battle else ""), note_text(r, lang),
            )
        parts += [Text(""), table]
    s = report.summary
    parts.append(Text(""))
    parts.append(Text(f"{w['overdue']}: {len(s.tasks_overdue)}" + (
        " — " + ", ".join(f"{t.id} {t.title_zh} ({t.days_overdue}{'d' if lang == 'en' else '天'})"
                          for t in s.tasks_overdue[:8])
        if s.tasks_overdue else ""), style="bold" if s.tasks_overdue else None))
    if s.persistent:
        parts.append(Text(f"{w['persistent']}: " + ", ".join(s.persistent), style="bold red"))
    parts.append(Text("* " + ("lead unit of the battle (the document names none for this target)" if lang == "en"
                              else "该指标未明确牵头单位，显示所属战役牵头单位"), style="dim"))
    return Group(*parts)


def to_text(report: Report, lang: str = "en", width: int = 200) -> str:
    console = Console(width=width, no_color=True, color_system=None, record=True, file=_Null())
    console.print(render(report, lang))
    return console.export_text()


class _Null:
    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass
