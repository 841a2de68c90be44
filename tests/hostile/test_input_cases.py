"""A catalogue of hostile input, each case run through the real CLI.

Every case states its exit code and a fragment of the message, and afterwards the plan files and
the store must be byte-identical (or hold exactly the rows the case expects). No output may carry
a raw control character: user text is shown escaped (``\\x1b[2J``), never obeyed by a terminal.
Bombs and special files run in a subprocess with a time limit and a capped address space.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from liupi_cli import safe_zip

from .support import SEED, Workspace, run_cli

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;owned\x07"
OSC_LINK = "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\"
MARKUP_CLOSE = "[/]"
MARKUP_LINK = "[link=file:///etc/passwd]click[/link]"
SCRIPT = "<script>alert(1)</script>"
BIDI = "\u202egnp.exe"
SEED_ROW = ("gdp_growth", "2023Q1", "7.5", 7.5, "县统计局", None, "tester")

Setup = Callable[[Workspace], None]


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # "{root}" and "{plan}" are filled in
    code: int
    fragment: str  # must appear in `stream`
    stream: str = "stderr"  # stderr | stdout (with via="tty" both arrive on the terminal)
    setup: Setup | None = None  # runs before the snapshot
    rows: tuple[tuple, ...] | None = None  # records after the run; None: store and plan byte-identical
    absent: tuple[str, ...] = ()  # must not appear in stdout or stderr
    via: str = "runner"  # runner (in-process) | process | tty
    memory_mb: int | None = None
    then: Callable[[Workspace], None] | None = None  # a further check of what was written

    def __post_init__(self) -> None:
        assert self.stream in ("stderr", "stdout") and self.via in ("runner", "process", "tty"), self.id


# -- setups ----------------------------------------------------------------------------------------


def edit(name: str, old: str, new: str, count: int = 1) -> Setup:
    """Replace text in a plan file (the old text must be there)."""

    def setup(ws: Workspace) -> None:
        path = ws.plan / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return setup


def prepend(name: str, text: str) -> Setup:
    def setup(ws: Workspace) -> None:
        path = ws.plan / name
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return setup


def record(*args: str) -> Setup:
    """Record a figure through the CLI first (e.g. one whose note is hostile)."""

    def setup(ws: Workspace) -> None:
        result = ws.invoke("update", *args)
        assert result.exit_code == 0, result.stderr

    return setup


def write(name: str, content: str | bytes) -> Setup:
    def setup(ws: Workspace) -> None:
        path = ws.root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return setup


def sparse(name: str, size: int) -> Setup:
    """A file of ``size`` bytes that takes no disk space."""

    def setup(ws: Workspace) -> None:
        with open(ws.root / name, "wb") as f:
            f.truncate(size)

    return setup


def fifo(path_in_root: str) -> Setup:
    def setup(ws: Workspace) -> None:
        target = ws.root / path_in_root
        target.unlink(missing_ok=True)
        os.mkfifo(target)

    return setup


def symlink(path_in_root: str, to: str) -> Setup:
    def setup(ws: Workspace) -> None:
        target = ws.root / path_in_root
        target.unlink(missing_ok=True)
        target.symlink_to(to)

    return setup


def both(*setups: Setup) -> Setup:
    def setup(ws: Workspace) -> None:
        for s in setups:
            s(ws)

    return setup


def alias_bomb(levels: int = 12) -> str:
    """Billion laughs: 9**levels strings from a dozen lines."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def nested(levels: int) -> str:
    return "deep: " + "[" * levels + "]" * levels + "\n"


def zip_bomb(ws: Workspace) -> None:
    """An .xlsx of about 20 KB whose sheet inflates to 16 MB of rows (the guard judges the ratio, so a
    bigger bomb only takes longer to build)."""
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>gdp_growth</t></is></c></row>'
    chunk = row * (2**20 // len(row) + 1)
    with zipfile.ZipFile(ws.root / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(16):
                sheet.write(chunk)


def xml_entity_bomb(ws: Workspace) -> None:
    """A real workbook whose sheet XML declares nested entities (a billion laughs inside the xlsx)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["id", "period", "value"])
    wb.active.append(["gdp_growth", "2023Q2", "5"])
    plain = ws.root / "plain.xlsx"
    wb.save(plain)
    dtd = '<!DOCTYPE worksheet [<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)) + "]>"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(ws.root / "entities.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = dtd.encode() + data.replace(b"<t>5</t>", b"<t>&a9;</t>")
            out.writestr(item, data)


def lying_sizes(ws: Workspace) -> None:
    """A real workbook whose central directory says the sheet inflates to 100 bytes (it is larger):
    the size guard trusts the declared sizes because zipfile never inflates past them."""
    import struct

    from openpyxl import Workbook

    wb = Workbook()
    for n in range(200):
        wb.active.append(["gdp_growth", "2023Q2", n])
    wb.save(ws.root / "lying.xlsx")
    data = bytearray((ws.root / "lying.xlsx").read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 24, 100)  # uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    (ws.root / "lying.xlsx").write_bytes(bytes(data))


def xlsx_holds(name: str, text: str) -> Callable[[Workspace], None]:
    """The workbook opens and some cell holds exactly ``text``."""

    def check(ws: Workspace) -> None:
        from openpyxl import load_workbook

        wb = load_workbook(ws.root / name, read_only=True)
        values = {str(v) for sheet in wb.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v}
        assert any(text in v for v in values), sorted(values)[:20]

    return check


def sheet_names_are_legal(name: str) -> Callable[[Workspace], None]:
    def check(ws: Workspace) -> None:
        from openpyxl import load_workbook

        names = load_workbook(ws.root / name, read_only=True).sheetnames
        assert all(not set("[]:*?/\\") & set(n) and len(n) <= 31 for n in names), names

    return check


def json_note_is(expected: str) -> Callable[[Workspace], None]:
    """The store kept the text exactly as typed; only its display is escaped."""

    def check(ws: Workspace) -> None:
        assert ws.rows()[-1][5] == expected

    return check


# -- the catalogue ---------------------------------------------------------------------------------

P = "2023Q2"  # a quarter gdp_growth has no figure for yet
ADDED = ("gdp_growth", P)


def added(entered: str, value: float, source=None, note=None, by="tester") -> tuple[tuple, ...]:
    return (SEED_ROW, (*ADDED, entered, value, source, note, by))


HOSTILE_NOTE = record("gdp_growth", "6", "--period", P, "--note", f"{MARKUP_CLOSE} {MARKUP_LINK} {SCRIPT}",
                      "--source", f"{ESC_CLEAR}{OSC_TITLE}", "--by", OSC_LINK)

CASES: list[Case] = [
    # --- text shown on terminals: markup printed literally, controls escaped -------------------
    Case("history-markup-close", ("history", "gdp_growth"), 0, MARKUP_CLOSE, "stdout", HOSTILE_NOTE),
    Case("history-markup-link-literal", ("history", "gdp_growth"), 0, "[link=file:///etc/passwd]", "stdout",
         HOSTILE_NOTE),
    Case("history-csi-escaped", ("history", "gdp_growth"), 0, "\\x1b[2J", "stdout", HOSTILE_NOTE),
    Case("history-on-terminal-no-link-or-title", ("history", "gdp_growth"), 0, "\\x1b]0;owned\\x07", "stdout",
         HOSTILE_NOTE, absent=("\x1b]", ESC_CLEAR, "\x07"), via="tty"),
    Case("history-csv-escaped", ("history", "gdp_growth", "--format", "csv"), 0, "\\x1b]8;;file:///etc/passwd",
         "stdout", HOSTILE_NOTE),
    Case("history-json-keeps-text", ("history", "gdp_growth", "--format", "json"), 0,
         "\\u001b[2J", "stdout", HOSTILE_NOTE, then=json_note_is(f"{MARKUP_CLOSE} {MARKUP_LINK} {SCRIPT}")),
    Case("history-bidi-override-escaped", ("history", "gdp_growth"), 0, "\\u202egnp.exe", "stdout",
         record("gdp_growth", "6", "--period", P, "--note", BIDI), absent=("\u202e",)),
    Case("history-carriage-return-escaped", ("history", "gdp_growth"), 0, "ok\\x0dFAKE", "stdout",
         record("gdp_growth", "6", "--period", P, "--note", "ok\rFAKE"), absent=("\r",)),
    Case("history-json-bidi-and-c1-escaped", ("history", "gdp_growth", "--format", "json"), 0,
         '"note": "\\u202egnp.exe \\u009b2J"', "stdout", record("gdp_growth", "6", "--period", P, "--note",
                                                           f"{BIDI} \x9b2J"),
         then=json_note_is(f"{BIDI} \x9b2J")),
    Case("report-json-bidi-escaped", ("report", "--month", "2023-06", "--format", "json"), 0,
         '"name_zh": "\\u202egnp.exe"', "stdout", edit("targets.yaml", "name_zh: 地区生产总值", f'name_zh: "{BIDI}"')),
    Case("usage-error-value-escaped", ("report", "--month", "2023-06", "--lang", ESC_CLEAR), 2, "'\\x1b[2J'"),
    Case("usage-error-markup-literal", ("report", "--[bold]x[/]"), 2, "no such option: --[bold]x[/]"),
    Case("usage-error-fail-on-escaped", ("report", "--month", "2023-06", "--fail-on", f"red{OSC_TITLE}"), 2,
         "--fail-on red\\x1b]0;owned\\x07: unknown condition"),
    Case("history-markup-in-by", ("history", "gdp_growth"), 0, "[bold red]x[/]", "stdout",
         record("gdp_growth", "6", "--period", P, "--by", "[bold red]x[/]")),
    Case("history-task-note-markup", ("history", "t1"), 0, "[/]", "stdout",
         lambda ws: ws.invoke("task", "set", "t1", "--status", "in_progress", "--note", "[/][link=x]",
                              "--date", "2023-05-01")),
    Case("update-by-osc-escaped-on-stderr", ("update", "gdp_growth", "6", "--period", P, "--by", OSC_TITLE), 0,
         "by \\x1b]0;owned\\x07", rows=added("6", 6.0, by=OSC_TITLE)),
    Case("update-note-kept-as-typed", ("update", "gdp_growth", "6", "--period", P, "--note", SCRIPT), 0,
         "recorded gdp_growth 2023Q2", rows=added("6", 6.0, note=SCRIPT)),
    Case("unknown-id-echo-escaped", ("update", f"gdp{ESC_CLEAR}", "6", "--period", P), 1,
         "unknown indicator 'gdp\\x1b[2J'"),
    Case("unknown-id-echo-on-terminal", ("update", f"gdp{OSC_TITLE}", "6", "--period", P), 1,
         "unknown indicator", absent=("\x1b]", "\x07"), via="tty"),
    Case("bad-period-echo-escaped", ("update", "gdp_growth", "6", "--period", f"{ESC_CLEAR}"), 1,
         "cannot read period '\\x1b[2J'"),
    Case("unknown-battle-echo-escaped", ("targets", "--battle", f"x{ESC_CLEAR}"), 1, "unknown battle 'x\\x1b[2J'"),
    Case("export-csv-formula-neutralised", ("export", "--format", "csv"), 0, "'=HYPERLINK", "stdout",
         record("gdp_growth", "6", "--period", P, "--note", '=HYPERLINK("http://x","y")')),
    Case("export-xlsx-control-characters", ("export", "--out", "{root}/all.xlsx"), 0, "wrote", "stderr",
         record("gdp_growth", "6", "--period", P, "--note", "a\x00b\x1b[2J\x0bc"),
         then=xlsx_holds("all.xlsx", "a\\x00b\\x1b[2J\\x0bc")),
    Case("info-plan-title-escaped", ("info",), 0, "\\x1b]0;owned\\x07", "stdout",
         edit("targets.yaml", "title_zh: 测试县年度计划", 'title_zh: "测试\\e]0;owned\\a"')),
    Case("targets-name-markup-literal", ("targets",), 0, "[link=file:///etc/passwd]", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", f'name_zh: "{MARKUP_LINK}"')),
    # --- reports in every format ----------------------------------------------------------------
    Case("report-table-markup-literal", ("report", "--month", "2023-06"), 0, MARKUP_CLOSE, "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", f'name_zh: "{MARKUP_CLOSE}地区"')),
    Case("report-table-on-terminal-no-osc", ("report", "--month", "2023-06"), 0, "\\x1b]8;;", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "\\e]8;;file:///etc/passwd\\e\\\\GDP"'),
         absent=("\x1b]",), via="tty"),
    Case("report-markdown-script-escaped", ("report", "--month", "2023-06", "--format", "markdown"), 0,
         "&lt;script&gt;alert(1)&lt;/script&gt;", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", f'name_zh: "{SCRIPT}"'), absent=("<script",)),
    Case("report-markdown-link-escaped", ("report", "--month", "2023-06", "--format", "markdown"), 0,
         "\\[x\\](javascript:alert(1))", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "[x](javascript:alert(1))"'),
         absent=("[x](javascript",)),
    Case("report-markdown-title-escaped", ("report", "--month", "2023-06", "--format", "markdown"), 0,
         "&lt;img src=x onerror=alert(1)&gt;", "stdout",
         edit("targets.yaml", "title_en: Test county annual plan", 'title_en: "<img src=x onerror=alert(1)>"'),
         absent=("<img",)),
    Case("report-html-script-escaped", ("report", "--month", "2023-06", "--format", "html"), 0,
         "&lt;script&gt;alert(1)&lt;/script&gt;", "stdout",
         edit("targets.yaml", "name_zh: 县发改局", f'name_zh: "{SCRIPT}"'), absent=("<script",)),
    Case("report-html-control-escaped", ("report", "--month", "2023-06", "--format", "html", "--lang", "zh"), 0,
         "\\x1b[2J", "stdout", edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "GDP\\e[2J"')),
    Case("report-csv-formula-neutralised", ("report", "--month", "2023-06", "--format", "csv"), 0,
         "'=cmd|", "stdout", edit("targets.yaml", "name_zh: 地区生产总值", "name_zh: \"=cmd|' /C calc'!A0\"")),
    Case("report-json-valid-with-controls", ("report", "--month", "2023-06", "--format", "json"), 0,
         "\\u001b[2J", "stdout", edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "GDP\\e[2J"')),
    Case("report-xlsx-control-character", ("report", "--month", "2023-06", "--out", "{root}/r.xlsx"), 0,
         "wrote", "stderr", edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "GDP\\x01\\x0b"'),
         then=xlsx_holds("r.xlsx", "GDP\\x01\\x0b")),
    Case("report-xlsx-sheet-name-slash", ("report", "--month", "2023-06", "--out", "{root}/r.xlsx"), 0, "wrote",
         "stderr",
         edit("targets.yaml", "name_zh: 打好经济增长主动仗", 'name_zh: "增长/投资[一]:*?"'),
         then=sheet_names_are_legal("r.xlsx")),
    Case("template-xlsx-control-character", ("template", "--period", "2023-06", "--out", "{root}/t.xlsx"), 0,
         "wrote", "stderr", edit("targets.yaml", "name_zh: 规模工业增加值", 'name_zh: "=1+1\\x02"'),
         then=xlsx_holds("t.xlsx", "'=1+1\\x02")),
    Case("missing-table-markup-literal", ("missing", "--month", "2023-06"), 0, "[/]<script>GDP\\x1b[2J", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "[/]<script>GDP\\e[2J"')),
    Case("missing-markdown-escaped", ("missing", "--month", "2023-06", "--format", "markdown"), 0,
         "\\[/\\]&lt;script&gt;GDP\\x1b\\[2J", "stdout",
         edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "[/]<script>GDP\\e[2J"'), absent=("<script",)),
    Case("missing-html-escaped", ("missing", "--month", "2023-06", "--format", "html"), 0, "&lt;script&gt;GDP",
         "stdout", edit("targets.yaml", "name_zh: 地区生产总值", 'name_zh: "<script>GDP"'), absent=("<script>G",)),
    Case("unit-page-title-escaped", ("unit", "rsj", "--month", "2023-06"), 0, "县人社局[/]\\x1b]8;;x", "stdout",
         edit("targets.yaml", "name_zh: 县人社局", 'name_zh: "县人社局[/]\\e]8;;x\\e\\\\"')),
    # --- plan YAML ------------------------------------------------------------------------------
    Case("yaml-alias-bomb", ("check",), 3, "aliases (*name) expand to too many values",
         setup=prepend("targets.yaml", alias_bomb()), via="process", memory_mb=400),
    Case("yaml-alias-bomb-in-tasks", ("report", "--month", "2023-06"), 3, "tasks.yaml:",
         setup=prepend("tasks.yaml", alias_bomb()), via="process", memory_mb=400),
    Case("yaml-self-referencing-alias", ("check",), 3, "targets.yaml:1: an alias (*name) refers to itself",
         setup=prepend("targets.yaml", "loop: &a [*a, *a]\n"), via="process", memory_mb=400),
    Case("yaml-binary-tag", ("check",), 3, "tag tag:yaml.org,2002:binary is not plain data",
         setup=edit("targets.yaml", "title_en: Test county annual plan", "title_en: !!binary aGVsbG8=")),
    Case("yaml-set-tag", ("check",), 3, "tag:yaml.org,2002:set is not plain data",
         setup=edit("targets.yaml", "aliases: [人社局]", "aliases: !!set {人社局: null}")),
    Case("yaml-omap-tag", ("check",), 3, "tag:yaml.org,2002:omap is not plain data",
         setup=edit("targets.yaml", "aliases: [人社局]", "aliases: !!omap [{a: 1}]")),
    Case("yaml-python-tag", ("check",), 3, "not plain data",
         setup=edit("targets.yaml", "  target: 8\n", '  target: !!python/object/apply:os.system ["true"]\n')),
    Case("yaml-local-tag", ("check",), 3, "tag !include is not plain data",
         setup=edit("targets.yaml", "  target: 8\n", "  target: !include secrets.yaml\n")),
    Case("yaml-500-levels", ("check",), 3, "nested more than 64 levels deep",
         setup=prepend("targets.yaml", nested(500))),
    Case("yaml-5000-levels", ("check",), 3, "maximum nesting depth", setup=prepend("targets.yaml", nested(5000))),
    Case("yaml-nul-byte", ("check",), 3, "targets.yaml:4: character 0x00 is not allowed",
         setup=edit("targets.yaml", "title_zh: 测试县年度计划", "title_zh: 测试\x00")),
    Case("yaml-merge-of-a-number", ("check",), 3, "targets.yaml:46: expected a mapping or list of mappings",
         setup=edit("targets.yaml", "  target: 8\n", "  target: 8\n  <<: 5\n")),
    Case("yaml-sexagesimal-target", ("check",), 1, "target: '1:30' is read as the number 90", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: 1:30\n")),
    Case("yaml-octal-target", ("check",), 1, "target: '010' is read as the number 8", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: 010\n")),
    Case("yaml-hex-year", ("check",), 1, "plan.year: '0x7e7' is read as the number 2023", "stdout",
         edit("targets.yaml", "  year: 2023\n", "  year: 0x7e7\n")),
    Case("yaml-nan-target", ("check",), 1, "indicators[0].target: Input should be a finite number", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: .nan\n")),
    Case("yaml-inf-target", ("check",), 1, "targets.yaml:45: indicators[0].target", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: .inf\n")),
    Case("yaml-minus-inf-baseline", ("check",), 1, "finite number", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: 8\n  baseline: -.inf\n")),
    Case("yaml-1e309-target", ("check",), 1, "indicators[0].target: Input should be a finite number", "stdout",
         edit("targets.yaml", "  target: 8\n", "  target: 1e309\n")),
    Case("yaml-tiny-target", ("check",), 1, "target: 1e-300 is outside what a plan figure can be", "stdout",
         edit("targets.yaml", "  target: 34\n", "  target: 1.0e-300\n")),
    Case("yaml-huge-alternative-target", ("check",), 1, "alternatives[0].target: 1e+20 is outside", "stdout",
         edit("targets.yaml", "  - target: 10\n", "  - target: 1.0e20\n")),
    Case("yaml-nan-threshold", ("check",), 1, "settings.lights.growth_yellow_points", "stdout",
         edit("targets.yaml", "growth_yellow_points: 1", "growth_yellow_points: .nan")),
    Case("report-json-nan-target-is-json", ("report", "--month", "2023-06", "--format", "json"), 1,
         '"exit_code": 1', "stdout", edit("targets.yaml", "  target: 8\n", "  target: .nan\n")),
    Case("yaml-impossible-date", ("check",), 1, "targets.yaml:7: plan.issued", "stdout",
         edit("targets.yaml", "issued: 2023-03-06", "issued: 2023-02-30")),
    Case("yaml-month-13-deadline", ("check",), 1, "tasks.yaml:9: tasks[0].deadline: deadline is a date", "stdout",
         edit("tasks.yaml", "deadline: 2023-08-31", "deadline: 2023-13-01")),
    Case("yaml-impossible-date-via-report", ("report", "--month", "2023-06"), 1, "targets.yaml:7: plan.issued",
         setup=edit("targets.yaml", "issued: 2023-03-06", "issued: 2023-02-29")),
    Case("plan-file-is-fifo", ("check",), 3, "targets.yaml: not a regular file", setup=fifo("plan/targets.yaml"),
         via="process"),
    Case("plan-file-is-device", ("report", "--month", "2023-06"), 3, "tasks.yaml: not a regular file",
         setup=symlink("plan/tasks.yaml", "/dev/zero"), via="process", memory_mb=400),
    Case("plan-file-is-folder", ("check",), 3, "targets.yaml: not a regular file",
         setup=lambda ws: ((ws.plan / "targets.yaml").unlink(), (ws.plan / "targets.yaml").mkdir())),
    Case("indicator-and-task-share-id", ("check",), 1,
         "id 'gdp_growth' is also an indicator's id (targets.yaml line 38)", "stdout",
         edit("tasks.yaml", "- id: t1\n", "- id: gdp_growth\n")),
    Case("unit-parent-cycle", ("check",), 1, "units are their own parent: fgj → rsj → fgj", "stdout",
         both(edit("targets.yaml", "  name_en: Development and Reform Bureau\n",
                   "  name_en: Development and Reform Bureau\n  parent: rsj\n"),
              edit("targets.yaml", "  aliases: [人社局]\n", "  aliases: [人社局]\n  parent: fgj\n"))),
    Case("unit-own-parent", ("check",), 1, "units are their own parent: yjj → yjj", "stdout",
         edit("targets.yaml", "  name_zh: 县应急管理局\n", "  name_zh: 县应急管理局\n  parent: yjj\n")),
    Case("duplicate-key-echo-escaped", ("check",), 1, "duplicate key 'x\\x1b[2J'", "stdout",
         edit("targets.yaml", "  target: 8\n", '  target: 8\n  "x\\e[2J": 1\n  "x\\e[2J": 2\n')),
    Case("unknown-unit-echo-escaped", ("check",), 1, "unknown unit 'f\\x1b]0;owned\\x07'", "stdout",
         edit("targets.yaml", "  lead_unit: fgj\n  source: 附件1 1",
              '  lead_unit: "f\\e]0;owned\\a"\n  source: 附件1 1')),
    # --- values starting with "-" and spreadsheets ----------------------------------------------
    Case("negative-value", ("update", "gdp_growth", "-5", "--period", P), 0, "recorded gdp_growth 2023Q2: -5",
         rows=added("-5", -5.0)),
    Case("negative-percent", ("update", "gdp_growth", "-0.5%", "--period", P), 0, "-0.5%",
         rows=added("-0.5%", -0.5)),
    Case("negative-after-double-dash", ("update", "gdp_growth", "--period", P, "--", "-5"), 0, "recorded",
         rows=added("-5", -5.0)),
    Case("negative-value-first-options", ("update", "--period", P, "gdp_growth", "-3.5"), 0, "recorded",
         rows=added("-3.5", -3.5)),
    Case("minus-inf-value", ("update", "gdp_growth", "-inf", "--period", P), 1, "not a finite number",
         absent=("no such option",)),
    Case("minus-nan-value", ("update", "gdp_growth", "-nan", "--period", P), 1, "cannot read value '-nan'",
         absent=("no such option",)),
    Case("minus-word-value", ("update", "gdp_growth", "-x", "--period", P), 1, "cannot read value '-x'",
         absent=("no such option",)),
    Case("zero-width-space-shown", ("update", "gdp_growth", "5\u200b", "--period", P), 1, "'5\\u200b'",
         absent=("\u200b",)),
    Case("huge-value", ("update", "gdp_growth", "1e309", "--period", P), 1, "not a finite number"),
    Case("value-too-large", ("update", "retail_sales_total", "1e300", "--period", "2023-06"), 1,
         "1e+300亿元 is too large to be a figure"),
    Case("csv-value-too-large", ("update", "--file", "{root}/f.csv"), 1, "row 2: retail_sales_total: 2e+15亿元",
         "stderr", write("f.csv", "id,period,value\nretail_sales_total,2023-06,2000000000000000\n")),
    Case("option-where-id-goes", ("update", "-x", "5", "--period", P), 2,
         "'-x' is neither an option of `liupi update` nor an indicator id"),
    Case("task-negative-percent", ("task", "set", "t1", "--status", "in_progress", "--percent", "-5"), 1,
         "percent"),
    Case("task-nan-percent", ("task", "set", "t1", "--status", "in_progress", "--percent", "nan"), 1,
         "percent nan is outside 0–100"),
    Case("csv-minus-inf-row", ("update", "--file", "{root}/f.csv"), 1, "row 2: ", "stderr",
         write("f.csv", "id,period,value\ngdp_growth,2023Q2,-inf\n")),
    Case("csv-control-in-id-escaped", ("update", "--file", "{root}/f.csv"), 1, "unknown indicator 'gdp\\x1b[2J'",
         "stderr",
         write("f.csv", f"id,period,value\ngdp{ESC_CLEAR},2023Q2,5\n")),
    Case("csv-negative-rows-recorded", ("update", "--file", "{root}/f.csv"), 0, "recorded 1 figure(s)", "stderr",
         write("f.csv", "id,period,value,note\ngdp_growth,2023Q2,-2.5,=cmd\n"),
         rows=added("-2.5", -2.5, note="=cmd")),
    Case("xlsx-zip-bomb", ("update", "--file", "{root}/bomb.xlsx"), 1, "refusing a likely zip bomb",
         setup=zip_bomb, via="process", memory_mb=600),
    Case("csv-far-too-large", ("update", "--file", "{root}/huge.csv"), 1, "huge.csv: 300 MB is over the 200 MB limit",
         setup=sparse("huge.csv", 300 * 2**20), via="process", memory_mb=600),
    Case("xlsx-xml-entity-bomb", ("update", "--file", "{root}/entities.xlsx"), 1,
         "limit on input amplification factor", setup=xml_entity_bomb, via="process", memory_mb=600),
    Case("xlsx-sizes-that-lie", ("update", "--file", "{root}/lying.xlsx"), 1, "cannot read the workbook",
         setup=lying_sizes),
    Case("xlsx-not-a-zip", ("update", "--file", "{root}/fake.xlsx"), 1, "not an .xlsx workbook", "stderr",
         write("fake.xlsx", b"id,period,value\n")),
    Case("table-file-is-fifo", ("update", "--file", "{root}/f.csv"), 1, "f.csv: not a regular file",
         setup=fifo("f.csv"), via="process"),
    Case("table-file-is-device", ("update", "--file", "{root}/zero.csv"), 1, "zero.csv: not a regular file",
         setup=symlink("zero.csv", "/dev/zero"), via="process", memory_mb=600),
]

RAW = ("\x1b", "\x07", "\u202e", "\x00", "\x9b")
_STARTUP: list[float] = []


def _startup(ws: Workspace) -> float:
    """Seconds a bare `liupi --version` takes to start here (a loaded CI machine is slow to start Python):
    a bounded case must finish within 2 s of refusing work beyond that."""
    if not _STARTUP:
        _STARTUP.append(run_cli(["--version"], cwd=ws.root, timeout=30).seconds)
    return _STARTUP[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, workspace: Workspace) -> None:
    ws = workspace
    if case.setup:
        case.setup(ws)
    before = ws.snapshot()
    args = [a.format(root=ws.root, plan=ws.plan) for a in case.args]
    if case.via == "runner":
        result = ws.invoke(*args)
        code, out, err = result.exit_code, result.stdout, result.stderr
    else:
        bounded = bool(case.memory_mb) or "fifo" in case.id  # a bomb or a file that would be waited on
        limit = 2.0 + _startup(ws) if bounded else 30.0
        ran = run_cli(ws.argv(*args), cwd=ws.root, timeout=limit, memory_mb=case.memory_mb, tty=case.via == "tty")
        code, out, err = ran.exit_code, ran.stdout, ran.stderr
        if bounded:
            assert ran.seconds < limit, f"took {ran.seconds:.1f}s"
    shown = (out if case.stream == "stdout" or case.via == "tty" else err)
    assert code == case.code, f"exit {code}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    assert case.fragment in shown, f"{case.fragment!r} not in:\n{shown[-3000:]}"
    assert "Traceback" not in out + err
    for raw in case.absent:
        assert raw not in out + err, f"{raw!r} reached the output"
    # On a terminal liupi colours its own output (SGR sequences such as ESC[1m); nothing else may pass.
    shown_raw = re.sub(r"\x1b\[[0-9;]*m", "", out + err) if case.via == "tty" else out + err
    for raw in RAW:
        assert raw not in shown_raw, f"raw {raw!r} reached the output"
    if case.rows is None:
        after = ws.snapshot()
        assert after.keys() == before.keys()
        for name in before:
            assert after[name] == before[name], f"{name} changed"
    else:
        assert ws.rows() == list(case.rows)
    if case.then:
        case.then(ws)


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


def test_check_names_every_error_on_its_own_line(workspace: Workspace) -> None:
    """Through `report`, each of three errors gets a line of its own, then the summary."""
    both(edit("targets.yaml", "  target: 8\n", "  target: .nan\n"),
         edit("targets.yaml", "issued: 2023-03-06", "issued: 2023-02-30"),
         edit("tasks.yaml", "- id: t1\n", "- id: gdp_growth\n"))(workspace)
    result = workspace.invoke("report", "--month", "2023-06")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    where = [ln.split(": ")[1].rsplit("/", 1)[-1] for ln in lines[:4]]
    # the three errors made above, and the indicator whose task `t1` no longer exists
    assert sorted(where) == ["targets.yaml:45", "targets.yaml:7", "targets.yaml:98", "tasks.yaml:2"]
    assert all(ln.startswith("error: ") for ln in lines[:4])
    assert lines[4] == "error: the plan has 4 error(s)"
    json_result = workspace.invoke("report", "--month", "2023-06", "--format", "json")
    doc = json.loads(json_result.stdout)
    assert len(doc["error"]["problems"]) == 4


def test_a_plan_file_far_too_large_is_refused_unread(workspace: Workspace) -> None:
    os.truncate(workspace.plan / "tasks.yaml", 64 * 2**20 + 1)  # sparse: nothing is written to disk
    result = workspace.invoke("check")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {workspace.plan / 'tasks.yaml'}: 64 MB is far too large for a plan file")


def test_declared_size_over_the_limit_is_refused(tmp_path, monkeypatch) -> None:
    """A workbook whose members declare more than the limit is refused before a reader opens it."""
    with zipfile.ZipFile(tmp_path / "big.xlsx", "w", zipfile.ZIP_DEFLATED) as z:  # a file of ~300 bytes
        z.writestr("xl/worksheets/sheet1.xml", b"x" * 3000)
        z.writestr("xl/worksheets/sheet2.xml", b"y" * 3000)
    monkeypatch.setattr(safe_zip, "MAX_UNCOMPRESSED", 5999)
    with pytest.raises(safe_zip.InputRefused, match="inflates to 0 MB, over the 0 MB limit"):
        safe_zip.check_table_file(tmp_path / "big.xlsx")
    monkeypatch.setattr(safe_zip, "MAX_UNCOMPRESSED", 6000)
    safe_zip.check_table_file(tmp_path / "big.xlsx")  # exactly at the limit: accepted


def test_a_real_template_passes_the_zip_guard(workspace: Workspace) -> None:
    """The guard does not refuse what liupi itself writes."""
    assert workspace.invoke("template", "--period", "2023-06", "--out", str(workspace.root / "t.xlsx")).exit_code == 0
    safe_zip.check_table_file(workspace.root / "t.xlsx")


def test_seed_is_what_the_rows_expect(workspace: Workspace) -> None:
    assert SEED[0] == SEED_ROW[0] and workspace.rows() == [SEED_ROW]


def test_report_json_stays_json_when_a_ratio_overflows(workspace: Workspace) -> None:
    """A number JSON cannot hold (infinity) is written as null, never as the non-JSON `Infinity`."""
    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.render.plain import to_json
    from liupi_cli.report import build_report

    report = build_report(load_plan(workspace.plan), [], parse_period("2023-06"))
    row = report.rows[0].model_copy(update={"completion": float("inf"), "gap": float("nan")})
    report = report.model_copy(update={"rows": [row, *report.rows[1:]]})

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    doc = json.loads(to_json(report), parse_constant=refuse)
    assert doc["rows"][0]["completion"] is None and doc["rows"][0]["gap"] is None
    assert doc["rows"][0]["id"] == row.id
