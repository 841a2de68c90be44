"""Files appear whole or not at all: every file liupi writes goes to a temporary file in the same
folder, is flushed to disk, then renamed over the target. A full disk or a kill mid-write leaves the
previous file intact and no partial file at the path."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically. Raises OSError (the caller turns it into one clear line)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    write_atomic_with(path, lambda f: f.write(payload))


def write_atomic_with(path: Path, writer: Callable[[object], object]) -> None:
    """Call ``writer(binary_file)`` on a temporary file beside ``path``, then rename it over ``path``.

    For libraries that write to a file object themselves (openpyxl's ``Workbook.save`` takes one).
    """
    path = Path(path)
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
