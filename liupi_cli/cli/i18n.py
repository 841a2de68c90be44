"""What the CLI says on stderr, in Chinese with ``--lang zh`` or ``LIUPI_LANG=zh``.

Messages come from the catalogue (liupi_cli/messages.py: an id, parameters, English and Chinese); here the
``error:``/``hint:`` prefixes are added in the run's language. A few English lines still without an id are
matched by LEGACY_PATTERNS below until their sites are migrated; ids, file names and values inside messages
are never translated.
"""

from __future__ import annotations

import functools
import os
import re

from liupi_cli.messages import Msg
from liupi_cli.render.safe import one_line

PREFIX = {"en": {"error": "error", "hint": "hint", "warning": "warning"},
          "zh": {"error": "错误", "hint": "提示", "warning": "警告"}}

# LEGACY: English lines not yet given a catalogue id (liupi_cli/messages_catalogue.py), matched by pattern
# until their sites raise ids: the plausibility checks (plausible.py), generic "e.g."/"one of" hints and the
# write failures of `plan` and `init`. Every other message is said from the catalogue. Compiled on first use.
LEGACY_PATTERNS: list[tuple[str, str]] = [
    (r"^one of (.+)$", "可选：{0}"),
    (r"^e\.g\. (.+)$", "例如：{0}"),
    (r"^cannot write (.+): (.+)$", "无法写入 {0}：{1}"),
    (r"^check the folder exists and is writable$", "请确认目录存在且可写"),
    (r"^wrote (.+)$", "已写入 {0}"),
    (r"^(\S+): a growth of (\S+) is outside (\S+)$", "{0}：增速 {1} 超出 {2} 的合理范围"),
    (r"^(\S+): (\S+) is over 100%$", "{0}：{1} 超过100%"),
    (r"^(\S+): (\S+) is far below the (?:cap|target|year's target) (\S+): a percentage typed as a fraction\?$",
     "{0}：{1} 远低于目标 {2}，是否把百分数写成了小数？"),
    (r"^did you mean (\S+)\? pass --force if the figure is real$", "是否应为 {0}？如数据属实，加 --force"),
    (r"^(\S+): (\S+) is ([\d.]+) times the year's target (\S+)$", "{0}：{1} 是全年目标 {3} 的 {2} 倍"),
    (r"^check for a typo; pass --force if (?:the figure|it) is real$", "请检查是否笔误；如数据属实，加 --force"),
    (r"^an extra 0, or the figure in (\S+) \(write it with its unit: (\S+)\)\? pass --force if it is real$",
     "是否多了一个0，或者数据的单位是{0}（请连单位一起写：{1}）？如数据属实，加 --force"),
    (r"^an extra 0\? pass --force if it is real$", "是否多了一个0？如数据属实，加 --force"),
]


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), t) for p, t in LEGACY_PATTERNS]


_ACTIVE: list[str] = []  # the language of this run once a command has settled it (--lang, else $LIUPI_LANG)


def use(lang: str) -> None:
    """Make ``lang`` the language of everything said on stderr from now on."""
    _ACTIVE[:] = ["zh" if lang == "zh" else "en"]


def active() -> str:
    return _ACTIVE[0] if _ACTIVE else current_lang()


def current_lang(explicit: str | None = None) -> str:
    """``--lang`` when given, else ``$LIUPI_LANG`` (zh or en), else en."""
    lang = explicit or os.environ.get("LIUPI_LANG", "en")
    return "zh" if lang == "zh" else "en"


def tr(text: str | None, lang: str) -> str | None:
    """A message in ``lang``: a catalogue message (:class:`liupi_cli.messages.Msg`) by its id; a plain
    English line not yet given an id by the legacy patterns below; anything else unchanged."""
    if isinstance(text, Msg):
        return text.text(lang)
    if text is None or lang != "zh":
        return text
    for pattern, template in _patterns():
        m = pattern.match(text)
        if m:
            return template.format(*m.groups())
    return text


def row_line(file: object, row: int, message: str, hint: str | None, lang: str) -> str:
    """One bad row of a file: ``error: f.csv: row 3: … (hint)`` / ``错误：f.csv：第3行：…（提示）``."""
    if lang == "zh":
        tail = f"（{tr(hint, lang)}）" if hint else ""
        return one_line(f"{PREFIX[lang]['error']}：{file}：第{row}行：{tr(message, lang)}{tail}")
    tail = f" ({hint})" if hint else ""
    return one_line(f"{PREFIX[lang]['error']}: {file}: row {row}: {message}{tail}")


def line(kind: str, text: str, lang: str) -> str:
    """``error: …`` / ``错误：…``."""
    sep = "：" if lang == "zh" else ": "
    return one_line(f"{PREFIX[lang][kind]}{sep}{tr(text, lang)}")  # user text in it shown escaped
