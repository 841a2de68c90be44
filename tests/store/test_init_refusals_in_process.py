"""`liupi init`'s refusals, in process: a year that is no plan year and a path that is a file each give one line
with a hint, and create nothing; a sample workspace given --name takes it as the plan's title."""

from __future__ import annotations

import pytest

from liupi_cli.errors import InputRefused, UsageProblem
from liupi_cli.scaffold import create_workspace


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_2000_to_2100_is_refused_with_an_example(tmp_path, year):
    with pytest.raises(UsageProblem) as exc:
        create_workspace(tmp_path / "w", empty=True, year=year)
    assert (exc.value.message, exc.value.hint) == (f"--year {year} is not a plan year", "e.g. --year 2024")
    assert not (tmp_path / "w").exists()


def test_a_file_where_the_workspace_would_go_is_refused(tmp_path):
    (tmp_path / "w").write_text("notes", encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        create_workspace(tmp_path / "w", empty=True, year=2024)
    assert (exc.value.message, exc.value.hint) == (f"{tmp_path / 'w'} exists and is not a folder",
                                                   "give a new folder name")
    assert (tmp_path / "w").read_text(encoding="utf-8") == "notes"


def test_a_sample_workspace_given_a_name_takes_it_as_the_plan_s_title(tmp_path):
    from liupi_cli.plan import load_plan
    from liupi_cli.workspace import find_workspace

    create_workspace(tmp_path / "w", name="某某县2023年“六仗”计划（试用）")
    plan = load_plan(find_workspace(tmp_path / "w", {}, tmp_path).path)
    assert plan.info.title_zh == "某某县2023年“六仗”计划（试用）"
    assert plan.info.year == 2023 and len(plan.indicators) > 10
