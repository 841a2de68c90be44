"""ruff with the project's rule set ([tool.ruff.lint] in pyproject.toml) over the code, the tests and the benchmarks.

The code base is ruff clean, so STRICT is on: any finding fails the suite (its first 50 lines in the failure). Turned
off, the findings are only counted and reported as a warning in pytest's summary."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from conftest import REPO

STRICT = True


def _ruff() -> list[str]:
    here = Path(sys.executable).parent / "ruff"  # the venv's own, installed with the test extras
    if here.exists():
        return [str(here)]
    if shutil.which("ruff"):
        return ["ruff"]
    if os.environ.get("CI") == "true":
        pytest.fail("ruff is not installed: pip install '.[test]'")
    pytest.skip("ruff is not installed (pip install '.[test]')")


def test_the_rule_set_is_chosen_in_pyproject():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^\[tool\.ruff\.lint\]\n(#.*\n)*select = \["E", "F", "W", "I", "B", "UP"\]', text, re.M)


def test_ruff_checks_the_code_tests_and_benchmarks():
    result = subprocess.run([*_ruff(), "check", "--output-format", "concise", "--no-cache", "liupi_cli", "tests",
                             "bench"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr  # 2: ruff itself could not run (a bad configuration)
    findings = [ln for ln in result.stdout.splitlines() if re.match(r"^\S+\.py:\d+:\d+: [A-Z]+\d+ ", ln)]
    assert (result.returncode == 0) == (not findings), result.stdout[-2000:]
    if STRICT:
        assert not findings, "\n".join(findings[:50])
    elif findings:
        warnings.warn(f"ruff: {len(findings)} finding(s) in liupi_cli, tests, bench (STRICT is off)", stacklevel=1)
