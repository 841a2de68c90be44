"""目标分解: the table of city indicators × counties that gives each county its target, read from the xlsx or
CSV the city already sends out, and checked against the city's plan and each county's plan.

The table's first row names its columns: ``indicator`` (指标: a city indicator's id or Chinese name),
optionally ``county_indicator`` (县指标: the id the counties' plans use, when it differs), ``unit`` (单位),
``city`` (全市 / 市目标: the city's target), then one column per county (its id or Chinese name). A cell is a
number as people type it (8.5, 8.5%, 93.44亿元: converted to the indicator's unit); an empty cell is no target
for that county. A percent-formatted cell (Excel stores 8.5% as 0.085) reads as 8.5.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import BaseModel

from liupi_cli.city.config import CityConfig
from liupi_cli.errors import InputRefused, LiupiError, Problem
from liupi_cli.kinds import Kind, kinds_with
from liupi_cli.messages import msg
from liupi_cli.plan import Plan
from liupi_cli.quantity import parse_quantity

ADDITIVE = kinds_with("additive")  # amounts and counts add up across counties; rates do not
HEADINGS = {"indicator": "indicator", "指标": "indicator", "指标名称": "indicator",
            "county_indicator": "county_indicator", "县指标": "county_indicator", "unit": "unit", "单位": "unit",
            "计量单位": "unit", "city": "city", "全市": "city", "市目标": "city", "全市目标": "city"}


class Part(BaseModel):
    row: int
    indicator: str  # the city indicator's id
    county_indicator: str  # the id in the counties' plans
    unit: str | None
    city_target: float | None
    targets: dict[str, float | None]  # county id -> its target (None: none given)


class Decomposition(BaseModel):
    file: str
    parts: list[Part]

    def part(self, indicator: str) -> Part | None:
        return next((p for p in self.parts if p.indicator == indicator), None)


def _rows(path: Path) -> list[list[object]]:
    from liupi_cli.safe_zip import check_table_file

    check_table_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise InputRefused(msg("city.table_not_xlsx", path=path, error=type(exc).__name__),
                               msg("city.table_not_xlsx.hint")) from None
        out = []
        for row in wb.worksheets[0].iter_rows():
            out.append([(c.value * 100 if isinstance(c.value, (int, float)) and "%" in (c.number_format or "")
                         else c.value) for c in row])
        wb.close()
        return out
    if path.suffix.lower() == ".csv":
        from liupi_cli.text_decode import decode

        text, _ = decode(path.read_bytes())
        return [list(r) for r in csv.reader(io.StringIO(text))]
    raise InputRefused(msg("city.table_suffix", path=path), msg("city.table_suffix.hint"))


def read_decomposition(path: Path, config: CityConfig, plan: Plan, label: str | None = None) -> Decomposition:
    """The table at ``path``; InputRefused naming file:row for what cannot be read."""
    label = label or str(path)
    if not Path(path).exists():  # said here, with city.yaml's hint, before a reader refuses it in general words
        raise InputRefused(msg("city.table_missing", path=label), msg("city.table_missing.hint"))
    try:
        rows = _rows(path)
    except FileNotFoundError:
        raise InputRefused(msg("city.table_missing", path=label), msg("city.table_missing.hint")) from None
    rows = [r for r in rows if any(str(c or "").strip() for c in r)]
    if not rows:
        raise InputRefused(msg("city.table_empty", path=label), msg("city.table_empty.hint"))
    names = {c.id: c.id for c in config.counties} | {c.name_zh: c.id for c in config.counties}
    columns: dict[int, str] = {}
    for i, head in enumerate(rows[0]):
        text = str(head or "").strip()
        if not text:
            continue
        key = HEADINGS.get(text.lower()) or (f"county:{names[text]}" if text in names else None)
        if key is None:
            raise InputRefused(msg("city.table_column", path=label, text=text),
                               msg("city.table_column.hint",
                                   names=", ".join(f"{c.id} ({c.name_zh})" for c in config.counties)))
        columns[i] = key
    if "indicator" not in columns.values():
        raise InputRefused(msg("city.table_no_indicator", path=label), msg("city.table_no_indicator.hint"))
    parts = [_part(label, n, row, columns, config, plan) for n, row in enumerate(rows[1:], start=2)]
    return Decomposition(file=label, parts=parts)


def _part(label: str, n: int, row: list, columns: dict[int, str], config: CityConfig, plan: Plan) -> Part:
    cells = {key: row[i] if i < len(row) else None for i, key in columns.items()}
    given = str(cells.get("indicator") or "").strip()
    try:
        ind = plan.indicators[plan.indicator_id(given)]
    except LiupiError as exc:  # UnknownId or a name of several indicators: said at the row
        raise InputRefused(msg("city.table_at", path=label, row=n, what=exc.message), exc.hint) from None
    unit = str(cells.get("unit") or "").strip() or ind.unit

    def number(key: str) -> float | None:
        v = cells.get(key)
        if v is None or str(v).strip() == "":
            return None
        try:
            return float(v) if isinstance(v, (int, float)) else parse_quantity(str(v), unit).value
        except InputRefused as exc:
            raise InputRefused(msg("city.table_cell", path=label, row=n, county=key.removeprefix("county:"),
                                   what=exc.message), exc.hint) from None

    return Part(row=n, indicator=ind.id, county_indicator=str(cells.get("county_indicator") or "").strip() or ind.id,
                unit=unit, city_target=number("city") if "city" in cells else ind.target,
                targets={c.id: number(f"county:{c.id}") for c in config.counties})


def check_decomposition(decomp: Decomposition, plan: Plan, county_plans: dict[str, Plan | None],
                        config: CityConfig) -> list[Problem]:
    """Each part against the city plan and each county's plan (same indicator, unit and kind, the target the
    county carries), and the parts of an additive kind against the city target."""
    out: list[Problem] = []
    f = decomp.file
    for part in decomp.parts:
        ind = plan.indicators[part.indicator]
        if part.unit != ind.unit:
            out.append(Problem(f, part.row, part.indicator, msg("city.unit_differs", unit=part.unit, expected=ind.unit),
                               msg("city.unit_differs.hint")))
        for county in config.counties:
            target = part.targets.get(county.id)
            where = f"{part.indicator} × {county.id}"
            if target is None:
                out.append(Problem(f, part.row, where, msg("city.no_target"), severity="warning"))
            cp = county_plans.get(county.id)
            if cp is None:
                continue
            ci = cp.indicators.get(part.county_indicator)
            if ci is None:
                out.append(Problem(f, part.row, where, msg("city.county_lacks", county=county.name_zh, plan=cp.info.id,
                                                           indicator=part.county_indicator),
                                   msg("city.county_lacks.hint")))
                continue
            if ci.unit != part.unit:
                out.append(Problem(f, part.row, where, msg("city.county_unit", county=county.name_zh, unit=ci.unit,
                                                           expected=part.unit), msg("city.county_unit.hint")))
            if ci.kind != ind.kind:
                out.append(Problem(f, part.row, where, msg("city.county_kind", county=county.name_zh,
                                                           kind=ci.kind.value, expected=ind.kind.value)))
            if target is not None and ci.target is not None and ci.target != target:
                out.append(Problem(f, part.row, where, msg("city.county_target", county=county.name_zh,
                                                           target=f"{ci.target:g}", expected=f"{target:g}"),
                                   msg("city.county_target.hint"), severity="warning"))
        out += _adds_up(f, part, ind.kind)
    return out


def _adds_up(f: str, part: Part, kind: Kind) -> list[Problem]:
    if kind not in ADDITIVE or part.city_target is None:
        return []
    given = [t for t in part.targets.values() if t is not None]
    total = sum(given)
    if len(given) < len(part.targets):
        return [Problem(f, part.row, part.indicator, msg("city.parts_missing", count=len(part.targets) - len(given),
                                                         target=f"{part.city_target:g}"), severity="warning")]
    if abs(total - part.city_target) > 1e-9 * max(1.0, abs(part.city_target)):
        short = total < part.city_target  # parts over the city's target (加码) are allowed, said as a warning
        said = msg("city.parts_short" if short else "city.parts_over", total=f"{total:g}",
                   target=f"{part.city_target:g}", gap=f"{abs(total - part.city_target):g}")
        return [Problem(f, part.row, part.indicator, said, msg("city.parts.hint"),
                        severity="error" if short else "warning")]
    return []
