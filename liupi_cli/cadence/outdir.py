"""Writing a product's files under an output folder: the folder is created, each file appears whole
(written to a temporary name, then renamed), and two runs at once take turns (a lock file in the folder)."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from liupi_cli.atomic import write_atomic
from liupi_cli.errors import OutputUnwritable
from liupi_cli.messages import msg, os_reason

LOCK_NAME = ".liupi.lock"


LOCK_WAIT_S = 30.0  # as long as the store waits for another writer


@contextmanager
def _locked(folder: Path, wait_s: float) -> Iterator[None]:
    """Take the folder's lock, waiting at most ``wait_s`` seconds for another run to finish.

    The lock file is opened without following a symlink and without waiting on a FIFO, and must be a
    regular file: a planted link or pipe is refused, never written through or waited on."""
    path = folder / LOCK_NAME
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | \
        getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputUnwritable(msg("lock.symlink", path=path), msg("lock.remove.hint", path=path)) from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputUnwritable(msg("lock.not_regular", path=path), msg("lock.remove.hint", path=path))
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock, files are still atomic
            yield
            return
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputUnwritable(msg("lock.busy", folder=folder, seconds=f"{wait_s:g}"),
                                           msg("lock.busy.hint")) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def write_files(out_dir: Path, files: list[tuple[str, bytes]], on_written: Callable[[Path], None],
                wait_s: float = LOCK_WAIT_S) -> list[Path]:
    """Write ``(relative path, bytes)`` pairs under ``out_dir``; call ``on_written`` after each file. Another
    run writing there is waited for, ``wait_s`` seconds at most (then OutputUnwritable, exit 5)."""
    written: list[Path] = []
    target = out_dir
    if out_dir.exists() and not out_dir.is_dir():  # --out-dir names a file: say so, not the system's "File exists"
        raise OutputUnwritable(msg("output.out_dir_is_file", path=out_dir), msg("output.out_dir_is_file.hint"))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir, wait_s):
            for rel, data in files:
                target = out_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, data)
                written.append(target)
                on_written(target)
    except OSError as exc:
        raise OutputUnwritable(msg("output.cannot_write", path=target, why=os_reason(exc)),
                               msg("output.folder_room.hint")) from exc
    return written

