"""A province-scale plan, generated from the bundled plan: deterministic and seeded.

`province_plan(out_dir, counties=100, per_county=130, seed=2023)` writes targets.yaml and tasks.yaml:
each county takes `per_county` of the bundled plan's indicators (a seeded sample that always holds
every kind; a 双下降 pair is taken whole) and all of its tasks, with its own units (the bundled units
prefixed by the county) and the same share of its tasks (every task tied to a picked indicator, then a
seeded sample: 190 × 130/289 ≈ 85 a county). Ids are `c007.new_urban_jobs`, names `第7县城镇新增就业`, so every id and
name stays unique. The six battles are shared. 100 × 130 = 13,000 indicators, about 8,500 tasks.

`record_timeline(plan, months)` gives each indicator one figure per month of 2023, at the period that
month falls in for the indicator's frequency (January goes to 1–2月, a monthly indicator's February;
an annual one always to 2023): when that period already has a figure the new one is a revision, as
bureaus revise quarterly and annual figures. 13,000 indicators × 12 months = 156,000 records.

Usage: python bench/province.py OUT_DIR [--counties N] [--per-county N] [--seed S] [--months M]
(writes the plan; with --months also OUT_DIR/records.db holding M months of figures).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

BUNDLED = REPO / "data"
YEAR = 2023


def _read(name: str) -> dict[str, Any]:
    return yaml.load((BUNDLED / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _sample(indicators: list[dict], per_county: int, rng: random.Random) -> list[dict]:
    """`per_county` indicators, every kind at least once, 双下降 pairs whole, in the plan's order."""
    groups: dict[str, list[int]] = {}
    for n, ind in enumerate(indicators):
        if ind.get("group"):
            groups.setdefault(ind["group"], []).append(n)
    picks: list[list[int]] = []  # units of choice: one indicator, or a whole pair
    seen_group: set[str] = set()
    for n, ind in enumerate(indicators):
        g = ind.get("group")
        if g:
            if g not in seen_group:
                seen_group.add(g)
                picks.append(groups[g])
        else:
            picks.append([n])
    rng.shuffle(picks)
    chosen: list[int] = []
    kinds_seen: set[str] = set()
    for unit in picks:  # first one of each kind
        kind = indicators[unit[0]]["kind"]
        if kind not in kinds_seen and len(chosen) + len(unit) <= per_county:
            kinds_seen.add(kind)
            chosen += unit
    for unit in picks:
        if unit[0] in chosen or len(chosen) + len(unit) > per_county:
            continue
        chosen += unit
        if len(chosen) == per_county:
            break
    return [indicators[n] for n in sorted(chosen)]


def province_plan(out_dir: Path, counties: int = 100, per_county: int = 130, seed: int = 2023) -> Path:
    targets, tasks = _read("targets.yaml"), _read("tasks.yaml")
    units, indicators, all_tasks = [], [], []
    for c in range(1, counties + 1):
        rng = random.Random(seed * 1000 + c)  # a county is the same whatever the number of counties
        pre, name = f"c{c:03d}.", f"第{c}县"
        u = lambda uid, pre=pre: pre + uid if uid else uid  # noqa: E731
        for unit in targets["units"]:
            new = {**unit, "id": pre + unit["id"], "name_zh": name + unit["name_zh"]}
            if unit.get("aliases"):
                new["aliases"] = [name + a for a in unit["aliases"]]
            if unit.get("parent"):
                new["parent"] = pre + unit["parent"]
            units.append(new)
        picked = _sample(targets["indicators"], per_county, rng)
        ids = {ind["id"] for ind in picked}
        tasks_of = {ind["task"] for ind in picked if ind.get("task")}
        for ind in picked:
            new = {**ind, "id": pre + ind["id"], "name_zh": name + ind["name_zh"]}
            for key in ("lead_unit", "task", "group"):
                if ind.get(key):
                    new[key] = pre + ind[key]
            if ind.get("co_lead_units"):
                new["co_lead_units"] = [u(x) for x in ind["co_lead_units"]]
            if ind.get("linked_to"):  # a link stays inside its county, and only to an indicator it has
                new["linked_to"] = pre + ind["linked_to"] if ind["linked_to"] in ids else None
            indicators.append(new)
        quota = round(len(tasks["tasks"]) * per_county / len(targets["indicators"]))
        needed = [t for t in tasks["tasks"] if t["id"] in tasks_of or ids & set(t.get("indicators") or ())]
        others = [t for t in tasks["tasks"] if t not in needed]
        keep = {t["id"] for t in needed + rng.sample(others, max(0, min(len(others), quota - len(needed))))}
        for task in tasks["tasks"]:
            if task["id"] not in keep:
                continue
            new = {**task, "id": pre + task["id"]}
            for key in ("lead_units", "responsible_units"):
                if task.get(key):
                    new[key] = [u(x) for x in task[key]]
            if task.get("section_lead"):
                new["section_lead"] = u(task["section_lead"])
            if task.get("indicators"):
                new["indicators"] = [pre + i for i in task["indicators"] if i in ids]
                if not new["indicators"]:
                    del new["indicators"]
            assert task["id"] not in tasks_of or new.get("indicators")
            all_tasks.append(new)
    battles = [{**b, "lead_unit": "c001." + b["lead_unit"],
                "responsible_units": ["c001." + x for x in b.get("responsible_units") or []]}
               for b in targets["battles"]]
    plan = {
        "plan": {**targets["plan"], "id": "province-bench-2023", "title_zh": "全省六仗方案（基准测试生成）",
                 "title_en": f"Province benchmark plan: {counties} counties (generated, seed {seed})"},
        "settings": targets["settings"],
        "units": units,
        "battles": battles,
        "indicators": indicators,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    dump = dict(Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (out_dir / "targets.yaml").write_text(yaml.dump(plan, **dump), encoding="utf-8")
    (out_dir / "tasks.yaml").write_text(yaml.dump({"tasks": all_tasks}, **dump), encoding="utf-8")
    return out_dir


def _period(frequency: str, month: int) -> str:
    m = max(month, 2)  # January alone does not exist: 1–2月
    if frequency == "quarterly":
        return f"{YEAR}Q{(month + 2) // 3}"
    if frequency == "annual":
        return str(YEAR)
    return f"{YEAR}-{m:02d}"


def _value(ind, month: int, rng: random.Random, level: float) -> float:
    """One month's figure. Year-to-date kinds (amounts, event counts) grow with the month, as real ones do:
    `level` is the indicator's own pace (drawn once), `rng` adds this month's noise where a figure may move."""
    kind, target = ind.kind.value, ind.target
    if kind == "growth_rate":
        return round((target or 5) + rng.uniform(-3, 2), 1)
    if kind == "cumulative":
        return round((target or 100) * month / 12 * level, 2)
    if kind in ("level", "ceiling"):
        bound = 100.0 if ind.unit == "%" else 1000.0
        return round(min(bound, (target or 50) * rng.uniform(0.9, 1.05)), 2)
    if kind in ("zero_events", "double_decline"):
        return float(int((level - 0.7) * 8 * month // 12))  # a quarter of them 0 all year, the rest rising
    if kind == "ranking":
        return float(rng.randint(1, 20))
    if kind == "standard_raised":
        return float(ind.target if month >= 6 else ind.baseline)
    return 1.0 if month >= 6 else 0.0  # milestone: done from June


def record_timeline(plan, months: range, seed: int = 2023):
    """Yield (month, [NewRecord, …]) for each month: one figure per indicator, keys unique per month."""
    from liupi_cli.store import NewRecord

    inds = list(plan.indicators.values())
    levels = {ind.id: random.Random(f"{seed}:{ind.id}").uniform(0.7, 1.2) for ind in inds}
    for month in months:
        rng = random.Random(seed * 100 + month)
        news = []
        for ind in inds:
            v = _value(ind, month, rng, levels[ind.id])
            news.append(NewRecord(ind.id, _period(ind.frequency.value, month), v, f"{v:g}", None, ind.unit))
        yield month, news


def fill_store(db: Path, plan, months: range, seed: int = 2023) -> int:
    """Record `months` of figures (revise=True: a repeated period is a revision). Returns the count."""
    from liupi_cli.store import Store

    n = 0
    with Store(db, plan.info.id) as s:
        for month, news in record_timeline(plan, months, seed):
            s.add_many(news, "bench", f"{YEAR}-{month:02d}-20T09:00:00+08:00", revise=True)
            n += len(news)
    return n


def month_csv(path: Path, plan, month: int, seed: int = 2023) -> int:
    """The figures of one month as an `update --file` CSV (id, period, value). Returns the row count."""
    import csv

    rows = next(news for m, news in record_timeline(plan, range(month, month + 1), seed))
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "period", "value"])
        for r in rows:
            w.writerow([r.indicator, r.period, r.entered])
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--counties", type=int, default=100)
    ap.add_argument("--per-county", type=int, default=130)
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--months", type=int, default=0)
    a = ap.parse_args()
    province_plan(a.out, a.counties, a.per_county, a.seed)
    if a.months:
        from liupi_cli.plan import load_plan

        plan = load_plan(a.out)
        print(f"{len(plan.indicators)} indicators, {len(plan.tasks)} tasks; "
              f"{fill_store(a.out / 'records.db', plan, range(1, a.months + 1), a.seed)} records")


if __name__ == "__main__":
    main()
