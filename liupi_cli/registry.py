"""The record stores this computer has seen, per plan id.

Figures typed in one folder must never be silently invisible from another: every store liupi
opens is remembered (one JSON line, appended, in ``<user data dir>/stores.jsonl``), so a report
on an empty store can say where this plan's figures are and ``liupi info`` can list them all.
Remembering is best effort: a read-only home folder never stops a command.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from liupi_cli.errors import LiupiError
from liupi_cli.periods import Period
from liupi_cli.store import Store
from liupi_cli.workspace import user_data_dir

REGISTRY_FILE = "stores.jsonl"


def registry_file(env: Mapping[str, str]) -> Path:
    return user_data_dir(env) / REGISTRY_FILE


def _read(env: Mapping[str, str]) -> str:
    try:
        return registry_file(env).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _entries(env: Mapping[str, str], text: str | None = None) -> list[tuple[str, str]]:
    out = []
    for line in (_read(env) if text is None else text).splitlines():
        try:
            entry = json.loads(line)
            out.append((str(entry["plan"]), str(entry["store"])))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash, or edited by hand
    return out


def remember(plan_id: str, store: Path, env: Mapping[str, str]) -> None:
    """Add a store to the list (once)."""
    path = os.path.realpath(store)
    text = _read(env)
    if (plan_id, path) in _entries(env, text):
        return
    target = registry_file(env)
    after_a_cut = "\n" if text and not text.endswith("\n") else ""  # a line a crash left unfinished
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8") as f:  # one short append: concurrent writers do not mix lines
            f.write(after_a_cut + json.dumps({"plan": plan_id, "store": path}, ensure_ascii=False) + "\n")
    except OSError:
        pass


def known_stores(plan_id: str, env: Mapping[str, str]) -> list[Path]:
    """The stores of this plan seen on this computer that still exist, first seen first."""
    seen: list[Path] = []
    for plan, store in _entries(env):
        path = Path(store)
        if plan == plan_id and path not in seen and path.is_file():
            seen.append(path)
    return seen


@dataclass(frozen=True)
class KnownStore:
    path: Path
    figures: int = 0  # all figures, current and superseded
    task_updates: int = 0
    last_recorded: str | None = None
    in_period: int = 0  # figures of the asked period's year up to its end
    problem: str | None = None  # why it could not be read


def survey(plan_id: str, env: Mapping[str, str], period: Period | None = None) -> list[KnownStore]:
    """Every known store of the plan, read-only, with its counts."""
    out = []
    for path in known_stores(plan_id, env):
        try:
            with Store(path, plan_id, readonly=True) as store:
                figures, updates, last = store.summary()
                in_period = store.figures_up_to(period) if period else 0
            out.append(KnownStore(path, figures, updates, last, in_period))
        except LiupiError as exc:
            out.append(KnownStore(path, problem=exc.message))
    return out


def figures_elsewhere(plan_id: str, here: Path, env: Mapping[str, str], period: Period) -> list[KnownStore]:
    """Other known stores of this plan holding figures for the period, most first."""
    me = os.path.realpath(here)
    found = [k for k in survey(plan_id, env, period) if k.in_period and os.path.realpath(k.path) != me]
    return sorted(found, key=lambda k: -k.in_period)
