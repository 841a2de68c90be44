"""`liupi check`: every problem at once, located; a catalogue of broken plans with expected messages."""

from pathlib import Path

import pytest
from conftest import FIXTURES, Run

BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def _expected(case: Path) -> tuple[int, str]:
    first, message = case.joinpath("expected.txt").read_text(encoding="utf-8").splitlines()[:2]
    return int(first.split()[1]), message


@pytest.mark.parametrize("case", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_plan_gets_one_clear_located_line(case):
    code, message = _expected(case)
    result = Run(case)("check")
    assert result.exit_code == code
    text = result.stdout + result.stderr
    assert message in text
    assert "Traceback" not in text
    located = [ln for ln in text.splitlines() if message in ln]
    assert any(str(case) in ln for ln in located), "the message names the file"


def test_the_catalogue_covers_every_kind_of_breakage():
    names = {p.name for p in BROKEN}
    for required in ("python_tag", "duplicate_key", "not_utf8", "empty", "misspelt_field", "unknown_unit"):
        assert required in names


def test_all_problems_are_reported_at_once(mini):
    text = (mini / "targets.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: growth_rate", "kind: speed", 1).replace("lead_unit: rsj", "lead_unit: nobody", 1)
    (mini / "targets.yaml").write_text(text, encoding="utf-8")
    result = Run(mini)("check")
    assert result.exit_code == 1
    errors = [ln for ln in result.stdout.splitlines() if ln.startswith("error:")]
    assert len(errors) == 2
    assert any("kind: Input should be" in e for e in errors)
    assert any("unknown unit 'nobody'" in e for e in errors)


def test_debug_shows_a_traceback_for_unreadable_files(tmp_path):
    (tmp_path / "targets.yaml").write_text("", encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    quiet = Run(tmp_path)("targets")
    assert quiet.exit_code == 3 and "Traceback" not in quiet.stderr
    loud = Run(None)("--data-dir", str(tmp_path), "--debug", "targets")
    assert loud.exit_code == 3 and "Traceback" in loud.stderr


def test_a_missing_data_dir_is_unreadable(tmp_path):
    result = Run(tmp_path / "nowhere")("check")
    assert result.exit_code == 3
    assert "no such data directory" in result.stderr


def test_mini_plan_is_valid(run):
    result = run("check")
    assert result.exit_code == 0
    assert "0 error(s), 1 warning(s)" in result.stderr
