"""Writing a product's files into its folder (cadence/outdir.py): the files appear whole in sub-folders made as
needed, each reported as written in order; a folder another run holds is waited for, then refused; a lock that is
a link or a pipe, a folder that is a file, or one that cannot be written is one refusal naming the path, with a hint,
and nothing half-written is left."""

from __future__ import annotations

import fcntl
import os
import time

import pytest

from liupi_cli.cadence.outdir import LOCK_NAME, write_files
from liupi_cli.errors import OutputUnwritable


def test_files_are_written_whole_under_new_folders_in_order(tmp_path):
    seen = []
    out = tmp_path / "a" / "b"
    files = [("2023-06/月通报.md", "# 月通报\n".encode()), ("x.csv", b"\xef\xbb\xbfid\r\n")]
    got = write_files(out, files, seen.append)
    assert got == seen == [out / "2023-06" / "月通报.md", out / "x.csv"]
    assert (out / "2023-06" / "月通报.md").read_text(encoding="utf-8") == "# 月通报\n"
    assert (out / "x.csv").read_bytes() == b"\xef\xbb\xbfid\r\n"
    assert (out / LOCK_NAME).is_file()  # the lock stays for the next run; it is empty
    assert sorted(p.name for p in out.iterdir()) == sorted(["2023-06", "x.csv", LOCK_NAME])


def test_a_folder_that_is_a_file_is_refused_naming_it(tmp_path):
    f = tmp_path / "circulars"
    f.write_text("keep")
    with pytest.raises(OutputUnwritable) as e:
        write_files(f, [("a.md", b"x")], lambda p: None)
    assert (e.value.message.id, e.value.hint.id) == ("output.out_dir_is_file", "output.out_dir_is_file.hint")
    assert str(f) in e.value.message and f.read_text() == "keep"


@pytest.mark.parametrize("plant", ["symlink", "fifo", "folder"])
def test_a_planted_lock_is_refused_never_followed_or_waited_on(tmp_path, plant):
    out = tmp_path / "out"
    out.mkdir()
    lock = out / LOCK_NAME
    if plant == "symlink":
        (tmp_path / "elsewhere").write_text("x")
        lock.symlink_to(tmp_path / "elsewhere")
    elif plant == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    started = time.monotonic()
    with pytest.raises(OutputUnwritable) as e:
        write_files(out, [("a.md", b"x")], lambda p: None, wait_s=5)
    assert time.monotonic() - started < 2
    if plant == "folder":  # the system's own reason, with the folder's hint
        assert (e.value.message.id, e.value.hint.id) == ("output.cannot_write", "output.folder_room.hint")
    else:
        assert e.value.message.id == {"symlink": "lock.symlink", "fifo": "lock.not_regular"}[plant]
        assert e.value.hint.id == "lock.remove.hint" and str(lock) in e.value.hint
    assert str(lock) in e.value.message or str(out) in e.value.message
    assert not (out / "a.md").exists()
    if plant == "symlink":
        assert (tmp_path / "elsewhere").read_text() == "x"


def test_a_folder_another_run_holds_is_waited_for_then_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.monotonic()
        with pytest.raises(OutputUnwritable) as e:
            write_files(out, [("a.md", b"x")], lambda p: None, wait_s=0.3)
        waited = time.monotonic() - started
    finally:
        os.close(fd)
    assert 0.3 <= waited < 2
    assert (e.value.message.id, e.value.hint.id) == ("lock.busy", "lock.busy.hint")
    assert e.value.message == f"{out} is busy: another liupi has been writing to it for 0.3 s; nothing was written"
    assert not (out / "a.md").exists()
    # once the other run is done, the same call writes
    assert write_files(out, [("a.md", b"x")], lambda p: None, wait_s=0.3) == [out / "a.md"]


def test_the_lock_is_let_go_after_writing(tmp_path):
    out = tmp_path / "out"
    write_files(out, [("a.md", b"x")], lambda p: None)
    fd = os.open(out / LOCK_NAME, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: no BlockingIOError
    finally:
        os.close(fd)


def test_a_failure_midway_names_the_file_it_was_writing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where a folder must go")
    written = []
    with pytest.raises(OutputUnwritable) as e:
        write_files(out, [("first.md", b"1"), ("sub/second.md", b"2")], written.append)
    assert written == [out / "first.md"]
    assert e.value.message.params["path"] == out / "sub" / "second.md"
    assert e.value.message.id == "output.cannot_write" and e.value.message.params["why"]
