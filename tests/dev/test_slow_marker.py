"""The slow list in conftest.py names only files and tests that exist: a renamed test is not silently dropped
from (or left outside) the fast subset."""

from __future__ import annotations

import re

from conftest import REPO, SLOW


def test_every_listed_file_and_test_exists():
    for path, names in SLOW.items():
        source = (REPO / path).read_text(encoding="utf-8")
        for name in names or ():
            assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name} is listed as slow but not defined"


def test_the_marker_is_registered():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^markers = \["slow: ', text, re.M)
