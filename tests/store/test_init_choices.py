"""`liupi init`'s choices refused in one sentence with what to type instead, leaving nothing behind; the plan id
an empty plan takes from its folder's name; and what an empty plan's files say about the plan."""

from __future__ import annotations

import re

import pytest

from liupi_cli.errors import InputRefused, UsageProblem
from liupi_cli.plan import load_plan
from liupi_cli.scaffold import _plan_id, create_workspace


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


NAME_HINT = "e.g. --name 某某县2024年重点工作计划"
FILES_ONLY = "a workspace from plan files needs its year, and no --empty or --demo"
PLAN_FILES = {"targets.yaml": "", "tasks.yaml": ""}

REFUSED = [
    (dict(demo=True, empty=True), UsageProblem,
     "--demo records the sample plan's demo figures; it cannot go with --empty", "liupi init DIR --demo"),
    (dict(name="  "), InputRefused, "--name must be one line of text", NAME_HINT),
    (dict(name="甲\n乙"), InputRefused, "--name must be one line of text", NAME_HINT),
    (dict(empty=True), UsageProblem, "--empty needs the plan year", "e.g. liupi init DIR --empty --year 2024"),
    (dict(empty=True, year=1999), UsageProblem, "--year 1999 is not a plan year", "e.g. --year 2024"),
    (dict(empty=True, year=2101), UsageProblem, "--year 2101 is not a plan year", "e.g. --year 2024"),
    (dict(year=2030), UsageProblem, "the sample plan is for 2023, not 2030",
     "liupi init DIR --empty --year 2030 starts a plan of your own"),
    (dict(city="某市", demo=True, year=2024), UsageProblem, "--demo is a county's sample; a city starts empty",
     "liupi init DIR --level city"),
    (dict(plan_files=PLAN_FILES), UsageProblem, FILES_ONLY, None),
    (dict(plan_files=PLAN_FILES, year=2024, empty=True), UsageProblem, FILES_ONLY, None),
    (dict(plan_files=PLAN_FILES, year=2024, demo=True), UsageProblem, FILES_ONLY, None),
]


@pytest.mark.parametrize("choices,error,message,hint", REFUSED, ids=plain_id)
def test_a_choice_init_cannot_make_is_refused_and_leaves_nothing(tmp_path, choices, error, message, hint):
    with pytest.raises(error) as exc:
        create_workspace(tmp_path / "w", **choices)
    assert (exc.value.message, exc.value.hint) == (message, hint)
    assert not (tmp_path / "w").exists()


def test_the_edges_of_the_plan_year_are_taken(tmp_path):
    for year in (2000, 2100):
        created = create_workspace(tmp_path / str(year), empty=True, year=year)
        assert created.year == year and load_plan(tmp_path / str(year) / "data").info.year == year


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "w").write_text("x", encoding="utf-8")
    with pytest.raises(InputRefused) as exc:
        create_workspace(tmp_path / "w", empty=True, year=2024)
    assert (exc.value.message, exc.value.hint) == (f"{tmp_path / 'w'} exists and is not a folder",
                                                   "give a new folder name")


def test_init_never_writes_over_a_workspace(tmp_path):
    created = create_workspace(tmp_path / "w", empty=True, year=2024)
    assert [p.name for p in created.files] == ["targets.yaml", "tasks.yaml", "liupi.toml", "records.db"]
    before = (tmp_path / "w" / "data" / "targets.yaml").read_bytes()
    with pytest.raises(InputRefused) as exc:
        create_workspace(tmp_path / "w", empty=True, year=2025)
    assert exc.value.message == f"{tmp_path / 'w' / 'liupi.toml'} already exists; nothing was changed"
    assert exc.value.hint == ("liupi init never overwrites: choose a new folder, or use the workspace that is "
                              "there")
    assert (tmp_path / "w" / "data" / "targets.yaml").read_bytes() == before


@pytest.mark.parametrize("folder,plan_id", [("Shuangpai", "shuangpai-2024"), ("双牌", "plan-2024"),
                                            ("shuangpai-2024", "shuangpai-2024"), ("a b_c", "a-b-c-2024"),
                                            ("--x--", "x-2024"), ("2024", "plan-2024"),
                                            ("123", "plan-2024")], ids=plain_id)
def test_an_empty_plan_s_id_comes_from_its_folder_s_name(tmp_path, folder, plan_id):
    (tmp_path / folder).mkdir()
    assert _plan_id(tmp_path / folder, 2024) == plan_id


def test_an_empty_plan_says_its_id_year_and_titles(tmp_path):
    created = create_workspace(tmp_path / "Shuangpai", empty=True, year=2024)
    info = load_plan(tmp_path / "Shuangpai" / "data").info
    assert (created.plan_id, info.id, info.year, info.title_zh, info.title_en) == (
        "shuangpai-2024", "shuangpai-2024", 2024, "2024年重点工作计划", "Annual plan 2024")
    create_workspace(tmp_path / "named", empty=True, year=2024, name="双牌县2024年“六仗”计划")
    assert load_plan(tmp_path / "named" / "data").info.title_zh == "双牌县2024年“六仗”计划"


def test_a_copy_of_the_sample_under_a_name_of_its_own(tmp_path):
    created = create_workspace(tmp_path / "w", name="某某县2023年计划: 试用")
    plan = load_plan(tmp_path / "w" / "data")
    assert (created.year, plan.info.year, plan.info.title_zh) == (2023, 2023, "某某县2023年计划: 试用")
    assert created.demo_figures == 0


def test_a_city_starts_with_its_settings_and_a_table_to_fill(tmp_path):
    created = create_workspace(tmp_path / "c", city="永州市", year=2024)
    assert load_plan(tmp_path / "c" / "data").info.title_zh == "永州市2024年重点工作计划"
    names = [p.name for p in created.files]
    assert "city.yaml" in names and "decomposition.csv" in names
    city = next(p for p in created.files if p.name == "city.yaml").read_text(encoding="utf-8")
    assert "永州市" in city and "2024" in city and "@CITY@" not in city and "@YEAR@" not in city
    table = next(p for p in created.files if p.name == "decomposition.csv")
    assert table.read_text(encoding="utf-8") == "indicator,unit,city\n"


def test_demo_figures_the_sample_plan_refuses_stop_init_naming_the_file_and_the_row(tmp_path, monkeypatch):
    from liupi_cli import scaffold

    demo = tmp_path / "demo-2023-06.csv"
    demo.write_text("id,period,value\ngdp_growth,2023Q2,6.9\nno_such_indicator,2023-06,5\n", encoding="utf-8")
    monkeypatch.setattr(scaffold, "bundled_file", lambda name: demo)
    with pytest.raises(InputRefused) as exc:
        create_workspace(tmp_path / "w", demo=True)
    assert exc.value.message.startswith("demo-2023-06.csv: ")
    assert "no_such_indicator" in exc.value.message
    assert exc.value.message.text("zh").startswith("demo-2023-06.csv：")
