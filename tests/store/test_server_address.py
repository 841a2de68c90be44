"""A server store named by its address: which text is an address, an address holding a password refused in one
line saying where it was written, and an address standing where a store file's path stands."""

from __future__ import annotations

import os

import pytest

from liupi_cli.errors import PlanUnreadable
from liupi_cli.server_address import ServerAddress, has_password, is_server, server_address


@pytest.mark.parametrize(("text", "server"), [
    ("postgresql://stats.county.local/liupi", True), ("  POSTGRES://h/db", True), ("PostgreSQL:///?service=x", True),
    ("records.db", False), ("data/postgresql://x", False), ("mysql://h/db", False), ("", False)])
def test_which_text_names_a_server(text, server):
    assert is_server(text) is server


@pytest.mark.parametrize(("url", "holds"), [
    ("postgresql://office:secret@h/db", True), ("postgresql://office:@h/db", True),
    ("postgresql://h/db?PASSWORD=x", True), ("postgresql://h/db?sslmode=require&password=", True),
    ("postgresql://office@h/db", False), ("postgresql://h/db?passfile=/x/.pgpass", False),
    ("  postgresql://office@h/db?service=county  ", False)])
def test_a_password_anywhere_in_the_address_is_found(url, holds):
    assert has_password(url) is holds


def test_an_address_holding_a_password_is_refused_saying_where_it_was_written():
    with pytest.raises(PlanUnreadable) as exc:
        server_address("postgresql://office:secret@h/db", "LIUPI_DB")
    assert exc.value.message == "LIUPI_DB: the store's address holds a password, which liupi never keeps"
    assert exc.value.hint.startswith("remove it from the address and put it in ~/.pgpass")


def test_an_address_stands_where_a_store_path_stands():
    a = server_address("  postgresql://h/db  ", "liupi.toml")
    assert (str(a), a.name, os.fspath(a), repr(a)) == ("postgresql://h/db", "postgresql://h/db", "postgresql://h/db",
                                                       "ServerAddress('postgresql://h/db')")
    assert a.is_server is True and a.exists() is True and a.is_file() is False and a.expanduser() is a
    assert a == ServerAddress("postgresql://h/db") and a != ServerAddress("postgresql://h/other")
    assert a != "postgresql://h/db" and hash(a) == hash(ServerAddress("postgresql://h/db"))
    assert len({a, ServerAddress("postgresql://h/db")}) == 1
    other = a.with_name("postgresql://h/x")
    assert isinstance(other, ServerAddress) and other.url == "postgresql://h/x"
