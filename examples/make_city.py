"""Write a made-up city workspace: a city plan, its counties' exported figures, a decomposition table and the
scoring rules, for trying `liupi collect` and `liupi rank` (docs/city.md) and for the tests and the benchmark.

    python examples/make_city.py examples/city        # the 12 counties of docs/city.md (永州市, made-up figures)

Every figure is made up (source "made-up"): the names of the city and its counties are real, the numbers are
not. The first county (双牌县) has no file: docs/city.md makes its workspace with `liupi init … --demo`, whose
demo figures are the sample plan's. ``make_city(root, counties=100, extra_indicators=123)`` makes a province
sized one for bench/city.py.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COUNTIES = [("shuangpai", "双牌县", "重点生态功能区"), ("lingling", "零陵区", "重点开发区"),
            ("lengshuitan", "冷水滩区", "重点开发区"), ("qiyang", "祁阳市", "重点开发区"), ("dongan", "东安县", "重点开发区"),
            ("daoxian", "道县", "重点开发区"), ("jiangyong", "江永县", "重点生态功能区"), ("ningyuan", "宁远县", "重点开发区"),
            ("lanshan", "蓝山县", "重点生态功能区"), ("xintian", "新田县", "重点生态功能区"),
            ("jianghua", "江华瑶族自治县", "重点生态功能区"), ("jindong", "金洞管理区", "重点生态功能区")]
CITY_INDICATORS = ["gdp_growth", "industrial_va_growth", "fai_growth", "retail_sales_growth", "retail_sales_total",
                   "new_urban_jobs", "urban_unemployment"]
RULES = [{"indicator": "industrial_va_growth", "method": "contest", "points": 10},
         {"indicator": "gdp_growth", "method": "contest", "points": 15},
         {"indicator": "retail_sales_total", "method": "efficacy_split", "growth": "retail_sales_growth",
          "level_share": 0.4, "points": 20},
         {"indicator": "new_urban_jobs", "method": "completion", "points": 10, "proportional": True},
         {"indicator": "urban_unemployment", "method": "completion", "points": 5},
         {"indicator": "fai_growth", "method": "versus_average", "step": 0.1, "per_step": 0.1, "bonus_cap": 1,
          "deduction_cap": 1}]
# (kind, unit, frequency, low, high) of a made-up figure for each city indicator; targets near the middle
SHAPES = {"gdp_growth": (5.0, 9.0), "industrial_va_growth": (4.0, 12.0), "fai_growth": (2.0, 15.0),
          "retail_sales_growth": (3.0, 10.0), "retail_sales_total": (12.0, 60.0), "new_urban_jobs": (800, 3000),
          "urban_unemployment": (4.5, 6.0)}


def _record(n: int, indicator: str, period: str, value: float, unit: str | None) -> dict:
    return {"id": n, "indicator": indicator, "period": period, "baseline": False, "value": value,
            "entered": f"{value:g}", "entered_unit": None, "unit": unit, "recorded_by": "made-up",
            "recorded_at": "2023-07-15T09:00:00+08:00", "source": "made-up", "note": None, "supersedes": None,
            "batch": None, "current": True}


def _plan(indicators: list[dict], year: int, plan_id: str, title: str, issuer: str) -> dict:
    sample = yaml.safe_load((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"))
    info = {"id": plan_id, "title_zh": title, "title_en": f"{plan_id} targets", "issuer": issuer, "year": year}
    return {"plan": info, "units": sample["units"], "battles": sample["battles"], "indicators": indicators}


def _indicators(extra: int, rng: random.Random) -> tuple[list[dict], list[dict], dict]:
    sample = {i["id"]: i for i in yaml.safe_load((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"))
              ["indicators"]}
    keep = ("id", "name_zh", "name_en", "battle", "kind", "comparator", "qualifier", "target", "unit", "frequency",
            "lead_unit", "source", "stated")
    inds = [{k: sample[i][k] for k in keep if k in sample[i]} for i in CITY_INDICATORS]
    rules, shapes = list(RULES), dict(SHAPES)
    methods = ["contest", "efficacy", "completion", "versus_average"]
    for k in range(extra):  # a province's long list: amounts and growth rates, scored by every method in turn
        growth = k % 2 == 0
        iid = f"x{k:03d}_{'growth' if growth else 'total'}"
        inds.append({"id": iid, "name_zh": f"指标{k + 1}", "name_en": iid, "battle": inds[0]["battle"],
                     "kind": "growth_rate" if growth else "cumulative", "comparator": "at_least",
                     "target": 8.0 if growth else 100.0, "unit": "%" if growth else "亿元", "frequency": "monthly",
                     "source": "made-up"})
        method = methods[k % 4] if growth else methods[k % 3]
        rule = {"indicator": iid, "method": method, "points": 5}
        if method == "versus_average":
            rule.update(points=0, bonus_cap=1, deduction_cap=1)
        rules.append(rule)
        shapes[iid] = (2.0, 14.0) if growth else (20.0, 200.0)
    return inds, rules, shapes


def make_city(root: Path, counties: int = 12, extra_indicators: int = 0, months: tuple[int, ...] = (5, 6),
              year: int = 2023, seed: int = 21, mail: bool = True, workspace_first: bool = True) -> dict:
    """Write the city workspace at ``root``; returns {county id: {(indicator, period): value}} as written.
    ``workspace_first``: 双牌县 sends no file (docs/city.md makes its workspace); else it sends one too."""
    folder = "shuangpai" if workspace_first else None
    import openpyxl

    rng = random.Random(seed)
    people = COUNTIES[:counties] + [(f"c{k:03d}", f"第{k}县", "重点开发区" if k % 2 else "重点生态功能区")
                                    for k in range(len(COUNTIES), counties)]
    inds, rules, shapes = _indicators(extra_indicators, rng)
    by_id = {i["id"]: i for i in inds}
    data = root / "data"
    (root / "counties").mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    (root / "liupi.toml").write_text('plan = "data"\n', encoding="utf-8")
    targets: dict[str, dict[str, float]] = {}
    for iid, (lo, hi) in shapes.items():
        mid = (lo + hi) / 2
        targets[iid] = {c: round(mid * rng.uniform(0.9, 1.1), 1) for c, _, _ in people}
    for iid, ind in by_id.items():  # an amount's city target is the sum of its parts; a rate's, the plan's
        if ind["kind"] == "cumulative":
            ind["target"] = round(sum(targets[iid].values()), 1)
    plan = _plan(inds, year, f"yongzhou-{year}", f"永州市{year}年主要经济指标目标（示例）", "永州市人民政府办公室")
    (data / "targets.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (data / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    city = {"city": {"name_zh": "永州市", "year": year, "issuer": "永州市人民政府办公室",
                     "recipients": "各县（市、区）人民政府，各管理区管委会"},
            "counties": [{"id": c, "name_zh": n, "class": k, "plan": "shuangpai-2023-six-battles" if c == folder
                          else f"{c}-{year}", "source": f"counties/{c}" if c == folder
                          else f"counties/{c}-{year}.json"} for c, n, k in people],
            "decomposition": "decomposition.xlsx", "levels": {"retail_sales_growth": "retail_sales_total"},
            "scoring": {"by_class": False, "rules": rules,
                        "class_points": {"重点生态功能区": {"industrial_va_growth": 5}}}}
    (data / "city.yaml").write_text("# 示例：数字均为虚构 / made-up figures\n" + yaml.safe_dump(
        city, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目标分解"
    ws.append(["指标", "单位", "全市"] + [n for _, n, _ in people])
    for iid, ind in by_id.items():
        unique = sum(1 for i in inds if i["name_zh"] == ind["name_zh"]) == 1  # 社会消费品零售总额 names two
        row = [ind["name_zh"] if iid in CITY_INDICATORS and unique else iid, ind["unit"], ind["target"]]
        ws.append(row + [targets[iid][c] for c, _, _ in people])
        if ind["unit"] == "%":  # typed as 8.5% in Excel: stored 0.085 in a percent cell
            for cell in ws[ws.max_row][2:]:
                cell.value = round(cell.value / 100, 6)
                cell.number_format = "0.0%"
    wb.save(data / "decomposition.xlsx")
    written: dict[str, dict] = {}
    for c, _, _ in people:
        figures: dict = {}
        records = []
        for m in months:
            for iid, (lo, hi) in shapes.items():
                ind = by_id[iid]
                if ind["frequency"] == "quarterly" and m % 3:
                    continue
                period = f"{year}Q{m // 3}" if ind["frequency"] == "quarterly" else f"{year}-{m:02d}"
                value = round(rng.uniform(lo, hi) * (m / 6 if ind["kind"] == "cumulative" else 1), 2)
                figures[(iid, period)] = value
                records.append(_record(len(records) + 1, iid, period, value, ind["unit"]))
        written[c] = figures
        if c != folder:
            doc = {"plan": f"{c}-{year}", "records": records, "task_updates": []}
            (root / "counties" / f"{c}-{year}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1),
                                                                 encoding="utf-8")
    if mail:  # files as they arrive by mail: last year's by mistake, and one cut short in transfer
        (root / "mail").mkdir(exist_ok=True)
        last_year = json.loads((root / "counties" / f"lengshuitan-{year}.json").read_text(encoding="utf-8"))
        for r in last_year["records"]:
            r["period"] = r["period"].replace(str(year), str(year - 1))
        (root / "mail" / f"lengshuitan-{year - 1}.json").write_text(json.dumps(last_year, ensure_ascii=False),
                                                                    encoding="utf-8")
        whole = (root / "counties" / f"lingling-{year}.json").read_text(encoding="utf-8")
        (root / "mail" / "lingling-cut-short.json").write_text(whole[: len(whole) // 2], encoding="utf-8")
    return written


if __name__ == "__main__":
    make_city(Path(sys.argv[1] if len(sys.argv) > 1 else "examples/city"))
