"""liupi.toml read strictly (each bad setting one line naming the file, the setting and an example), a liupi.toml
found by walking up trusted only when the user owns it in a folder others cannot write to (or it is listed as
safe), where a store is by each rule, and which files an output must never replace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liupi_cli.errors import PlanUnreadable
from liupi_cli.server_address import ServerAddress
from liupi_cli.workspace import (
    Workspace,
    bundled_data_dir,
    bundled_file,
    find_workspace,
    in_use,
    read_settings,
    refuse_unowned,
    replaces_in_use,
    store_location,
    user_data_dir,
)

KNOWN = "known: plan (the plan folder, relative to liupi.toml); store (the record store file)"
ONE_LINE = 'each setting is one line: plan = "data"'


def _settings(tmp_path, text):
    path = tmp_path / "liupi.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path) -> tuple[str, str | None]:
    with pytest.raises(PlanUnreadable) as exc:
        read_settings(path)
    return exc.value.message, exc.value.hint


def test_each_bad_setting_is_one_line_naming_the_file_and_an_example(tmp_path):
    p = _settings(tmp_path, 'plan = "data"\nstor = "x"\nzz = "y"\n')
    assert _refused(p) == (f"{p}: unknown setting(s) stor, zz", KNOWN)
    p = _settings(tmp_path, "plan = 3\n")
    assert _refused(p) == (f'{p}: plan must be a quoted path, e.g. plan = "data"', None)
    p = _settings(tmp_path, 'store = "  "\n')
    assert _refused(p) == (f'{p}: store must be a quoted path, e.g. store = "data/records.db"', None)
    p = _settings(tmp_path, 'store = "a\\u0000b"\n')
    assert _refused(p) == (f"{p}: store holds a NUL character, which no path can hold",
                           'write it as store = "data/records.db"')
    p = _settings(tmp_path, "plan: data\n")
    message, hint = _refused(p)
    assert message.startswith(f"{p}: not valid TOML: ") and hint == ONE_LINE
    p = _settings(tmp_path, "a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert _refused(p) == (f"{p}: a value nested far too deep", ONE_LINE)
    p.write_bytes(b'plan = "\xff"\n')
    assert _refused(p)[0].startswith(f"{p}: not valid TOML: ")
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    message, hint = _refused(folder)
    assert message == f"{folder}: cannot read: Is a directory" and hint is None


def test_settings_resolve_against_their_folder(tmp_path):
    p = _settings(tmp_path, 'plan = "plan"\nstore = "../shared/county.db"\n')
    assert read_settings(p) == (tmp_path / "plan", tmp_path / "../shared/county.db")
    p = _settings(tmp_path, "")
    assert read_settings(p) == (tmp_path / "data", None)
    p = _settings(tmp_path, 'store = " PostgreSQL://h/db"\n')
    plan, store = read_settings(p)
    assert plan == tmp_path / "data" and isinstance(store, ServerAddress) and str(store) == "PostgreSQL://h/db"
    p = _settings(tmp_path, 'store = "postgresql://u:pw@h/db"\n')
    assert _refused(p)[0].startswith(f"{p}: the store's address holds a password")


def test_a_liupi_toml_of_another_user_or_in_a_folder_anyone_writes_to_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    settings = _settings(folder, 'plan = "data"\n')
    me = os.geteuid()
    refuse_unowned(settings, {}, me)
    with pytest.raises(PlanUnreadable) as exc:
        refuse_unowned(settings, {}, me + 1)
    assert exc.value.message == f"not using {settings}: it is owned by another user (uid {me})"
    assert exc.value.hint == f"if you trust it, set LIUPI_SAFE_DIRECTORY={folder} (or pass --data-dir {folder})"
    folder.chmod(0o777)
    try:
        with pytest.raises(PlanUnreadable) as exc:
            refuse_unowned(settings, {}, me)
        assert exc.value.message == (f"not using {settings}: anyone may write to {folder} (mode 777), so anyone "
                                     "could have put it there")
        refuse_unowned(settings, {"LIUPI_SAFE_DIRECTORY": f"/elsewhere{os.pathsep}{folder}"}, me)
        refuse_unowned(settings, {"LIUPI_SAFE_DIRECTORY": "*"}, me + 1)
        with pytest.raises(PlanUnreadable):
            refuse_unowned(settings, {"LIUPI_SAFE_DIRECTORY": f"{tmp_path}{os.pathsep}"}, me)
        folder.chmod(0o1777)  # the sticky bit, as /tmp has: others cannot replace your file
        refuse_unowned(settings, {}, me)
        with pytest.raises(PlanUnreadable):
            refuse_unowned(settings, {}, me + 1)
    finally:
        folder.chmod(0o755)


def test_a_walked_up_liupi_toml_is_checked_but_a_named_one_is_not(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    _settings(folder, 'plan = "data"\n')
    folder.chmod(0o777)
    try:
        with pytest.raises(PlanUnreadable):
            find_workspace(None, {}, folder)
        assert find_workspace(folder, {}, tmp_path).settings == folder / "liupi.toml"
        assert find_workspace(None, {"LIUPI_HOME": str(folder)}, tmp_path).origin == "LIUPI_HOME"
        assert find_workspace(None, {"LIUPI_SAFE_DIRECTORY": str(folder)}, folder).origin == "liupi.toml"
    finally:
        folder.chmod(0o755)


def test_where_the_store_is_by_each_rule(tmp_path):
    plain = Workspace(tmp_path / "plan", "--data-dir")
    loc = store_location(plain, "p", None, {"LIUPI_DB": "~/county.db"})
    assert (loc.path, loc.origin, loc.explicit) == (Path.home() / "county.db", "LIUPI_DB", True)
    loc = store_location(plain, "p", None, {"LIUPI_DB": " postgres://h/db"})
    assert isinstance(loc.path, ServerAddress) and loc.origin == "LIUPI_DB"
    loc = store_location(plain, "p", Path("~/x.db"), {})
    assert (loc.path, loc.explicit) == (Path.home() / "x.db", True)
    loc = store_location(plain, "p", None, {"LIUPI_DB": ""})
    assert (loc.path, loc.origin, loc.explicit) == (tmp_path / "plan" / "records.db", "beside the plan", False)
    named = Workspace(tmp_path / "plan", "liupi.toml", tmp_path / "liupi.toml", tmp_path / "s.db")
    assert (store_location(named, "p", None, {}).path, store_location(named, "p", None, {}).explicit) == \
        (tmp_path / "s.db", True)
    bundled = Workspace(bundled_data_dir(), "bundled")
    loc = store_location(bundled, "plan-x", None, {"HOME": str(tmp_path)})
    assert (loc.path, loc.origin, loc.explicit) == (tmp_path / ".local/share/liupi/plan-x.db", "user data dir", False)


def test_the_user_data_folder(tmp_path):
    assert user_data_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "liupi"
    assert user_data_dir({"HOME": str(tmp_path)}) == tmp_path / ".local" / "share" / "liupi"
    assert user_data_dir({"USERPROFILE": str(tmp_path)}) == tmp_path / ".local" / "share" / "liupi"


def test_bundled_files_are_found_in_the_checkout():
    assert (bundled_data_dir() / "targets.yaml").is_file()
    assert bundled_file("no-such-file.csv").name == "no-such-file.csv"
    assert not bundled_file("no-such-file.csv").exists()


def test_an_output_never_replaces_the_plan_the_settings_or_the_store_and_its_companions(tmp_path):
    ws = Workspace(tmp_path / "data", "liupi.toml", tmp_path / "liupi.toml")
    store = tmp_path / "data" / "records.db"
    names = [p.name for p in in_use(ws, store)]
    assert names == ["targets.yaml", "tasks.yaml", "records.db", "records.db-wal", "records.db-shm",
                     "records.db-journal", "liupi.toml"]
    assert [p.name for p in in_use(Workspace(tmp_path / "data", "--data-dir"), store)][-1] == "records.db-journal"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "targets.yaml").write_text("x")
    assert replaces_in_use(tmp_path / "data" / ".." / "data" / "targets.yaml", ws, store) == \
        tmp_path / "data" / "targets.yaml"
    assert replaces_in_use(tmp_path / "data" / "records.db-wal", ws, store) == store.with_name("records.db-wal")
    os.link(tmp_path / "data" / "targets.yaml", tmp_path / "hard.csv")
    assert replaces_in_use(tmp_path / "hard.csv", ws, store) == tmp_path / "data" / "targets.yaml"
    assert replaces_in_use(tmp_path / "report.csv", ws, store) is None


def test_a_named_folder_may_start_with_a_tilde_and_data_counts_only_where_liupi_runs(tmp_path):
    home = Path.home()
    assert find_workspace(Path("~/county"), {}, tmp_path).path == home / "county"
    found = find_workspace(None, {"LIUPI_HOME": "~/county"}, tmp_path)
    assert (found.path, found.origin, found.settings) == (home / "county", "LIUPI_HOME", None)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "targets.yaml").write_text("x", encoding="utf-8")
    below = tmp_path / "below"
    below.mkdir()
    assert find_workspace(None, {}, below).bundled  # ./data of a folder above is not looked for
    assert find_workspace(None, {}, tmp_path).origin == "./data"
    assert find_workspace(None, {"LIUPI_HOME": ""}, tmp_path).origin == "./data"  # an empty LIUPI_HOME is unset
