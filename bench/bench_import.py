"""Benchmark: a province-scale `update --file` (13,200 rows) against reading the same file alone.

A synthetic plan of 1,200 monthly cumulative indicators; a CSV and an XLSX with one row per indicator
and month (half of them naming the indicator in Chinese). Times, in one run:

1. reading the table only (liupi_cli.figure_sheet.read_table), the floor any import pays;
2. checking every row (prepare_batch against the store's current figures: one query, then one
   dictionary lookup per row);
3. writing them all (Store.add_many, one transaction);
4. re-importing the same file (every row unchanged).

The ratio of 2 to 1 shows the checking costs about what reading does, not a scan per row.
Not a test: machines here are noisy. Usage: python bench/bench_import.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from liupi_cli.figure_sheet import read_table  # noqa: E402
from liupi_cli.plan import load_plan  # noqa: E402
from liupi_cli.recording import prepare_batch  # noqa: E402
from liupi_cli.store import Store  # noqa: E402

INDICATORS = 1200
MONTHS = range(2, 13)


def _plan(folder: Path) -> None:
    indicators = [{"id": f"ind_{i:04d}", "name_zh": f"指标{i:04d}", "name_en": f"indicator {i}", "battle": "b",
                   "kind": "cumulative", "comparator": "at_least", "target": 1000, "unit": "个", "frequency": "monthly",
                   "source": "main 一"} for i in range(INDICATORS)]
    targets = {"plan": {"id": "bench", "title_zh": "基准", "title_en": "bench", "year": 2023, "issued": "2023-03-01"},
               "units": [{"id": "u", "name_zh": "县统计局"}],
               "battles": [{"id": "b", "number": 1, "name_zh": "一", "name_en": "one", "lead_unit": "u",
                            "source": "附件1"}],
               "indicators": indicators}
    (folder / "targets.yaml").write_text(yaml.safe_dump(targets, allow_unicode=True), encoding="utf-8")
    (folder / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")


def _rows() -> list[list[str]]:
    rows = [["id", "指标", "期间", "数值"]]
    for i in range(INDICATORS):
        for m in MONTHS:
            ident = ["", f"指标{i:04d}"] if i % 2 else [f"ind_{i:04d}", ""]
            rows.append([*ident, f"2023年{m}月", str(m * 10 + i % 7)])
    return rows


def _timed(label: str, fn):
    t = time.perf_counter()
    out = fn()
    print(f"{label:<34} {time.perf_counter() - t:7.2f} s")
    return out


def main() -> None:
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _plan(folder)
        plan = load_plan(folder)
        rows = _rows()
        csv_path = folder / "figures.csv"
        csv_path.write_text("\n".join(",".join(r) for r in rows), encoding="gb18030")
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        xlsx_path = folder / "figures.xlsx"
        wb.save(xlsx_path)
        print(f"{len(rows) - 1} rows, {INDICATORS} indicators")
        for path in (csv_path, xlsx_path):
            store = Store(folder / f"{path.suffix[1:]}.db", plan.info.id)
            read = _timed(f"read {path.suffix}", lambda p=path: read_table(p))
            batch = _timed("check every row",
                           lambda store=store, read=read: prepare_batch(plan, store.current_figures(), read.rows))
            assert not batch.problems, batch.problems[:3]
            _timed(f"write {len(batch.changes)} figures",
                   lambda store=store, batch=batch: store.add_many(batch.records, "bench", "now"))
            again = _timed("check again (all unchanged)",
                           lambda store=store, read=read: prepare_batch(plan, store.current_figures(), read.rows))
            assert len(again.unchanged) == len(rows) - 1
            store.close()


if __name__ == "__main__":
    main()
