"""The hostile catalogue, round two: the surfaces added since the first (plan import, workspaces, the plan
cache, the summary folder's lock, more ways of typing a value).

Every case runs the real CLI in its own process, with a time limit and a capped address space (RLIMIT_AS),
and asserts: its exit code; a refusal is one `error:` line (and at most a hint) naming the problem; no file
of the workspace replaced or changed (SHA-256 of every file before and after) unless the case records a
figure; no file created but the ones the case makes; nothing created or changed outside the folder; no
control character or raw tag in anything printed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import documents as D
from .support import Workspace, run_cli

SEED_ROW = ("gdp_growth", "2023Q1", "7.5", 7.5, "县统计局", None, "tester")
RAW = ("\x1b", "\x07", "\u202e", "\x00", "\x9b", "<script>")
Setup = Callable[[Workspace], None]
STORE_FILES = ("records.db", "records.db-wal")


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # {root} is filled in
    code: int | None  # None: any (the case checks only what is printed and written)
    fragment: str  # in stderr (refusals) or in `stream`
    setup: Setup | None = None
    stream: str = "stderr"
    bare: bool = False  # no --data-dir/--db: the workspace is found from `cwd`
    cwd: str = "."  # relative to the workspace root
    env: dict[str, str] = field(default_factory=dict)
    creates: tuple[str, ...] = ()  # new files the case may leave (relative to the root)
    rows: tuple[tuple, ...] | None = None  # the store's rows after; None: the store is byte-identical
    seconds: float = 20.0  # beyond Python's start-up
    memory_mb: int = 700
    then: Callable[[Workspace], None] | None = None


# -- setups --------------------------------------------------------------------------------------------------


def write(rel: str, content: str | bytes) -> Setup:
    def setup(ws: Workspace) -> None:
        path = ws.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return setup


def fifo(rel: str) -> Setup:
    def setup(ws: Workspace) -> None:
        (ws.root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(ws.root / rel)
    return setup


def link(rel: str, to: str) -> Setup:
    def setup(ws: Workspace) -> None:
        (ws.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws.root / rel).symlink_to(to.format(root=ws.root))
    return setup


def sparse(rel: str, size: int) -> Setup:
    def setup(ws: Workspace) -> None:
        (ws.root / rel).parent.mkdir(parents=True, exist_ok=True)
        with open(ws.root / rel, "wb") as f:
            f.truncate(size)
    return setup


def edit(name: str, old: str, new: str) -> Setup:
    def setup(ws: Workspace) -> None:
        text = (ws.plan / name).read_text(encoding="utf-8")
        assert old in text
        (ws.plan / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def both(*setups: Setup) -> Setup:
    def setup(ws: Workspace) -> None:
        for s in setups:
            s(ws)
    return setup


def build(make: Callable[[Path], None], rel: str) -> Setup:
    def setup(ws: Workspace) -> None:
        make(ws.root / rel)
    return setup


def settings_file(mode: int | None = None, owner: int | None = None, text: str = 'plan = "plan"\nstore = "records.db"\n'
                  ) -> Setup:
    """liupi.toml at the root naming the plan and the store, a folder `sub` to run in; the root's mode and the
    file's owner as given."""
    def setup(ws: Workspace) -> None:
        (ws.root / "liupi.toml").write_text(text, encoding="utf-8")
        (ws.root / "sub").mkdir()
        if owner is not None:
            if os.geteuid() != 0:
                pytest.skip("giving a file to another user needs root")
            os.chown(ws.root / "liupi.toml", owner, -1)
        if mode is not None:
            os.chmod(ws.root, mode)
    return setup


def cache_entry(make: Setup) -> Setup:
    """Run once so the plan cache has its entry, then put ``make``'s thing in the entry's place."""
    def setup(ws: Workspace) -> None:
        ran = run_cli(ws.argv("targets"), cwd=ws.root, env=_env(ws), timeout=60)
        assert ran.exit_code == 0, ran.stderr
        entries = list((ws.root / "cache" / "liupi" / "plans").glob("*.json"))
        assert len(entries) == 1
        entries[0].unlink()
        make(ws)
        (ws.root / "cache" / "liupi" / "plans" / "planted").rename(entries[0])
    return setup


_HELD: list[int] = []


def lock_held(ws: Workspace) -> None:
    """Another run (a stuck cron job) holds the summary folder's lock."""
    (ws.root / "out").mkdir()
    fd = os.open(ws.root / "out" / ".liupi.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _HELD.append(fd)


def a_csv(rel: str, rows: list[list[str]]) -> Setup:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return write(rel, buf.getvalue())


def docx_bomb(path: Path) -> None:
    D.docx(path, D.task_table(3), stream=40 << 20)


def xlsx_bomb(path: Path) -> None:
    D.xlsx(path, D.task_rows(3))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet2.xml", "w") as f:
        for _ in range(40):
            f.write(b" " * (1 << 20))


# -- what each case expects afterwards ---------------------------------------------------------------------


def xlsx_shows_escaped(rel: str, text: str) -> Callable[[Workspace], None]:
    def check(ws: Workspace) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(ws.root / rel)
        cells = [c.value for sh in wb.worksheets for row in sh.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(text in v for v in cells), "the escaped name is not in the workbook"
    return check


def still_a_device(path: str) -> Callable[[Workspace], None]:
    def check(ws: Workspace) -> None:
        assert stat.S_ISCHR(os.stat(path).st_mode)
    return check


def still_a_fifo(rel: str) -> Callable[[Workspace], None]:
    def check(ws: Workspace) -> None:
        assert stat.S_ISFIFO(os.lstat(ws.root / rel).st_mode)
    return check


ROW = lambda ind, period, entered, value: (ind, period, entered, value, None, None, "tester")  # noqa: E731
UPDATE_SUB = ("update", "gdp_growth", "7.6", "-p", "2023Q2")
ESC_UNIT = edit("targets.yaml", "name_zh: 县发改局", 'name_zh: "县\\e[2J发改局"')
TASKS = [D.HEAD, ["1", "完成一项工作", "县发\x1b[2J改局", "县财政局", "2024年6月底"]]

CASES = [
    # -- one rule for every file written -------------------------------------------------------------------
    Case("review-over-the-store", ("plan", "import", "{root}/list.csv", "--out", "{root}/new", "--review",
                                   "{root}/records.db"), 5, "is a record store", a_csv("list.csv", D.task_rows(2))),
    Case("review-over-liupi-toml", ("plan", "import", "{root}/list.csv", "--out", "{root}/new", "--review",
                                    "{root}/liupi.toml"), 5, "holds a workspace's settings",
         both(a_csv("list.csv", D.task_rows(2)), write("liupi.toml", 'plan = "plan"\n'))),
    Case("review-over-the-plan", ("plan", "import", "{root}/list.csv", "--out", "{root}/plan", "--replace",
                                  "--review", "{root}/plan/tasks.yaml"), 5, "would replace the plan file",
         a_csv("list.csv", D.task_rows(2))),
    Case("review-into-a-fifo", ("plan", "import", "{root}/list.csv", "--out", "{root}/new", "--review",
                                "{root}/pipe"), 5, "is a FIFO", both(a_csv("list.csv", D.task_rows(2)), fifo("pipe")),
         then=still_a_fifo("pipe")),
    Case("out-dev-full", ("report", "--month", "2023-06", "-f", "csv", "--out", "/dev/full"), 5,
         "/dev/full is a character device", then=still_a_device("/dev/full")),
    Case("out-fifo", ("report", "--month", "2023-06", "-f", "csv", "--out", "{root}/pipe.csv"), 5, "is a FIFO",
         fifo("pipe.csv"), then=still_a_fifo("pipe.csv")),
    Case("out-another-store", ("report", "--month", "2023-06", "-f", "csv", "--out", "{root}/old.db"), 5,
         "is a record store", write("old.db", b"SQLite format 3\x00" + b"\x00" * 100)),
    Case("out-a-store-wal", ("export", "-f", "json", "--out", "{root}/other.db-wal"), 5, "is a record store",
         write("other.db-wal", b"\x37\x7f\x06\x82" + b"\x00" * 28)),
    Case("out-a-folder", ("export", "-f", "csv", "--out", "{root}/folder"), 5, "is a folder",
         lambda ws: (ws.root / "folder").mkdir()),
    Case("template-into-a-fifo", ("template", "-p", "2023-06", "--out", "{root}/t.xlsx"), 5, "is a FIFO",
         fifo("t.xlsx"), then=still_a_fifo("t.xlsx")),
    Case("out-dash-is-stdout", ("report", "--month", "2023-06", "-f", "csv", "--out", "-"), 0, "gdp_growth",
         stream="stdout"),
    Case("out-dev-stdout-is-a-stream", ("report", "--month", "2023-06", "-f", "csv", "--out", "/dev/stdout"), 0,
         "gdp_growth", stream="stdout"),
    Case("summary-lock-symlink-outside", ("summary", "--month", "2023-06", "--out-dir", "{root}/out"), 5,
         "is a symbolic link", link("out/.liupi.lock", "{root}/outside/planted")),
    Case("summary-lock-fifo", ("summary", "--month", "2023-06", "--out-dir", "{root}/out"), 5,
         "is not a regular file", fifo("out/.liupi.lock")),
    Case("summary-lock-held-by-a-stuck-run", ("summary", "--month", "2023-06", "--out-dir", "{root}/out"), 5,
         "is busy: another liupi has been writing to it for 1 s", lock_held, env={"LIUPI_LOCK_WAIT": "1"}),
    Case("summary-lock-wait-not-a-number", ("summary", "--month", "2023-06", "--out-dir", "{root}/out"), 2,
         "LIUPI_LOCK_WAIT='soon' is not a number", env={"LIUPI_LOCK_WAIT": "soon"}),
    Case("cache-entry-fifo", ("targets",), 0, "gdp_growth", cache_entry(fifo("cache/liupi/plans/planted")),
         stream="stdout"),
    Case("cache-entry-2gb-junk", ("targets",), 0, "gdp_growth",
         cache_entry(sparse("cache/liupi/plans/planted", 2 * 2**30)), stream="stdout", memory_mb=500),
    Case("cache-entry-symlink-to-dev-zero", ("targets",), 0, "gdp_growth",
         cache_entry(link("cache/liupi/plans/planted", "/dev/zero")), stream="stdout", memory_mb=500),
    # -- a workspace you own ------------------------------------------------------------------------------
    Case("toml-owned-by-another-user", UPDATE_SUB, 3, "owned by another user (uid 4321)",
         settings_file(owner=4321), bare=True, cwd="sub"),
    Case("toml-in-a-folder-anyone-may-write", UPDATE_SUB, 3, "anyone may write to",
         settings_file(mode=0o777), bare=True, cwd="sub"),
    Case("toml-trusted-by-safe-directory", UPDATE_SUB, 0, "recorded gdp_growth 2023Q2",
         settings_file(mode=0o777), bare=True, cwd="sub", env={"LIUPI_SAFE_DIRECTORY": "{root}"},
         rows=(SEED_ROW, ROW("gdp_growth", "2023Q2", "7.6", 7.6))),
    Case("toml-own-in-a-sticky-folder", UPDATE_SUB, 0, "recorded gdp_growth 2023Q2",
         settings_file(mode=0o1777), bare=True, cwd="sub", rows=(SEED_ROW, ROW("gdp_growth", "2023Q2", "7.6", 7.6))),
    Case("toml-path-with-a-nul", UPDATE_SUB, 3, "plan holds a NUL character",
         settings_file(text='plan = "pl\\u0000an"\n'), bare=True, cwd="sub"),
    Case("toml-nested-5000-deep", UPDATE_SUB, 3, "a value nested far too deep",
         settings_file(text="plan = " + "[" * 5000 + "]" * 5000 + "\n"), bare=True, cwd="sub"),
    # -- one value parser ---------------------------------------------------------------------------------
    Case("value-comma-not-in-threes", ("update", "new_urban_jobs", "1,23", "-p", "2023-06"), 1,
         "does not separate groups of three digits (is it 123 or 1.23?)"),
    Case("value-decimal-comma", ("update", "new_urban_jobs", "1.480,5", "-p", "2023-06"), 1,
         "looks like a decimal comma (1480.5"),
    Case("value-superscript-footnote", ("update", "new_urban_jobs", "320¹", "-p", "2023-06"), 1,
         "has '¹' glued to it"),
    Case("value-circled-footnote", ("update", "new_urban_jobs", "148①", "-p", "2023-06"), 1, "has '①' glued to it"),
    Case("value-thousands-in-threes", ("update", "new_urban_jobs", "1,234", "-p", "2023-06"), 0,
         "recorded new_urban_jobs 2023-06", rows=(SEED_ROW, ROW("new_urban_jobs", "2023-06", "1,234", 1234.0))),
    Case("value-full-width-kept-as-typed", ("update", "gdp_growth", "７．６％", "-p", "2023Q2"), 0,
         "recorded gdp_growth 2023Q2", rows=(SEED_ROW, ROW("gdp_growth", "2023Q2", "７．６％", 7.6))),
    Case("file-value-comma-not-in-threes", ("update", "--file", "{root}/f.csv"), 1, "groups of three digits",
         a_csv("f.csv", [["id", "period", "value"], ["new_urban_jobs", "2023-06", "1,23"]])),
    Case("file-full-width-percent-unit", ("update", "--file", "{root}/f.csv"), 0, "",
         a_csv("f.csv", [["id", "period", "value", "unit"], ["gdp_growth", "2023Q2", "７．６", "％"]]),
         rows=(SEED_ROW, ROW("gdp_growth", "2023Q2", "７．６％", 7.6))),
    # -- bounds on every document read --------------------------------------------------------------------
    Case("import-docx-zip-bomb", ("plan", "import", "{root}/bomb.docx", "--out", "{root}/p", "--year", "2024"), 1,
         "refusing a likely zip bomb", build(docx_bomb, "bomb.docx"), seconds=5, memory_mb=400),
    Case("import-xlsx-zip-bomb", ("plan", "import", "{root}/bomb.xlsx", "--out", "{root}/p", "--year", "2024"), 1,
         "refusing a likely zip bomb", build(xlsx_bomb, "bomb.xlsx"), seconds=5, memory_mb=400),
    Case("import-merge-over-the-whole-sheet", ("plan", "import", "{root}/m.xlsx", "--out", "{root}/p"), 1,
         "a merged range reaching row (1,048,576) is over the limit of 20,000",
         build(lambda p: D.xlsx(p, D.task_rows(3), merges=["A1:XFD1048576"]), "m.xlsx"), seconds=5, memory_mb=400),
    Case("import-cell-at-the-last-column", ("plan", "import", "{root}/c.xlsx", "--out", "{root}/p"), 1,
         "a cell at column (16,384) is over the limit of 512",
         build(lambda p: D.xlsx(p, D.task_rows(3), far_cell=("XFD", 5)), "c.xlsx"), seconds=5, memory_mb=400),
    Case("import-cell-spanning-1e8-columns", ("plan", "import", "{root}/s.docx", "--out", "{root}/p"), 1,
         "a table cell spans columns (100,000,000) is over the limit of 512",
         build(lambda p: D.docx(p, D.task_table(3, span=100_000_000)), "s.docx"), seconds=5, memory_mb=400),
    Case("import-100000-row-docx", ("plan", "import", "{root}/big.docx", "--out", "{root}/p"), 1,
         "the number of table rows (20,001) is over the limit of 20,000",
         build(lambda p: D.docx(p, D.task_table(100_000)), "big.docx"), seconds=5, memory_mb=400),
    Case("import-100000-row-xlsx", ("plan", "import", "{root}/big.xlsx", "--out", "{root}/p"), 1,
         "over the limit of 20,000", build(lambda p: D.xlsx(p, D.task_rows(100_000)), "big.xlsx"), seconds=5,
         memory_mb=400),
    Case("import-100000-row-csv", ("plan", "import", "{root}/big.csv", "--out", "{root}/p"), 1,
         "more than 20,000 rows", a_csv("big.csv", D.task_rows(100_000)), seconds=8, memory_mb=500),
    Case("import-lead-unit-merged-down-1500-rows", ("plan", "import", "{root}/v.docx", "--out", "{root}/p",
                                                   "--year", "2024"), 0, "tasks 1500",
         build(lambda p: D.docx(p, D.task_table(1500, lead_merged_down=True)), "v.docx"),
         creates=("p/tasks.yaml", "p/targets.yaml", "p/imported-lists.yaml", "p/import-review.md"), seconds=40,
         memory_mb=900),
    Case("import-csv-cell-over-131072", ("plan", "import", "{root}/long.csv", "--out", "{root}/p"), 1,
         "long.csv line 2: a cell longer than 131,072 characters",
         a_csv("long.csv", [D.HEAD, ["1", "长" * 140_000, "县发改局", "县财政局", "2024年6月底"]])),
    Case("update-file-csv-cell-over-131072", ("update", "--file", "{root}/f.csv"), 1,
         "f.csv line 2: a cell longer than 131,072 characters",
         a_csv("f.csv", [["id", "period", "value", "note"], ["gdp_growth", "2023Q2", "7.6", "注" * 140_000]])),
    Case("import-a-fifo", ("plan", "import", "{root}/list.csv", "--out", "{root}/p"), 1, "not a regular file",
         fifo("list.csv"), seconds=5),
    Case("import-a-device", ("plan", "import", "/dev/zero", "--out", "{root}/p"), 1, "not a regular file",
         seconds=5, memory_mb=400),
    # -- escaping -----------------------------------------------------------------------------------------
    Case("unit-page-xlsx-with-esc-in-a-unit-name", ("unit", "fgj", "--month", "2023-06", "--out", "{root}/u.xlsx"),
         0, "wrote", ESC_UNIT, creates=("u.xlsx",), then=xlsx_shows_escaped("u.xlsx", "县\\x1b[2J发改局")),
    Case("unit-page-terminal-with-esc", ("unit", "fgj", "--month", "2023-06"), 0, "县\\x1b[2J发改局", ESC_UNIT,
         stream="stdout"),
    Case("import-dry-run-with-esc-in-a-unit", ("plan", "import", "{root}/esc.csv", "--out", "{root}/p", "--year",
                                               "2024", "--dry-run"), 0, "nothing written", a_csv("esc.csv", TASKS)),
    Case("import-to-decide-lines-inert", ("plan", "import", "{root}/esc.csv", "--out", "{root}/p", "--year", "2024"),
         None, "", a_csv("esc.csv", TASKS),
         creates=("p/tasks.yaml", "p/targets.yaml", "p/imported-lists.yaml", "p/import-review.md")),
    # -- dates, periods, empty tables ---------------------------------------------------------------------
    Case("today-year-1-overdue", ("tasks", "--overdue"), 0, "0 task(s) as of 0001-01-01",
         env={"LIUPI_TODAY": "0001-01-01"}),
    Case("today-year-1-due-within", ("tasks", "--due-within", "30"), 0, "as of 0001-01-01",
         env={"LIUPI_TODAY": "0001-01-01"}),
    Case("today-year-9999-overdue", ("tasks", "--overdue"), 0, "as of 9999-12-31", env={"LIUPI_TODAY": "9999-12-31"}),
    Case("today-year-9999-due-within", ("tasks", "--due-within", "30"), 0, "0 task(s) as of 9999-12-31",
         env={"LIUPI_TODAY": "9999-12-31"}),
    Case("negative-quarter", ("report", "--quarter", "-2023Q2"), 2, "period '-2023Q2' has a sign"),
    Case("negative-month", ("report", "--month=-2023-06"), 2, "period '-2023-06' has a sign"),
    Case("no-blocked-task-is-an-empty-table", ("tasks", "--status", "blocked"), 0, "deadline", stream="stdout"),
]


def _env(ws: Workspace, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {"XDG_CACHE_HOME": str(ws.root / "cache")}
    env.update({k: v.format(root=ws.root) for k, v in (extra or {}).items()})
    return env


def _tree(root: Path, skip: tuple[str, ...] = ("xdg", "cache", "outside")) -> dict[str, str]:
    """Every file under ``root``: a regular file by its SHA-256, a link by its target, anything else by kind
    (a FIFO is never opened)."""
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not (d in skip and (Path(folder) == root or d != "outside"))]
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                out[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                if name.endswith("-shm") or (name.endswith("-wal") and info.st_size == 0):
                    continue  # a reader's empty companions of the store (see support.Workspace.snapshot)
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = f"special:{stat.S_IFMT(info.st_mode):o}"
    return out


_STARTUP: list[float] = []


def _startup(ws: Workspace) -> float:
    if not _STARTUP:
        _STARTUP.append(run_cli(["--version"], cwd=ws.root, timeout=60).seconds)
    return _STARTUP[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_round_two(case: Case, workspace: Workspace) -> None:
    ws = workspace
    outside = ws.root / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not liupi's", encoding="utf-8")
    try:
        if case.setup:
            case.setup(ws)
        before, outside_before = _tree(ws.root), _tree(outside, ())
        rows_before = ws.rows()
        args = [a.format(root=ws.root) for a in case.args]
        argv = args if case.bare else ws.argv(*args)
        limit = case.seconds + _startup(ws)
        ran = run_cli(argv, cwd=ws.root / case.cwd, timeout=limit + 30, memory_mb=case.memory_mb,
                      env=_env(ws, case.env))
    finally:
        while _HELD:
            os.close(_HELD.pop())
        os.chmod(ws.root, 0o755)
    out, err = ran.stdout, ran.stderr
    assert ran.seconds < limit, f"took {ran.seconds:.1f}s"
    if case.code is not None:
        assert ran.exit_code == case.code, f"exit {ran.exit_code}\nstdout: {out[-1500:]}\nstderr: {err[-1500:]}"
    assert "Traceback" not in out + err and "MemoryError" not in err
    shown = out if case.stream == "stdout" else err
    assert case.fragment in shown, f"{case.fragment!r} not in:\n{shown[-2000:]}"
    if ran.exit_code not in (0, 1) or (case.code == 1 and "to decide" not in err and "bad row(s)" not in err):
        errors = [ln for ln in err.splitlines() if ln.startswith("error:")]
        assert len(errors) == 1 and case.fragment in errors[0], err
        assert len(err.splitlines()) <= 3, err
    for raw in RAW:
        assert raw not in out + err, f"raw {raw!r} reached the output"
    after = _tree(ws.root)
    store = set(STORE_FILES) if case.rows is not None else set()
    for name, digest in before.items():
        if name not in store:
            assert after.get(name) == digest, f"{name} was changed or removed"
    made = set(after) - set(before) - store
    assert made <= set(case.creates), f"created {sorted(made - set(case.creates))}"
    assert _tree(outside, ()) == outside_before, "something was written outside the workspace"
    if case.rows is None:
        assert ws.rows() == rows_before
    else:
        assert ws.rows() == list(case.rows)
    if case.then:
        case.then(ws)


def test_the_catalogue_covers_every_family() -> None:
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)
    families = {"review", "out", "summary", "cache", "toml", "value", "file", "import", "update", "unit", "today",
                "negative", "no", "template"}
    assert {c.id.split("-")[0] for c in CASES} <= families


def test_ctrl_c_at_the_prompt_exits_130_keeping_what_was_entered(workspace: Workspace) -> None:
    """Interactive `update` on a pseudo-terminal, started with SIGINT ignored (as a script's background job
    is): one figure typed, then Ctrl-C at the next prompt: exit 130, the figure kept."""
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time

    ws = workspace
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUPI_")}
    env.update(LIUPI_USER="tester", XDG_CACHE_HOME=str(ws.root / "cache"), COLUMNS="120")
    proc = subprocess.Popen([sys.executable, "-m", "liupi_cli", *ws.argv("update", "-p", "2023Q2")], cwd=ws.root,
                            stdin=slave, stdout=slave, stderr=slave, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    os.close(slave)
    seen = b""

    def wait_for(token: bytes, after: int = 0) -> None:
        nonlocal seen
        end = time.monotonic() + 60
        while seen.find(token, after) < 0:
            assert time.monotonic() < end, seen.decode("utf-8", "replace")[-500:]
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 65536)

    try:
        wait_for(b"gdp_growth")
        wait_for(b": ", seen.index(b"gdp_growth"))
        os.write(master, b"7.6\n")
        wait_for(b"saved gdp_growth")
        wait_for(b"2023Q2: ", seen.index(b"saved gdp_growth") + 30)  # the next indicator's prompt
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert ws.rows() == [SEED_ROW, ROW("gdp_growth", "2023Q2", "7.6", 7.6)]


@pytest.mark.parametrize("typed,hint", [
    ("1,23", "write 123 or 1.23"), ("12,34,567", "write 1234567"), ("1.480,5", "e.g. 1480.5"),
    ("320¹", "e.g. 320"), ("148①", "e.g. 148"), ("下降1,5%", "write 15 or 1.5"), ("７⑵", "e.g. ７"),
])
def test_the_value_parser_refuses_what_it_would_read_wrong_with_what_it_read(typed: str, hint: str) -> None:
    from liupi_cli.errors import InputRefused
    from liupi_cli.quantity import parse_quantity

    with pytest.raises(InputRefused) as err:
        parse_quantity(typed, "%")
    assert hint in err.value.hint


@pytest.mark.parametrize("typed,unit,value", [
    ("1,234", "人", 1234.0), ("12,345,678.5", "人", 12345678.5), ("－３．５％", "%", -3.5),
    ("＋１，２３４", "人", 1234.0),
    ("下降０．５％", "%", -0.5), ("1，480", "人", 1480.0),
])
def test_the_value_parser_reads_groups_of_three_and_full_width(typed: str, unit: str, value: float) -> None:
    from liupi_cli.quantity import parse_quantity

    q = parse_quantity(typed, unit)
    assert q.value == pytest.approx(value) and q.entered == typed
