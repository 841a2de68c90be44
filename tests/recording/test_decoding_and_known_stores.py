"""The one text decoder tells each encoding a bureau's file comes in (and says which), and refuses bytes that are
none of them; the list of known stores skips lines it cannot read and says why a store it lists cannot be read."""

from __future__ import annotations

import codecs
import re

import pytest

from liupi_cli.errors import InputRefused
from liupi_cli.periods import parse_period
from liupi_cli.registry import figures_elsewhere, known_stores, registry_file, remember, survey
from liupi_cli.text_decode import decode


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


TEXT = "指标,数值\n城镇新增就业,1520\n"


@pytest.mark.parametrize("raw,name", [
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 (with BOM)"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
    (TEXT.encode("utf-16-le"), "UTF-16"),
    (TEXT.encode("utf-16-be"), "UTF-16"),
    (TEXT.encode("utf-8"), "UTF-8"),
    (TEXT.encode("gb18030"), "GB18030 (GBK)"),
    (TEXT.encode("gbk"), "GB18030 (GBK)"),
    (b"id,value\n", "UTF-8"),
], ids=plain_id)
def test_each_encoding_a_bureau_s_file_comes_in_is_told(raw, name):
    assert decode(raw) == (TEXT if b"id" not in raw else "id,value\n", name)


def test_utf16_without_a_bom_is_told_by_where_its_zero_bytes_are():
    assert decode("ab".encode("utf-16-le")) == ("ab", "UTF-16")  # a\0b\0: zeros at odd places
    assert decode("ab".encode("utf-16-be")) == ("ab", "UTF-16")  # \0a\0b: zeros at even places


@pytest.mark.parametrize("raw", [codecs.BOM_UTF8 + b"\xff\xfe\xfd", codecs.BOM_UTF16_LE + b"\x00\xd8",
                                 b"\x81\x30\xff\xff", "abc".encode("utf-16-le")[:-1] + b"\x00\xdc"], ids=plain_id)
def test_bytes_that_are_no_text_are_refused_with_what_to_do(raw):
    with pytest.raises(InputRefused) as exc:
        decode(raw)
    assert exc.value.message == "cannot read the file as text: it is not UTF-8, UTF-16 or GB18030 (GBK)"
    assert exc.value.hint == "save it from Excel or WPS as CSV UTF-8 (逗号分隔), or as .xlsx"
    assert exc.value.hint.text("zh") == "请在 Excel 或 WPS 中另存为 CSV UTF-8（逗号分隔）或 .xlsx"


def test_lines_of_the_known_stores_list_that_cannot_be_read_are_skipped(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    a = tmp_path / "a.db"
    a.touch()
    remember("p", a, env)
    with open(registry_file(env), "a", encoding="utf-8") as f:
        f.write('[1, 2]\n{"plan": "p"}\nnull\n"text"\n')  # edited by hand: not an entry
    remember("p", a, env)  # still known once
    assert known_stores("p", env) == [a]
    assert known_stores("q", env) == []
    assert len(registry_file(env).read_text(encoding="utf-8").splitlines()) == 5


def test_a_list_cut_short_by_a_crash_gets_its_next_entry_on_a_line_of_its_own(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    a.touch()
    b.touch()
    remember("p", a, env)
    path = registry_file(env)
    path.write_text(path.read_text(encoding="utf-8") + '{"plan": "p", "st', encoding="utf-8")
    remember("p", b, env)
    assert known_stores("p", env) == [a, b]


def test_a_list_that_is_not_text_is_no_list(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    registry_file(env).parent.mkdir(parents=True)
    registry_file(env).write_bytes(b"\xff\xfe{junk")
    assert known_stores("p", env) == []


def test_a_known_store_that_cannot_be_read_is_listed_with_why(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    remember("p", junk, env)
    [found] = survey("p", env)
    assert found.path == junk and found.problem and found.figures == 0 and found.last_recorded is None
    assert figures_elsewhere("p", tmp_path / "here.db", env, parse_period("2023-06")) == []
