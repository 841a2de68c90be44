"""Read a YAML data file as plain data, remembering the line of every value.

Uses the libyaml C composer when it is present. Refuses anything that is not
plain data (python tags), duplicate mapping keys (PyYAML would silently keep the
last one), non-UTF-8 bytes and empty files, each with a located message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from liupi_cli.errors import PlanUnreadable, Problem

try:  # the C loader is several times faster on a large plan
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

_PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}


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
    def __init__(self, label: str):
        self.label = label
        self.lines = LineMap()
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.lines.set(path, node.start_mark.line + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            self._refuse_tag(node, path)
        if isinstance(node, yaml.MappingNode):
            self._constructor.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node, path)
                if not isinstance(key, str):
                    self.problems.append(
                        Problem(
                            self.label,
                            key_node.start_mark.line + 1,
                            format_path(path),
                            f"key '{key_node.value}' is read as {key!r}, not as a word",
                            f"quote it ('{key_node.value}'): YAML reads yes/no/on/off as true/false",
                        )
                    )
                    key = str(key_node.value)
                if key in out:
                    self.problems.append(
                        Problem(
                            self.label,
                            key_node.start_mark.line + 1,
                            format_path((*path, str(key))),
                            f"duplicate key '{key}' (first at line {self.lines.line((*path, key))})",
                            "remove or rename one of them; YAML would silently keep only the last",
                        )
                    )
                    continue
                out[key] = self.build(value_node, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise PlanUnreadable(
                f"{self.label}:{node.start_mark.line + 1}: a mapping key must be a plain value",
                "keys are words such as `id` or `target`",
            )
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self._refuse_tag(node, path)

    def _refuse_tag(self, node: yaml.Node, path: Path_) -> None:
        raise PlanUnreadable(
            f"{self.label}:{node.start_mark.line + 1}: {format_path(path) or 'value'}: "
            f"tag {node.tag} is not plain data",
            "plan files hold only plain values: remove the !! tag",
        )


def load_yaml(path: Path, label: str | None = None) -> tuple[Any, LineMap, list[Problem]]:
    """Return (data, line map, problems such as duplicate keys).

    Raises PlanUnreadable when the file cannot be read or parsed at all.
    """
    label = label or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise PlanUnreadable(f"{label}: file not found", "check --data-dir or LIUPI_HOME") from exc
    except OSError as exc:
        raise PlanUnreadable(f"{label}: cannot read: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlanUnreadable(
            f"{label}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "re-save the file as UTF-8 (files saved from Windows tools are often GBK)",
        ) from exc
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise PlanUnreadable(f"{label}: the file is empty", "restore it from the bundled plan or a backup")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        raise PlanUnreadable(
            f"{label}:{line}: YAML syntax error: {exc.problem or exc.context}",
            "check indentation and quoting on that line",
        ) from exc
    except yaml.YAMLError as exc:
        raise PlanUnreadable(f"{label}: YAML error: {exc}") from exc
    if node is None:
        raise PlanUnreadable(f"{label}: the file is empty", "restore it from the bundled plan or a backup")
    builder = _Builder(label)
    data = builder.build(node, ())
    return data, builder.lines, builder.problems
