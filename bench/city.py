"""A province ranked: 100 counties × 130 indicators (examples/make_city.py's generator), collected, then
`liupi rank --month 2023-06` timed as a user runs it (whole processes, several runs, min / median / max), and
the core ranking alone (build_ranking, in this process). Machines are noisy: this prints figures, it tests
nothing. The goal: a province ranked in ≤ 3 s.

Usage: python bench/city.py [--counties N] [--indicators N] [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _make_city():
    spec = importlib.util.spec_from_file_location("make_city", REPO / "examples" / "make_city.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.make_city


def _liupi(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "liupi_cli", "--data-dir", str(root), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _line(name: str, runs: list[float]) -> str:
    return f"{name:<44} min {min(runs):6.2f} s   median {statistics.median(runs):6.2f} s   max {max(runs):6.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counties", type=int, default=100)
    ap.add_argument("--indicators", type=int, default=130)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "province"
        _make_city()(root, counties=a.counties, extra_indicators=a.indicators - 7, mail=False, workspace_first=False)
        print(f"{a.counties} counties × {a.indicators} indicators, 2 months of figures")
        print(_line("liupi collect (first, every figure new)", [_liupi(root, "collect")]))
        print(_line("liupi collect (again, nothing changed)", [_liupi(root, "collect") for _ in range(a.runs)]))
        for fmt in ("json", "table"):
            print(_line(f"liupi rank --month 2023-06 --format {fmt}",
                        [_liupi(root, "rank", "--month", "2023-06", "--format", fmt) for _ in range(a.runs)]))
        out = Path(tmp) / "rank.docx"
        print(_line("liupi rank --month 2023-06 --out rank.docx",
                    [_liupi(root, "rank", "--month", "2023-06", "--out", str(out)) for _ in range(a.runs)]))
        from liupi_cli.city.collected import CollectedStore
        from liupi_cli.city.load import open_city
        from liupi_cli.city.ranking import build_ranking
        from liupi_cli.city.rollup import FigureIndex
        from liupi_cli.periods import Period

        city = open_city(root / "data", root)
        with CollectedStore(city.collected_path, city.config.city.name_zh, readonly=True) as store:
            figures = store.current()
        runs = []
        for _ in range(a.runs):
            start = time.perf_counter()
            build_ranking(city.config, city.plan, city.decomposition, FigureIndex(figures), Period(2023, 6, "month"))
            runs.append(time.perf_counter() - start)
        print(_line("core build_ranking (this month and the last)", runs))


if __name__ == "__main__":
    main()
