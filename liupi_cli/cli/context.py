"""What every command shares: the chosen data dir, the store path, debug mode, the output console."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import typer

from liupi_cli.plan import DataDir, Plan, load_plan, resolve_data_dir


@dataclass
class State:
    data_dir_opt: Path | None = None
    db_opt: Path | None = None
    debug: bool = False
    json_errors: bool = False
    lang: str = field(default_factory=lambda: "zh" if os.environ.get("LIUPI_LANG") == "zh" else "en")
    _plan: Plan | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> DataDir:
        return resolve_data_dir(self.data_dir_opt, os.environ, Path.cwd())

    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = load_plan(self.data_dir.path)
        return self._plan


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
