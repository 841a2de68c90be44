"""What every command shares: the workspace found, the plan, the store, debug mode, the output guard."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the plan, the store and pydantic are imported by the commands that use them
    from liupi_cli.plan import Plan
    from liupi_cli.store import Store
    from liupi_cli.workspace import StoreLocation, Workspace



def env_lang() -> str | None:
    """$LIUPI_LANG when it names a language liupi speaks (zh or en), else None."""
    value = os.environ.get("LIUPI_LANG")
    return value if value in ("en", "zh") else None


@dataclass
class State:
    data_dir_opt: Path | None = None
    db_opt: str | Path | None = None  # --db as typed: a file, or a server's address (postgresql://…)
    debug: bool = False
    json_errors: bool = False
    lang_chosen: str | None = field(default_factory=env_lang)  # --lang, else $LIUPI_LANG; None: neither
    lang: str = field(default_factory=lambda: env_lang() or "en")  # the run's language: one default, en
    _workspace: Workspace | None = field(default=None, repr=False)
    _plan: Plan | None = field(default=None, repr=False)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name == "lang":  # what is said on stderr follows the language a command settles on
            from liupi_cli.cli.i18n import use

            use(value)

    def choose_lang(self, value: str) -> None:
        """--lang given (before the command or after it): the language of everything this run says."""
        self.lang_chosen = self.lang = value

    def document_lang(self, default: str) -> str:
        """The language of a document whose readers have their own default (a Chinese office's circular,
        ranking or fill-in sheet: zh): --lang or $LIUPI_LANG when given, else ``default``."""
        return self.lang_chosen or default

    @property
    def data_dir(self) -> Workspace:
        """The workspace rule (liupi_cli.workspace); falling back to the bundled plan is said once."""
        if self._workspace is None:
            from liupi_cli.workspace import find_workspace

            self._workspace = find_workspace(self.data_dir_opt, os.environ, Path.cwd())
            if self._workspace.bundled:
                from liupi_cli.cli.output import say
                from liupi_cli.messages import msg

                say(msg("said.bundled"))
        return self._workspace

    def plan(self) -> Plan:
        if self._plan is None:
            from liupi_cli.plan import load_plan

            self._plan = load_plan(self.data_dir.path)
        return self._plan

    def store_location(self) -> StoreLocation:
        """--db, then LIUPI_DB, then liupi.toml's store… (liupi_cli.workspace); --db may name a server as they may
        (its address kept as typed: a path would fold its //), refused when it holds a password (exit 3)."""
        from liupi_cli.workspace import StoreLocation, store_location

        db = self.db_opt
        if db is not None:
            from liupi_cli.server_address import is_server, server_address

            if is_server(str(db)):
                return StoreLocation(server_address(str(db), "--db"), "--db")  # a server store (store_pg)
            db = Path(db)
        return store_location(self.data_dir, self.plan().info.id, db, os.environ)

    def open_store(self, write: bool) -> Store | None:
        """The plan's store; for reading, None when the default store was never created (no records yet).

        Reading never creates: a store named by --db, LIUPI_DB or liupi.toml that does not exist is an error.
        """
        from liupi_cli.errors import StoreError
        from liupi_cli.registry import remember
        from liupi_cli.store import open_store

        plan, loc = self.plan(), self.store_location()
        if not write and not loc.path.exists() and not loc.explicit:
            return None
        if write and loc.origin == "user data dir":
            try:
                loc.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from liupi_cli.messages import msg

                raise StoreError(msg("store.create_folder", folder=loc.path.parent, why=exc.strerror or exc),
                                 msg("store.create_folder.hint")) from exc
        store = open_store(loc.path, plan.info.id, readonly=not write)
        remember(plan.info.id, loc.path, os.environ)
        return store

    def out_format(self, fmt: Any, out: Path | None, allowed: tuple[Any, ...]) -> Any:
        """--out checked first (a plan file or the store is refused whatever the format, exit 5), then the
        format (--format, else --out's extension; one not available is a usage error); errors are one JSON
        document when the output is JSON."""
        from liupi_cli.cli.output import EXTENSIONS, Fmt, pick_format

        guess = fmt or (EXTENSIONS.get(out.suffix.lower()) if out is not None else None)
        self.json_errors = guess is Fmt.json
        self.check_out(out)
        fmt = pick_format(fmt, out, allowed)
        self.json_errors = fmt is Fmt.json
        return fmt

    def check_out(self, out: Path | None, option: str = "--out") -> None:
        """--out may never replace the plan files, the settings or the store in use."""
        if out is None or str(out) in ("-", "/dev/stdout"):  # standard output (cli/output.STREAMS)
            return
        from liupi_cli.errors import OutputUnwritable
        from liupi_cli.workspace import replaces_in_use

        ws = self.data_dir
        hit = replaces_in_use(out, ws, self.store_location().path)
        if hit is not None:
            from liupi_cli.messages import msg

            raise OutputUnwritable(msg("output.in_use", option=option, path=out, what=hit),
                                   msg("output.other_file.hint"))
        if out.is_dir():  # `--out /tmp`: refused as a folder (exit 5) before its name is read for a format
            from liupi_cli.atomic import check_replaceable

            check_replaceable(out)


def __getattr__(name: str) -> Any:
    if name == "BUNDLED_NOTE":  # the note that the bundled sample plan is in use, as the catalogue says it
        from liupi_cli.messages import msg

        return msg("said.bundled")
    raise AttributeError(name)


def state(ctx: Any) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
