"""Reading YAML takes short cuts at province scale; each must read a file exactly as the long way does.

The short cuts: a plain scalar's tag is resolved once per distinct text; no alias counting in a text
without an anchor (&); no merge-key flattening in a text without `<<` or a merge tag.
"""

from __future__ import annotations

import datetime as dt

import pytest

from liupi_cli.errors import PlanUnreadable
from liupi_cli.yamlfile import load_yaml


def _load(tmp_path, text: str):
    f = tmp_path / "t.yaml"
    f.write_text(text, encoding="utf-8")
    return load_yaml(f, "t.yaml")


def test_the_same_text_plain_and_quoted_keeps_its_own_type(tmp_path):
    """One text resolved once: plain 12 stays a number, quoted '12' a string, in whichever order met."""
    data, _, problems = _load(tmp_path, 'a: "12"\nb: 12\nc: \'12\'\nd: [12, "12", 2023-06-30, "2023-06-30"]\n'
                                        'e: 2023-06-30\nf: true\ng: "true"\n')
    assert data == {"a": "12", "b": 12, "c": "12", "d": [12, "12", dt.date(2023, 6, 30), "2023-06-30"],
                    "e": dt.date(2023, 6, 30), "f": True, "g": "true"}
    assert type(data["b"]) is int and problems == []


def test_a_repeated_surprising_number_is_reported_at_each_line(tmp_path):
    _, _, problems = _load(tmp_path, "a: 010\nb: 010\nc: '010'\n")
    assert [(p.line, p.path) for p in problems] == [(1, "a"), (2, "b")]


def test_an_ampersand_in_text_is_not_an_anchor(tmp_path):
    data, lines, problems = _load(tmp_path, "units:\n  - id: rd\n    name_zh: 科技R&D局\n    name_en: S&T & R&D\n")
    assert data == {"units": [{"id": "rd", "name_zh": "科技R&D局", "name_en": "S&T & R&D"}]} and problems == []
    assert lines.line(("units", 0, "name_zh")) == 3


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: [*x, *x, *x, *x, *x, *x]\n",  # after a space
    "a: [\n&x [1, 2], *x, *x, *x, *x, *x, *x]\n",  # at the start of a line
    "a: [&x [1, 2], *x, *x, *x, *x, *x, *x]\n",  # after a flow indicator
    "a: [0,&x [1, 2], *x, *x, *x, *x, *x, *x]\n",
    '{"a":&x [1, 2], "b": [*x, *x, *x, *x, *x, *x]}\n',  # after a JSON-like key's colon
])
def test_every_place_an_anchor_can_stand_is_counted(tmp_path, text, monkeypatch):
    """Where an anchor can be, aliases are counted against the file's size (a bomb is refused): seen here
    with the margin set to nothing, so six copies of a 3-node list exceed the file's nodes."""
    import liupi_cli.yamlfile as yf

    monkeypatch.setattr(yf, "ALIAS_MARGIN", 0)
    monkeypatch.setattr(yf, "ALIAS_GROWTH", 1)
    with pytest.raises(PlanUnreadable, match="aliases .* expand to too many values"):
        _load(tmp_path, text)


def test_anchors_and_merges_still_read_with_their_lines(tmp_path):
    data, lines, problems = _load(tmp_path, "base: &b\n  x: 1\n  y: 2\nitem:\n  <<: *b\n  z: 3\nalso: *b\n")
    assert data == {"base": {"x": 1, "y": 2}, "item": {"x": 1, "y": 2, "z": 3}, "also": {"x": 1, "y": 2}}
    assert problems == []
    assert (lines.line(("item", "z")), lines.line(("also",)), lines.line(("item", "x"))) == (6, 1, 2)


@pytest.mark.parametrize("directive,key", [("", "!<tag:yaml.org,2002:m%65rge>"), ("", "!!m%65rge"),
                                           ("", "!!merge"), ("", "!<tag:yaml.org,2002:merge>"),
                                           ("%TAG !m! tag:yaml.org,2002:mer\n---\n", "!m!ge")])
def test_a_merge_key_however_spelt_is_merged(tmp_path, directive, key):
    """Mappings are flattened only when the text can spell a merge key: `<<`, a merge tag, a tag with a
    %-escape (libyaml decodes !!m%65rge to the merge tag) or a %TAG directive; a plan that merely says
    "merge" in a name is not flattened, and reads the same."""
    data, _, problems = _load(tmp_path, f"{directive}base: &b\n  x: 1\nitem:\n  {key} : *b\n  y: 2\n")
    assert data == {"base": {"x": 1}, "item": {"x": 1, "y": 2}} and problems == []


def test_a_duplicate_key_points_at_the_first_one(tmp_path):
    _, lines, problems = _load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.message) for p in problems] == [(3, "duplicate key 'a' (first at line 1)")]
    assert lines.line(("a",)) == 1


def test_the_word_merge_in_a_value_is_plain_text(tmp_path):
    data, _, problems = _load(tmp_path, "a: {merge: 1, name: merger}\nb: [emerge, '<']\n")
    assert data == {"a": {"merge": 1, "name": "merger"}, "b": ["emerge", "<"]} and problems == []


def test_the_alias_budget_counts_each_node_written_once():
    """The budget is measured against the nodes written in the file, counted while composing: an alias
    adds none, keys and explicitly tagged values count like any other."""
    from liupi_cli.yamlfile import _Composer

    composer = _Composer("a: &x [1, !!str 2]\nb: [*x, *x, {c: *x}]\n")
    try:
        composer.get_single_node()
    finally:
        composer.dispose()
    # the top mapping, a, [1, 2], 1, 2, b, the list of aliases, {c: …}, c
    assert composer.nodes_composed() == 9
