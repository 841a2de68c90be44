"""The store's own health checks: SQLite's integrity check on a store liupi wrote, and what counts as writes
still pending in a -wal file (an empty -wal holds none, so a read-only copy may be read as it stands)."""

from __future__ import annotations

from liupi_cli.store import NewRecord, Store, _has_pending_wal


def test_a_store_liupi_wrote_passes_the_integrity_check(tmp_path):
    with Store(tmp_path / "r.db", "p") as s:
        s.add(NewRecord(indicator="jobs", period="2023-06", value=1500.0, entered="1500", entered_unit=None,
                        unit="人"), "王科长", "2023-07-05T09:00:00")
        assert s.integrity_ok() is True


def test_only_a_wal_file_with_bytes_in_it_is_pending(tmp_path):
    store = tmp_path / "r.db"
    Store(store, "p").close()
    wal = tmp_path / "r.db-wal"
    wal.unlink(missing_ok=True)
    assert _has_pending_wal(store) is False
    wal.write_bytes(b"")
    assert _has_pending_wal(store) is False
    wal.write_bytes(b"\x37\x7f\x06\x82")
    assert _has_pending_wal(store) is True
