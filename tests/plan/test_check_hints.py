"""`liupi check`'s hints for two slips: a chain of linked targets (link to the one judged on its own target),
and a YAML key read as true/false (quote it)."""

from __future__ import annotations

import shutil

from conftest import SHIPPED

from liupi_cli.plan import check_plan
from liupi_cli.yamlfile import load_yaml


def test_a_link_to_a_linked_indicator_says_to_link_to_the_one_judged(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns("records.db*", ".liupi*"))
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8").replace("  linked_to: gdp_growth\n", "  linked_to: fai_growth\n")
    fai = "  kind: growth_rate\n  comparator: about\n  qualifier: 左右\n"
    assert text.count(fai) == 1
    path.write_text(text.replace(fai, fai + "  linked_to: gdp_growth\n"), encoding="utf-8")
    plan, problems = check_plan(data)
    chain = [p for p in problems if "which is itself linked to 'gdp_growth'" in p.message]
    assert plan is None and chain and {p.hint for p in chain} == {"link to the indicator whose own target is judged"}


def test_a_key_read_as_true_says_to_quote_it(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("settings:\n  on: 1\n", encoding="utf-8")
    _, _, problems = load_yaml(path, "targets.yaml")
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (2, "key 'on' is read as True, not as a word", "quote it ('on'): YAML reads yes/no/on/off as true/false")]
