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
    # the record store (before the general "cannot write" below)
    (r"^no record store at (.+?)( \(not a file\))?$", "找不到数据库 {0}{w1}"),
    (r"^check the path \(--db / LIUPI_DB / liupi\.toml; `liupi info` shows where records are kept\); reading never "
     r"creates a store, the first `liupi update` does$",
     "请检查路径（--db / LIUPI_DB / liupi.toml；`liupi info` 可查看数据库位置）；只读不会新建数据库，首次 `liupi update` 时才创建"),
    (r"^cannot (open|read|write to) the record store (.+?): (it is damaged|it is not an SQLite file|the disk is full or a "
     r"file-size limit was reached|the file or its folder is read-only|another liupi is writing to it|SQLite refused) "
     r"\((.*)\)$", "无法{w0}数据库 {1}：{w2}（{3}）"),
    (r"^restore it from a backup \(`sqlite3 FILE \.recover` may rescue its rows\); (.+)$",
     "请从备份恢复（`sqlite3 文件 .recover` 或可救回数据）；{w0}"),
    (r"^check its permissions, or copy it somewhere writable; (.+)$", "请检查权限，或复制到可写的位置；{w0}"),
    (r"^free some space and run again; (.+)$", "请腾出磁盘空间后重试；{w0}"),
    (r"^try again; (.+)$", "请稍后重试；{w0}"),
    (r"^check the path and its permissions; (.+)$", "请检查路径和权限；{w0}"),
    (r"^check --db / LIUPI_DB / liupi\.toml \(`liupi info` shows where records are kept\)$",
     "请检查 --db / LIUPI_DB / liupi.toml（`liupi info` 可查看数据库位置）"),
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
    (r"^write 2023-06, 2023-01/02, 2023Q2 or 2023 \(or 2023年6月, 2023年1-2月, 2023年二季度, 2023年上半年\)$",
     "写作 2023-06、2023-01/02、2023Q2 或 2023（或 2023年6月、2023年1-2月、2023年二季度、2023年上半年）"),
    (r"^period '(.+)' does not start in January$", "统计期“{0}”不是从1月起算"),
    (r"^figures are year to date: write 1-6月 for January to June$", "数据为1月起的累计数：1至6月请写 1-6月"),
    (r"^period '(.+)' gives no year$", "统计期“{0}”没有写年份"),
    (r"^write the year too, e\.g\. (.+)$", "请写上年份，例如 {0}"),
    (r"^period (\S+) is outside last year's same period \(--baseline\) (\d{4})$",
     "统计期 {0} 不在去年同期（--baseline）{1} 年内"),
    (r"^an? (monthly|quarterly|annual|once) indicator has no figure for (\S+)$", "{w0}指标没有 {1} 的数据"),
    (r"^valid periods: (.+)$", "可用的统计期：{0}"),
    (r"^period '(.+)': month (\d+) does not exist$", "统计期“{0}”：没有{1}月"),
    (r"^months are 01–12$", "月份为 01–12"),
    (r"^period '(.+)' has a sign; a period is never negative$", "统计期“{0}”带有正负号，统计期不能为负"),
    (r"^write it without one, e\.g\. 2023Q2, 2023-06 or 2023$", "请去掉正负号，例如 2023Q2、2023-06 或 2023"),
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
    (r"^write e\.g\. (.+)$", "可写作 {0}"),
    (r"^give a number, e\.g\. (.+)$", "请填数字，例如 {0}"),
    (r"^empty value$", "数值为空"),
    (r"^period (\S+) is outside the plan year (\d{4})$", "统计期 {0} 不在计划年度 {1} 年内"),
    (r"^report period (\S+) is outside the plan year (\d{4})$", "报告期 {0} 不在计划年度 {1} 年内"),
    (r"^dekad (\S+) is outside the plan year (\d{4})$", "旬 {0} 不在计划年度 {1} 年内"),
    (r"^use a period in (\d{4}), e\.g\. (\S+)$", "请用 {0} 年内的统计期，例如 {1}"),
    (r"^the plan covers (\d{4}): e\.g\. --month (\S+) or --year (\S+)$", "计划年度为 {0} 年，例如 --month {1} 或 --year {2}"),
    (r"^period '(.+)': January is published together with February as 1–2月$", "统计期“{0}”：1月数据与2月合并为1–2月发布"),
    (r"^record it as (\d{4})-02 \(or \d{4}-01/02\)$", "请记为 {0}-02（或 {0}-01/02）"),
    (r"^record it as (\d{4})-02 \(or \d{4}-01/02\); if it means October \(2023\.10 shown without its 0\), write "
     r"\d{4}-10$", "请记为 {0}-02（或 {0}-01/02）；如指10月（表格把 2023.10 显示成了 2023.1），请写 {0}-10"),
    (r"^(\S+): (.+) is too large to be a figure$", "{0}：{1} 过大，不可能是统计数据"),
    (r"^check for a typo \(an extra 0, or 万元 for 亿元\)$", "请检查是否笔误（多了一个0，或亿元、万元写错）"),
    (r"^(\S+): (\S+) is negative, but (.+) cannot be below 0$", "{0}：{1} 为负数，但{2}不能小于0"),
    (r"^growth rates may be negative \(下降0\.5%\); counts and levels may not$", "增速可为负（下降0.5%），总量和水平值不能为负"),
    (r"^(\S+): a growth of (\S+) is outside (\S+)$", "{0}：增速 {1} 超出 {2} 的合理范围"),
    (r"^(\S+): (\S+) is over 100%$", "{0}：{1} 超过100%"),
    (r"^check for a typo; pass --force if (?:the figure|it) is real$", "请检查是否笔误；如数据属实，加 --force"),
    (r"^(\S+): (\S+) is far below the (?:cap|target|year's target) (\S+): a percentage typed as a fraction\?$",
     "{0}：{1} 远低于目标 {2}，是否把百分数写成了小数？"),
    (r"^did you mean (\S+)\? pass --force if the figure is real$", "是否应为 {0}？如数据属实，加 --force"),
    (r"^(\S+): a rank is a whole position, 1 or more \(got (.+)\)$", "{0}：排名须为1以上的整数（输入的是 {1}）"),
    (r"^(.+): no heading row with columns (.+) in sheet '(.+)'$", "{0}：工作表“{2}”中找不到含 {1} 列的标题行"),
    (r"^liupi reads the active sheet; the workbook also has (.+): open the sheet with the figures, save, and run "
     r"again \(or delete the empty sheet\)$", "liupi 读取的是当前活动工作表；工作簿中还有 {0}：请打开存放数据的工作表后保存再运行（或删除空白工作表）"),
    (r"^(.+): no heading row with columns (.+)$", "{0}：找不到含 {1} 列的标题行"),
    (r"^headings are id \(or 指标\), period .*`liupi template` writes one$",
     "列标题为 id（或 指标）、period（期间）、value（数值），可选 unit（单位）、source（来源）、note（备注）、"
     "baseline（去年同期）；`liupi template` 可生成模板"),
    (r"^(.+): an old Excel 97–2003 \(\.xls\) workbook$", "{0}：旧版 Excel 97–2003（.xls）工作簿"),
    (r"^save it as \.xlsx \(Excel 工作簿\) or CSV$", "请另存为 .xlsx（Excel 工作簿）或 CSV"),
    (r"^(.+): the workbook has no visible worksheet$", "{0}：工作簿没有可见的工作表"),
    (r"^unhide the sheet with the figures$", "请取消隐藏存放数据的工作表"),
    (r"^cannot read the file as text: it is not UTF-8, UTF-16 or GB18030 \(GBK\)$",
     "无法按文本读取：不是 UTF-8、UTF-16 或 GB18030（GBK）编码"),
    (r"^save it from Excel or WPS as CSV UTF-8 \(逗号分隔\), or as \.xlsx$", "请在 Excel 或 WPS 中另存为 CSV UTF-8（逗号分隔）或 .xlsx"),
    (r"^(\S+) already has last year's (.+) for (\S+), recorded by (.+) at (\S+)$", "{0} 的 {2} 已有去年同期数 {1}（{3} 于 {4} 录入）"),
    (r"^(\S+) already has (.+) for (\S+), recorded by (.+) at (\S+)$", "{0} 的 {2} 已有数据 {1}（{3} 于 {4} 录入）"),
    (r"^pass --revise to supersede it \(the old value stays in `liupi history`\)$",
     "如需更正，加 --revise（原值仍保留在 `liupi history` 中）"),
    (r"^(\S+) (\S+) is (.+), smaller than (.+) for (\S+) \((.+)\): a year-to-date figure cannot fall within the year$",
     "{0} {1} 为 {2}，小于 {4} 的 {3}：累计数在年内不应回落"),
    (r"^correct (\S+) first with --revise, or pass --force with a --note saying why$",
     "请先用 --revise 更正 {0}，或加 --force 并用 --note 说明原因"),
    (r"^--force needs a --note saying why the figure fell$", "--force 须同时用 --note 说明数据回落的原因"),
    (r"^units are listed under `units:` in targets\.yaml \(`liupi info` shows where\)$",
     "单位列在 targets.yaml 的 `units:` 下（`liupi info` 可查看文件位置）"),
    (r"^check the folder exists and is writable; any previous file there is left as it was$",
     "请确认目录存在且可写；原有文件保持不变"),
    (r"^(.+): (\d+) bad row\(s\); nothing was recorded$", "{0}：{1}行有误，未录入任何数据"),
    (r"^fix the rows listed above and run again$", "请改正上面列出的行后重新运行"),
    (r"^(\S+): (\S+) is ([\d.]+) times the year's target (\S+)$", "{0}：{1} 是全年目标 {3} 的 {2} 倍"),
    (r"^an extra 0, or the figure in (\S+) \(write it with its unit: (\S+)\)\? pass --force if it is real$",
     "是否多了一个0，或者数据的单位是{0}（请连单位一起写：{1}）？如数据属实，加 --force"),
    (r"^an extra 0\? pass --force if it is real$", "是否多了一个0？如数据属实，加 --force"),
    (r"^(--unit|--battle) chooses what interactive update asks for; it does nothing with ID VALUE or --file$",
     "{0} 用于逐项录入时筛选要填报的指标，不能与“指标 数值”或 --file 同用"),
    (r"^a figure's unit goes with the value \(185000万元\) or in the file's 单位 column$",
     "数据的单位请写在数值后（185000万元），或写在文件的“单位”列"),
    (r"^January is reported with February: (--\w+) (\d{4})-02 \(1–2月\)$", "1月与2月合并为1–2月报告：{0} {1}-02"),
    # confirmations and progress on stderr
    (r"^recorded (\S+) (\S+) baseline: (.+) by (.+) \(record (\d+)\)$", "已录入 {0} {1} 去年同期数：{2}（{3}，记录 {4}）"),
    (r"^recorded (\S+) (\S+): (.+) by (.+) \(record (\d+)\)$", "已录入 {0} {1}：{2}（{3}，记录 {4}）"),
    (r"^revised (\S+) (\S+) baseline: (.+) by (.+) \(record (\d+)\)$", "已修订 {0} {1} 去年同期数：{2}（{3}，记录 {4}）"),
    (r"^revised (\S+) (\S+): (.+) by (.+) \(record (\d+)\)$", "已修订 {0} {1}：{2}（{3}，记录 {4}）"),
    (r"^unchanged: (\S+) (\S+)(?: baseline)? already has (.+), recorded by (.+) at (\S+)$",
     "未变：{0} {1} 已是 {2}（{3} 于 {4} 录入）"),
    (r"^dry run: 1 figure would be recorded; nothing was written$", "试运行：将录入1项数据；未写入"),
    (r"^dry run: 1 figure would be revised; nothing was written$", "试运行：将修订1项数据；未写入"),
    (r"^dry run: (\d+) figure\(s\) would be recorded(.*); nothing was written$", "试运行：将录入{0}项数据{1}；未写入"),
    (r"^recorded (\d+) figure\(s\) from (.+?)(?: \((\d+) revised\))?((?:; .*)?)$", "已从 {1} 录入{0}项数据{3}"),
    (r"^read (.+): (UTF-8|UTF-16|GB18030 \(GBK\)) text, (comma|tab)-separated$", "已读取 {0}：{1} 文本"),
    (r"^read (.+): sheet '(.+)'$", "已读取 {0}：工作表“{1}”"),
    (r"^wrote (.+): (\d+) row\(s\) due for (\S+); fill the (?:数值|value) column, then `liupi update --file (.+)`$",
     "已写入 {0}：{2} 应报{1}行；填好“数值”列后运行 `liupi update --file {3}`"),
    (r"^wrote (.+)$", "已写入 {0}"),
    (r"^(\d+) record\(s\), (\d+) task update\(s\)$", "共{0}条数据记录、{1}条任务进展"),
    (r"^(\d+) record\(s\)$", "共{0}条记录"),
    (r"^(\S+): no figure recorded for this period \(exit 6\)$", "{0}：本期没有录入任何数据（退出码 6）"),
    (r"^no figure recorded in (\d{4}) up to (\S+) in (.+?); record figures with `liupi update` .*$",
     "{2} 中没有 {0} 年截至 {1} 的数据；请用 `liupi update` 录入（`liupi init 目录 --demo` 可建带示例数据的工作区）"),
    (r"^no figure recorded in (\d{4}) up to (\S+) in (.+?); (\d+) figure\(s\) of this plan are in (.+?)(?: \(.*\))?: "
     r"pass --db (.+) or run liupi in that workspace$",
     "{2} 中没有 {0} 年截至 {1} 的数据；本计划有{3}项数据在 {4}：请加 --db {5} 或在该工作区运行 liupi"),
    (r"^value '(.+)' is in (.+), but this indicator is measured in (.+)$", "数值“{0}”的单位是{1}，但该指标的单位是{2}"),
    (r"^give the value in (.+)$", "请以{0}为单位填写"),
    (r"^choose from red, yellow, green, grey$", "可选 red（红）、yellow（黄）、green（绿）、grey（灰）"),
    # tasks
    (r"^unknown status '(.+)'$", "未知状态“{0}”"),
    (r"^percent (\S+) is outside 0–100$", "完成百分比 {0} 超出 0–100"),
    (r"^give the share done, 0 to 100$", "请填完成比例，0 到 100"),
    (r"^a task that is done is 100% done, not (\S+)$", "已完成的任务完成比例为100%，不是{0}"),
    (r"^leave --percent out \(or give 100\), or record it as in_progress$", "请去掉 --percent（或填100），或记为 in_progress（推进中）"),
    (r"^a task not started cannot be (\S+) done$", "未启动的任务不能已完成{0}"),
    (r"^record it as in_progress$", "请记为 in_progress（推进中）"),
    (r"^cannot read date '(.+)'$", "无法识别日期“{0}”"),
    (r"^write it as 2023-06-30$", "请写作 2023-06-30"),
    (r"^date (\S+) is outside (\S+)$", "日期 {0} 超出 {1}"),
    (r"^check the year$", "请检查年份"),
    (r"^recorded (\S+) (not_started|in_progress|done|blocked)( \S+%)? as of (\S+) \(update (\d+)\)$",
     "已记录任务 {0}：{w1}{w2}（截至 {3}，进展记录 {4}）"),
    (r"^(.+) \((.+)\): (\d+) error\(s\), (\d+) warning\(s\)$", "{0}（{1}）：错误{2}处，警告{3}处"),
    (r"^no such option: (.+)$", "没有这个选项：{0}"),
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$", "没有这个选项：{0}"),
    (r"^Invalid value for '([^']+)'(?: / '[^']+')?: (?:Value error, )?'(.+)' is not one of (.+?)\.?$",
     "选项 {0} 的值“{1}”无效，可选：{2}"),
    (r"^Invalid value for '([^']+)'(?: / '[^']+')?: (?:Value error, )?(.+)$", "选项 {0} 的值无效：{1}"),
    (r"^Missing option '(.+)'\.?$", "缺少选项 {0}"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多余的参数：{0}"),
]
GRAIN = {"month": "月份", "quarter": "季度", "year": "年份"}
# words a pattern's groups may hold, said in Chinese as {w0}, {w1}, … (a group not listed is kept as typed)
WORDS = {" (not a file)": "（不是文件）", "open": "打开", "read": "读取", "write to": "写入",
         "it is damaged": "文件已损坏", "it is not an SQLite file": "不是 SQLite 数据库文件",
         "the disk is full or a file-size limit was reached": "磁盘已满或文件超出大小限制",
         "the file or its folder is read-only": "文件或其所在目录只读", "another liupi is writing to it": "另一个 liupi 正在写入",
         "SQLite refused": "SQLite 拒绝了操作", "not_started": "未启动", "in_progress": "推进中", "done": "已完成",
         "blocked": "受阻", "nothing was changed": "未作任何改动", "nothing was recorded": "未录入任何数据",
         "monthly": "月度", "quarterly": "季度", "annual": "年度", "once": "一次性"}


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), t) for p, t in PATTERN_TEXT]


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
    """The Chinese for a known English message; anything else unchanged."""
    if text is None or lang != "zh":
        return text
    for pattern, template in _patterns():
        m = pattern.match(text)
        if m:
            groups = m.groups()
            extra = {"what": WHAT.get(groups[0], groups[0]) if groups else "",
                     "grain": GRAIN.get(groups[-1], groups[-1]) if groups else "",
                     **{f"w{i}": "" if g is None else WORDS.get(g, g) for i, g in enumerate(groups)}}
            return template.format(*groups, **extra)
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
