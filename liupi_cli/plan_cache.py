"""The validated-plan cache: a checked plan kept as JSON so that the next command skips the YAML.

Reading and checking a 13,000-indicator plan takes seconds; most commands run on a plan that has not
changed since the last one. After a plan passes its checks, its parts are written to
``$XDG_CACHE_HOME/liupi/plans/<hash of the plan folder>.json`` (default ``~/.cache/liupi``), under a
key made of liupi's version, this cache's format, and each plan file's path, size, mtime and SHA-256.
The digest is what notices an edit that keeps a file's size and mtime (a sync tool restoring the time
stamp, two saves within the file system's clock tick); it costs about 0.4 ms on the bundled plan (0.2 MB)
and 8–14 ms on a province-scale one (10 MB, bench/province.py), next to ~0.3 s of CPU for a `report`.

An entry is used only when its key equals the key computed from the files now and its body matches
the SHA-256 written beside the key; the body is then validated again by the plan's own pydantic models
(JSON parsed in pydantic's core). A changed, corrupt, truncated or foreign entry is never trusted: it is
ignored and rewritten. Writing is atomic and
best effort (a read-only or full cache folder only means the YAML is read next time).
``LIUPI_NO_CACHE=1`` turns the cache off. ``liupi check`` never reads it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from liupi_cli import __version__
from liupi_cli.errors import OutputUnwritable, Problem
from liupi_cli.models import Battle, Indicator, PlanInfo, Settings, Task, Unit

FORMAT = 1  # bump when the cached layout or the models' meaning changes
MAX_KEYED_BYTES = 256 * 1024 * 1024  # larger plan files are not hashed (the YAML reader refuses them anyway)
MAX_ENTRY_BYTES = 1024 * 1024 * 1024  # a province's plan is tens of MB as JSON; a larger entry is junk
MAX_HEADER_BYTES = 1024 * 1024  # the key line: a few hundred bytes


class CachedProblem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    file: str
    line: int | None
    path: str
    message: str
    hint: str | None
    severity: str


class CachedPlan(BaseModel):
    """What a checked plan is made of, as stored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    info: PlanInfo
    settings: Settings
    units: list[Unit]
    battles: list[Battle]
    indicators: list[Indicator]
    tasks: list[Task]
    warnings: list[CachedProblem]

    def problems(self) -> list[Problem]:
        return [Problem(**w.model_dump()) for w in self.warnings]


def cache_dir(env: Mapping[str, str]) -> Path | None:
    """``$XDG_CACHE_HOME/liupi/plans`` (default ``~/.cache``); None when ``LIUPI_NO_CACHE`` is set."""
    if env.get("LIUPI_NO_CACHE", "") not in ("", "0"):
        return None
    if env.get("XDG_CACHE_HOME"):
        base = Path(env["XDG_CACHE_HOME"])
    elif env.get("HOME"):
        base = Path(env["HOME"]) / ".cache"
    else:
        return None
    return base / "liupi" / "plans"


def plan_key(data_dir: Path, files: Sequence[str]) -> dict[str, Any] | None:
    """liupi's version, the format, and each file's resolved path, size, mtime and SHA-256 (None if unreadable)."""
    key: dict[str, Any] = {"liupi": __version__, "format": FORMAT, "files": []}
    for name in files:
        path = (Path(data_dir) / name).resolve()
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None  # a device or a pipe: never opened here; reading the YAML refuses it with a line
            with path.open("rb") as f:
                st = os.fstat(f.fileno())
                if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_KEYED_BYTES:
                    return None
                digest = hashlib.sha256(f.read()).hexdigest()
        except (OSError, ValueError):
            return None
        key["files"].append({"path": str(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest})
    return key


def entry_path(folder: Path, data_dir: Path) -> Path:
    name = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / f"{name}.json"


def read(folder: Path, data_dir: Path, key: dict[str, Any]) -> CachedPlan | None:
    """The cached plan for ``key``, or None when there is none or it cannot be trusted.

    An entry is one header line, ``{"key": …, "sha256": <of the rest>}``, then the plan as JSON.
    """
    try:  # never waits on a FIFO planted there, never follows a symlink, never reads a huge junk file whole
        fd = os.open(entry_path(folder, data_dir), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
                return None
            header = f.readline(MAX_HEADER_BYTES)
            if not header.endswith(b"\n"):
                return None
            head = json.loads(header)
            if not isinstance(head, dict) or head.get("key") != key:
                return None  # read no further: another version, other files, another folder's entry, or junk
            body = f.read()
    except (OSError, ValueError, RecursionError):
        return None
    try:
        if head.get("sha256") != hashlib.sha256(body).hexdigest():
            return None  # damaged or edited since it was written
        return CachedPlan.model_validate_json(body)
    except (ValidationError, ValueError):
        return None  # not JSON, or not a plan this liupi's models accept: read the YAML


def write(folder: Path, data_dir: Path, key: dict[str, Any], cached: CachedPlan) -> bool:
    """Store ``cached`` atomically; False (and nothing left behind) when the folder is not writable."""
    from liupi_cli.atomic import write_atomic

    body = cached.model_dump_json(exclude_defaults=True).encode("utf-8")
    header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}, ensure_ascii=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(entry_path(folder, data_dir), header.encode("utf-8") + b"\n" + body)
    except (OSError, OutputUnwritable):  # OutputUnwritable: a FIFO or a folder in the entry's place, left alone
        return False
    return True
