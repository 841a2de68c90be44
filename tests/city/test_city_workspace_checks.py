"""What `liupi check` adds for a city workspace, and what opening one refuses: a county's folder that holds no
plan or another plan, counties that only send files, the city's year against its plan's, scoring rules of
unknown or undecomposed indicators. Each is one problem naming where in city.yaml, with a hint."""

from __future__ import annotations

import shutil
import sys

import pytest
import yaml
from conftest import REPO

from liupi_cli.city.load import check_city, open_city
from liupi_cli.errors import InputRefused

sys.path.insert(0, str(REPO / "examples"))
from make_city import make_city  # noqa: E402


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("city") / "yz"
    make_city(root, counties=3, mail=False)
    return root


@pytest.fixture
def city(made, tmp_path):
    """A city of three counties (双牌县, 零陵区, 冷水滩区); 双牌县's source is a folder not yet made."""
    return shutil.copytree(made, tmp_path / "yz")


def _edit(root, change):
    path = root / "data" / "city.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _workspace(root):
    """双牌县's workspace: the bundled plan (shuangpai-2023-six-battles) in counties/shuangpai."""
    ws = root / "counties" / "shuangpai"
    ws.mkdir()
    (ws / "liupi.toml").write_text('plan = "data"\n', encoding="utf-8")
    shutil.copytree(REPO / "data", ws / "data")
    return ws


def test_counties_that_only_send_files_are_one_warning_naming_them_in_order(city):
    problems = check_city(city / "data")
    assert [(p.path, p.severity, p.message) for p in problems] == [
        ("counties", "warning", "3 county(ies) send exported files (shuangpai, lingling, lengshuitan): their plans "
                                "cannot be checked against the decomposition, only their figures when collected")]
    assert problems[0].file == str(city / "data" / "city.yaml")


def test_a_county_folder_without_a_plan_is_an_error_naming_its_source_and_why(city):
    (city / "counties" / "shuangpai").mkdir()
    problems = [p for p in check_city(city / "data") if p.path == "counties.shuangpai"]
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.severity) == (str(city / "data" / "city.yaml"), None, "error")
    assert p.message.startswith("counties/shuangpai: ")
    assert p.message.endswith("targets.yaml: file not found")
    assert p.hint == "check --data-dir or LIUPI_HOME"
    others = [p for p in check_city(city / "data") if p.path == "counties"]
    assert "2 county(ies)" in others[0].message and "(lingling, lengshuitan)" in others[0].message


def test_a_county_folder_holding_another_plan_says_which_and_what_city_yaml_expects(city):
    _workspace(city)
    _edit(city, lambda d: d["counties"][0].update(plan="shuangpai-2023"))
    problems = [p for p in check_city(city / "data") if p.path == "counties.shuangpai"]
    assert [(p.message, p.hint, p.severity) for p in problems] == [
        ("counties/shuangpai holds plan shuangpai-2023-six-battles, not shuangpai-2023",
         "fix plan: or source: in city.yaml", "error")]


def test_a_county_folder_holding_its_plan_is_checked_against_the_decomposition(city):
    _workspace(city)
    problems = check_city(city / "data")
    assert not [p for p in problems if p.path.startswith("counties.")]
    targets = [p for p in problems if p.path.endswith("× shuangpai")]
    assert targets and all(p.file == str(city / "data" / "decomposition.xlsx") for p in targets)
    assert [p.path for p in problems if p.path == "counties"] == ["counties"]  # the two that send files


def test_a_city_year_other_than_its_plans_is_refused_on_opening_and_said_by_check(city):
    _edit(city, lambda d: d["city"].update(year=2024))
    path = city / "data" / "city.yaml"
    with pytest.raises(InputRefused) as exc:
        open_city(city / "data")
    assert exc.value.message == f"{path}: city.year 2024 differs from the plan's year 2023"
    assert exc.value.hint == "the city's settings and its plan are for the same year"
    assert [(p.file, p.path, p.message, p.hint, p.severity) for p in check_city(city / "data")] == [
        (str(path), "", exc.value.message, exc.value.hint, "error")]


def test_a_plain_county_workspace_is_not_a_city(city):
    ws = _workspace(city)
    with pytest.raises(InputRefused) as exc:
        open_city(ws / "data")
    assert exc.value.message == f"{ws / 'data'} is not a city workspace (no city.yaml)"
    assert exc.value.hint.startswith("liupi init CITYDIR --level city makes one")
    assert check_city(ws / "data") == []


def test_rules_for_unknown_or_undecomposed_indicators_are_errors_in_id_order(city):
    def change(d):
        d.pop("decomposition")
        d["scoring"]["rules"] = [{"indicator": "zz_unknown", "method": "contest", "points": 5},
                                 {"indicator": "new_urban_jobs", "method": "completion", "points": 5},
                                 {"indicator": "retail_sales_total", "method": "efficacy_split", "points": 5,
                                  "growth": "aa_unknown"}]
    _edit(city, change)
    c = open_city(city / "data")
    assert c.decomposition.parts == [] and c.root == city
    assert c.collected_path == city / "data" / "collected.db"
    rules = [p for p in check_city(city / "data") if p.path == "scoring.rules"]
    assert [(p.message, p.severity) for p in rules] == [
        ("unknown indicator 'aa_unknown'", "error"), ("unknown indicator 'zz_unknown'", "error"),
        ("'new_urban_jobs' is scored but not in the decomposition table", "error"),
        ("'retail_sales_total' is scored but not in the decomposition table", "error")]
    assert rules[0].hint.startswith("a rule scores an indicator of the city's plan")
    assert rules[2].hint.startswith("only decomposed indicators are collected from the counties")


def test_open_city_takes_the_counties_root_it_is_given(city, tmp_path):
    assert open_city(city / "data", tmp_path).root == tmp_path
    assert open_city(city / "data").root == city
