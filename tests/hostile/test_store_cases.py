"""The store and the outputs under faults: a table of cases, each with its exit code, a fragment of its
one-line message, and a check afterwards that the plan files and the store are byte-identical (or hold
exactly the expected rows) and that nothing was created where nothing should be.

Each case runs in a fresh workspace (liupi.toml + the mini plan in data/ + data/records.db holding two
figures). Cases that need the operating system's help run liupi in a subprocess: under a file-size limit
(RLIMIT_FSIZE), as an unprivileged user (a read-only file means nothing to root), or with the workspace
bind-mounted read-only (read-only media); each skips with its reason where that is not possible.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from conftest import MINI, REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import app

TWO_FIGURES = [("new_urban_jobs", "2023-05", "1000"), ("new_urban_jobs", "2023-06", "1500")]
PLAN_FILES = ("liupi.toml", "data/targets.yaml", "data/tasks.yaml")
DB = "data/records.db"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """Built once through the CLI, copied for each case."""
    root = tmp_path_factory.mktemp("template") / "ws"
    root.mkdir()
    shutil.copytree(MINI, root / "data")
    (root / "liupi.toml").write_text('plan = "data"\nstore = "data/records.db"\n', encoding="utf-8")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:  # the per-test isolation (conftest) is not in force yet
        for var in ("LIUPI_HOME", "LIUPI_DB"):
            mp.delenv(var, raising=False)
        mp.setenv("XDG_DATA_HOME", str(root.parent / "xdg"))
        mp.setenv("LIUPI_USER", "tester")
        for ind, period, value in TWO_FIGURES:
            result = runner.invoke(app, ["--data-dir", str(root), "update", ind, value, "-p", period])
            assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (root / "data").iterdir()) == ["records.db", "targets.yaml", "tasks.yaml"]
    return root


def rows(db: Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT indicator, period, entered FROM records ORDER BY id").fetchall()
    finally:
        con.close()


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


# -- preparing a fault -------------------------------------------------------------------------------


def foreign_sqlite(ws: Path) -> None:
    db = sqlite3.connect(ws / "other.db")
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO customers (name) VALUES ('张三')")
    db.commit()
    db.close()


def junk_file(ws: Path) -> None:
    (ws / "junk.db").write_bytes(b"not an sqlite file\n" * 300)


def other_plans_store(ws: Path) -> None:
    db = sqlite3.connect(ws / DB)
    db.execute("UPDATE meta SET value = 'another-plan' WHERE key = 'plan_id'")
    db.commit()
    db.close()


def newer_schema(ws: Path) -> None:
    db = sqlite3.connect(ws / DB)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()


def _damage_page(ws: Path, page_of: Callable[[sqlite3.Connection], int]) -> None:
    path = ws / DB
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    page = page_of(db)
    db.close()
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    data[start:start + 64] = b"\xff" * 64  # the b-tree page header and its first cell pointers
    path.write_bytes(bytes(data))


def damaged_schema(ws: Path) -> None:
    """A page the store's tables hang from: opening already fails."""
    _damage_page(ws, lambda db: db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").fetchone()[0])


def damaged_records(ws: Path) -> None:
    """The records table's own page: the store opens, reading its rows fails."""
    _damage_page(ws, lambda db: db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'records'").fetchone()[0])


def settings(text: str) -> Callable[[Path], None]:
    def write(ws: Path) -> None:
        (ws / "liupi.toml").write_text(text, encoding="utf-8")
    return write


def no_store(ws: Path) -> None:
    (ws / DB).unlink()


def old_layout_without_store(ws: Path) -> None:
    """A plan in ./data with no liupi.toml and no store yet (the layout before workspaces)."""
    (ws / "liupi.toml").unlink()
    no_store(ws)


def old_xlsx(ws: Path) -> None:
    """Last month's circular at the path; no store yet, so under a tiny file-size limit only the xlsx can fail
    (reading a WAL store maps its 32 kB -shm, which a limit below that would already refuse)."""
    old_layout_without_store(ws)
    (ws / "out.xlsx").write_bytes(b"the previous circular")


def symlink_to_plan(ws: Path) -> None:
    (ws / "link.yaml").symlink_to(ws / "data" / "targets.yaml")


def read_only_store(ws: Path) -> None:
    (ws / DB).chmod(0o444)
    (ws / "data").chmod(0o777)  # only the file is read-only: its folder takes the -shm as usual


def a_folder(ws: Path) -> None:
    (ws / "out.md").mkdir()


def holding_a_write_transaction(ws: Path) -> sqlite3.Connection:
    """Another process mid-write: BEGIN IMMEDIATE, a row inserted, not committed."""
    db = sqlite3.connect(ws / DB, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO records (indicator, period, value, entered, recorded_by, recorded_at) "
               "VALUES ('new_urban_jobs', '2023-07', 1700, '1700', 'other', 't')")
    return db


# -- the catalogue -----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    args: list[str]
    code: int
    fragment: str
    prepare: Callable[[Path], object] | None = None
    runner: str = "cli"  # cli | fsize | nobody | romedia
    figures: int | None = 2  # records in the store afterwards (None: the store is not a liupi store)
    store_bytes_kept: bool = True  # the store file is byte-identical afterwards
    absent: list[str] = field(default_factory=list)  # paths (relative to the workspace) that must not exist
    unchanged: list[str] = field(default_factory=list)  # other files that must be byte-identical
    stdout: str | None = None  # a fragment stdout must hold
    limit: int = 200_000  # RLIMIT_FSIZE in bytes, for the fsize runner


REPORT = ["report", "--month", "2023-06"]
UPDATE = ["update", "new_urban_jobs", "1700", "-p", "2023-07"]

CASES = [
    # Reading never creates: a store named but not there is exit 4 with the path, and nothing appears.
    Case("history, mistyped --db", ["--db", "{ws}/recrods.db", "history", "new_urban_jobs"], 4,
         "no record store at {ws}/recrods.db", absent=["recrods.db"]),
    Case("export, --db in a missing folder", ["--db", "{ws}/nope/r.db", "export"], 4,
         "no record store at {ws}/nope/r.db", absent=["nope"]),
    Case("report, mistyped --db", ["--db", "{ws}/recrods.db", *REPORT], 4, "no record store at", absent=["recrods.db"]),
    Case("report json, mistyped --db", ["--db", "{ws}/recrods.db", *REPORT, "-f", "json"], 4, "no record store at",
         absent=["recrods.db"], stdout='"exit_code": 4'),
    Case("info, mistyped --db", ["--db", "{ws}/recrods.db", "info"], 4, "no record store at", absent=["recrods.db"]),
    Case("task history, mistyped --db", ["--db", "{ws}/x/y.db", "history", "t1"], 4, "no record store at",
         absent=["x"]),
    Case("report, liupi.toml names a missing store", REPORT, 4, "no record store at {ws}/data/gone.db",
         settings('plan = "data"\nstore = "data/gone.db"\n'), absent=["data/gone.db"], unchanged=[DB]),
    Case("update, --db in a missing folder", ["--db", "{ws}/nope/r.db", *UPDATE], 4, "folder {ws}/nope does not exist",
         absent=["nope"]),
    Case("report, old layout, no store yet", REPORT, 6, "no figure recorded in 2023 up to 2023-06",
         old_layout_without_store, figures=None, absent=[DB, DB + "-wal"]),
    Case("dry run before any figure creates nothing", ["update", "--file", "{mini_csv}", "--dry-run"], 0,
         "nothing was written", old_layout_without_store, figures=None, absent=[DB]),
    # Another program's SQLite file, junk, another plan's store, a newer schema: refused untouched.
    Case("report on another program's SQLite", ["--db", "{ws}/other.db", *REPORT], 4,
         "is not a liupi record store (it holds customers)", foreign_sqlite, unchanged=["other.db"],
         absent=["other.db-wal", "other.db-shm"]),
    Case("update into another program's SQLite", ["--db", "{ws}/other.db", *UPDATE], 4,
         "is not a liupi record store", foreign_sqlite, unchanged=["other.db"], absent=["other.db-wal"]),
    Case("import into another program's SQLite", ["--db", "{ws}/other.db", "update", "--file", "{mini_csv}"], 4,
         "is not a liupi record store", foreign_sqlite, unchanged=["other.db"], absent=["other.db-wal"]),
    Case("history on a file that is not SQLite", ["--db", "{ws}/junk.db", "history", "new_urban_jobs"], 4,
         "it is not an SQLite file", junk_file, unchanged=["junk.db"]),
    Case("update into a file that is not SQLite", ["--db", "{ws}/junk.db", *UPDATE], 4, "it is not an SQLite file",
         junk_file, unchanged=["junk.db"]),
    Case("report on another plan's store", REPORT, 4, "holds records of plan 'another-plan', not 'mini-2023'",
         other_plans_store),
    Case("update into another plan's store", UPDATE, 4, "holds records of plan 'another-plan'", other_plans_store),
    Case("report on a store from a newer liupi", REPORT, 4, "written by a newer liupi (schema 99)", newer_schema),
    # A damaged store: one line, exit 4, no traceback, nothing written.
    Case("report on a damaged store", REPORT, 4, "is damaged (database disk image is malformed)", damaged_schema,
         figures=None, store_bytes_kept=False, unchanged=[DB]),
    Case("update into a damaged store", UPDATE, 4, "is damaged", damaged_schema, figures=None, unchanged=[DB]),
    Case("history on damaged rows", ["history", "new_urban_jobs"], 4, "cannot read the record store", damaged_records,
         figures=None, unchanged=[DB]),
    Case("export on damaged rows", ["export", "-f", "json"], 4, "is damaged", damaged_records, figures=None,
         unchanged=[DB], stdout='"exit_code": 4'),
    # Busy: a report never waits behind a writer.
    Case("report while another process is mid-write", REPORT, 0, "2023-06: ", holding_a_write_transaction,
         store_bytes_kept=False),
    Case("history while another process is mid-write", ["history", "new_urban_jobs"], 0, "2 record(s)",
         holding_a_write_transaction, store_bytes_kept=False),
    # Outputs never replace the plan, the settings or the store in use.
    Case("report over the plan", [*REPORT, "--out", "{ws}/data/targets.yaml", "-f", "csv"], 5,
         "would replace {ws}/data/targets.yaml"),
    Case("report over the task list, relative path", [*REPORT, "-f", "markdown", "--out", "data/tasks.yaml"], 5,
         "which liupi is using"),
    Case("report over the store", [*REPORT, "--out", "data/records.db", "-f", "json"], 5, "would replace"),
    Case("report over the store's -wal", [*REPORT, "--out", "data/records.db-wal", "-f", "json"], 5, "would replace"),
    Case("export over the store's -shm", ["export", "--out", "data/records.db-shm", "-f", "csv"], 5, "would replace"),
    Case("export over the store, another spelling", ["export", "--out", "data/../data/./records.db", "-f", "json"], 5,
         "would replace"),
    Case("targets over liupi.toml", ["targets", "--out", "liupi.toml", "-f", "csv"], 5, "would replace"),
    Case("tasks over the plan through a symlink", ["tasks", "--out", "link.yaml", "-f", "json"], 5, "would replace",
         symlink_to_plan),
    Case("template over the plan", ["template", "--period", "2023-06", "--out", "data/targets.yaml"], 5,
         "would replace"),
    Case("report to a missing folder", [*REPORT, "--out", "{ws}/nope/r.md"], 5, "cannot write {ws}/nope/r.md",
         absent=["nope"]),
    Case("report onto a folder", [*REPORT, "--out", "out.md"], 5, "out.md is a folder", a_folder),
    Case("template to a missing folder", ["template", "-p", "2023-06", "--out", "nope/t.csv"], 5, "cannot write",
         absent=["nope"]),
    # Usage and refused input: nothing stored.
    Case("update without --period", ["update", "new_urban_jobs", "1700"], 2, "--period is required"),
    Case("a second figure without --revise names the first", ["update", "new_urban_jobs", "1600", "-p", "2023-06"],
         1, "already has 1500 for 2023-06, recorded by tester"),
    # The settings file.
    Case("liupi.toml with an unknown setting", REPORT, 3, "unknown setting(s) stor",
         settings('plan = "data"\nstor = "x.db"\n')),
    Case("liupi.toml that is not TOML", REPORT, 3, "not valid TOML", settings("plan: data\n")),
    Case("liupi.toml naming a missing plan folder", REPORT, 3, "no such data directory", settings('plan = "plan"\n')),
    Case("liupi.toml with a number for a path", REPORT, 3, "must be a quoted path", settings("plan = 3\n")),
    # The operating system's faults.
    Case("import past a file-size limit", ["update", "--file", "{big_csv}"], 4, "file-size limit", runner="fsize"),
    Case("xlsx report past a file-size limit keeps the old file", [*REPORT, "--out", "out.xlsx"], 5,
         "cannot write out.xlsx", old_xlsx, runner="fsize", unchanged=["out.xlsx"], limit=2_000, figures=None),
    Case("update into a read-only store file", UPDATE, 4, "is read-only", read_only_store, runner="nobody"),
    Case("report on a read-only store file", REPORT, 0, "2023-06: 0 red", read_only_store, runner="nobody"),
    Case("report on read-only media", REPORT, 0, "2023-06: 0 red", runner="romedia"),
    Case("export on read-only media", ["export", "-f", "json"], 0, "2 record(s)", runner="romedia"),
    Case("update on read-only media", UPDATE, 4, "is read-only", runner="romedia"),
    Case("xlsx report onto read-only media", [*REPORT, "--out", "out.xlsx"], 5, "Read-only file system",
         runner="romedia", absent=["out.xlsx"]),
]


# -- running a case ------------------------------------------------------------------------------------


def _subprocess_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LIUPI_HOME", "LIUPI_DB")}
    env.update(PYTHONPATH=str(REPO), XDG_DATA_HOME=str(tmp / "xdg"), LIUPI_USER="tester", COLUMNS="200")
    return env


@cache
def _nobody_can_run_liupi() -> str | None:
    """Why cases needing an unprivileged user cannot run here, or None."""
    if os.geteuid() != 0:
        return None  # permissions already bind us
    if not shutil.which("setpriv"):
        return "needs setpriv to drop root (root ignores file permissions)"
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                            "import liupi_cli.cli.app"], env={**os.environ, "PYTHONPATH": str(REPO)},
                           capture_output=True)
    return None if probe.returncode == 0 else "the unprivileged user cannot read liupi's checkout here"


@cache
def _read_only_mounts() -> str | None:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "needs root and unshare to bind-mount a folder read-only"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp"],
                           capture_output=True)
    return None if probe.returncode == 0 else "cannot make a read-only mount here"


def _big_csv(tmp: Path) -> Path:
    """Enough figures, with long notes, to pass a 200 kB file-size limit part-way through the import."""
    path = tmp / "big.csv"
    lines = ["id,period,value,note"]
    lines += [f"new_urban_jobs,2023-{m:02d},{1000 + m * 100},{'注' * 4000}" for m in range(7, 13)]
    lines += [f"retail_sales_total,2023-{m:02d},{m},{'注' * 4000}" for m in range(2, 13)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_case(case: Case, ws: Path, tmp: Path):
    args = [a.format(ws=ws, mini_csv=REPO / "tests" / "fixtures" / "mini-actuals.csv", big_csv=_big_csv(tmp))
            for a in case.args]
    if case.runner == "cli":
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    cmd = [sys.executable, "-m", "liupi_cli", *args]
    preexec = None
    if case.runner == "fsize":
        def preexec():
            resource.setrlimit(resource.RLIMIT_FSIZE, (case.limit, case.limit))
    elif case.runner == "nobody" and os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    elif case.runner == "romedia":
        cmd = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"',
               str(ws), *cmd]
    env = _subprocess_env(tmp)
    if case.runner == "nobody":  # another user's workspace, trusted on purpose (see liupi_cli/workspace.py)
        env["LIUPI_SAFE_DIRECTORY"] = str(ws)
    proc = subprocess.run(cmd, cwd=ws, env=env, capture_output=True, text=True, timeout=60,
                          preexec_fn=preexec)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_store_case(case: Case, tmp_path, monkeypatch, template):
    if case.runner == "nobody" and (why := _nobody_can_run_liupi()):
        pytest.skip(why)
    if case.runner == "romedia" and (why := _read_only_mounts()):
        pytest.skip(why)
    if case.runner == "nobody":
        base = Path(tempfile.mkdtemp(prefix="liupi-ro-"))  # a folder an unprivileged user can reach
        base.chmod(0o755)
        ws = Path(shutil.copytree(template, base / "ws"))
        ws.chmod(0o755)
    else:
        ws = Path(shutil.copytree(template, tmp_path / "ws"))
    monkeypatch.chdir(ws)
    held = case.prepare(ws) if case.prepare else None
    plan_before = {f: digest(ws / f) for f in PLAN_FILES}
    store_before = digest(ws / DB)
    others_before = {f: digest(ws / f) for f in case.unchanged}
    try:
        code, stdout, stderr = run_case(case, ws, tmp_path)
    finally:
        if isinstance(held, sqlite3.Connection):
            held.rollback() if held.in_transaction else None
            held.close()
    fragment = case.fragment.format(ws=ws)
    assert code == case.code, f"{case.name}: exit {code}\n{stderr}"
    assert fragment in stderr, stderr
    assert "Traceback" not in stderr
    if case.code not in (0, 6):
        errors = [ln for ln in stderr.splitlines() if ln.startswith("error: ")]
        assert len(errors) == 1, stderr  # one line (and its hint)
    if case.stdout:
        assert case.stdout in stdout
    assert {f: digest(ws / f) for f in PLAN_FILES} == plan_before, "a plan file changed"
    assert {f: digest(ws / f) for f in case.unchanged} == others_before
    if case.store_bytes_kept and case.figures is not None:
        assert digest(ws / DB) == store_before, "the store file changed"
    if case.figures is not None:
        assert len(rows(ws / DB)) == case.figures
    for rel in case.absent:
        assert not (ws / rel).exists(), f"{rel} was created"
    if case.runner == "nobody":
        shutil.rmtree(ws.parent, ignore_errors=True)


def test_the_catalogue_covers_every_kind_of_fault():
    assert len(CASES) >= 45
    assert {c.code for c in CASES} == {0, 1, 2, 3, 4, 5, 6}
    assert {c.runner for c in CASES} == {"cli", "fsize", "nobody", "romedia"}
