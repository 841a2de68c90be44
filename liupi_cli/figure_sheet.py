"""Reading a bureau's table of figures as the bureau sees it: CSV or tab-separated text in whatever
encoding Excel or WPS saved, and XLSX workbooks read cell by cell.

- Text: a BOM says UTF-8 or UTF-16; otherwise UTF-8, then GB18030 (which covers GBK), both strict.
  Tab-separated when the heading line holds a tab (Excel's "Unicode text").
- Workbooks (openpyxl, read-only): the active sheet, or the first visible one when that is hidden.
  A cell formatted as a percentage (0.061 shown as 6.1%) reads as ``6.1%``; a unit written into
  the number format (``0.00"万元"``) is read with the number; a date reads as its day
  (``2023-06-01``), which the period column takes as that month; a formula without a saved
  result and an Excel error value are refused with their row.
- Headings in English or Chinese (``id``/``指标``, ``period``/``期间``, ``value``/``数值`` …), found in
  the first rows; two columns with the same meaning are refused as ambiguous.

Row numbers are the sheet's own (the heading row is usually row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from liupi_cli.errors import InputRefused
from liupi_cli.messages import msg
from liupi_cli.periods import normalise_text
from liupi_cli.safe_zip import check_table_file
from liupi_cli.text_decode import decode

HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("id", "指标id", "指标代码"),  # not 编号: bureaus number their rows with it
    "name": ("指标", "指标名称", "name_zh"),
    "period": ("period", "期间", "时期", "报告期"),
    "value": ("value", "数值", "数据", "实际值", "完成值"),
    "unit": ("unit", "单位", "计量单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
    "baseline": ("baseline", "去年同期"),
}
_CANONICAL = {alias: key for key, aliases in HEADINGS.items() for alias in aliases}
HEADER_SEARCH_ROWS = 10  # a title line or two above the headings is tolerated
_NEEDED = ("value",)  # the period may come from --period alone (a sheet of one month often has no 期间 column)


@dataclass(frozen=True)
class RowProblem:
    row: int  # the sheet's row number (the heading row is usually 1)
    message: str
    hint: str | None = None
    needs: str | None = None  # "revise" or "force": the option that would let the figure in (for prompts)

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (row number, canonical column -> text as the bureau sees it)
    read_as: str  # "GB18030 (GBK) text, comma-separated", "sheet 'figures'"
    problems: list[RowProblem] = field(default_factory=list)  # cells that cannot be read at all
    blank_cells: set[tuple[int, int]] = field(default_factory=set, repr=False)  # (row, column) of blank key cells


def heading_key(text: object) -> str | None:
    """'数值', ' Value ', 'ＶＡＬＵＥ' -> 'value'; headings liupi does not use -> None."""
    return _CANONICAL.get(normalise_text(str(text or "")).replace(" ", "").lower())


def read_table(path: Path) -> Table:
    """Read a .csv/.tsv/.txt or .xlsx file of figures; InputRefused for what cannot be read at all."""
    path = Path(path)
    check_table_file(path)  # a FIFO, a device, a huge file or a zip bomb is refused before it is opened
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise InputRefused(msg("file.not_found", path=path), msg("file.not_found.hint")) from None
    except OSError as exc:
        raise InputRefused(msg("file.cannot_open", path=path, why=exc.strerror)) from None
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise InputRefused(msg("file.xls", path=path), msg("file.xls.hint"))
    if head.startswith(b"PK\x03\x04"):
        return _read_workbook(path)
    if suffix in (".xlsx", ".xlsm"):
        raise InputRefused(msg("file.not_xlsx", path=path), msg("file.resave_xlsx.hint"))
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_text(path)
    raise InputRefused(msg("file.suffix", path=path, suffix=suffix), msg("file.suffix.hint"))


# -- text -----------------------------------------------------------------

def _read_text(path: Path) -> Table:
    try:
        text, encoding = decode(path.read_bytes())
    except InputRefused as exc:
        raise InputRefused(msg("file.in", path=path, what=exc.message), exc.hint) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbered: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            numbered.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:  # a cell past the csv module's field limit (131,072 characters), a stray NUL
        too_long = "field larger than field limit" in str(exc)
        what = msg("file.cell_too_long", limit=f"{csv.field_size_limit():,}") if too_long else \
            msg("file.not_csv", why=exc)
        raise InputRefused(msg("file.at_line", path=path, line=reader.line_num, what=what),
                           msg("file.at_line.hint")) from None
    kind = msg("file.tab_separated" if delimiter == "\t" else "file.comma_separated")
    return _assemble(path, numbered, msg("file.read_text", encoding=encoding, kind=kind))


# -- workbooks --------------------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"|\\.')
_SUFFIX = re.compile(r'(?:"([^"]+)"|\\(\S))\s*$')


def _first_section(fmt: str) -> str:
    return re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', fmt or "General")[0]


def is_percent_format(fmt: str | None) -> bool:
    """'0.0%' and '0%' scale by 100; '0.0"%"' and '0.0\\%' only print a percent sign."""
    return "%" in _QUOTED.sub("", _first_section(fmt or ""))


def format_suffix(fmt: str | None) -> str:
    """The unit a number format prints after the number: '0.00"万元"' -> '万元'; '0.0"%"' -> '%'."""
    m = _SUFFIX.search(_first_section(fmt or ""))
    return (m[1] or m[2]).strip() if m else ""


def number_text(value: float | int, percent: bool = False) -> str:
    """A cell's number as text without float noise: 0.061 in a percent cell -> '6.1'."""
    if isinstance(value, bool):
        return "1" if value else "0"
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        d *= 100
    return format(d.normalize(), "f")


def _cell_text(cell, column: str) -> tuple[str, str | None]:
    """(text, problem): what the bureau sees in this cell, or why it cannot be read."""
    value = cell.value
    if value is None:
        return "", None
    if getattr(cell, "data_type", None) == "e":
        return "", msg("cell.error", value=value)
    if isinstance(value, (dt.datetime, dt.date)):
        if column in ("value", "unit"):
            return "", msg("cell.date", date=f"{value:%Y-%m-%d}")
        return f"{value:%Y-%m-%d}", None
    if isinstance(value, bool):
        return ("1" if value else "0"), None
    if isinstance(value, (int, float)):
        fmt = getattr(cell, "number_format", None)
        if column != "value":
            if column == "period" and isinstance(value, float) and re.fullmatch(r"\d{4}\.[1-9]", repr(value)):
                year, month = repr(value).split(".")
                if month == "1":  # 2023.10 and 2023.1 are the same number
                    return "", msg("cell.period_october", value=repr(value), year=year)
                return "", msg("cell.period_number", value=repr(value), year=year, month=f"{int(month):02d}")
            return number_text(value), None
        if is_percent_format(fmt):
            return number_text(value, percent=True) + "%", None
        return number_text(value) + format_suffix(fmt), None
    return str(value).strip(), None


def _read_workbook(path: Path) -> Table:
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError  # an entity bomb in the sheet XML stops here

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputRefused(msg("file.bad_workbook", path=path, why=exc), msg("file.bad_workbook.hint")) from None
    try:
        ws = _visible_sheet(wb)
        if ws is None:
            raise InputRefused(msg("file.no_sheet", path=path), msg("file.no_sheet.hint"))
        ws.reset_dimensions()  # some writers record a wrong size; read to the end
        raw = [(n, list(cells)) for n, cells in enumerate(ws.iter_rows(), start=1)]
        title = ws.title
        others = [w.title for w in wb.worksheets
                  if w.title != title and getattr(w, "sheet_state", "visible") == "visible"]
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError) as exc:  # the sheet is read only here
        raise InputRefused(msg("file.bad_workbook", path=path, why=exc), msg("file.bad_workbook.hint")) from None
    finally:
        wb.close()
    try:
        table = _assemble(path, raw, msg("file.read_sheet", sheet=title), cells=True)
    except InputRefused as exc:
        if getattr(exc.message, "id", None) != "file.no_headings":
            raise
        # say which sheet was read: the figures may sit on another one than the sheet left active
        hint = msg("file.other_sheets.hint", sheets=", ".join(repr(o) for o in others)) if others else exc.hint
        raise InputRefused(msg("file.no_headings_sheet", **exc.message.params, sheet=title), hint) from None
    _refuse_uncached_formulas(path, title, table)
    return table


def _visible_sheet(wb):
    active = wb.active
    if active is not None and getattr(active, "sheet_state", "visible") == "visible" and hasattr(active, "iter_rows"):
        return active
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") == "visible":
            return ws
    return None


def _refuse_uncached_formulas(path: Path, title: str, table: Table) -> None:
    """Without a saved result a formula reads as blank: find those among the blank cells that matter."""
    blanks = table.blank_cells
    if not blanks:
        return
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[title]
        ws.reset_dimensions()
        last = max(r for r, _ in blanks)
        formulas: dict[int, tuple[str, str]] = {}
        for n, cells in enumerate(ws.iter_rows(max_row=last), start=1):
            for cell in cells:
                col = getattr(cell, "column", None)
                if (n, col) in blanks and isinstance(cell.value, str) and cell.value.startswith("="):
                    formulas.setdefault(n, (f"{cell.column_letter}{n}", cell.value))
    finally:
        wb.close()
    if not formulas:
        return
    table.rows = [(n, row) for n, row in table.rows if n not in formulas]
    for n, (ref, formula) in sorted(formulas.items()):
        table.problems.append(RowProblem(n, msg("cell.formula", cell=ref, formula=formula), msg("cell.formula.hint")))
    table.problems.sort(key=lambda p: p.row)


# -- both -------------------------------------------------------------------

def _col_name(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _texts(row: list, cells: bool) -> list:
    """A raw row's values (an xlsx row holds cells)."""
    return [(c.value if cells else c) for c in row]


def _heading_columns(texts: list) -> dict[int, str]:
    """Column index -> the heading's key, for the texts that are headings liupi knows."""
    columns: dict[int, str] = {}
    for i, t in enumerate(texts):
        key = heading_key(t)
        if key:
            columns[i] = key
    return columns


def _complete(columns: dict[int, str]) -> bool:
    """Headings enough to read figures: period and value, and an id or a name."""
    keys = set(columns.values())
    return all(k in keys for k in _NEEDED) and ("id" in keys or "name" in keys)


def _two_row_heading(raw: list[tuple[int, list]], index: int, columns: dict[int, str], texts: list,
                     cells: bool) -> tuple[int, dict[int, str], list] | None:
    """A two-row heading: 指标 and 期间 merged down, 本期数据 merged over 数值 | 单位 on the row below. Returns
    the lower row's index, the columns of both rows and the texts (the lower row's, the upper's where empty)."""
    if index + 1 >= len(raw):
        return None
    below = _texts(raw[index + 1][1], cells)
    merged = {**columns, **_heading_columns(below)}
    if not _complete(merged):
        return None
    texts = [t if t not in (None, "") else (texts[i] if i < len(texts) else t) for i, t in enumerate(below)]
    return index + 1, merged, texts


def _refuse_twice_named(path: Path, columns: dict[int, str], texts: list) -> None:
    """Two columns with one meaning: liupi cannot tell which to read."""
    where: dict[str, list[int]] = {}
    for i, key in columns.items():
        where.setdefault(key, []).append(i)
    for key, cols in where.items():
        if len(cols) > 1:
            names = " and ".join(f"{_col_name(i)} ('{texts[i]}')" for i in cols)
            raise InputRefused(msg("file.two_columns", path=path, names=names, key=key),
                               msg("file.two_columns.hint"))


def _find_header(path: Path, raw: list[tuple[int, list]], cells: bool) -> tuple[int, dict[int, str]]:
    """The heading row (one or two rows) among the first non-blank rows: its index and its columns' keys."""
    seen = 0
    first: dict[int, str] | None = None
    for index, (_, row) in enumerate(raw):
        texts = _texts(row, cells)
        if not any(t not in (None, "") for t in texts):
            continue
        columns = _heading_columns(texts)
        if not _complete(columns) and (two := _two_row_heading(raw, index, columns, texts, cells)):
            index, columns, texts = two
        if _complete(columns):
            _refuse_twice_named(path, columns, texts)
            return index, columns
        first = first if first is not None else columns
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    have = set((first or {}).values())
    missing = [k for k in ("id", "period", *_NEEDED) if k not in have and not (k == "id" and "name" in have)]
    raise InputRefused(msg("file.no_headings", path=path, columns=", ".join(missing)), msg("file.no_headings.hint"))


def _assemble(path: Path, raw: list[tuple[int, list]], read_as: str, cells: bool = False) -> Table:
    header_index, columns = _find_header(path, raw, cells)
    table = Table([], read_as)
    blank_cells: set[tuple[int, int]] = set()
    for n, row in raw[header_index + 1:]:
        out: dict[str, str] = {}
        problem = None
        for i, key in columns.items():
            if i >= len(row):
                out[key] = ""
                continue
            if cells:
                text, why = _cell_text(row[i], key)
                if why and problem is None:
                    problem = msg("cell.at", cell=f"{_col_name(i)}{n}", why=why)
            else:
                text = row[i]
            out[key] = text
        if problem is not None:
            table.problems.append(RowProblem(n, problem))
            continue
        if cells:  # blank cells that may be formulas without a saved result (EmptyCell: nothing there at all)
            needed = ("period", "value") + (() if out.get("id") or out.get("name") else ("id", "name"))
            blank_cells.update((n, i + 1) for i, key in columns.items()
                               if key in needed and not out[key] and i < len(row) and hasattr(row[i], "column"))
        if any(out.values()):
            table.rows.append((n, out))
    table.blank_cells = blank_cells
    return table
