"""What the hostile-input and store-failure catalogues share: a writable plan with a store, byte
snapshots of both, and a way to run the real CLI in a bounded subprocess (time, memory, a terminal).

tests/hostile is a package (``from .support import …``): a second module named ``conftest`` would
shadow tests/conftest.py, which other test files import by name."""

from __future__ import annotations

import os
import pty
import resource
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from liupi_cli.cli.app import app

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
SEED = ("gdp_growth", "7.5", "--period", "2023Q1", "--source", "县统计局", "--by", "tester")


@dataclass
class Workspace:
    """The mini plan in ``root/plan`` and its store ``root/records.db`` holding one seed figure."""

    root: Path

    @property
    def plan(self) -> Path:
        return self.root / "plan"

    @property
    def db(self) -> Path:
        return self.root / "records.db"

    def argv(self, *args: str) -> list[str]:
        return ["--data-dir", str(self.plan), "--db", str(self.db), *args]

    def invoke(self, *args: str, input: str | None = None):
        """Run in-process (CliRunner): result has exit_code, stdout, stderr."""
        return CliRunner().invoke(app, self.argv(*args), input=input, catch_exceptions=False)

    def snapshot(self) -> dict[str, bytes]:
        """Every byte of the plan files and the store (a -wal/-journal file too, if one is left).

        Reads open the store read-only (mode=ro), and such a connection leaves SQLite's -shm index and an
        empty -wal beside it: they hold no records, so they are not part of the comparison."""
        files = sorted(self.plan.iterdir()) + sorted(self.root.glob("records.db*"))
        return {f.name: f.read_bytes() for f in files if f.is_file() and not _empty_companion(f)}

    def rows(self) -> list[tuple]:
        """(indicator, period, entered, value, source, note, recorded_by) of every record, oldest first."""
        with closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as db:
            return db.execute("SELECT indicator, period, entered, value, source, note, recorded_by "
                              "FROM records ORDER BY id").fetchall()


def _empty_companion(f: Path) -> bool:
    return f.name.endswith("-shm") or (f.name.endswith("-wal") and f.stat().st_size == 0)


def make_workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    shutil.copytree(MINI, ws.plan)
    result = ws.invoke("update", *SEED)
    assert result.exit_code == 0, result.stderr
    return ws


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(args: list[str], *, cwd: Path, timeout: float = 10.0, memory_mb: int | None = None,
            tty: bool = False, env: dict[str, str] | None = None) -> Ran:
    """Run ``python -m liupi_cli ARGS`` as its own process.

    ``memory_mb`` caps its address space (RLIMIT_AS), so a bomb fails fast instead of eating the
    machine; ``tty`` gives it a pseudo-terminal for stdout and stderr (both land in ``stdout``),
    so what a user's terminal would receive is exactly what is checked.
    """
    extra = env or {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUPI_") and k != "NO_COLOR"}
    env.update(LIUPI_USER="tester", XDG_DATA_HOME=str(cwd / "xdg"), COLUMNS="200", OPENBLAS_NUM_THREADS="1",
               TERM="xterm-256color")
    env.update(extra)

    def limits() -> None:
        if memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))

    cmd = [sys.executable, "-m", "liupi_cli", *args]
    start = time.monotonic()
    if not tty:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                           preexec_fn=limits)
        return Ran(p.returncode, p.stdout, p.stderr, time.monotonic() - start)
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                            preexec_fn=limits)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], max(0.0, timeout - (time.monotonic() - start)))
        if not ready:
            proc.kill()
            raise subprocess.TimeoutExpired(cmd, timeout)
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    code = proc.wait(timeout)
    return Ran(code, out.decode("utf-8", "replace"), "", time.monotonic() - start)
