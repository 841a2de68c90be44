"""Writing a product's files under an output folder: the folder is created, each file appears whole
(written to a temporary name, then renamed), and two runs at once take turns (a lock file in the folder)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from liupi_cli.atomic import write_atomic
from liupi_cli.errors import OutputUnwritable

LOCK_NAME = ".liupi.lock"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / LOCK_NAME, "a") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock, files are still atomic
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_files(out_dir: Path, files: list[tuple[str, bytes]], on_written: Callable[[Path], None]) -> list[Path]:
    """Write ``(relative path, bytes)`` pairs under ``out_dir``; call ``on_written`` after each file."""
    written: list[Path] = []
    target = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir):
            for rel, data in files:
                target = out_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, data)
                written.append(target)
                on_written(target)
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {target}: {exc.strerror or exc}",
                               "check the folder is writable and the disk has room") from exc
    return written

