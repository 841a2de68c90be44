"""The catalogue is one dict literal that several areas add to: a key written twice would silently keep only
its last text, and an id no code names any more is a message nobody can see (and that nobody keeps right)."""

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "liupi_cli"
CATALOGUE = SOURCE / "messages_catalogue.py"


def _keys() -> list[str]:
    tree = ast.parse(CATALOGUE.read_text(encoding="utf-8"))
    big = max((n for n in ast.walk(tree) if isinstance(n, ast.Dict)), key=lambda n: len(n.keys))
    return [k.value for k in big.keys if isinstance(k, ast.Constant)]


def _named_in_code() -> tuple[set[str], set[str]]:
    """String literals of the code (ids named whole) and the fixed heads of f-strings and of literals ending
    in a dot (ids composed from a head: f"{which}.hint", "label.status." + status)."""
    whole, heads = set(), set()
    for path in SOURCE.rglob("*.py"):
        if path == CATALOGUE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                whole.add(node.value)
                if node.value.endswith(".") and len(node.value) > 3:
                    heads.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                heads.add(node.values[0].value)
    return whole, {h for h in heads if re.fullmatch(r"[a-z_][a-z0-9_]*\.[a-z0-9_.]*", h)}  # an id's head


def _composed(key: str, whole: set[str]) -> bool:
    """``value.bad_groups.hint`` is named as f"{which}.hint" where which is the literal "value.bad_groups"."""
    stem, _, last = key.rpartition(".")
    return stem in whole and last in {"hint"} or (key.endswith("_baseline") and key.removesuffix("_baseline") in whole)


def test_no_id_is_written_twice():
    keys = _keys()
    assert len(keys) > 500
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_every_id_is_named_by_the_code():
    whole, heads = _named_in_code()
    unused = [k for k in _keys() if k not in whole and not any(k.startswith(h) for h in heads)
              and not _composed(k, whole)]
    assert unused == []


def test_the_unused_check_sees_an_id_nobody_names(monkeypatch, tmp_path):
    whole, heads = _named_in_code()
    assert "value.no_such_message_anywhere" not in whole
    assert not any("value.no_such_message_anywhere".startswith(h) for h in heads)
