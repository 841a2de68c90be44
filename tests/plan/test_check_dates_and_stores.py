"""`liupi check` on a milestone due years away says which years it expects and to check the year; a store
kept for another plan is refused naming both plans with a hint; a file is written through a temporary file
beside it, never elsewhere."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import MINI

from liupi_cli.atomic import write_atomic_with
from liupi_cli.errors import StoreError
from liupi_cli.plan import check_plan
from liupi_cli.store import Store


def test_a_milestone_due_years_away_is_a_problem_with_a_hint(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(MINI, folder)
    targets = folder / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("due: 2023-08-31", "due: 2033-08-31"),
                       encoding="utf-8")
    _, problems = check_plan(folder)
    (due,) = [p for p in problems if p.path.endswith(".due")]
    assert (due.message, due.hint) == ("due date 2033-08-31 is outside 2022..2028", "check the year")


def test_a_store_of_another_plan_is_refused_naming_both(tmp_path):
    Store(tmp_path / "r.db", "plan-a").close()
    with pytest.raises(StoreError) as exc:
        Store(tmp_path / "r.db", "plan-b", readonly=True)
    assert exc.value.message == f"{tmp_path / 'r.db'} holds records of plan 'plan-a', not 'plan-b'"
    assert exc.value.hint == "point --db at this plan's store (`liupi info` lists the stores of this plan)"


def test_the_temporary_file_is_made_beside_the_target(tmp_path):
    seen: list[list[str]] = []
    target = tmp_path / "out" / "book.xlsx"
    target.parent.mkdir()
    write_atomic_with(target, lambda f: (f.write(b"PK"), seen.append(sorted(os.listdir(target.parent)))))
    assert len(seen[0]) == 1 and seen[0][0].startswith(".book.xlsx.") and seen[0][0].endswith(".tmp")
    assert os.listdir(target.parent) == ["book.xlsx"] and target.read_bytes() == b"PK"
