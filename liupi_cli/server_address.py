"""A record store on a PostgreSQL server, named by its address (``postgresql://…``) instead of a file.

``store = "postgresql://stats.county.local/liupi"`` in liupi.toml, or ``LIUPI_DB=postgresql://…``, selects the
server store (liupi_cli.store_pg). Everything else a connection needs follows libpq's own conventions and
stays outside liupi: the password in ``~/.pgpass`` (or ``PGPASSFILE``), a named service in
``~/.pg_service.conf`` (``postgresql:///?service=county``, or ``PGSERVICE``), ``sslmode`` and the rest as
URL parameters or PG* variables. liupi never keeps a password: an address holding one is refused.

This module only reads text: it never imports the server driver (a SQLite store never loads it).
"""

from __future__ import annotations

import urllib.parse

from liupi_cli.errors import PlanUnreadable
from liupi_cli.messages import msg

SCHEMES = ("postgresql://", "postgres://")


def is_server(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


class ServerAddress:
    """Where a server store is: stands where a store file's path stands (workspace.StoreLocation.path), so
    the code that asks a store path whether it exists or names its companion files keeps working."""

    is_server = True

    def __init__(self, url: str):
        self.url = url.strip()

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"ServerAddress({self.url!r})"

    def __fspath__(self) -> str:
        return self.url

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerAddress) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    @property
    def name(self) -> str:
        return self.url

    def exists(self) -> bool:  # a server is asked when it is opened, not here
        return True

    def is_file(self) -> bool:
        return False

    def expanduser(self) -> ServerAddress:
        return self

    def with_name(self, name: str) -> ServerAddress:  # no companion files: an address no output can be
        return ServerAddress(name)


def server_address(url: str, where: str) -> ServerAddress:
    """The address, refused (one line, a hint to use ~/.pgpass) if it holds a password. ``where`` says where it
    was written (liupi.toml's path, or LIUPI_DB)."""
    if has_password(url):
        raise PlanUnreadable(msg("server.password_in_address", where=where), msg("server.password_in_address.hint"))
    return ServerAddress(url)


def has_password(url: str) -> bool:
    parts = urllib.parse.urlsplit(url.strip())
    if parts.password is not None:
        return True
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    return "password" in {k.lower() for k in query}

