"""How long each renderer takes over the bundled plan's 289-row report (June, with the demo figures).

In-process, min / median / max of several runs, the report built once. The terminal table is the one
people see dozens of times a day; it should cost a few hundredths of a second, not tenths.

Usage: python bench/bench_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _report():
    from liupi_cli.figure_sheet import read_table
    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.record_service import RecordOptions, record_table
    from liupi_cli.report import build_report
    from liupi_cli.store import Store

    plan = load_plan(REPO / "data")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "r.db", plan.info.id) as store:
        record_table(plan, store, read_table(REPO / "examples" / "demo-2023-06.csv"),
                     RecordOptions(by="bench", at="2023-07-20T00:00:00+08:00"))
        return build_report(plan, store.records(), parse_period("2023-06"), task_updates=store.task_updates())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    from liupi_cli.render import textgrid
    from liupi_cli.render.registry import render

    rep = _report()

    def table(width: int):
        def go():
            textgrid.width.cache_clear()
            textgrid.tokens.cache_clear()
            render(rep, "table", lang="zh", width=width)
        return go

    cases = [("table, 80 columns", table(80)), ("table, 100 columns", table(100)), ("table, 200 columns", table(200)),
             *[(fmt, lambda fmt=fmt: render(rep, fmt, lang="zh")) for fmt in ("markdown", "csv", "html", "xlsx")]]
    print(f"{len(rep.rows)} rows; seconds over {runs} runs (min / median / max)")
    for name, fn in cases:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"  {name:<20} {min(times):.4f} / {statistics.median(times):.4f} / {max(times):.4f}")


if __name__ == "__main__":
    main()
