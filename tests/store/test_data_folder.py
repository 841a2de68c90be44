"""The per-user data folder (workspace.user_data_dir)."""

import pytest


@pytest.mark.skipif(__import__("sys").platform in ("win32", "darwin"), reason="the Linux places")
@pytest.mark.parametrize("env, expected", [
    ({"HOME": "/home/wang"}, "/home/wang/.local/share/liupi"),
    ({"HOME": "/home/wang", "XDG_DATA_HOME": "/data"}, "/data/liupi"),
    ({"HOME": "/home/wang", "XDG_DATA_HOME": ""}, "/home/wang/.local/share/liupi"),  # empty is unset
])
def test_the_per_user_data_folder_on_linux(env, expected):
    from pathlib import Path

    from liupi_cli.workspace import user_data_dir

    assert user_data_dir(env) == Path(expected)
