"""Files appear whole or not at all: every file liupi writes goes to a temporary file in the same
folder, is flushed to disk, then renamed over the target. A full disk or a kill mid-write leaves the
previous file intact and no partial file at the path.

One rule for every file liupi writes: it replaces only a regular file of its own making. A record store
(an SQLite file), an existing liupi.toml, and anything that is not a regular file (a FIFO, a device such
as /dev/full, a folder, a socket) are refused with one line (exit 5) and left exactly as they were. The
temporary file is created exclusively (O_CREAT|O_EXCL: a symlink planted at its name is never followed).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from liupi_cli.errors import OutputUnwritable
from liupi_cli.messages import msg

SETTINGS_NAME = "liupi.toml"
_SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_HEADERS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # a store's -wal file holds figures not yet merged
_KINDS = ((stat.S_ISFIFO, "word.fifo"), (stat.S_ISCHR, "word.char_device"), (stat.S_ISBLK, "word.block_device"),
          (stat.S_ISDIR, "word.folder"), (stat.S_ISSOCK, "word.socket"))


def check_replaceable(path: Path) -> None:
    """Raise OutputUnwritable (exit 5) unless ``path`` is absent or a regular file liupi may replace."""
    try:
        info = os.stat(path)  # follows a symlink: what it points at is what must not be clobbered
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputUnwritable(msg("output.cannot_write", path=path, why=exc.strerror or exc),
                               msg("output.choose_other.hint")) from exc
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "word.not_regular")
        raise OutputUnwritable(msg("output.not_regular", path=path, kind=msg(kind)),
                               msg("output.not_regular.hint"))
    if Path(path).name == SETTINGS_NAME:
        raise OutputUnwritable(msg("output.is_settings", path=path), msg("output.elsewhere.hint"))
    try:
        with open(path, "rb") as fh:  # a regular file: reading 16 bytes never blocks
            head = fh.read(len(_SQLITE_HEADER))
    except OSError:
        return  # unreadable but writable: the rename below decides
    if head == _SQLITE_HEADER or head[:4] in _WAL_HEADERS:
        raise OutputUnwritable(msg("output.is_store", path=path), msg("output.elsewhere.hint"))


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically. Raises OSError (the caller turns it into one clear line)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    write_atomic_with(path, lambda f: f.write(payload))


def write_atomic_with(path: Path, writer: Callable[[object], object]) -> None:
    """Call ``writer(binary_file)`` on a temporary file beside ``path``, then rename it over ``path``.

    For libraries that write to a file object themselves (openpyxl's ``Workbook.save`` takes one).
    """
    path = Path(path)
    check_replaceable(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, 0o666 & ~_umask())
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
