"""The message catalogue: every id says itself in English and Chinese with the same named parameters, every
id the code names exists, and the Chinese of each message holds no English sentence."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import liupi_cli
from liupi_cli.errors import InputRefused, UnknownId
from liupi_cli.messages import LANGS, Msg, msg
from liupi_cli.messages_catalogue import CATALOGUE

SOURCE = Path(liupi_cli.__file__).parent


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_has_every_language(lang):
    i = LANGS.index(lang)
    lacking = [k for k, texts in CATALOGUE.items() if len(texts) != len(LANGS) or not isinstance(texts[i], str)
               or (not texts[i].strip() and not k.startswith(("record.duplicate.which", "said.")))]
    assert lacking == []


def test_a_missing_language_is_caught(monkeypatch):
    """The check above fails on a catalogue entry without its Chinese."""
    broken = dict(CATALOGUE, **{"demo.broken": ("only English",)})
    i = LANGS.index("zh")
    assert [k for k, t in broken.items() if len(t) != len(LANGS) or not isinstance(t[i], str)] == ["demo.broken"]


def test_both_languages_take_the_same_parameters():
    differ = {k: (fields(en), fields(zh)) for k, (en, zh) in CATALOGUE.items() if fields(en) != fields(zh)}
    assert differ == {}


def _ids_named_in_code() -> dict[str, str]:
    """Every literal id passed to msg(...) in liupi_cli, with where it is."""
    found: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"
                    and node.args):
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = f"{path.relative_to(SOURCE)}:{node.lineno}"
                elif isinstance(arg, ast.IfExp):
                    for branch in (arg.body, arg.orelse):
                        if isinstance(branch, ast.Constant):
                            found[branch.value] = f"{path.relative_to(SOURCE)}:{node.lineno}"
    return found


def test_every_id_the_code_names_is_in_the_catalogue():
    named = _ids_named_in_code()
    assert len(named) > 100
    assert {k: where for k, where in named.items() if k not in CATALOGUE} == {}


# Latin words a Chinese message may hold: names of files, formats, programs and encodings, and the forms a
# user types (2023Q2, e.g. in a period example) -- never an English sentence.
ALLOWED = {"liupi", "id", "period", "value", "unit", "source", "note", "baseline", "sqlite", "sqlite3", "recover",
           "utf", "gbk", "gb", "csv", "xlsx", "xls", "xlsm", "excel", "wps", "in_progress", "red", "yellow", "green",
           "grey", "missing", "zh", "en", "toml", "yaml", "targets", "tasks", "units", "store", "info", "history",
           "update", "template", "check", "export", "init", "demo", "file", "format", "json", "db", "liupi_db",
           "liupi_home", "data", "dir", "records", "month", "quarter", "year", "dekad", "revise", "force", "out",
           "lang", "fail", "on", "tsv", "txt", "schema", "docx", "level", "city", "ctrl", "c", "windows"}


def english_words(text: str) -> list[str]:
    text = re.sub(r"\{[a-z_]+\}", "", text)  # parameters: ids, values, file names, the user's text
    text = re.sub(r"`[^`]*`", "", text)  # commands quoted
    text = re.sub(r"--[a-z][a-z-]*", "", text)  # option names
    text = re.sub(r"\b\d{4}Q[1-4]\b", "", text)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)
    return [w for w in words if w.lower() not in ALLOWED and not w.isupper()]


def test_the_check_finds_english_in_chinese():
    assert english_words("无法写入 {path}：cannot write the folder") == ["cannot", "write", "the", "folder"]
    assert english_words("请用 `liupi update` 录入 {id}，或加 --revise；另存为 CSV UTF-8") == []


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_no_english_sentence_in_the_chinese_of(key):
    assert english_words(CATALOGUE[key][1]) == [], CATALOGUE[key][1]


def test_a_message_reads_as_its_english_and_says_itself_in_chinese():
    m = msg("period.unreadable", text="junk")
    assert isinstance(m, str) and m == "cannot read period 'junk'" and m.id == "period.unreadable"
    assert m.text("zh") == "无法识别统计期“junk”"
    nested = msg("unknown.id", what=msg("word.unit"), given="县统计局")
    assert (str(nested), nested.text("zh")) == ("unknown unit '县统计局'", "未知单位“县统计局”")
    listed = msg("said.dry_run_file", count=2, more=[msg("said.n_unchanged", count=1)])
    assert listed == "dry run: 2 figure(s) would be recorded; 1 unchanged; nothing was written"
    assert listed.text("zh") == "试运行：将录入2项数据；1项未变；未写入"


def test_errors_carry_their_ids_and_keep_english_message_and_hint():
    with pytest.raises(InputRefused) as info:
        from liupi_cli.periods import parse_period

        parse_period("junk")
    exc = info.value
    assert isinstance(exc.message, Msg) and exc.message.id == "period.unreadable"
    assert exc.message == "cannot read period 'junk'" and exc.hint.startswith("write 2023-06")
    unknown = UnknownId("indicator", "gdp", ["gdp_growth"])
    assert (unknown.message, unknown.hint) == ("unknown indicator 'gdp'", "did you mean gdp_growth?")
    assert unknown.hint.text("zh") == "是否要找：gdp_growth？"


def test_nothing_is_translated_by_matching_english():
    """A message is said in Chinese from its id, never by a pattern matched against its English: the CLI's
    language module holds no pattern, and a plain English line stays as it is (a message without an id is a
    bug the scan in tests/messages/test_refusal_walk.py finds)."""
    import inspect

    from liupi_cli.cli import i18n

    source = inspect.getsource(i18n)
    assert "import re" not in source and "re.compile" not in source and "re.match" not in source
    assert not [name for name in vars(i18n) if "PATTERN" in name.upper()]
    assert i18n.tr("one of a, b", "zh") == "one of a, b"
    assert i18n.tr(msg("unknown.hint.one_of", names="a, b"), "zh") == "可选：a, b"
