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
            raise InputRefused(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})",
                               "open it in Excel or WPS and save it as .xlsx") from None
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
    raise InputRefused(f"{path}: a decomposition table is .xlsx or .csv", "save it as .xlsx (Excel 工作簿) or CSV")


def read_decomposition(path: Path, config: CityConfig, plan: Plan, label: str | None = None) -> Decomposition:
    """The table at ``path``; InputRefused naming file:row for what cannot be read."""
    label = label or str(path)
    try:
        rows = _rows(path)
    except FileNotFoundError:
        raise InputRefused(f"{label}: file not found",
                           "city.yaml's decomposition: names it, beside city.yaml") from None
    rows = [r for r in rows if any(str(c or "").strip() for c in r)]
    if not rows:
        raise InputRefused(f"{label}: empty table", "first row: indicator, unit, city, then one column per county")
    names = {c.id: c.id for c in config.counties} | {c.name_zh: c.id for c in config.counties}
    columns: dict[int, str] = {}
    for i, head in enumerate(rows[0]):
        text = str(head or "").strip()
        if not text:
            continue
        key = HEADINGS.get(text.lower()) or (f"county:{names[text]}" if text in names else None)
        if key is None:
            raise InputRefused(f"{label}:1: column '{text}' is neither a heading nor one of the city's counties",
                               "counties: " + ", ".join(f"{c.id} ({c.name_zh})" for c in config.counties))
        columns[i] = key
    if "indicator" not in columns.values():
        raise InputRefused(f"{label}:1: no indicator column", "name the first column indicator (指标)")
    parts = [_part(label, n, row, columns, config, plan) for n, row in enumerate(rows[1:], start=2)]
    return Decomposition(file=label, parts=parts)


def _part(label: str, n: int, row: list, columns: dict[int, str], config: CityConfig, plan: Plan) -> Part:
    cells = {key: row[i] if i < len(row) else None for i, key in columns.items()}
    given = str(cells.get("indicator") or "").strip()
    try:
        ind = plan.indicators[plan.indicator_id(given)]
    except LiupiError as exc:  # UnknownId or a name of several indicators: said at the row
        raise InputRefused(f"{label}:{n}: {exc.message}", exc.hint) from None
    unit = str(cells.get("unit") or "").strip() or ind.unit

    def number(key: str) -> float | None:
        v = cells.get(key)
        if v is None or str(v).strip() == "":
            return None
        try:
            return float(v) if isinstance(v, (int, float)) else parse_quantity(str(v), unit).value
        except InputRefused as exc:
            raise InputRefused(f"{label}:{n}: {key.removeprefix('county:')}: {exc.message}", exc.hint) from None

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
            out.append(Problem(f, part.row, part.indicator, f"unit {part.unit} differs from the city plan's {ind.unit}",
                               "the table and targets.yaml must measure the indicator in the same unit"))
        for county in config.counties:
            target = part.targets.get(county.id)
            where = f"{part.indicator} × {county.id}"
            if target is None:
                out.append(Problem(f, part.row, where, "no target for this county", severity="warning"))
            cp = county_plans.get(county.id)
            if cp is None:
                continue
            ci = cp.indicators.get(part.county_indicator)
            if ci is None:
                out.append(Problem(f, part.row, where, f"{county.name_zh}'s plan {cp.info.id} has no indicator "
                                   f"'{part.county_indicator}'", "add a county_indicator column naming its id"))
                continue
            if ci.unit != part.unit:
                out.append(Problem(f, part.row, where, f"{county.name_zh} measures it in {ci.unit}, the city in "
                                   f"{part.unit}", "the same indicator in the same unit on both sides"))
            if ci.kind != ind.kind:
                out.append(Problem(f, part.row, where, f"{county.name_zh}'s plan has it as {ci.kind.value}, the city "
                                   f"as {ind.kind.value}"))
            if target is not None and ci.target is not None and ci.target != target:
                out.append(Problem(f, part.row, where, f"{county.name_zh}'s plan sets {ci.target:g}, the decomposition "
                                   f"{target:g}", "the county's plan should carry the target the city gave it",
                                   severity="warning"))
        out += _adds_up(f, part, ind.kind)
    return out


def _adds_up(f: str, part: Part, kind: Kind) -> list[Problem]:
    if kind not in ADDITIVE or part.city_target is None:
        return []
    given = [t for t in part.targets.values() if t is not None]
    total = sum(given)
    if len(given) < len(part.targets):
        return [Problem(f, part.row, part.indicator, f"{len(part.targets) - len(given)} county target(s) missing: "
                        f"the parts cannot be checked against the city target {part.city_target:g}",
                        severity="warning")]
    if abs(total - part.city_target) > 1e-9 * max(1.0, abs(part.city_target)):
        short = total < part.city_target  # parts over the city's target (加码) are allowed, said as a warning
        return [Problem(f, part.row, part.indicator, f"the counties' targets add up to {total:g}, "
                        f"{'short of' if short else 'over'} the city target {part.city_target:g} by "
                        f"{abs(total - part.city_target):g}", "the parts of an amount or a count add up to at least "
                        "the city's target", severity="error" if short else "warning")]
    return []
