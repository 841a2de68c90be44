"""Every refusal of the one rule for written files (liupi_cli/atomic.py) in full: what the path is, that it was
left as it was, and what to do instead; and what a written file looks like (its bytes, its mode, nothing left
beside it) whether the data is text, bytes or written by a library."""

from __future__ import annotations

import os
import socket
import stat

import pytest

from liupi_cli.atomic import check_replaceable, write_atomic, write_atomic_with
from liupi_cli.errors import OutputUnwritable

NOT_REGULAR_HINT = "give a file name (or `--out -` to write to standard output)"


def _refused(path) -> tuple[str, str | None]:
    with pytest.raises(OutputUnwritable) as exc:
        check_replaceable(path)
    return exc.value.message, exc.value.hint


def test_a_fifo_a_folder_a_socket_and_a_device_are_each_named(tmp_path):
    fifo, folder = tmp_path / "p", tmp_path / "d"
    os.mkfifo(fifo)
    folder.mkdir()
    assert _refused(fifo) == (f"{fifo} is a FIFO (named pipe); liupi writes only regular files and left it as it "
                              "was", NOT_REGULAR_HINT)
    assert _refused(folder)[0] == f"{folder} is a folder; liupi writes only regular files and left it as it was"
    assert _refused("/dev/null") == ("/dev/null is a character device; liupi writes only regular files and left it "
                                     "as it was", NOT_REGULAR_HINT)
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        assert _refused(sock_path)[0].startswith(f"{sock_path} is a socket;")


def test_a_store_its_wal_and_the_settings_file_are_never_replaced_said_with_a_hint(tmp_path):
    store = tmp_path / "old.csv"
    store.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    assert _refused(store) == (f"{store} is a record store (an SQLite file); liupi never replaces one with an output",
                               "write the output to another file")
    for header in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
        store.write_bytes(header + b"\x00" * 28)
        assert _refused(store)[0].startswith(f"{store} is a record store")
    settings = tmp_path / "liupi.toml"
    settings.write_text('plan = "data"\n')
    assert _refused(settings) == (f"{settings} holds a workspace's settings; liupi never replaces it with an output",
                                  "write the output to another file")


def test_a_short_or_near_miss_file_is_replaceable(tmp_path):
    for data in (b"", b"SQLite", b"SQLite format 3 ", b"\x37\x7f\x06\x84rest", b"x\x37\x7f\x06\x82"):
        path = tmp_path / "out.csv"
        path.write_bytes(data)
        check_replaceable(path)
    check_replaceable(tmp_path / "absent.csv")


def test_a_path_through_a_file_cannot_be_written_and_says_why(tmp_path):
    (tmp_path / "file").write_text("x")
    message, hint = _refused(tmp_path / "file" / "out.csv")
    assert message == f"cannot write {tmp_path / 'file' / 'out.csv'}: Not a directory"
    assert hint == "choose another output file"


def test_a_written_file_holds_the_data_with_the_usual_mode_and_nothing_beside_it(tmp_path):
    out = tmp_path / "报告.csv"
    out.write_text("old")
    write_atomic(out, "指标,数值\n")
    assert out.read_bytes() == "指标,数值\n".encode()
    write_atomic(out, "指标\n", encoding="utf-8-sig")
    assert out.read_bytes() == b"\xef\xbb\xbf" + "指标\n".encode()
    write_atomic(out, b"\x00\x01")
    assert out.read_bytes() == b"\x00\x01"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o666 & ~mask
    assert os.listdir(tmp_path) == ["报告.csv"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")

    def half(f):
        f.write(b"new and partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomic_with(out, half)
    assert out.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.xlsx"]


def test_a_relative_path_is_written_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomic("plain.txt", "x")
    assert (tmp_path / "plain.txt").read_text() == "x" and os.listdir(tmp_path) == ["plain.txt"]
