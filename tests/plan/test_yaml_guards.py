"""A plan file that is not plain YAML data is refused in one located sentence with a hint (English and Chinese);
the slips YAML reads silently (a repeated key, a key read as true, 010 read as 8) are problems at their line."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from liupi_cli.errors import PlanUnreadable
from liupi_cli.yamlfile import MAX_DEPTH, format_path, load_yaml

TAG_HINT = "plan files hold only plain values: remove the !! tag"
DEEP_HINT = "a plan nests a few levels (indicators → alternatives → fields); check the brackets"
EMPTY = ("targets.yaml: the file is empty", "restore it from the bundled plan or a backup")
BOMB = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(6))

# (case, the file's bytes, message, hint, Chinese message or None)
REFUSED = [
    ("python_tag", b"a: 1\nb: !!python/object:os.system x\n",
     "targets.yaml:2: b: tag tag:yaml.org,2002:python/object:os.system is not plain data", TAG_HINT,
     "targets.yaml:2：b：标签 `tag:yaml.org,2002:python/object:os.system` 不是普通数据"),
    ("binary", b"a: !!binary aGVsbG8=\n", "targets.yaml:1: a: tag tag:yaml.org,2002:binary is not plain data",
     TAG_HINT, None),
    ("set", b"a: !!set {x, y}\n", "targets.yaml:1: a: tag tag:yaml.org,2002:set is not plain data", TAG_HINT, None),
    ("own_tag_on_a_mapping", b"x: 1\na: !thing {x: 1}\n", "targets.yaml:2: a: tag !thing is not plain data",
     TAG_HINT, None),
    ("own_tag_on_a_list", b"a:\n- !seq [1]\n", "targets.yaml:2: a[0]: tag !seq is not plain data", TAG_HINT, None),
    ("tag_on_the_whole_file", b"!thing {x: 1}\n", "targets.yaml:1: value: tag !thing is not plain data", TAG_HINT,
     "targets.yaml:1：值：标签 `!thing` 不是普通数据"),
    ("not_utf8", b"a: 1\nb: \xff\xfe\n", "targets.yaml:2: not UTF-8 text (byte 0xff)",
     "re-save the file as UTF-8 (files saved from Windows tools are often GBK)",
     "targets.yaml:2：不是 UTF-8 文本（字节 0xff）"),
    ("empty", b"", *EMPTY, "targets.yaml：文件是空的"),
    ("only_comments", b"# only\n\n  # comment\n", *EMPTY, None),
    ("only_spaces", b"   \n\n", *EMPTY, None),
    ("syntax", b"a: 1\n b: 2\n- c\n",
     "targets.yaml:2: YAML syntax error: mapping values are not allowed in this context",
     "check indentation and quoting on that line", None),
    ("nul", b"a: 1\nb: x\x00y\n", "targets.yaml:2: character 0x00 is not allowed in YAML text",
     "remove it; plan files hold printable text only", "targets.yaml:2：YAML 文本中不能有字符 0x00"),
    ("bell", b"a: 1\n\nb: \x07\n", "targets.yaml:3: character 0x07 is not allowed in YAML text",
     "remove it; plan files hold printable text only", None),
    ("too_deep", ("a: " + "[" * (MAX_DEPTH + 6) + "]" * (MAX_DEPTH + 6) + "\n").encode(),
     f"targets.yaml:1: nested more than {MAX_DEPTH} levels deep", DEEP_HINT, None),
    ("too_deep_by_indentation", ("a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(MAX_DEPTH + 2))
                                 + "  " * (MAX_DEPTH + 3) + "v\n").encode(),
     f"targets.yaml:{MAX_DEPTH + 2}: nested more than {MAX_DEPTH} levels deep", DEEP_HINT, None),
    ("alias_to_itself", b"a: &x\n  b: *x\n", "targets.yaml:1: an alias (*name) refers to itself",
     "an alias repeats a value written earlier; it cannot contain itself", "targets.yaml:1：别名（`*name`）引用了自身"),
    ("alias_bomb", ("a: &a [1,1,1,1,1,1,1,1,1,1]\n" + BOMB).encode(),
     "targets.yaml:1: aliases (*name) expand to too many values",
     "a plan file repeats a value with an alias now and then; write the values out instead", None),
    ("merge_of_a_number", b"a: &x 5\nb:\n  <<: *x\n",
     "targets.yaml:1: expected a mapping or list of mappings for merging, but found scalar",
     "`<<: *name` merges a mapping written earlier with &name", None),
    ("key_not_plain", b"? [a, b]\n: 1\n", "targets.yaml:1: a mapping key must be a plain value",
     "keys are words such as `id` or `target`", "targets.yaml:1：映射的键必须是普通值"),
]


@pytest.mark.parametrize("name,raw,message,hint,zh", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_plain_data_is_refused_at_its_line(tmp_path, name, raw, message, hint, zh):
    path = tmp_path / "t.yaml"
    path.write_bytes(raw)
    with pytest.raises(PlanUnreadable) as exc:
        load_yaml(path, "targets.yaml")
    assert (exc.value.message, exc.value.hint) == (message, hint)
    if zh:
        assert exc.value.message.text("zh") == zh


def test_a_file_that_is_missing_or_not_a_file_is_refused(tmp_path):
    for path, message, hint in [(tmp_path / "gone.yaml", "targets.yaml: file not found",
                                 "check --data-dir or LIUPI_HOME"),
                                (tmp_path, "targets.yaml: not a regular file", "plan files are plain text files")]:
        with pytest.raises(PlanUnreadable) as exc:
            load_yaml(path, "targets.yaml")
        assert (exc.value.message, exc.value.hint) == (message, hint)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(PlanUnreadable, match="not a regular file"):
        load_yaml(tmp_path / "fifo", "targets.yaml")  # read, it would wait for a writer for ever


NUMBER_HINT = "YAML reads 1:30 as 90, 010 as 8 and 0x10 as 16: write the number in plain decimal, or quote it"
QUOTE_HINT = "quote it ('{k}'): YAML reads yes/no/on/off as true/false"

# (case, the file's text, the data read, [(line, path, message, hint)])
READ = [
    ("octal", "x: 1\na: 010\n", {"x": 1, "a": 8}, [(2, "a", "'010' is read as the number 8", NUMBER_HINT)]),
    ("base_60", "a: 1:30\n", {"a": 90}, [(1, "a", "'1:30' is read as the number 90", NUMBER_HINT)]),
    ("hex", "a:\n  b: 0x10\n", {"a": {"b": 16}}, [(2, "a.b", "'0x10' is read as the number 16", NUMBER_HINT)]),
    ("in_a_list", "a: [1, 0b11]\n", {"a": [1, 3]}, [(1, "a[1]", "'0b11' is read as the number 3", NUMBER_HINT)]),
    ("zeros", "a: 00\nb: 0\n", {"a": 0, "b": 0}, []),
    ("quoted", "a: '010'\nb: \"1:30\"\n", {"a": "010", "b": "1:30"}, []),
    ("key_yes", "yes: 1\n", {"yes": 1},
     [(1, "", "key 'yes' is read as True, not as a word", QUOTE_HINT.format(k="yes"))]),
    ("key_number", "a:\n  1: x\n", {"a": {"1": "x"}},
     [(2, "a", "key '1' is read as 1, not as a word", QUOTE_HINT.format(k="1"))]),
    ("repeated_key", "a: 1\nb: 2\na: 3\n", {"a": 1, "b": 2},
     [(3, "a", "duplicate key 'a' (first at line 1)", "remove or rename one of them; YAML would silently keep only "
       "the last")]),
    ("impossible_date_kept_as_text", "a: 2023-02-30\nb: 2023-02-28\n", {"a": "2023-02-30", "b": dt.date(2023, 2, 28)},
     []),
    ("byte_order_mark", "\ufeffa: 1\n", {"a": 1}, []),
    ("merge", "a: &x {p: 1}\nb:\n  <<: *x\n  q: 2\n", {"a": {"p": 1}, "b": {"p": 1, "q": 2}}, []),
    ("alias_repeated_a_few_times", "a: &x [1, 2]\nb: *x\nc: *x\n", {"a": [1, 2], "b": [1, 2], "c": [1, 2]}, []),
    ("only_a_document_marker", "---\n", None, []),  # a null document: check_plan says it is no mapping
    ("R_and_D_is_text", "a: R&D spending\nb: A & B\n", {"a": "R&D spending", "b": "A & B"}, []),
]


@pytest.mark.parametrize("name,text,data,problems", READ, ids=[r[0] for r in READ])
def test_what_yaml_reads_silently_is_a_located_problem(tmp_path, name, text, data, problems):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    got, _, found = load_yaml(path, "targets.yaml")
    assert got == data
    assert [(p.line, p.path, p.message, p.hint) for p in found] == problems
    assert all(p.file == "targets.yaml" for p in found)


def test_every_value_s_line_is_remembered(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("# plan\na:\n- x\n- 2\n-\n  - 3\nb: {c: 1,\n  d: 2}\n", encoding="utf-8")
    _, lines, _ = load_yaml(path)
    assert [lines.line(p) for p in [(), ("a",), ("a", 0), ("a", 1), ("a", 2), ("a", 2, 0), ("b", "c"), ("b", "d")]] \
        == [2, 3, 3, 4, 6, 6, 7, 8]
    assert lines.line(("a", 1, "no such field")) == 4  # a value not written: the line of what holds it
    assert lines.line(("nowhere",)) == 2


def test_a_path_is_said_as_written():
    assert format_path(("indicators", 3, "alternatives", 0, "target")) == "indicators[3].alternatives[0].target"
    assert format_path((0, "a")) == "[0].a"
    assert format_path(()) == ""
