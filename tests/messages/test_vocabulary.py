"""One vocabulary: every light, status, task state and kind the judging code can produce has a label id in the
catalogue, in both languages, and every product reads its words from there (render/labels.py and the top of
render/cadence_doc.py keep no words of their own). The lists are read from the code, not written here: a new
status in report/judge.py without its words fails (as ``stretch_missed`` once printed its raw key)."""

from __future__ import annotations

import ast
import inspect
import os
import typing
from pathlib import Path

import pytest

import liupi_cli
from liupi_cli.kinds import Kind
from liupi_cli.messages import LANGS
from liupi_cli.messages_catalogue import CATALOGUE
from liupi_cli.report import model

REPORT = Path(liupi_cli.__file__).parent / "report"


def _text(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _text(node.body) + _text(node.orelse)
    return []


def statuses_judged() -> set[str]:
    """Every status report/*.py can give a row: Judgement(light, status), ``status=`` in a call, a status
    assigned (``r.light, r.status = worst, "pair_not_declined"``)."""
    found: set[str] = set()
    for path in REPORT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name == "Judgement" and len(node.args) >= 2:
                    found.update(_text(node.args[1]))
                found.update(t for k in node.keywords if k.arg == "status" for t in _text(k.value))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    names = target.elts if isinstance(target, ast.Tuple) else [target]
                    values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                    for t, v in zip(names, values):
                        if getattr(t, "attr", None) == "status":
                            found.update(_text(v))
    return found


def test_the_statuses_are_read_from_the_judging_code():
    statuses = statuses_judged()
    assert {"ahead", "on_track", "far_behind", "broken", "stretch_missed", "pair_not_declined", "unreported",
            "no_year_end_figure", "target_to_be_set", "done_late", "zero_both_years"} <= statuses


@pytest.mark.parametrize("lang", LANGS)
def test_every_status_judged_has_its_words(lang):
    i = LANGS.index(lang)
    lacking = [s for s in statuses_judged() if not CATALOGUE.get(f"label.status.{s}", ("", ""))[i].strip()]
    assert lacking == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_light_and_kind_has_its_words(lang):
    i = LANGS.index(lang)
    lights = typing.get_args(model.Light)
    assert set(lights) == {"red", "yellow", "green", "grey"}
    ids = [f"label.light.{light}" for light in lights] + [f"label.kind.{k.value}" for k in Kind]
    assert [k for k in ids if not CATALOGUE.get(k, ("", ""))[i].strip()] == []


def test_every_task_state_the_products_show_has_its_words():
    from liupi_cli.cadence import timeline

    source = inspect.getsource(timeline)
    states = {s for s in ("not_started", "in_progress", "blocked", "open", "ongoing", "done_on_time") if s in source}
    assert states and all(f"label.task_state.{s}" in CATALOGUE for s in states)


def test_the_products_and_the_report_say_each_word_the_same_way():
    from liupi_cli.render import cadence_doc, labels

    for lang in ("en", "zh"):
        assert all(cadence_doc.STATUS[lang][s] == labels.STATUS[lang][s] for s in labels.STATUS[lang])
        assert cadence_doc.STATUS[lang]["stretch_missed"] == CATALOGUE["label.status.stretch_missed"][LANGS.index(lang)]
        assert {k: v for k, v in cadence_doc.LIGHT[lang].items() if k} == labels.LIGHT_WORD[lang]


def test_no_word_is_written_in_the_renderers_tables():
    """labels.py and the top of cadence_doc.py build their tables from the catalogue: no dict of words there."""
    from liupi_cli.render import cadence_doc, labels

    for module in (labels, cadence_doc):
        tree = ast.parse(inspect.getsource(module))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                values = [v for v in node.value.values if isinstance(v, ast.Dict)]
                assert not values, f"{module.__name__} line {node.lineno}: words by language written in place"


def test_pydantic_says_what_the_catalogue_says_it_says():
    """check.field.* give pydantic's own English (the Chinese is said from the error's type)."""
    from pydantic_core._pydantic_core import list_all_errors

    templates = {e["type"]: e["message_template_python"] for e in list_all_errors()}
    ids = {k.removeprefix("check.field."): en for k, (en, _) in CATALOGUE.items() if k.startswith("check.field.")}
    assert ids and {t: en for t, en in ids.items() if templates.get(t) != en} == {}


def test_the_system_says_what_the_catalogue_says_it_says():
    import errno

    ids = {k.removeprefix("os."): en for k, (en, _) in CATALOGUE.items() if k.startswith("os.")}
    assert ids and {n: en for n, en in ids.items() if os.strerror(getattr(errno, n)) != en} == {}
