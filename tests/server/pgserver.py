"""A throwaway PostgreSQL server for the tests and the benchmark: initdb into a fresh folder, started on a unix
socket in that folder (no TCP port), stopped at the end whatever happens.

initdb and pg_ctl refuse to run as root: as root the folder is given to ``nobody`` and both run through
``runuser -u nobody --``. The binaries are looked for on PATH, then in Debian's /usr/lib/postgresql/*/bin.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ADMIN = "liupi_admin"  # the superuser initdb creates: the database's owner, who runs init-server


def find_binaries() -> tuple[str, str] | None:
    """(initdb, pg_ctl), or None when PostgreSQL's server programs are not on this machine."""
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb = shutil.which("initdb", path=folder)
        pg_ctl = shutil.which("pg_ctl", path=folder)
        if initdb and pg_ctl:
            return initdb, pg_ctl
    return None


@dataclass
class PgServer:
    folder: Path
    initdb: str
    pg_ctl: str
    running: bool = False
    _as: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def url(self, dbname: str = "postgres", user: str = ADMIN, **params: str) -> str:
        query = urllib.parse.urlencode({"host": self.socket_dir, "user": user, **params})
        return f"postgresql:///{dbname}?{query}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args)}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")

    def create(self) -> None:
        self._run(self.initdb, "-D", str(self.data), "-U", ADMIN, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync")

    def start(self) -> None:
        opts = (f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB")
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "log"), "-o", opts, "-w", "-t", "60",
                  "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if not self.running:
            return
        self.running = False
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop", timeout=60)
        except (RuntimeError, subprocess.TimeoutExpired):
            pass

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(prefix: str = "liupi-pg-") -> PgServer:
    """A new server, started; stopped and removed at exit (atexit) unless removed before."""
    found = find_binaries()
    if found is None:
        raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not on this machine")
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))  # short: a unix socket path is at most 107 bytes
    server = PgServer(folder, *found)
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        server._as = ["runuser", "-u", "nobody", "--"]
    atexit.register(server.remove)
    try:
        server.create()
        server.start()
    except BaseException:
        server.remove()
        raise
    return server
