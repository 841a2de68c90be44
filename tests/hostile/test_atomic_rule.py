"""The one rule every written file follows (liupi_cli/atomic.py), at the library level."""

from __future__ import annotations

import os

import pytest

from liupi_cli.atomic import write_atomic
from liupi_cli.errors import ExitCode, OutputUnwritable
from liupi_cli.store import Store


@pytest.mark.parametrize("make,why", [
    (lambda p: Store(p, "p").close(), "is a record store"),
    (lambda p: p.write_bytes(b"\x37\x7f\x06\x83" + b"\x00" * 60), "is a record store"),
    (lambda p: os.mkfifo(p), "is a FIFO"),
    (lambda p: p.mkdir(), "is a folder"),
])
def test_what_is_never_replaced(tmp_path, make, why):
    target = tmp_path / "out.csv"
    make(target)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(OutputUnwritable, match=why) as err:
        write_atomic(target, "a,b\n")
    assert err.value.exit_code == ExitCode.OUTPUT
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left either


def test_an_existing_liupi_toml_is_never_replaced_but_a_new_one_is_written(tmp_path):
    write_atomic(tmp_path / "liupi.toml", 'plan = "data"\n')  # `liupi init` makes one
    with pytest.raises(OutputUnwritable, match="holds a workspace's settings"):
        write_atomic(tmp_path / "liupi.toml", "report\n")
    assert (tmp_path / "liupi.toml").read_text() == 'plan = "data"\n'


def test_a_symlink_to_the_store_is_refused_and_a_symlink_to_a_text_file_is_replaced_not_followed(tmp_path):
    Store(tmp_path / "records.db", "p").close()
    (tmp_path / "to-store.csv").symlink_to(tmp_path / "records.db")
    with pytest.raises(OutputUnwritable, match="is a record store"):
        write_atomic(tmp_path / "to-store.csv", "x")
    (tmp_path / "elsewhere.txt").write_text("kept")
    (tmp_path / "link.csv").symlink_to(tmp_path / "elsewhere.txt")
    write_atomic(tmp_path / "link.csv", "new")
    assert (tmp_path / "elsewhere.txt").read_text() == "kept"  # the link was replaced, its target untouched
    assert not (tmp_path / "link.csv").is_symlink() and (tmp_path / "link.csv").read_text() == "new"
