"""Many writers at once, a reader throughout, and SIGKILL at random moments: nothing lost, nothing twice,
nothing half-written."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from liupi_cli.store import NewRecord, Store

WORKERS = 8
MONTHS = [f"2023-{m:02d}" for m in range(3, 13)]  # ten monthly periods


def generated_plan(folder: Path, indicators: list[str]) -> Path:
    """A valid plan of monthly cumulative indicators, written as a county office would write it."""
    folder.mkdir(parents=True)
    lines = ["plan:", "  id: generated-2023", "  title_zh: 生成的计划", "  title_en: Generated plan", "  year: 2023",
             "units:", "- id: u1", "  name_zh: 县某局", "battles:", "- id: b1", "  number: 1", "  name_zh: 一仗",
             "  name_en: One", "  lead_unit: u1", "  source: s", "indicators:"]
    for ind in indicators:
        lines += [f"- id: {ind}", f"  name_zh: 指标{ind}", f"  name_en: Indicator {ind}", "  battle: b1",
                  "  kind: cumulative", "  comparator: at_least", "  target: 1000", "  unit: 人",
                  "  frequency: monthly", "  source: s"]
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    return folder


@pytest.fixture
def fast_dir(tmp_path):
    """A folder in memory (tmpfs) when there is one: these tests are about locking and atomicity, which a
    kill or a race exercises the same on any file system; waiting for the disk's fsync is not tested here."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="liupi-test-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fork(job: Callable[[], object], result: Path, go: Path | None = None) -> int:
    """Run ``job`` in a child process (forked from this warmed-up one, so it starts at once) once ``go``
    exists; its return value is written to ``result`` as JSON."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            while go is not None and not go.exists():
                time.sleep(0.002)
            result.write_text(json.dumps(job()), encoding="utf-8")
            code = 0
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, result: Path):
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"child {pid} failed: {status}"
    return json.loads(result.read_text(encoding="utf-8"))


def _cli(plan: Path, *args: str):
    from typer.testing import CliRunner

    from liupi_cli.cli.app import app

    r = CliRunner().invoke(app, ["--data-dir", str(plan), *args])
    return r.exit_code, r.stdout, r.stderr


def _writer(plan_dir: Path, worker: int) -> Callable[[], list]:
    """A bureau's clerk: 100 figures, each one command of its own (its own connection, its own transaction)."""
    def job() -> list:
        from liupi_cli.plan import load_plan
        from liupi_cli.recording import make_record

        plan, out = load_plan(plan_dir), []
        for i in range(10):
            for m, period in enumerate(MONTHS):
                with Store(plan_dir / "records.db", plan.info.id) as store:
                    rec = make_record(plan, f"w{worker}_{i}", str(100 * i + m), period)
                    out.append(store.add(rec, f"worker{worker}", "t").id)
        return out
    return job


def _reporter(plan: Path, stop: Path) -> Callable[[], list]:
    def job() -> list:
        runs = []
        while not stop.exists() or not runs:
            code, stdout, stderr = _cli(plan, "report", "--month", "2023-12", "-f", "json")
            runs.append([code, stderr.strip().splitlines()[-1], json.loads(stdout)["summary"]["overall"]["total"]])
            time.sleep(0.02)
        return runs
    return job


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_eight_writers_on_distinct_pairs_and_a_report_throughout(fast_dir, monkeypatch):
    tmp_path = fast_dir
    monkeypatch.setenv("COLUMNS", "200")
    indicators = [f"w{w}_{i}" for w in range(WORKERS) for i in range(10)]
    plan = generated_plan(tmp_path / "plan", ["seed", *indicators])
    store = plan / "records.db"
    with Store(store, "generated-2023") as s:  # one figure already, so every report has something to show
        s.add(NewRecord("seed", "2023-02", 1.0, "1", None, "人"), "setup", "t")
    go, stop = tmp_path / "go", tmp_path / "stop"
    writers = [(_fork(_writer(plan, w), tmp_path / f"w{w}.json", go), tmp_path / f"w{w}.json")
               for w in range(WORKERS)]
    reader = _fork(_reporter(plan, stop), tmp_path / "reader.json", go)
    go.touch()
    ids = [i for pid, result in writers for i in _wait(pid, result)]
    stop.touch()
    runs = _wait(reader, tmp_path / "reader.json")

    assert len(ids) == len(set(ids)) == WORKERS * 100
    con = sqlite3.connect(store)
    got = con.execute("SELECT indicator, period, value, recorded_by FROM records WHERE indicator != 'seed'").fetchall()
    assert len(got) == 800
    assert len({(ind, period) for ind, period, _, _ in got}) == 800  # none twice
    expected = {(f"w{w}_{i}", period, float(100 * i + m), f"worker{w}")
                for w in range(WORKERS) for i in range(10) for m, period in enumerate(MONTHS)}
    assert set(got) == expected
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    # The report ran throughout, never waited into an error, and always judged the whole plan.
    assert runs and all(code == 0 for code, _, _ in runs), runs
    assert all(total == 81 for _, _, total in runs)
    assert all(line.startswith("2023-12: ") for _, line, _ in runs)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_eight_racing_on_one_figure_store_exactly_one(fast_dir):
    tmp_path = fast_dir
    plan = generated_plan(tmp_path / "plan", ["jobs"])
    Store(plan / "records.db", "generated-2023").close()
    go = tmp_path / "go"
    racers = []
    for w in range(WORKERS):
        def job(w=w):
            code, _, stderr = _cli(plan, "update", "jobs", str(1000 + w), "-p", "2023-06", "--by", f"racer{w}")
            return [code, stderr]
        racers.append((_fork(job, tmp_path / f"r{w}.json", go), tmp_path / f"r{w}.json"))
    go.touch()
    results = [_wait(pid, result) for pid, result in racers]
    con = sqlite3.connect(plan / "records.db")
    stored = con.execute("SELECT entered, recorded_by FROM records").fetchall()
    con.close()
    assert len(stored) == 1
    winner_value, winner = stored[0]
    assert sorted(code for code, _ in results) == [0] + [1] * 7
    refused = [err for code, err in results if code == 1]
    assert all(f"jobs already has {winner_value} for 2023-06, recorded by {winner}" in err for err in refused)


# -- SIGKILL during a 20,000-row import ---------------------------------------------------------------

ROWS = 20_000


def _batch() -> list[NewRecord]:
    """20,000 distinct figures: 910 indicators × 11 months × (this year, last year's baseline), cut at 20,000."""
    out = []
    for i in range(910):
        for m in range(2, 13):
            out.append(NewRecord(f"i{i}", f"2023-{m:02d}", float(m), str(m), None, "人"))
            out.append(NewRecord(f"i{i}", f"2022-{m:02d}", float(m), str(m), None, "人", baseline=True))
    return out[:ROWS]


def _import_in_child(path: Path, news: list[NewRecord], batch: str) -> int:
    """Fork: the child writes the whole batch in one import (revising what is there) and exits."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            with Store(path, "generated-2023") as s:
                s.add_many(news, "importer", "t", revise=True, batch=batch)
            os._exit(0)
        except BaseException:
            os._exit(1)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_moments_during_a_20000_row_import(fast_dir):
    tmp_path = fast_dir
    path, news = tmp_path / "records.db", _batch()
    assert len({(n.indicator, n.period, n.baseline) for n in news}) == ROWS
    started = time.monotonic()
    pid = _import_in_child(path, news, "whole")  # one uninterrupted import: how long a batch takes here
    assert os.waitpid(pid, 0)[1] == 0
    duration = time.monotonic() - started
    rng = random.Random(20230630)
    outcomes = {"killed": 0, "finished": 0}
    for attempt in range(20):
        pid = _import_in_child(path, news, f"try{attempt}")
        time.sleep(rng.uniform(0.02, 1.05) * duration)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        status = os.waitpid(pid, 0)[1]
        outcomes["killed" if os.WIFSIGNALED(status) else "finished"] += 1
        with Store(path, "generated-2023", readonly=True) as s:
            assert s.integrity_ok()
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        per_batch = dict(con.execute("SELECT batch, COUNT(*) FROM records GROUP BY batch").fetchall())
        current = con.execute("SELECT COUNT(*) FROM records r WHERE NOT EXISTS "
                              "(SELECT 1 FROM records s WHERE s.supersedes = r.id)").fetchone()[0]
        con.close()
        assert set(per_batch.values()) == {ROWS}, per_batch  # each batch entirely or not at all
        assert current == ROWS  # exactly one current figure per (indicator, period, baseline)
    assert outcomes["killed"] >= 10, outcomes  # most kills did land mid-import


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_while_writing_an_xlsx_over_an_existing_one_keeps_the_old_file(tmp_path):
    import openpyxl  # noqa: F401 - loaded here once, so each forked writer spends its time writing
    from conftest import SHIPPED

    db = tmp_path / "records.db"
    with Store(db, "shuangpai-2023-six-battles") as s:
        s.add(NewRecord("new_urban_jobs", "2023-06", 1500.0, "1500", None, "人"), "setup", "t")
    out = tmp_path / "circular.xlsx"

    def write() -> int:
        return _cli(SHIPPED, "--db", str(db), "report", "--month", "2023-06", "--out", str(out))[0]

    started = time.monotonic()
    assert _wait(_fork(write, tmp_path / "first.json"), tmp_path / "first.json") == 0
    duration = time.monotonic() - started
    old = out.read_bytes()
    rng = random.Random(7)
    for attempt in range(4):
        pid = _fork(write, tmp_path / f"{attempt}.json")
        time.sleep(rng.uniform(0.3, 1.1) * duration)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        data = out.read_bytes()
        if data != old:  # the new one landed whole before the kill
            with zipfile.ZipFile(out) as z:
                assert z.testzip() is None
            old = data
    # A killed writer may leave its temporary file beside the target (a kill cannot be cleaned up after);
    # the target itself is always a whole workbook.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".circular.xlsx.")]
    assert all(name.endswith(".tmp") for name in leftovers)
