"""Where the plan, the store and the settings are: the workspace rule.

Like git finding its repository, liupi finds its workspace from wherever it is run:

1. ``--data-dir DIR``, then ``$LIUPI_HOME``: a workspace (a folder holding ``liupi.toml``) or a plan
   folder (holding ``targets.yaml``), named explicitly;
2. else the nearest folder at or above the current one holding ``liupi.toml`` — only one you own: a
   ``liupi.toml`` owned by another user, or in a folder anyone may write to (without the sticky bit that
   keeps others from replacing your files, as /tmp has), is refused with one line unless its folder is
   listed in ``$LIUPI_SAFE_DIRECTORY`` (folders separated by ``:``; ``*`` trusts every folder), as git's
   safe.directory does;
3. else ``./data`` holding ``targets.yaml`` in the current folder (the layout before workspaces);
4. else the bundled sample plan (the CLI says so on stderr).

The record store: ``--db``, then ``$LIUPI_DB``, then the ``store`` named in ``liupi.toml``, then
``records.db`` beside the plan; for the read-only bundled plan, ``<user data dir>/liupi/<plan-id>.db``.

This module only looks: it never creates a file or a folder. Everything it needs from the process
(environment, current folder) is passed in.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from liupi_cli.errors import PlanUnreadable
from liupi_cli.messages import msg

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

SETTINGS_FILE = "liupi.toml"
TARGETS = "targets.yaml"
TASKS = "tasks.yaml"
PLAN_FOLDER = "data"  # where `liupi init` puts the plan, and the old ./data layout
STORE_FILE = "records.db"  # the store's default name, beside the plan
# The settings liupi.toml may hold (their meaning is said in the catalogue's settings.known.hint)
SETTINGS_KEYS = {"plan": "the plan folder, relative to liupi.toml", "store": "the record store file"}


def bundled_data_dir() -> Path:
    """The plan shipped with liupi: inside the installed package, or the checkout's data/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled", here.parent / "data"):
        if (candidate / TARGETS).is_file():
            return candidate
    return here / "bundled"


def bundled_file(name: str) -> Path:
    """Another file shipped with liupi (the demo figures): in the package, or the checkout's examples/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled" / name, here.parent / "examples" / name):
        if candidate.is_file():
            return candidate
    return here / "bundled" / name


@dataclass(frozen=True)
class Workspace:
    """The plan folder found, how it was found, and the settings file if there is one."""

    path: Path  # the plan folder (targets.yaml, tasks.yaml)
    origin: str  # "--data-dir", "LIUPI_HOME", "liupi.toml", "./data" or "bundled" (a Msg: said in the run's language)
    settings: Path | None = None  # the liupi.toml in force
    store: Path | None = None  # the store named by liupi.toml

    @property
    def bundled(self) -> bool:
        return self.origin == "bundled"

    @property
    def root(self) -> Path | None:
        """The workspace folder (the one holding liupi.toml), if any."""
        return self.settings.parent if self.settings else None


def read_settings(path: Path) -> tuple[Path, Path | None]:
    """Read liupi.toml: (plan folder, store file or None), both resolved against the file's folder."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise PlanUnreadable(msg("file.unreadable", path=path, why=exc.strerror or str(exc))) from exc
    except RecursionError as exc:
        raise PlanUnreadable(msg("settings.too_deep", path=path), msg("settings.one_line.hint")) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanUnreadable(msg("settings.not_toml", path=path, detail=str(exc)), msg("settings.one_line.hint")) \
            from exc
    unknown = sorted(set(data) - set(SETTINGS_KEYS))
    if unknown:
        raise PlanUnreadable(msg("settings.unknown", path=path, names=", ".join(unknown)), msg("settings.known.hint"))
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise PlanUnreadable(msg("settings.not_quoted", path=path, key=key, example=_example(key)))
        if "\x00" in value:
            raise PlanUnreadable(msg("settings.nul", path=path, key=key),
                                 msg("settings.nul.hint", key=key, example=_example(key)))
    base = path.parent
    plan = base / Path(data.get("plan", PLAN_FOLDER)).expanduser()
    store = base / Path(data["store"]).expanduser() if "store" in data else None
    if "store" in data and data["store"].strip().lower().startswith(("postgresql://", "postgres://")):
        from liupi_cli.server_address import server_address  # a server store (store_pg), not a file

        store = server_address(data["store"], str(path))
    return plan, store


def _example(key: str) -> str:
    return PLAN_FOLDER if key == "plan" else f"{PLAN_FOLDER}/{STORE_FILE}"


def _at(folder: Path, origin: str) -> Workspace:
    """An explicitly named folder: a workspace if it holds liupi.toml, else a plan folder."""
    settings = folder / SETTINGS_FILE
    if settings.is_file():
        plan, store = read_settings(settings)
        return Workspace(plan, origin, settings, store)
    return Workspace(folder, origin)


def find_workspace(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Workspace:
    """First match wins (see the module docstring)."""
    if explicit is not None:
        return _at(Path(explicit).expanduser(), "--data-dir")
    if env.get("LIUPI_HOME"):
        return _at(Path(env["LIUPI_HOME"]).expanduser(), "LIUPI_HOME")
    for folder in (cwd, *cwd.parents):
        settings = folder / SETTINGS_FILE
        if settings.is_file():
            refuse_unowned(settings, env)
            plan, store = read_settings(settings)
            return Workspace(plan, SETTINGS_FILE, settings, store)
        if folder == cwd and (cwd / PLAN_FOLDER / TARGETS).is_file():
            return Workspace(cwd / PLAN_FOLDER, "./data")
    return Workspace(bundled_data_dir(), msg("workspace.origin.bundled"))


def refuse_unowned(settings: Path, env: Mapping[str, str], uid: int | None = None) -> None:
    """Raise PlanUnreadable unless ``settings`` (a liupi.toml found by walking up) is one the user owns, in a
    folder others cannot replace it in; or its folder is listed in $LIUPI_SAFE_DIRECTORY."""
    if uid is None:
        if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: no owner to compare
            return
        uid = os.geteuid()
    folder = settings.parent
    if _listed_safe(folder, env.get("LIUPI_SAFE_DIRECTORY", "")):
        return
    info, parent = settings.stat(), folder.stat()
    if info.st_uid != uid:
        why = msg("settings.other_owner", uid=info.st_uid)
    elif parent.st_mode & stat.S_IWOTH and not parent.st_mode & stat.S_ISVTX:
        why = msg("settings.anyone_writes", folder=folder, mode=f"{stat.S_IMODE(parent.st_mode):o}")
    else:
        return
    raise PlanUnreadable(msg("settings.not_using", settings=settings, why=why),
                         msg("settings.not_using.hint", folder=folder))


def _listed_safe(folder: Path, listed: str) -> bool:
    here = os.path.realpath(folder)
    for entry in filter(None, listed.split(os.pathsep)):
        if entry == "*" or os.path.realpath(os.path.expanduser(entry)) == here:
            return True
    return False


def user_data_dir(env: Mapping[str, str]) -> Path:
    """liupi's folder for per-user data: $XDG_DATA_HOME/liupi, else the platform's usual place."""
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]).expanduser() / "liupi"
    home = Path(env.get("HOME") or env.get("USERPROFILE") or "~").expanduser()
    if sys.platform == "win32":
        base = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else home / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = home / ".local" / "share"
    return base / "liupi"


@dataclass(frozen=True)
class StoreLocation:
    path: Path
    origin: str  # "--db", "LIUPI_DB", "liupi.toml", "beside the plan", "user data dir" (the last two a Msg: said)

    @property
    def explicit(self) -> bool:
        """Named by the user: a missing file is a mistake, not a store not created yet."""
        return self.origin in ("--db", "LIUPI_DB", SETTINGS_FILE)


def store_location(ws: Workspace, plan_id: str, db_opt: Path | None, env: Mapping[str, str]) -> StoreLocation:
    if db_opt is not None:
        return StoreLocation(Path(db_opt).expanduser(), "--db")
    if env.get("LIUPI_DB"):
        if env["LIUPI_DB"].strip().lower().startswith(("postgresql://", "postgres://")):
            from liupi_cli.server_address import server_address  # a server store (store_pg), not a file

            return StoreLocation(server_address(env["LIUPI_DB"], "LIUPI_DB"), "LIUPI_DB")
        return StoreLocation(Path(env["LIUPI_DB"]).expanduser(), "LIUPI_DB")
    if ws.store is not None:
        return StoreLocation(ws.store, SETTINGS_FILE)
    if not ws.bundled:
        return StoreLocation(ws.path / STORE_FILE, msg("workspace.origin.beside_plan"))
    return StoreLocation(user_data_dir(env) / f"{plan_id}.db", msg("workspace.origin.user_data_dir"))


def in_use(ws: Workspace, store: Path) -> list[Path]:
    """Files an output must never replace: the plan files, the settings and the store with its
    -wal/-shm/-journal companions (resolved, so another spelling of the same path is caught)."""
    files = [ws.path / TARGETS, ws.path / TASKS, store]
    files += [store.with_name(store.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    if ws.settings:
        files.append(ws.settings)
    return [_resolved(f) for f in files]


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except OSError:  # pragma: no cover - a loop of symlinks
        return Path(os.path.abspath(path))


def replaces_in_use(out: Path, ws: Workspace, store: Path) -> Path | None:
    """The file in use that writing ``out`` would replace, or None."""
    target = _resolved(out)
    for f in in_use(ws, store):
        if target == f:
            return f
        try:
            if out.exists() and f.exists() and os.path.samefile(out, f):  # hard links
                return f
        except OSError:
            continue
    return None
