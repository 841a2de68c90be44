"""The per-user data folder on Windows and macOS (workspace.user_data_dir), checked on any system by setting
sys.platform: %LOCALAPPDATA%\\liupi (else AppData\\Local under the home folder), ~/Library/Application Support."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from liupi_cli.workspace import user_data_dir


@pytest.mark.parametrize("platform,env,expected", [
    ("win32", {"USERPROFILE": "/users/wang"}, "/users/wang/AppData/Local/liupi"),
    ("win32", {"USERPROFILE": "/users/wang", "LOCALAPPDATA": "/local"}, "/local/liupi"),
    ("darwin", {"HOME": "/Users/wang"}, "/Users/wang/Library/Application Support/liupi"),
    ("darwin", {"HOME": "/Users/wang", "XDG_DATA_HOME": "/data"}, "/data/liupi"),
], ids=["windows", "windows-localappdata", "macos", "macos-xdg"])
def test_the_per_user_data_folder_elsewhere(monkeypatch, platform, env, expected):
    monkeypatch.setattr(sys, "platform", platform)
    assert user_data_dir(env) == Path(expected)
