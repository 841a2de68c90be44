"""The store's semantic tests (tests/store/), run once more against the server store: the same functions, not
copies, with ``Store`` standing for a PgStore in a fresh schema of the session's PostgreSQL (one per store
path a test opens). Tests about SQLite itself (files, WAL, PRAGMAs, migrating old files) are not among them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import store.test_store as store_tests
import store.test_store_writes as write_tests

from .conftest import new_schema, schema_url

SHARED = [
    (store_tests, "test_a_second_value_is_refused_with_who_and_when"),
    (store_tests, "test_a_revision_supersedes_and_history_keeps_both"),
    (store_tests, "test_baseline_and_actual_are_kept_apart"),
    (store_tests, "test_add_many_is_all_or_nothing"),
    (store_tests, "test_a_batch_returns_what_it_stored_and_chains_revisions_within_itself"),
    (store_tests, "test_current_records_leave_out_superseded_figures_and_keep_the_revised_mark"),
    (write_tests, "test_every_field_written_comes_back"),
    (write_tests, "test_a_revision_chains_to_the_figure_it_replaces"),
    (write_tests, "test_a_duplicate_says_who_and_when_and_lands_nothing"),
    (write_tests, "test_a_batch_counts_its_rows_and_repeats_within_itself_revise"),
    (write_tests, "test_task_progress_is_kept_with_the_latest_current"),
    (write_tests, "test_a_store_opened_for_reading_never_writes"),
]


@pytest.fixture
def engine(request, pg, monkeypatch):
    """``Store`` in the given test module made a server store: each path a test names is its own schema,
    initialised on first use (what `liupi store init-server` does)."""
    from liupi_cli.store_pg import PgStore, init_server

    module = request.param
    schemas: dict[Path, str] = {}

    def server_store(path, plan_id, *, readonly=False):
        if path not in schemas:
            schemas[path] = schema_url(pg, new_schema(pg))
            init_server(schemas[path], plan_id)
        return PgStore(schemas[path], plan_id, readonly=readonly)

    monkeypatch.setattr(module, "Store", server_store)
    return module


@pytest.mark.parametrize("engine,name", SHARED, indirect=["engine"], ids=[n for _, n in SHARED])
def test_store_semantics_on_the_server(engine, name, tmp_path):
    getattr(engine, name)(tmp_path)
