"""The server store under load, beside SQLite on the same machine (figures printed, nothing asserted by pytest):

1. 60 bureaus at once: 60 processes, each signed in as its own bureau role, each recording its 100 figures in
   one batch at the same moment -> all 6,000 stored, none twice, none wrongly refused; rows/s, and the same
   60 processes writing one SQLite file;
2. the same figure raced by two roles (a bureau and the office), many times: exactly one stored each time,
   the other told who won (RaceLost, or Duplicate when it came second);
3. the server killed mid-batch (`pg_ctl -m immediate stop`) and restarted: every batch whole or absent;
4. province scale (bench/province.py: 13,000 indicators × 12 months = 156,000 records): `liupi report --month
   2023-12 --format json` and a 13,000-row `liupi update --file` on the server and on SQLite, each a whole
   process, with its peak memory, and the report again as the office's own role (through the row-level
   policies, which the database's owner bypasses). Goals: ≤ 3 s each, ≤ 300 MB.

A throwaway PostgreSQL is started on a unix socket (tests/server/pgserver.py; as root it runs as nobody) and
removed at the end. Usage: python bench/server.py [--bureaus 60] [--figures 100] [--races 50] [--kills 5]
[--counties 100] [--skip-province | --only-province]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from server.pgserver import PgServer, start_server  # noqa: E402

from liupi_cli.store import Duplicate, NewRecord, Store  # noqa: E402

YEAR = 2023


def bureau_plan(folder: Path, bureaus: int, figures: int) -> Path:
    """A plan of ``bureaus`` units, each leading ``figures`` monthly indicators."""
    folder.mkdir(parents=True)
    lines = ["plan:", "  id: bench-bureaus-2023", "  title_zh: 压测计划", "  title_en: Bench plan", f"  year: {YEAR}",
             "units:"]
    lines += [f"- id: u{b:02d}\n  name_zh: 第{b}局" for b in range(bureaus)]
    lines += ["battles:", "- id: b1", "  number: 1", "  name_zh: 一仗", "  name_en: One", "  lead_unit: u00",
              "  source: s", "indicators:"]
    for b in range(bureaus):
        for n in range(figures):
            lines += [f"- id: i{b:02d}_{n:03d}", f"  name_zh: 指标{b}之{n}", f"  name_en: Indicator {b}.{n}",
                      "  battle: b1", "  kind: cumulative", "  comparator: at_least", "  target: 1000", "  unit: 人",
                      "  frequency: monthly", "  source: s", f"  lead_unit: u{b:02d}"]
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    return folder


def _schema(server: PgServer, name: str) -> str:
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{name}"')
    return server.url(options=f"-csearch_path={name}")


def _as(url: str, role: str) -> str:
    return url.replace("user=liupi_admin", f"user={role}")


def _children(jobs: list, go: Path) -> tuple[list[int], float]:
    """Fork one child per job; all start when ``go`` appears; returns (exit codes, seconds from go to the last
    child's end)."""
    pids = []
    for job in jobs:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                while not go.exists():
                    time.sleep(0.001)
                code = job()
            finally:
                os._exit(code)
        pids.append(pid)
    time.sleep(0.5)  # every child waiting
    start = time.perf_counter()
    go.touch()
    codes = [os.waitpid(pid, 0)[1] >> 8 for pid in pids]
    return codes, time.perf_counter() - start


def _news(b: int, figures: int, period: str = f"{YEAR}-06") -> list[NewRecord]:
    return [NewRecord(f"i{b:02d}_{n:03d}", period, float(n), str(n), None, "人") for n in range(figures)]


def sixty_bureaus(server: PgServer, tmp: Path, bureaus: int, figures: int) -> dict:
    from liupi_cli.plan import load_plan
    from liupi_cli.store_pg import PgStore, add_role, init_server, who_answers

    plan = load_plan(bureau_plan(tmp / "plan", bureaus, figures))
    url = _schema(server, "bureaus")
    init_server(url, plan.info.id, who_answers(plan))
    for b in range(bureaus):
        add_role(url, f"bench_u{b:02d}", "bureau", f"u{b:02d}")
    add_role(url, "bench_office", "office")

    def pg_job(b: int):
        def job() -> int:
            with PgStore(_as(url, f"bench_u{b:02d}"), plan.info.id) as s:
                s.add_many(_news(b, figures), f"第{b}局", "2023-07-05T09:00:00+08:00", batch=f"u{b:02d}")
            return 0
        return job

    codes, pg_s = _children([pg_job(b) for b in range(bureaus)], tmp / "go-pg")
    with PgStore(url, plan.info.id, readonly=True) as s:
        records = s.records()
        pairs = {(r.indicator, r.period) for r in records}
        ok = s.integrity_ok()
    Store(tmp / "r.db", plan.info.id).close()

    def sqlite_job(b: int):
        def job() -> int:
            with Store(tmp / "r.db", plan.info.id) as s:
                s.add_many(_news(b, figures), f"第{b}局", "2023-07-05T09:00:00+08:00", batch=f"u{b:02d}")
            return 0
        return job

    sqlite_codes, sqlite_s = _children([sqlite_job(b) for b in range(bureaus)], tmp / "go-sqlite")
    with Store(tmp / "r.db", plan.info.id, readonly=True) as s:
        sqlite_records = len(s.records())
    total = bureaus * figures
    return {"processes": bureaus, "figures": total, "stored": len(records), "distinct": len(pairs),
            "refused": sum(1 for c in codes if c), "integrity": ok, "server_s": round(pg_s, 3),
            "server_rows_per_s": round(total / pg_s), "sqlite_stored": sqlite_records,
            "sqlite_refused": sum(1 for c in sqlite_codes if c), "sqlite_s": round(sqlite_s, 3),
            "sqlite_rows_per_s": round(total / sqlite_s), "server_to_sqlite": round(sqlite_s / pg_s, 2),
            "url": url, "plan": plan}


def races(url: str, plan, tmp: Path, count: int) -> dict:
    """A bureau and the office record the same figure at the same moment, ``count`` times (one period each)."""
    from liupi_cli.store_pg import PgStore, RaceLost

    result = tmp / "race.jsonl"

    def racer(role: str, period: str, go: Path):
        def job() -> int:
            with PgStore(_as(url, role), plan.info.id) as s:
                while not go.exists():
                    time.sleep(0.0005)
                try:
                    s.add(NewRecord("i00_000", period, 1.0 if role == "bench_office" else 2.0, role, None, "人"),
                          role, "t")
                    told = "stored"
                except RaceLost as exc:
                    told = f"race lost, told: {exc.winner.recorded_by}"
                except Duplicate as exc:
                    told = f"duplicate, told: {exc.existing.recorded_by}"
            with result.open("a") as f:
                f.write(json.dumps({"period": period, "role": role, "told": told}) + "\n")
            return 0
        return job

    for n in range(count):
        go = tmp / f"go-race-{n}"
        _children([racer("bench_u00", f"R{n}", go), racer("bench_office", f"R{n}", go)], go)
    lines = [json.loads(ln) for ln in result.read_text().splitlines()]
    with PgStore(url, plan.info.id, readonly=True) as s:
        stored = [r for r in s.records("i00_000") if r.period.startswith("R")]
    per = {}
    for line in lines:
        per.setdefault(line["period"], []).append(line)
    one_winner = all(sum(1 for x in v if x["told"] == "stored") == 1 for v in per.values())
    told_right = all(x["told"].endswith(next(y["role"] for y in v if y["told"] == "stored"))
                     for v in per.values() for x in v if x["told"] != "stored")
    lost = sum(1 for x in lines if x["told"].startswith("race lost"))
    return {"races": count, "stored": len(stored), "one_winner_each": one_winner, "loser_told_the_winner": told_right,
            "lost_at_the_same_moment": lost, "came_second": len(lines) - count - lost}


def kills(server: PgServer, url: str, plan, tmp: Path, count: int, rows: int = 20_000) -> dict:
    """A batch of ``rows`` figures in its own process; the server stopped (immediate) while it is written, at
    moments spread over how long one such process takes (timed first, not stopped); restarted: each batch is
    whole or absent."""
    from liupi_cli.store_pg import PgStore

    def batch(n: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", (
            "import sys; sys.path.insert(0, sys.argv[3])\n"
            "from liupi_cli.store import NewRecord\nfrom liupi_cli.store_pg import PgStore\n"
            "with PgStore(sys.argv[1], 'bench-bureaus-2023') as s:\n"
            "    s.add_many([NewRecord(f'i01_{i % 100:03d}', f'K{sys.argv[2]}-{i}', 1.0, '1', None, None) "
            f"for i in range({rows})], 'kill', 't', batch='kill' + sys.argv[2])\n"), url, n, str(REPO)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    start = time.perf_counter()
    batch("probe").wait(300)
    whole_s = time.perf_counter() - start
    seen = []
    for n in range(count):
        child = batch(str(n))
        time.sleep(whole_s * (0.3 + 1.0 * n / max(count - 1, 1)))  # from before the batch starts to after
        server.stop("immediate")
        child.wait(60)
        server.start()
        with PgStore(url, plan.info.id, readonly=True) as s:
            got = s.db.execute("SELECT COUNT(*) FROM records WHERE batch = %s", (f"kill{n}",)).fetchone()[0]
            ok = s.integrity_ok()
        seen.append((got, child.returncode, ok))
    return {"kills": count, "rows_per_batch": rows, "one_batch_s": round(whole_s, 2),
            "whole": sum(1 for g, _, _ in seen if g == rows), "absent": sum(1 for g, _, _ in seen if g == 0),
            "partial": sum(1 for g, _, _ in seen if 0 < g < rows), "integrity": all(ok for _, _, ok in seen)}


def _timed(args: list[str], env: dict, err: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one whole liupi process (its stderr in ``err``, shown if it failed)."""
    start = time.perf_counter()
    with err.open("wb") as talk:
        proc = subprocess.Popen([sys.executable, "-m", "liupi_cli", *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=talk)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 6):
        print(err.read_text(encoding="utf-8", errors="replace")[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, code


def province(server: PgServer, tmp: Path, counties: int, runs: int = 3) -> dict:
    """Made by whole processes (bench/province.py, `liupi store init-server`, `liupi store copy`), so that this
    one stays small: a child's peak memory counts what it was forked from."""
    folder, db = tmp / "province", tmp / "province" / "records.db"
    subprocess.run([sys.executable, str(REPO / "bench" / "province.py"), str(folder), "--counties", str(counties),
                    "--months", "11"], check=True, stdout=subprocess.DEVNULL)  # January to November
    url = _schema(server, "province")
    base = {**os.environ, "PYTHONPATH": str(REPO), "LIUPI_USER": "bench", "XDG_CACHE_HOME": str(tmp / "cache")}
    init = _timed(["--data-dir", str(folder), "store", "init-server", url], base, tmp / "init.err")
    _timed(["--data-dir", str(folder), "store", "add-role", "bench_office", "--office", "--server", url], base,
           tmp / "role.err")  # the office's own role reads through the row-level policies; the owner bypasses them
    copy = _timed(["--data-dir", str(folder), "store", "copy", str(db), url], base, tmp / "copy.err")
    sheet = tmp / "december.csv"
    rows = _december(folder, sheet)
    out: dict = {"import_rows": rows, "init_server_s": round(init[0], 2), "copy_to_server_s": round(copy[0], 2),
                 "copy_mb": round(copy[1]), "copy_exit": copy[2]}
    for engine, env in (("sqlite", {**base, "LIUPI_DB": str(db)}), ("server", {**base, "LIUPI_DB": url}),
                        ("server_as_office", {**base, "LIUPI_DB": _as(url, "bench_office")})):
        if engine == "server_as_office":  # the report alone: the figures are in already
            reps = [_timed(["--data-dir", str(folder), "report", "--month", f"{YEAR}-12", "--format", "json"], env,
                           tmp / "report-office.err") for _ in range(runs)]
            out[engine] = {"report_s_min": round(min(r[0] for r in reps), 2),
                           "report_s_max": round(max(r[0] for r in reps), 2),
                           "report_mb": round(max(r[1] for r in reps)), "report_exit": reps[0][2]}
            continue
        # the generated figures are not all plausible (a count with decimals, a rate that falls): --force
        # with a note, as an office does
        imp = _timed(["--data-dir", str(folder), "update", "--file", str(sheet), "--revise", "--force", "--note",
                      "bench"], env, tmp / f"import-{engine}.err")
        reps = [_timed(["--data-dir", str(folder), "report", "--month", f"{YEAR}-12", "--format", "json"], env,
                       tmp / f"report-{engine}.err") for _ in range(runs)]
        out[engine] = {"import_s": round(imp[0], 2), "import_mb": round(imp[1]), "import_exit": imp[2],
                       "report_s_min": round(min(r[0] for r in reps), 2),
                       "report_s_max": round(max(r[0] for r in reps), 2),
                       "report_mb": round(max(r[1] for r in reps)), "report_exit": reps[0][2]}
    out["server_to_sqlite_report"] = round(out["server"]["report_s_min"] / out["sqlite"]["report_s_min"], 2)
    out["server_to_sqlite_import"] = round(out["server"]["import_s"] / out["sqlite"]["import_s"], 2)
    return out


def _december(folder: Path, sheet: Path) -> int:
    """December's figures as a CSV, written by a child process (the plan is loaded there, not here)."""
    code = ("import sys; sys.path[:0] = [sys.argv[3], sys.argv[4]]\nimport province\n"
            "from liupi_cli.plan import load_plan\n"
            "print(province.month_csv(__import__('pathlib').Path(sys.argv[2]), load_plan(sys.argv[1]), 12))")
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(sheet), str(REPO), str(REPO / "bench")],
                          check=True, capture_output=True, text=True)
    return int(done.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bureaus", type=int, default=60)
    ap.add_argument("--figures", type=int, default=100)
    ap.add_argument("--races", type=int, default=50)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--counties", type=int, default=100)
    ap.add_argument("--skip-province", action="store_true")
    ap.add_argument("--only-province", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    tmp = Path(tempfile.mkdtemp(prefix="liupi-bench-server-"))
    server = start_server()
    try:
        report: dict = {}
        if a.only_province:
            print(json.dumps({"province": province(server, tmp, a.counties)}), flush=True)
            return
        many = sixty_bureaus(server, tmp, a.bureaus, a.figures)
        url, plan = many.pop("url"), many.pop("plan")
        report["bureaus_at_once"] = many
        print(json.dumps({"bureaus_at_once": many}, ensure_ascii=False), flush=True)
        report["race"] = races(url, plan, tmp, a.races)
        print(json.dumps({"race": report["race"]}), flush=True)
        report["kill"] = kills(server, url, plan, tmp, a.kills)
        print(json.dumps({"kill": report["kill"]}), flush=True)
        if not a.skip_province:
            report["province"] = province(server, tmp, a.counties)
            print(json.dumps({"province": report["province"]}), flush=True)
    finally:
        server.remove()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
