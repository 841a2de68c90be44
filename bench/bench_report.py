"""Benchmarks for the commands people run many times a day. Prints ratios measured in one run.

Machines are noisy, so nothing here is a pass/fail test and every figure is a ratio against a
baseline timed in the same run:

1. start-up: `liupi report --month 2023-06 --format json` on the bundled plan with a year of figures,
   against `python -c pass` and against `python -c "import pandas"` (what the plain formats avoid);
2. memory: peak RSS of that command against `python -c pass`;
3. YAML: reading targets.yaml with the libyaml C composer against the pure-Python one;
4. report: build_report over the bundled plan with 12 months of figures, against loading the plan.

Usage: python bench/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _time(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _peak_rss_kib(cmd: list[str], env: dict[str, str]) -> int:
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip())


def _fill(db: Path) -> int:
    """A year of made-up figures for every monthly/quarterly indicator of the bundled plan."""
    from liupi_cli.models import Frequency
    from liupi_cli.plan import load_plan
    from liupi_cli.store import NewRecord, Store

    plan = load_plan(REPO / "data")
    news = []
    for ind in plan.indicators.values():
        if ind.frequency is Frequency.monthly:
            periods = [f"2023-{m:02d}" for m in range(2, 13)]
        elif ind.frequency is Frequency.quarterly:
            periods = [f"2023Q{q}" for q in range(1, 5)]
        else:
            continue
        for n, p in enumerate(periods, 1):
            news.append(NewRecord(ind.id, p, float(n), str(n), None, ind.unit))
    with Store(db, plan.info.id) as s:
        s.add_many(news, "bench", "2023-12-31T00:00:00")
    return len(news)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        n = _fill(db)
        liupi = [sys.executable, "-m", "liupi_cli", "--data-dir", str(REPO / "data"), "--db", str(db),
                 "report", "--month", "2023-06", "--format", "json"]
        base = _time([sys.executable, "-c", "pass"], args.runs, env)
        pandas = _time([sys.executable, "-c", "import pandas"], args.runs, env)
        report = _time(liupi, args.runs, env)
        xlsx = _time(liupi[:-2] + ["--out", str(Path(tmp) / "r.xlsx")], max(3, args.runs // 2), env)
        rss_base = _peak_rss_kib([sys.executable, "-c", "pass"], env)
        rss_report = _peak_rss_kib(liupi, env)

    import yaml

    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.report import build_report
    from liupi_cli.store import Store

    text = (REPO / "data" / "targets.yaml").read_text(encoding="utf-8")

    def best(fn, k=5) -> float:
        out = []
        for _ in range(k):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return min(out)

    c_yaml = best(lambda: yaml.compose(text, Loader=yaml.CSafeLoader)) if yaml.__with_libyaml__ else float("nan")
    py_yaml = best(lambda: yaml.compose(text, Loader=yaml.SafeLoader))
    plan_load = best(lambda: load_plan(REPO / "data"))
    plan = load_plan(REPO / "data")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "b.db"
        _fill(db)
        with Store(db, plan.info.id) as s:
            records = s.records()
    build = best(lambda: build_report(plan, records, parse_period("2023-12")))

    print(f"figures in the store: {n}; indicators: {len(plan.indicators)}; runs: {args.runs}")
    print(f"report json start-to-finish / python -c pass:      {report / base:6.1f}x  ({report * 1000:.0f} ms)")
    print(f"report json / python -c 'import pandas':           {report / pandas:6.2f}x")
    print(f"report xlsx / report json:                         {xlsx / report:6.2f}x")
    print(f"peak RSS report json / python -c pass:             {rss_report / rss_base:6.1f}x  "
          f"({rss_report // 1024} MiB)")
    print(f"targets.yaml compose, C loader / pure Python:      {c_yaml / py_yaml:6.2f}x")
    print(f"build_report (12 months) / load_plan:              {build / plan_load:6.2f}x")


if __name__ == "__main__":
    main()
