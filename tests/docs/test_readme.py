"""The README is the front door: every command is named there and described in docs/commands.md, every
option of every command is described in the README or a docs page, and every example in the README runs."""

import re
import shlex
import shutil

import pytest
from conftest import REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import COMMANDS as LAZY_TABLE
from liupi_cli.cli.app import app, full_app

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS_DOC = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
ALL_DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
COMMANDS = ["init", "check", "info", "targets", "tasks", "update", "template", "task set", "history", "export",
            "report", "missing", "unit", "summary", "plan import", "plan next",
            "collect", "rank"]


def _sh_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [ln.strip() for b in blocks for ln in b.splitlines() if ln.strip().startswith("liupi ")]


def test_every_command_is_documented():
    app = full_app()  # noqa: F811 - every command loaded, as the lazy table does one by one
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    registered |= {f"{g.name} {c.name}" for g in app.registered_groups for c in g.typer_instance.registered_commands}
    assert set(COMMANDS) <= registered
    for command in COMMANDS + ["plan fill"]:
        assert f"`liupi {command}" in README, command
        assert f"`liupi {command}" in COMMANDS_DOC, command


def _options(command) -> list[str]:
    return [o for p in command.params for o in [*p.opts, *p.secondary_opts] if o.startswith("--") and o != "--help"]


def test_every_option_of_every_command_is_described():
    """Each long option (`liupi X --help`) is named in the README or a docs page; the global ones too."""
    import typer

    group = typer.main.get_command(full_app())
    missing = [f"liupi {o}" for o in _options(group) if f"`{o}" not in ALL_DOCS and f" {o}" not in ALL_DOCS]
    for name, cmd in group.commands.items():
        subs = cmd.commands.items() if hasattr(cmd, "commands") else [("", cmd)]
        for sub, c in subs:
            label = f"liupi {name} {sub}".strip()
            missing += [f"{label} {o}" for o in _options(c) if o not in ALL_DOCS]
    assert not missing, missing


def test_the_lazy_command_table_matches_the_commands():
    """`liupi --help` lists commands from a table without importing them: the table must say what they say."""
    import typer
    from typer._click.utils import make_default_short_help

    group = typer.main.get_command(full_app())
    assert set(group.commands) == set(LAZY_TABLE)  # every command, and no other
    for name, cmd in group.commands.items():
        assert make_default_short_help(LAZY_TABLE[name][1], 200) == cmd.get_short_help_str(200), name
        assert cmd.callback is None or cmd.callback.__module__ == f"liupi_cli.cli.{LAZY_TABLE[name][0]}", name


def test_every_exit_code_is_documented():
    from liupi_cli.errors import ExitCode

    for name, code in vars(ExitCode).items():
        if not name.startswith("_"):
            assert f"| {code} |" in README, name


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/pytest -q"
    assert test_command in README
    assert test_command in ci.splitlines()


def test_the_readme_examples_run_in_order(tmp_path, monkeypatch):
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("records.db*"))
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIUPI_DB", str(tmp_path / "records.db"))
    lines = _sh_lines()
    assert len(lines) == 5  # the tour: five commands
    runner = CliRunner()
    for line in lines:
        result = runner.invoke(app, shlex.split(line)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.stderr}"
    for name in ("月通报-2023-06.md", "月通报-2023-06.xlsx", "月通报-2023-06.html"):
        assert (tmp_path / "circulars" / "2023-06" / name).exists(), name


@pytest.mark.parametrize("command", ["init", "update", "report", "targets", "tasks", "template", "history", "export",
                                     "check", "info", "missing", "unit", "summary", "plan import", "plan next",
            "collect", "rank"])
def test_every_command_help_has_an_example(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
