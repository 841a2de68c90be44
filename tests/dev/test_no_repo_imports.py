"""The README's test command installs liupi (not editable) and runs `pytest`, which puts tests/ on the path but not
the repository: a test importing `tests.…` passes under `python -m pytest` in a clone and fails in CI. Shared test
code is imported by its area (`from messages.test_catalogue import english_words`)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_no_test_imports_through_the_tests_package():
    found = [f"{p.relative_to(TESTS)}:{n}" for p in TESTS.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.match(r"\s*(from|import) tests(\.|\s|$)", line)]
    assert found == []
