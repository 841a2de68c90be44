"""What the CLI says on stderr, in Chinese with ``--lang zh`` or ``LIUPI_LANG=zh``.

The core raises its errors in English. Here the ``error:``/``hint:`` prefixes and the common messages
are translated by pattern; a message without a pattern keeps its English text after the Chinese
prefix (ids, file names and values inside messages are never translated).
"""

from __future__ import annotations

import functools
import os
import re

from liupi_cli.render.safe import one_line

PREFIX = {"en": {"error": "error", "hint": "hint", "warning": "warning"},
          "zh": {"error": "错误", "hint": "提示", "warning": "警告"}}

WHAT = {"indicator": "指标", "task": "任务", "unit": "单位", "battle": "战役"}

# (pattern over the English message, Chinese template using the pattern's groups); compiled on first
# use, so a command that says nothing pays nothing for them
PATTERN_TEXT: list[tuple[str, str]] = [
    (r"^unknown (indicator|task|unit|battle) '(.+)'$", "未知{what}“{1}”"),
    (r"^unknown indicator or task '(.+)'$", "未知指标或任务“{0}”"),
    (r"^did you mean (.+)\?$", "是否要找：{0}？"),
    (r"^one of (.+)$", "可选：{0}"),
    (r"^`liupi targets` lists them$", "`liupi targets` 可列出全部指标"),
    (r"^`liupi tasks` lists them$", "`liupi tasks` 可列出全部任务"),
    (r"^give exactly one of --month, --quarter or --year$", "--month、--quarter、--year 三者须给且只给一个"),
    (r"^e\.g\. (.+)$", "例如：{0}"),
    (r"^(--\w+) (\S+) is not a (month|quarter|year)$", "{0} {1} 不是{grain}"),
    (r"^--fail-on (.+): unknown condition$", "--fail-on {0}：未知条件"),
    (r"^use red, missing or red,missing$", "可用 red、missing 或 red,missing"),
    (r"^xlsx needs --out FILE\.xlsx$", "xlsx 格式须用 --out 文件名.xlsx"),
    (r"^unknown light\(s\): (.+)$", "未知灯色：{0}"),
    (r"^cannot read period '(.+)'$", "无法识别统计期“{0}”"),
    (r"^write 2023-06, 2023-01/02, 2023Q2 or 2023$", "写作 2023-06、2023-01/02、2023Q2 或 2023"),
    (r"^period '(.+)': month (\d+) does not exist$", "统计期“{0}”：没有{1}月"),
    (r"^months are 01–12$", "月份为 01–12"),
    (r"^cannot read value '(.+)'$", "无法识别数值“{0}”"),
    (r"^cannot write (.+): (.+)$", "无法写入 {0}：{1}"),
    (r"^check the folder exists and is writable$", "请确认目录存在且可写"),
    (r"^cannot tell the format from '(.+)'$", "无法从文件名“{0}”判断格式"),
    (r"^pass --format \((.+)\)$", "请用 --format 指定（{0}）"),
    (r"^--period is required$", "缺少 --period"),
    (r"^a value is missing$", "缺少数值"),
    (r"^the plan has (\d+) error\(s\)$", "计划文件有{0}处错误"),
    (r"^run `liupi check` to list them$", "运行 `liupi check` 查看详情"),
    (r"^the record store is busy: (.+)$", "数据库正忙：{0}"),
    (r"^another liupi is writing; try again$", "另一个 liupi 正在写入，请稍后再试"),
    (r"^(.+): file not found$", "{0}：文件不存在"),
    (r"^(.+): no such data directory$", "{0}：数据目录不存在"),
    (r"^no such option: (.+)$", "没有这个选项：{0}"),
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$", "没有这个选项：{0}"),
    (r"^Invalid value for '(.+)': (.+)$", "选项 {0} 的值无效：{1}"),
    (r"^Missing option '(.+)'\.?$", "缺少选项 {0}"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多余的参数：{0}"),
]
GRAIN = {"month": "月份", "quarter": "季度", "year": "年份"}


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), t) for p, t in PATTERN_TEXT]


def current_lang(explicit: str | None = None) -> str:
    """``--lang`` when given, else ``$LIUPI_LANG`` (zh or en), else en."""
    lang = explicit or os.environ.get("LIUPI_LANG", "en")
    return "zh" if lang == "zh" else "en"


def tr(text: str | None, lang: str) -> str | None:
    """The Chinese for a known English message; anything else unchanged."""
    if text is None or lang != "zh":
        return text
    for pattern, template in _patterns():
        m = pattern.match(text)
        if m:
            groups = m.groups()
            extra = {"what": WHAT.get(groups[0], groups[0]) if groups else "",
                     "grain": GRAIN.get(groups[-1], groups[-1]) if groups else ""}
            return template.format(*groups, **extra)
    return text


def line(kind: str, text: str, lang: str) -> str:
    """``error: …`` / ``错误：…``."""
    sep = "：" if lang == "zh" else ": "
    return one_line(f"{PREFIX[lang][kind]}{sep}{tr(text, lang)}")  # user text in it shown escaped
