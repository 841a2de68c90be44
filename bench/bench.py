"""liupi's benchmark: every figure of issue 12, measured as a user runs liupi (whole processes).

Machines are noisy, so nothing here is a test: each command runs several times and prints
min / median / max, and the bundled-plan figures are ratios to floors timed in the same run
(`python -c pass`, `python -c "import typer"`). Peak memory is each process's own maximum RSS
(GNU /usr/bin/time -f %M, else os.wait4). Province scale is bench/province.py's generated plan
(100 counties × 130 indicators = 13,000, with their tasks) and 12 months of figures (156,000
records); the plan cache is warm unless a line says "cold". hledger (when installed) runs
`bal --budget --cumulative -M` on the same 13,000 × 12 volume written as a journal with a monthly budget rule.

Usage: python bench/bench.py [--quick] [--runs N] [--province-runs N] [--counties N] [--no-hledger]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import province  # noqa: E402

PY = sys.executable
HLEDGER_TIMEOUT = 600.0
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None  # GNU time: peak RSS in KiB
BUNDLED = REPO / "data"


class Measure:
    def __init__(self, label: str, times: list[float], rss_kib: list[int], note: str = ""):
        self.label, self.times, self.rss, self.note = label, times, rss_kib, note

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def line(self, floor: float | None = None, target: str = "") -> str:
        t = sorted(self.times)
        cells = f"{t[0]:7.3f} {statistics.median(t):7.3f} {t[-1]:7.3f} s"
        ratio = f"{self.median / floor:6.1f}x" if floor else "       "
        mem = f"{max(self.rss) / 1024:6.0f} MB" if self.rss else "         "
        return f"  {self.label:<52} {cells}  {ratio}  {mem}  {target}{self.note}"


def run_once(cmd: list[str], env: dict[str, str], setup=None, timeout: float = 900) -> tuple[float, int, int]:
    """(seconds, peak RSS KiB, exit code) of one process; setup() runs first and is not timed."""
    if setup:
        setup()
    rss_file = Path(tempfile.gettempdir()) / f"liupi-bench-rss-{os.getpid()}"
    if TIME:  # a small parent, so the figure is the command's own, not this big process's pages before exec
        cmd = [TIME, "-f", "%M", "-o", str(rss_file), *cmd]
    t = time.perf_counter()
    err_file = tempfile.TemporaryFile()  # not a pipe: a command that says much must not block on it
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, env=env, start_new_session=True)
    deadline = t + timeout
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)  # the command and /usr/bin/time around it
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
    except BaseException:  # Ctrl-C or a kill of the bench: take the running command with it
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err_file.seek(0)
    err = err_file.read().decode("utf-8", "replace")
    err_file.close()
    if proc.returncode not in (0, 6):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    rss = usage.ru_maxrss
    if TIME:
        rss = int(rss_file.read_text().split()[-1])
        rss_file.unlink()
    return elapsed, rss, proc.returncode


def measure(label: str, cmd: list[str], env: dict[str, str], runs: int, setup=None, note: str = "",
            warm: bool = True, timeout: float = 900) -> Measure:
    if warm:
        run_once(cmd, env, setup, timeout)  # fills the plan cache and the OS file cache; not counted
    times, rss = [], []
    for _ in range(runs):
        t, m, _ = run_once(cmd, env, setup, timeout)
        times.append(t)
        rss.append(m)
    return Measure(label, times, rss, note)


def in_process(label: str, fn, runs: int) -> Measure:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return Measure(label, times, [])


def verdict(value: float, limit: float, unit: str = "") -> str:
    return f"[{'met' if value <= limit else 'NOT met'}: ≤ {limit:g}{unit}]"


def liupi(data_dir: Path, db: Path, *args: str) -> list[str]:
    return [PY, "-m", "liupi_cli", "--data-dir", str(data_dir), "--db", str(db), *args]


def bundled_section(tmp: Path, env: dict[str, str], runs: int) -> None:
    from liupi_cli.plan import load_plan

    plan = load_plan(BUNDLED)
    db = tmp / "bundled.db"
    n = province.fill_store(db, plan, range(1, 13))
    pristine = tmp / "bundled.pristine.db"
    shutil.copyfile(db, pristine)
    floor_pass = measure("python -c pass", [PY, "-c", "pass"], env, runs)
    floor_typer = measure('python -c "import typer"  (the floor)', [PY, "-c", "import typer"], env, runs)
    # typer 0.2x builds a pydantic TypeAdapter for each option of the command that runs, so any typer
    # command with options pays for importing pydantic: this second floor is that cost alone
    mini = tmp / "typer_app.py"
    mini.write_text(
        "import typer\napp = typer.Typer()\n\n@app.command()\n"
        "def report(month: str = typer.Option(None, '--month'), fmt: str = typer.Option('table', '--format')):\n"
        "    print(month, fmt)\n\n@app.command()\ndef other():\n    pass\n\napp()\n", encoding="utf-8")
    floor_app = measure("a typer app: one command, two options", [PY, str(mini), "report", "--month", "2023-06"],
                        env, runs)
    f = floor_typer.median
    print(f"\nBundled plan: {len(plan.indicators)} indicators, {n} records; {runs} runs each; "
          "min / median / max, ratio to the typer floor, peak RSS; last: ratio to the two-option typer app")
    print(floor_pass.line(f))
    print(floor_typer.line(f))
    print(floor_app.line(f))
    rows = [
        ("liupi --help", [PY, "-m", "liupi_cli", "--help"], None, 2.0),
        ("liupi update ID VALUE --period 2023-06 --revise",
         liupi(BUNDLED, db, "update", "new_urban_jobs", "1480", "--period", "2023-06", "--revise"),
         lambda: shutil.copyfile(pristine, db), 2.5),
        ("liupi report --month 2023-06  (table)", liupi(BUNDLED, db, "report", "--month", "2023-06"), None, 3.0),
        ("liupi report --month 2023-06 --format json",
         liupi(BUNDLED, db, "report", "--month", "2023-06", "--format", "json"), None, 2.5),
        ("liupi report --month 2023-06 --out r.xlsx",
         liupi(BUNDLED, db, "report", "--month", "2023-06", "--out", str(tmp / "r.xlsx")), None, None),
    ]
    for label, cmd, setup, limit in rows:
        m = measure(label, cmd, env, runs, setup)
        print(m.line(f, (verdict(m.median / f, limit, "x") if limit else "")
                     + f"  {m.median / floor_app.median:.1f}x the typer app"))

    # where a report's time goes, in one process
    from liupi_cli.periods import parse_period
    from liupi_cli.report import build_report
    from liupi_cli.store import Store

    with Store(db, plan.info.id) as s:
        records, updates = s.records(), s.task_updates()
    period = parse_period("2023-06")
    print("  in one process:")
    core = measure("  importing liupi's core (minus python -c pass)",
                   [PY, "-c", "import liupi_cli.plan, liupi_cli.store, liupi_cli.report"], env, runs)
    core.times = [t - floor_pass.median for t in core.times]
    print(core.line())
    print(in_process("  reading and checking the YAML plan", lambda: load_plan(BUNDLED, env={}), runs).line())
    cache_env = {"XDG_CACHE_HOME": str(tmp / "cache")}
    load_plan(BUNDLED, env=cache_env)
    print(in_process("  loading the plan from the cache", lambda: load_plan(BUNDLED, env=cache_env), runs).line())
    print(in_process("  building the report", lambda: build_report(plan, records, period, task_updates=updates),
                     runs).line())
    report = build_report(plan, records, period, task_updates=updates)
    print(in_process("  rendering it as JSON", lambda: report.model_dump_json(), runs).line())
    try:  # the terminal table's renderer lives in the CLI layer and may move
        from liupi_cli.render.text import to_text
    except ImportError:
        return
    print(in_process("  rendering it as the terminal table", lambda: to_text(report, "en", 120), runs).line())


def province_section(tmp: Path, env: dict[str, str], runs: int, counties: int, hledger: bool) -> None:
    from liupi_cli.plan import load_plan

    pdir = province.province_plan(tmp / "province", counties=counties)
    t = time.perf_counter()
    plan = load_plan(pdir, env={})
    kinds = sorted({i.kind.value for i in plan.indicators.values()})
    db11, db12, db1 = tmp / "p11.db", tmp / "p12.db", tmp / "p1.db"
    n11 = province.fill_store(db11, plan, range(1, 12))
    shutil.copyfile(db11, db12)
    n12 = n11 + province.fill_store(db12, plan, range(12, 13))
    province.fill_store(db1, plan, range(12, 13))
    csv = tmp / "month-12.csv"
    rows = province.month_csv(csv, plan, 12)
    work = tmp / "work.db"
    print(f"\nProvince scale: {len(plan.indicators)} indicators ({len(kinds)} kinds), {len(plan.tasks)} tasks, "
          f"{n12} records (set up in {time.perf_counter() - t:.0f} s); {runs} run(s) each")
    one = next(iter(plan.indicators))
    restore11 = lambda: shutil.copyfile(db11, work)  # noqa: E731
    restore12 = lambda: shutil.copyfile(db12, work)  # noqa: E731
    cases = [
        ("liupi check", liupi(pdir, db12, "check"), None, ("s", 3.0), ""),
        ("liupi update ID VALUE  (one figure)",
         liupi(pdir, work, "update", one, "42", "--period", "2023-12", "--revise"), restore12, ("s", 1.0), ""),
        ("liupi update ID VALUE, cold cache  (plan just edited)",
         liupi(pdir, work, "update", one, "42", "--period", "2023-12", "--revise"),
         lambda: (restore12(), os.utime(pdir / "targets.yaml")), None, ""),
        (f"update --file of one month ({rows} rows)",
         liupi(pdir, work, "update", "--file", str(csv), "--revise"), restore11, ("s", 3.0), ""),
        ("report --month 2023-12 --format json  (1 month)",
         liupi(pdir, db1, "report", "--month", "2023-12", "--format", "json"), None, ("s", 3.0), ""),
        ("same, 12 months of records",
         liupi(pdir, db12, "report", "--month", "2023-12", "--format", "json"), None, ("s", 3.0), ("MB", 300)),
        ("report --format table  (12 months)", liupi(pdir, db12, "report", "--month", "2023-12"), None,
         ("s", 10.0), ""),
        ("report --out r.xlsx  (12 months)",
         liupi(pdir, db12, "report", "--month", "2023-12", "--out", str(tmp / "p.xlsx")), None, ("s", 10.0), ""),
        ("report --out r.html  (12 months)",
         liupi(pdir, db12, "report", "--month", "2023-12", "--out", str(tmp / "p.html")), None, ("s", 10.0), ""),
    ]
    print("  " + " " * 52 + "    min  median     max             peak RSS")
    for label, cmd, setup, limit, mem_limit in cases:
        # a warm-up run refills the plan cache after a case that edits the plan; reports find it warm
        m = measure(label, cmd, env, runs, setup, warm=setup is not None)
        target = verdict(m.median, limit[1], " s") if limit else ""
        if mem_limit:
            target += " " + verdict(max(m.rss) / 1024, mem_limit[1], " MB")
        print(m.line(None, target))
    if hledger:
        hledger_section(tmp, plan, env, runs)


def hledger_section(tmp: Path, plan, env: dict[str, str], runs: int) -> None:
    exe = shutil.which("hledger")
    if not exe:
        print("  hledger: not installed, comparison skipped")
        return
    journal = tmp / "province.journal"
    n = _journal(journal, plan)
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    cmd = [exe, "-f", str(journal), "bal", "--budget", "--cumulative", "-M"]
    label = f"hledger bal --budget --cumulative -M ({n} txns)"
    try:
        m = measure(label, cmd, env, runs, warm=False, timeout=HLEDGER_TIMEOUT)
    except SystemExit as exc:  # too slow or failed: say so, the rest of the figures stand
        print(f"  {label:<52} did not finish: {str(exc).splitlines()[0][:80]} (limit {HLEDGER_TIMEOUT:.0f} s)")
        return
    print(m.line(None, f"({version})"))


def _journal(path: Path, plan) -> int:
    """One account per indicator under its county, a monthly budget rule, one transaction per record."""
    def account(iid: str) -> str:
        county, _, rest = iid.partition(".")
        return f"{county}:{rest}"

    lines = ["~ monthly from 2023-01-01 to 2024-01-01  budget"]
    for ind in plan.indicators.values():
        goal = (ind.target or 1) / (12 if ind.kind.value == "cumulative" else 1)
        lines.append(f"    ({account(ind.id)})  {goal:.2f}")
    lines.append("")
    n = 0
    for month, news in province.record_timeline(plan, range(1, 13)):
        for r in news:
            lines.append(f"2023-{month:02d}-20 {r.indicator}\n    ({account(r.indicator)})  {r.value:.2f}\n")
            n += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 runs of each bundled command, 1 at province scale")
    ap.add_argument("--runs", type=int, help="runs of each bundled-plan command (default 7; --quick 3)")
    ap.add_argument("--province-runs", type=int, help="runs at province scale (default 3; --quick 1)")
    ap.add_argument("--counties", type=int, default=100, help="province size: counties of 130 indicators")
    ap.add_argument("--no-hledger", action="store_true")
    ap.add_argument("--no-province", action="store_true")
    a = ap.parse_args()
    runs = a.runs or (3 if a.quick else 7)
    prov_runs = a.province_runs or (1 if a.quick else 3)
    with tempfile.TemporaryDirectory(prefix="liupi-bench-") as tmp_s:
        tmp = Path(tmp_s)
        env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp / "cache"),
               "XDG_DATA_HOME": str(tmp / "data"), "COLUMNS": "120", "LIUPI_USER": "bench"}
        for var in ("LIUPI_HOME", "LIUPI_DB", "LIUPI_NO_CACHE"):
            env.pop(var, None)
        print(f"liupi bench: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.2f}")
        bundled_section(tmp, env, runs)
        if not a.no_province:
            province_section(tmp, env, prov_runs, a.counties, not a.no_hledger)
        print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (figures taken on a busy machine are slower)")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` cleans up like Ctrl-C
    main()
