"""Mutation testing of liupi's core with mutmut: would the suite notice a small planted bug?

mutmut changes one thing at a time in the code (`>=` to `>`, `+ 1` to `+ 2`, a string, a dropped
argument) and runs the tests that reach it; a mutant the tests still pass on is a "survivor", a
place where a wrong light or a wrong figure could go unnoticed.

The run happens in a temporary copy of the repository (the work tree is never touched: no
`mutants/` folder, no edited pyproject.toml); the copy's pyproject.toml gets a `[tool.mutmut]`
section naming the modules to mutate. mutmut runs under `nice -n 19` with one child process, so
a run is slow (a few minutes per module) but leaves the machine usable.

Usage:
    python bench/mutation.py                       # the whole core (everything outside liupi_cli/cli/)
    python bench/mutation.py quantity periods      # some modules: quantity, report/build, render/safe…
    python bench/mutation.py --keep quantity       # keep the copy (to run `mutmut browse` in it)
    python bench/mutation.py quantity --mutants 'liupi_cli.quantity.x_split_unit*'   # only these mutants
    python bench/mutation.py --sample 400 --seed 1   # 400 mutants drawn at random from the whole core
    python bench/mutation.py report/judge --tests tests/judging/test_judging.py   # only these tests: a lower bound

Needs mutmut 3: `pip install -e '.[mutation]'`. Run it with the interpreter of that environment.

Slow end-to-end tests (SLOW_TESTS below: the README's examples in order, cron lines, concurrent
writers) are left out of mutation runs: each would re-run for every mutant it reaches.

Counting: a mutant is killed when a test fails on it; a timeout (the tests hang) and a type-check
catch also count as killed. Survivors are mutants no test fails on, including "no tests" (no test
reaches that code) and "suspicious" ones. Mutants listed in bench/mutation-equivalent.txt (a name
and a one-line reason per line: the change cannot alter behaviour) are left out of N and listed
separately. One class is equivalent by rule, found in each survivor's diff: a string mutant that only changes
the letter case of an SQL statement (`"SELECT value FROM meta"` to `"select value from meta"`; SQL's words are
the same in either case), with every quoted literal in it unchanged; these are listed as equivalent by rule and
left out of N too. The last line of output is always `mutation score: K killed of N (P%)`.

`--tests FILE…` runs only those test files (or node ids) against the mutants: much faster for a module
whose code every CLI test reaches, and the score is a lower bound (a survivor may be killed by a test
left out). The score line is then preceded by `tests: only …`.

Sampling (`--sample N [--seed S]`): the whole core has thousands of mutants (hours to run), so a score
can be estimated from N of them drawn uniformly at random. mutmut first generates every mutant of the
chosen modules and collects which tests reach which function (a run with a name that matches no
mutant); the names are listed, N are drawn with Python's `random.Random(S)` from the sorted names
(equivalent ones left out), and only those are run. The same modules, code and seed draw the same
names. The score line follows `sampled N of M mutants (seed S); 95% interval a–b%` (Wilson's
interval for a proportion). Re-running the same seed after fixing its survivors measures those fixes,
not the suite: draw a fresh seed for the figure to report.
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EQUIVALENT = REPO / "bench" / "mutation-equivalent.txt"

# what the tests read relative to the repository (mutmut runs them from the copy's mutants/ folder)
ALSO_COPY = ["data/", "examples/", "docs/", "README.md", "CONTRIBUTING.md", "pyproject.toml", ".ci/", "bench/",
             "sitecustomize.py"]
# End-to-end tests that run whole command sequences or other processes for many seconds each (every mutant a
# test reaches re-runs it), and the start-up cost test, are left out of mutation runs; the unit and CLI tests
# cover the same code.
SLOW_TESTS = [
    "tests/docs/test_readme.py::test_the_readme_examples_run_in_order",
    "tests/cadence/test_cadence_cli.py::test_the_readme_crontab_lines_run_under_cron_env_twice",
    "tests/cadence/test_cadence_cli.py::test_two_runs_at_once_take_turns",
    "tests/store/test_store.py::test_four_writers_and_a_reader_at_once_lose_nothing",
    "tests/store/test_store.py::test_a_batch_killed_midway_leaves_the_store_intact_and_without_it",
    "tests/recording/test_spreadsheets.py::test_a_libreoffice_workbook_with_a_percent_cell",  # runs LibreOffice
    "tests/store/test_concurrency_and_kills.py",  # many processes racing or killed at random moments: timing-bound
    "tests/hostile/test_input_cases.py::test_hostile_input",  # bombs under a time limit of a few seconds
    "tests/hostile/test_round_two.py",  # real processes under time and memory bounds, like the bombs
    "tests/hostile/test_unique_current.py",  # processes racing to create a store: timing-bound
    "tests/render/test_circulars_print.py",  # runs LibreOffice and Chromium
    # runs LibreOffice
    "tests/city/test_gongwen_docx.py::test_libreoffice_prints_it_on_a4_with_the_heading_on_every_page",
    "tests/dev/test_lint.py",  # lints the source, which mutmut rewrites with its trampolines
    # read the source (periods.py's raise lines, the message ids the code names), which mutmut's copy rewrites
    "tests/messages/test_catalogue.py::test_every_id_the_code_names_is_in_the_catalogue",
    "tests/cli/test_period_refusals_zh.py::test_the_cases_walk_every_refusal_of_periods_py",
    "tests/messages/test_vocabulary.py",  # the statuses the judging code can produce, read from its source
    "tests/messages/test_catalogue_hygiene.py",  # the ids the code names, read from its source
    "tests/messages/test_refusal_walk.py::test_every_message_raised_comes_from_the_catalogue",
    "tests/messages/test_refusal_walk.py::test_the_files_not_yet_converted_still_exist_and_still_need_it",
    # start-up cost: counts the modules a fresh interpreter imports, which mutmut's trampolines change
    "tests/cli/test_report_cli.py::test_plain_formats_do_not_import_pandas_or_openpyxl",
    # parametrized with explicit Chinese ids that pytest does not find again when mutmut passes them back one by
    # one ("not found", a usage error that stops the run); tests/plan_import/test_plan_import.py reaches the same code
    "tests/plan_import/test_plan_import_targets.py::test_target_sentence",
]
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests", "suspicious"}
NOT_COUNTED = {"skipped"}


def core_modules() -> list[str]:
    """Every module of the library outside the CLI adapter, as paths relative to the repo."""
    out = []
    for path in sorted((REPO / "liupi_cli").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel.startswith("liupi_cli/cli/") or path.name in ("__init__.py", "__main__.py"):
            continue
        out.append(rel)
    return out


def module_path(name: str) -> str:
    """`quantity`, `report/build`, `report.build`, `liupi_cli/quantity.py` or a glob -> a path pattern."""
    name = name.strip().removesuffix(".py").replace(".", "/")
    if name.startswith("liupi_cli/"):
        name = name[len("liupi_cli/"):]
    pattern = f"liupi_cli/{name}" + ("" if name.endswith("*") else ".py")
    if not any(fnmatch.fnmatch(m, pattern) for m in core_modules()) and not (REPO / pattern).is_file():
        raise SystemExit(f"error: no module {pattern} in liupi_cli/\nhint: for example: quantity, report/build")
    return pattern


def load_equivalent() -> dict[str, str]:
    """`mutant-name  reason` per line; `#` starts a comment."""
    marked: dict[str, str] = {}
    if EQUIVALENT.is_file():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            name, _, reason = line.partition(" ")
            marked[name] = reason.strip()
    return marked


# SQL's own words, whose letter case the database ignores (identifiers in liupi's SQL are lowercase)
SQL_WORDS = set("""SELECT INSERT INTO VALUES UPDATE SET DELETE FROM WHERE AND OR NOT NULL IS IN AS ON CONFLICT DO
NOTHING BEGIN IMMEDIATE EXCLUSIVE COMMIT ROLLBACK SAVEPOINT RELEASE TO CREATE TABLE INDEX UNIQUE IF EXISTS ALTER ADD
COLUMN DROP PRAGMA GRANT REVOKE ALL USAGE ROLE USER WITH LOGIN PASSWORD POLICY FOR USING CHECK ENABLE ROW LEVEL SECURITY
TRIGGER FUNCTION RETURNS RETURN LANGUAGE BEFORE AFTER EACH EXECUTE PROCEDURE REPLACE ORDER BY GROUP HAVING LIMIT
OFFSET DESC ASC JOIN LEFT INNER OUTER DISTINCT COUNT MAX MIN SUM CASE WHEN THEN ELSE END PRIMARY KEY REFERENCES
DEFAULT INTEGER TEXT REAL BOOLEAN BIGSERIAL BIGINT SERIAL TIMESTAMPTZ NUMERIC DOUBLE PRECISION CONSTRAINT TRUE FALSE
LOCK SHARE MODE COPY STDIN STDOUT TEMP TEMPORARY VIEW SCHEMA SEQUENCE OWNER CURRENT_USER SESSION_USER RAISE EXCEPTION
NEW OLD PUBLIC CASCADE RESTRICT COALESCE EXCLUDED RETURNING CAST VARCHAR ANY""".split())
WORD = re.compile(r"[A-Za-z_]+")
QUOTED = re.compile(r"'[^']*'")


def sql_case_only(diff: list[str]) -> bool:
    """A diff (its - and + lines) that only changes the letter case of SQL's own words (``SELECT`` to
    ``select``), every single-quoted literal and every other word as it was: the same statement to the database."""
    minus = [ln[1:] for ln in diff if ln.startswith("-")]
    plus = [ln[1:] for ln in diff if ln.startswith("+")]
    if not minus or len(minus) != len(plus):
        return False
    changed = [(a, b) for a, b in zip(minus, plus) if a != b]
    if not changed:
        return False
    for a, b in changed:
        if a.lower() != b.lower() or QUOTED.findall(a) != QUOTED.findall(b):
            return False
        words_a, words_b = WORD.findall(a), WORD.findall(b)
        if any(x != y and x not in SQL_WORDS for x, y in zip(words_a, words_b)):
            return False
    return True


def mutant_module(name: str) -> str:
    """`liupi_cli.quantity.x_parse_value__mutmut_3` -> `liupi_cli/quantity.py` (best effort)."""
    m = re.match(r"^(.*?)\.x[_ǁ]", name)
    dotted = m.group(1) if m else name.rsplit(".", 1)[0]
    return dotted.replace(".", "/") + ".py"


def sample_names(names: list[str] | set[str], n: int, seed: int) -> list[str]:
    """n names drawn uniformly without replacement, the same for the same names and seed; all when n >= len."""
    population = sorted(set(names))
    if n >= len(population):
        return population
    return sorted(random.Random(seed).sample(population, n))


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for k successes of n, as proportions (95% for z = 1.96)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def parse_results(stdout: str) -> dict[str, str]:
    """`mutmut results --all true` lines (`    name: status`) -> {name: status}."""
    statuses: dict[str, str] = {}
    for line in stdout.splitlines():
        m = re.match(r"^\s+(\S+): (.+)$", line)
        if m:
            statuses[m.group(1)] = m.group(2).strip()
    return statuses


# a mutant name no mutant has: `mutmut run` with it generates every mutant and collects the test
# stats, then stops (nothing matches) without running any
NO_SUCH_MUTANT = "liupi-list-mutants-only.x_none__mutmut_0"


def make_copy(dest: Path, patterns: list[str], tests: list[str] | None = None) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {".venv", "mutants", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "build", "dist"}
        return {n for n in names if n in skip or n.endswith((".db", ".db-wal", ".db-shm", ".egg-info"))}

    shutil.copytree(REPO, dest, ignore=ignore)
    pyproject = dest / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    if "[tool.mutmut]" in text:
        raise SystemExit("error: pyproject.toml already has a [tool.mutmut] section\n"
                         "hint: remove it; the script writes its own")

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"

    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["liupi_cli/"]\n'
        f"only_mutate = {toml_list(patterns)}\n"
        f"also_copy = {toml_list([p for p in ALSO_COPY if (REPO / p).exists() or p == 'sitecustomize.py'])}\n"
        f"pytest_add_cli_args = {toml_list([a for t in SLOW_TESTS for a in ('--deselect', t)])}\n"
        + (f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n" if tests else "")
    )
    pyproject.write_text(text, encoding="utf-8")
    # Tests that run liupi in a subprocess with PYTHONPATH at the repository import the trampolined copy,
    # whose mutmut import reads its settings from the working folder: point it at the copy's.
    (dest / "sitecustomize.py").write_text(
        "import os\n"
        "_here = os.getcwd()\n"
        "try:\n"
        f"    os.chdir({str(dest)!r})\n"
        "    from mutmut.configuration import config\n"
        "    config()\n"
        "except Exception:\n"
        "    pass\n"
        "finally:\n"
        "    os.chdir(_here)\n", encoding="utf-8")
    # tests that need the plan's source text look for it beside the repository (../shared/seed/)
    shared = REPO.parent / "shared"
    if shared.is_dir():
        (dest / "shared").symlink_to(shared)


def run_mutmut(copy: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mutmut", *args]
    if args and args[0] == "run" and shutil.which("nice"):
        cmd = ["nice", "-n", "19", *cmd]
    env = {k: v for k, v in os.environ.items() if k not in ("LIUPI_HOME", "LIUPI_DB")}
    if log is not None:
        with log.open("w", encoding="utf-8") as fh:
            return subprocess.run(cmd, cwd=copy, env=env, stdout=fh, stderr=subprocess.STDOUT, text=True)
    return subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True)


def mutant_diff(copy: Path, name: str) -> list[str]:
    """The - and + lines of a mutant (`mutmut show`)."""
    shown = run_mutmut(copy, "show", name).stdout
    return [ln for ln in shown.splitlines() if ln.startswith(("+", "-")) and not ln.startswith(("+++", "---"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: the whole core)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and print where it is")
    parser.add_argument("--no-diff", action="store_true", help="list survivors by name only")
    parser.add_argument("--mutants", nargs="+", metavar="NAME",
                        help="run only these mutants (names or globs from an earlier survivor list)")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="run N mutants drawn at random from all of the chosen modules' (or --mutants')")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--tests", nargs="+", metavar="FILE",
                        help="run only these test files or node ids (the score is then a lower bound)")
    args = parser.parse_args(argv)
    if args.sample is not None and args.sample < 1:
        parser.error("--sample needs a number of mutants of 1 or more")

    import importlib.util

    if importlib.util.find_spec("mutmut") is None:
        print("error: mutmut is not installed in this Python\nhint: pip install -e '.[mutation]'", file=sys.stderr)
        return 2

    patterns = [module_path(m) for m in args.modules] or core_modules()
    equivalent = load_equivalent()
    tmp = Path(tempfile.mkdtemp(prefix="liupi-mutation-"))
    copy = tmp / "liupi"
    try:
        for t in args.tests or ():
            if not (REPO / t.split("::")[0]).exists():
                print(f"error: no test file {t}", file=sys.stderr)
                return 2
        make_copy(copy, patterns, args.tests)
        print(f"mutating {len(patterns)} module(s): {' '.join(patterns)}", flush=True)
        started = time.monotonic()
        log = tmp / "mutmut-run.log"
        selected = args.mutants
        population = 0
        if args.sample is not None:
            # generate every mutant and the test stats without running any mutant, then list them
            run_mutmut(copy, "run", "--max-children", "1", NO_SUCH_MUTANT, log=tmp / "mutmut-generate.log")
            listed = parse_results(run_mutmut(copy, "results", "--all", "true").stdout)
            candidates = [
                name for name in listed
                if any(fnmatch.fnmatch(mutant_module(name), p) for p in patterns)
                and (not args.mutants or any(fnmatch.fnmatch(name, m) for m in args.mutants))
                and name not in equivalent
            ]
            if not candidates:
                generate_log = (tmp / "mutmut-generate.log").read_text(encoding="utf-8", errors="replace")
                print(generate_log[-3000:], file=sys.stderr)
                print("error: mutmut listed no mutants to sample from", file=sys.stderr)
                return 1
            population = len(candidates)
            selected = sample_names(candidates, args.sample, args.seed)
            print(f"sampling {len(selected)} of {population} mutants (seed {args.seed})", flush=True)
        run = run_mutmut(copy, "run", "--max-children", "1", *(selected or ()), log=log)
        if run.returncode != 0:
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            print(f"error: mutmut run failed (exit {run.returncode})", file=sys.stderr)
            return 1
        statuses = parse_results(run_mutmut(copy, "results", "--all", "true").stdout)
        chosen = set(selected or ())
        globs = [m for m in chosen if any(c in m for c in "*?[")]
        statuses = {
            name: status
            for name, status in statuses.items()
            if any(fnmatch.fnmatch(mutant_module(name), p) for p in patterns)
            and (not selected or name in chosen or any(fnmatch.fnmatch(name, m) for m in globs))
        }

        marked = {n: s for n, s in statuses.items() if n in equivalent}
        counted = {n: s for n, s in statuses.items() if n not in equivalent and s not in NOT_COUNTED}
        unknown = sorted({s for s in counted.values() if s not in KILLED | SURVIVED})
        if unknown:
            print(f"error: mutants left with status {', '.join(unknown)}", file=sys.stderr)
        killed = sum(1 for s in counted.values() if s in KILLED)
        timeouts = sum(1 for s in counted.values() if s == "timeout")
        survivors = sorted(n for n, s in counted.items() if s not in KILLED)
        diffs = {name: mutant_diff(copy, name) for name in survivors}
        by_rule = sorted(name for name, diff in diffs.items() if sql_case_only(diff))
        for name in by_rule:
            del counted[name]
        survivors = [name for name in survivors if name not in by_rule]

        by_module: dict[str, list[int]] = {}
        for name, status in counted.items():
            k_n = by_module.setdefault(mutant_module(name), [0, 0])
            k_n[0] += status in KILLED
            k_n[1] += 1
        print()
        for module, (k, n) in sorted(by_module.items()):
            print(f"  {module}: {k} killed of {n} ({100 * k / n:.1f}%)")
        if timeouts:
            print(f"({timeouts} timed out; a timeout counts as killed)")
        if marked:
            print(f"\nequivalent, not counted ({len(marked)}, from {EQUIVALENT.relative_to(REPO)}):")
            for name in sorted(marked):
                print(f"  {name}: {equivalent[name]}")
        stale = [] if selected else sorted(set(equivalent) - set(statuses))
        stale = [n for n in stale if any(fnmatch.fnmatch(mutant_module(n), p) for p in patterns)]
        if stale:
            print("\nmarked equivalent but no longer generated (the code moved; remove or rename):")
            for name in stale:
                print(f"  {name}")
        if by_rule:
            print(f"\nequivalent by rule, not counted ({len(by_rule)}: the letter case of an SQL statement):")
            for name in by_rule:
                print(f"  {name}")
        if survivors:
            print(f"\nsurvivors ({len(survivors)}):")
            for name in survivors:
                print(f"\n* {name}: {counted[name]}")
                if not args.no_diff:
                    for ln in diffs[name]:
                        print(f"    {ln}")
        print(f"\n({len(statuses)} mutants in {(time.monotonic() - started) / 60:.0f} min)")
        if args.keep:
            print(f"\nthe copy is kept at {copy} (cd there and run `mutmut browse`)")
        n = len(counted)
        if args.tests:
            print(f"tests: only {' '.join(args.tests)} (a lower bound: the rest of the suite may kill more)")
        if args.sample is not None:
            low, high = wilson_interval(killed, n)
            print(f"sampled {n} of {population} mutants (seed {args.seed}); "
                  f"95% interval {100 * low:.1f}–{100 * high:.1f}%")
        print(f"mutation score: {killed} killed of {n} ({100 * killed / n if n else 0:.1f}%)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
