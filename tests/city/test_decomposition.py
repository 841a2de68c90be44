"""目标分解 read from the city's table and checked against the city plan and each county's plan."""

import csv

import pytest
import yaml
from planmaker import BASE, ind

from liupi_cli.city.decomposition import check_decomposition, read_decomposition
from liupi_cli.errors import InputRefused
from liupi_cli.plan import load_plan

from .citykit import city_plan, config


def _table(tmp_path, rows):
    path = tmp_path / "decomposition.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _county_plan(tmp_path, indicators):
    d = tmp_path / "county"
    d.mkdir()
    plan = dict(BASE, indicators=indicators)
    (d / "targets.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    (d / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    return load_plan(d)


def test_read_by_chinese_headings_and_county_names_with_values_as_typed(tmp_path):
    path = _table(tmp_path, [["指标", "单位", "全市", "a县", "b"], ["jobs", "人", "1600", "1,000", "600"],
                             ["sales", "亿元", "400", "2000000万元", "200"]])
    d = read_decomposition(path, config([], counties="ab"), city_plan(tmp_path))
    assert d.part("jobs").targets == {"a": 1000, "b": 600}
    assert d.part("sales").targets == {"a": 200, "b": 200}  # 2000000万元 = 200亿元


@pytest.mark.parametrize("rows,message", [
    ([["指标", "单位", "c县"], ["jobs", "人", "1"]], "decomposition.csv:1: column 'c县' is neither a heading nor"),
    ([["指标", "a"], ["nojobs", "1"]], "decomposition.csv:2: unknown indicator 'nojobs'"),
    ([["指标", "a"], ["jobs", "很多"]], "decomposition.csv:2: a: cannot read value '很多'"),
])
def test_a_bad_table_is_refused_at_its_row(tmp_path, rows, message):
    with pytest.raises(InputRefused) as exc:
        read_decomposition(_table(tmp_path, rows), config([], counties="ab"), city_plan(tmp_path))
    assert message in exc.value.message


def test_checked_against_a_countys_plan_and_the_city_target(tmp_path):
    path = _table(tmp_path, [["indicator", "unit", "city", "a", "b"], ["jobs", "人", "1600", "1000", "500"],
                             ["growth", "%", "8", "8", "9"], ["unemp", "%", "5.5", "5.5", "5.5"]])
    cfg = config([], counties="ab")
    plan = city_plan(tmp_path)
    d = read_decomposition(path, cfg, plan)
    county = _county_plan(tmp_path, [ind("jobs", "cumulative", target=1000, unit="万人"),
                                     ind("growth", "level", target=8, unit="%")])
    found = [str(p).replace(f"{tmp_path}/", "") for p in check_decomposition(d, plan, {"a": county, "b": None}, cfg)]
    assert "decomposition.csv:2: jobs × a: a县 measures it in 万人, the city in 人 (hint: the same indicator in " \
           "the same unit on both sides)" in found
    assert "decomposition.csv:3: growth × a: a县's plan has it as level, the city as growth_rate" in found
    assert "decomposition.csv:4: unemp × a: a县's plan mini-2023 has no indicator 'unemp' (hint: add a " \
           "county_indicator column naming its id)" in found
    assert any("decomposition.csv:2: jobs: the counties' targets add up to 1500, short of the city target 1600 "
               "by 100" in f for f in found)
    assert not any("growth: the counties' targets add up" in f for f in found)  # rates do not add up: not checked
