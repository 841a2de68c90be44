"""Read a YAML data file as plain data, remembering the line of every value.

Uses the libyaml C composer when it is present. Refuses anything that is not
plain data (any tag beyond str/int/float/bool/null/date, such as !!python, !!binary,
!!set), duplicate mapping keys (PyYAML would silently keep the last one), non-UTF-8
bytes, empty files, files that are not regular files (a FIFO or a device would be
waited on), nesting deeper than MAX_DEPTH and alias bombs (a few lines whose aliases
expand to billions of values), each with a located message.
"""

from __future__ import annotations

import itertools
import operator
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from liupi_cli.errors import PlanUnreadable, Problem
from liupi_cli.gcpause import paused_gc
from liupi_cli.messages import msg, os_reason

try:  # the C loader is several times faster on a large plan
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _Composer(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader's composer, with the Python calls it makes for every node made cheap.

    Which tag a plain scalar gets depends on its text alone, and a plan repeats the same texts (keys,
    kinds, units) tens of thousands of times: each is resolved once per file. The composer also asks
    the path resolvers about every node; a safe loader has none, so the two calls do nothing (C builtins
    taking the same arguments stand in; the second counts the nodes). Together a third of composing a
    province plan.
    """

    descend_resolver = staticmethod(operator.is_)  # (parent, index) -> ignored

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}
        # called once for every node composed (an alias composes none): counting the calls counts the
        # file's own nodes, what the alias budget is measured against, without a second walk over them
        self._composed = itertools.count()
        self.ascend_resolver = self._composed.__next__

    def nodes_composed(self) -> int:
        return next(self._composed)

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


Path_ = tuple[str | int, ...]

_PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# YAML 1.1 reads these as base-60, octal, hex or binary: 1:30 -> 90, 010 -> 8, 0x10 -> 16
_SURPRISING_NUMBER = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
                                r"|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)$")
# what a merge key can be written as: `<<`, a merge tag (!!merge, !<tag:yaml.org,2002:merge>), a tag with a
# %-escape (!!m%65rge) or a %TAG directive (a handle that spells part of it)
_MAY_MERGE = re.compile(r"<<|[!:]merge|![^\s]*%|%TAG")
# an anchor (&name) follows a space, a line start or a flow indicator, and has a name: "R&D" and "A & B" are text
_MAY_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])&[^\s\[\]{},]", re.MULTILINE)
MAX_DEPTH = 64  # a plan nests four or five levels; anything deeper is not a plan
MAX_FILE_BYTES = 64 * 1024 * 1024
# Aliases may repeat a value (`deadline: *id001`), but the values built may not exceed this
# multiple of the nodes written in the file (plus a margin): an alias bomb is refused at once.
ALIAS_GROWTH = 4
ALIAS_MARGIN = 10_000
_STR_TAG = "tag:yaml.org,2002:str"
_ScalarNode = yaml.ScalarNode


class LineMap:
    """Maps a data path such as ("indicators", 17, "target") to its 1-based line."""

    def __init__(self) -> None:
        self._lines: dict[Path_, int] = {}

    def set(self, path: Path_, line: int) -> None:
        self._lines[path] = line

    def line(self, path: Path_) -> int | None:
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), None)


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Builder:
    def __init__(self, label: str, budget: int | None, merges: bool = True):
        """``budget``: how many values aliases may expand to (None: the text has no anchor, so no alias);
        ``merges``: whether the text can hold a merge key (``<<``), which must be flattened first."""
        self.label = label
        self.lines = LineMap()
        self._lines = self.lines._lines
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._aliases = budget is not None
        self._budget = budget or 0
        self._merges = merges
        self._open: set[int] = set()  # the collections being built: an alias to one of them is a loop

    def _spend(self, node: yaml.Node) -> None:
        """One value more built: refused once aliases have made more than the file's budget."""
        self._budget -= 1
        if self._budget < 0:
            raise PlanUnreadable(msg("yaml.alias_budget", where=self._at(node)), msg("yaml.alias_budget.hint"))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self._lines[path] = node.start_mark.line + 1
        if self._aliases:
            self._spend(node)
            if id(node) in self._open:
                raise PlanUnreadable(msg("yaml.alias_self", where=self._at(node)), msg("yaml.alias_self.hint"))
        if len(path) > MAX_DEPTH:
            raise PlanUnreadable(msg("yaml.too_deep", where=self._at(node), depth=MAX_DEPTH),
                                 msg("yaml.too_deep.hint"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            self._refuse_tag(node, path)
        if not self._aliases:
            return self._collection(node, path)
        self._open.add(id(node))
        try:
            return self._collection(node, path)
        finally:
            self._open.discard(id(node))

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            try:
                if self._merges:
                    self._constructor.flatten_mapping(node)
            except yaml.constructor.ConstructorError as exc:  # `<<: 5` merges something not a mapping
                mark = exc.problem_mark or node.start_mark
                raise PlanUnreadable(msg("yaml.merge", where=f"{self.label}:{mark.line + 1}", problem=exc.problem),
                                     msg("yaml.merge.hint")) from exc
            out: dict[Any, Any] = {}
            plain = len(path) < MAX_DEPTH  # a text value just below here is read in place (see _text)
            for key_node, value_node in node.value:
                key = key_node.value if type(key_node) is _ScalarNode and key_node.tag == _STR_TAG else (
                    self._scalar(key_node, path))
                if not isinstance(key, str):
                    self.problems.append(
                        Problem(
                            self.label,
                            key_node.start_mark.line + 1,
                            format_path(path),
                            msg("yaml.key_not_word", key=key_node.value, read=repr(key)),
                            msg("yaml.key_not_word.hint", key=key_node.value),
                        )
                    )
                    key = str(key_node.value)
                if key in out:
                    self.problems.append(
                        Problem(
                            self.label,
                            key_node.start_mark.line + 1,
                            format_path((*path, str(key))),
                            msg("yaml.duplicate_key", key=key, line=self.lines.line((*path, key))),
                            msg("yaml.duplicate_key.hint"),
                        )
                    )
                    continue
                child = (*path, key)
                if plain and type(value_node) is _ScalarNode and value_node.tag == _STR_TAG:
                    out[key] = self._text(value_node, child)
                else:
                    out[key] = self.build(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            out_list = []
            plain = len(path) < MAX_DEPTH
            for i, item in enumerate(node.value):
                if plain and type(item) is _ScalarNode and item.tag == _STR_TAG:
                    out_list.append(self._text(item, (*path, i)))
                else:
                    out_list.append(self.build(item, (*path, i)))
            return out_list
        self._refuse_tag(node, path)

    def _text(self, node: yaml.ScalarNode, path: Path_) -> str:
        """``build`` for the most common value, a text not nested too deep: what build would do, in fewer steps."""
        self._lines[path] = node.start_mark.line + 1
        if self._aliases:
            self._spend(node)
        return node.value

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise PlanUnreadable(msg("yaml.key_not_plain", where=self._at(node)), msg("yaml.key_not_plain.hint"))
        if node.tag not in _PLAIN_SCALAR_TAGS:
            self._refuse_tag(node, path)
        if not node.style and node.tag in _NUMBER_TAGS and _SURPRISING_NUMBER.match(node.value):
            self._surprising_number(node, path)
        if node.tag == _STR_TAG:  # most values: the constructor would return node.value after its bookkeeping
            return node.value
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self._refuse_tag(node, path)
        except (ValueError, OverflowError):
            # 2023-02-30 or month 13 reads as a date and fails: keep the text, so the field's
            # check reports it at its line ("not a valid date") instead of a traceback.
            return str(node.value)

    def _surprising_number(self, node: yaml.ScalarNode, path: Path_) -> None:
        read = self._constructor.construct_object(node)
        try:
            if float(node.value.replace("_", "")) == read:  # 00 is 0 either way
                return
        except ValueError:
            pass
        self.problems.append(Problem(
            self.label, node.start_mark.line + 1, format_path(path),
            msg("yaml.surprising_number", text=node.value, read=repr(read)), msg("yaml.surprising_number.hint")))

    def _refuse_tag(self, node: yaml.Node, path: Path_) -> None:
        raise PlanUnreadable(msg("yaml.tag", where=self._at(node), path=format_path(path) or msg("yaml.word.value"),
                                 tag=node.tag), msg("yaml.tag.hint"))

    def _at(self, node: yaml.Node) -> str:
        """``file:line`` of a node."""
        return f"{self.label}:{node.start_mark.line + 1}"


@paused_gc()
def load_yaml(path: Path, label: str | None = None) -> tuple[Any, LineMap, list[Problem]]:
    """Return (data, line map, problems such as duplicate keys).

    Raises PlanUnreadable when the file cannot be read or parsed at all. The steps: the file's bytes (a
    regular file of a plan's size), its text (UTF-8, not empty), its YAML nodes, then the plain data built
    from them.
    """
    label = label or str(path)
    text = _text(_read_bytes(path, label), label)
    node, nodes = _compose(text, label)
    if node is None:
        raise PlanUnreadable(msg("plan.file_empty", path=label), msg("plan.file_empty.hint"))
    # Without an anchor (&name) there is no alias, so no budget to keep value by value; without anything
    # that can spell a merge key there is no mapping to flatten.
    budget = ALIAS_GROWTH * nodes + ALIAS_MARGIN if _MAY_ANCHOR.search(text) else None
    builder = _Builder(label, budget, merges=_MAY_MERGE.search(text) is not None)
    data = builder.build(node, ())
    return data, builder.lines, builder.problems


def _read_bytes(path: Path, label: str) -> bytes:
    """The file's bytes: a regular file (a FIFO or a device would be waited on or read for ever) of a plan's
    size."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise PlanUnreadable(msg("import.not_regular", path=label), msg("yaml.not_regular.hint"))
        if info.st_size > MAX_FILE_BYTES:
            raise PlanUnreadable(msg("yaml.too_large", path=label, mb=info.st_size // (1024 * 1024)),
                                 msg("yaml.too_large.hint"))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise PlanUnreadable(msg("file.not_found", path=label), msg("plan.file_not_found.hint")) from exc
    except OSError as exc:
        raise PlanUnreadable(msg("file.cannot_read", path=label, why=os_reason(exc))) from exc


def _text(raw: bytes, label: str) -> str:
    """The file's text: UTF-8 (a BOM allowed), not empty or only comments."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlanUnreadable(msg("yaml.not_utf8", where=f"{label}:{line}", byte=f"0x{raw[exc.start]:02x}"),
                             msg("yaml.not_utf8.hint")) from exc
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise PlanUnreadable(msg("plan.file_empty", path=label), msg("plan.file_empty.hint"))
    return text


def _compose(text: str, label: str) -> tuple[yaml.Node | None, int]:
    """The text's YAML node tree (yaml.compose(); libyaml refuses nesting past 1000 levels itself) and how many
    nodes were composed; every YAML error located."""
    try:
        composer = _Composer(text)
        try:
            return composer.get_single_node(), composer.nodes_composed()
        finally:
            composer.dispose()
    except yaml.reader.ReaderError as exc:  # a NUL or another control character in the text
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        raise PlanUnreadable(msg("yaml.control_char", where=f"{label}:{line}", char=f"0x{exc.character:02x}"),
                             msg("yaml.control_char.hint")) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        raise PlanUnreadable(msg("yaml.syntax", where=f"{label}:{line}", problem=exc.problem or exc.context),
                             msg("yaml.syntax.hint")) from exc
    except yaml.YAMLError as exc:
        raise PlanUnreadable(msg("yaml.error", path=label, detail=exc)) from exc
    except RecursionError as exc:  # the pure-Python composer recurses once per level
        raise PlanUnreadable(msg("yaml.too_deep", where=label, depth=MAX_DEPTH),
                             msg("yaml.too_deep_short.hint")) from exc
