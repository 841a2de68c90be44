"""Every page in docs/ is a walkthrough that runs: each ```sh block's `liupi …` and `cd …` lines, in order,
in a fresh folder holding a copy of the bundled plan (data/) and examples/ (the README's own examples run in
tests/docs/test_readme.py)."""

import shlex
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import app

DOCS = sorted((REPO / "docs").glob("*.md"))


def sh_lines(text: str) -> list[str]:
    import re

    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [ln.strip() for b in blocks for ln in b.splitlines() if ln.strip().startswith(("liupi ", "cd "))]


def run_walkthrough(lines: list[str], folder: Path, monkeypatch) -> None:
    shutil.copytree(REPO / "data", folder / "data", ignore=shutil.ignore_patterns("records.db*"))
    shutil.copytree(REPO / "examples", folder / "examples")
    monkeypatch.chdir(folder)
    for var in ("LIUPI_DB", "LIUPI_HOME", "LIUPI_LANG", "LIUPI_TODAY"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    for line in lines:
        words = shlex.split(line)
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
            continue
        expected = 0
        if "# exit " in line:  # a line that shows a refusal says so: `liupi … # exit 1`
            expected = int(line.rsplit("# exit ", 1)[1].split()[0])
            words = shlex.split(line.split("#", 1)[0])
        result = runner.invoke(app, words[1:], catch_exceptions=False)
        assert result.exit_code == expected, f"{line}\n{result.stderr}"


WALKTHROUGHS = [p for p in DOCS if sh_lines(p.read_text(encoding="utf-8"))]  # the index has no examples


def test_every_topic_page_is_a_walkthrough():
    assert {p.name for p in DOCS} - {p.name for p in WALKTHROUGHS} == {"README.md"}


@pytest.mark.parametrize("page", WALKTHROUGHS, ids=[p.stem for p in WALKTHROUGHS])
def test_docs_examples_run_in_order(page, tmp_path, monkeypatch):
    run_walkthrough(sh_lines(page.read_text(encoding="utf-8")), tmp_path, monkeypatch)


def test_every_docs_page_is_linked_from_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for page in DOCS:
        assert f"docs/{page.name}" in readme, page.name
