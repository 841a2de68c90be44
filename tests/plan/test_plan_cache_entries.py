"""The plan cache serves an entry only when it is exactly what was written for these files; any other entry in its
place (junk, a cut-off header, another plan's key, an edited body, a FIFO, a symlink) is passed over and the YAML
is read, and a plan file that cannot be keyed is not cached at all."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil

import pytest
from conftest import FIXTURES

from liupi_cli import plan_cache
from liupi_cli.plan import check_plan, load_plan
from liupi_cli.workspace import TARGETS, TASKS


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


FILES = (TARGETS, TASKS)


@pytest.fixture
def mini_cached(tmp_path):
    """The small plan, loaded once so that its cache entry is written; (plan folder, cache folder, key)."""
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    load_plan(data, env)
    folder = plan_cache.cache_dir(env)
    key = plan_cache.plan_key(data, FILES)
    assert plan_cache.read(folder, data, key) is not None
    return data, folder, key


def test_an_entry_is_served_with_the_plan_s_parts_and_warnings(mini_cached):
    data, folder, key = mini_cached
    cached = plan_cache.read(folder, data, key)
    plan, _ = check_plan(data)
    assert [i.id for i in cached.indicators] == list(plan.indicators)
    assert [t.id for t in cached.tasks] == list(plan.tasks)
    assert [(p.line, p.path, p.message, p.severity) for p in cached.problems()] == \
        [(p.line, p.path, str(p.message), p.severity) for p in plan.warnings]
    assert {p.file for p in cached.problems()} == {TARGETS}  # named as found next time, wherever the folder is


def _body(folder, data):
    raw = plan_cache.entry_path(folder, data).read_bytes()
    return raw.split(b"\n", 1)


@pytest.mark.parametrize("spoil", ["junk", "no_newline", "other_key", "edited_body", "not_a_dict", "not_json_body",
                                   "empty"], ids=plain_id)
def test_an_entry_that_is_not_exactly_what_was_written_is_passed_over(mini_cached, spoil):
    data, folder, key = mini_cached
    path = plan_cache.entry_path(folder, data)
    header, body = _body(folder, data)
    head = json.loads(header)
    if spoil == "junk":
        path.write_bytes(b"\x00\xff junk\n{}")
    elif spoil == "no_newline":
        path.write_bytes(header)
    elif spoil == "other_key":
        head["key"]["format"] = plan_cache.FORMAT + 1
        path.write_bytes(json.dumps(head).encode() + b"\n" + body)
    elif spoil == "edited_body":
        path.write_bytes(header + b"\n" + body.replace(b"3200", b"3300"))
    elif spoil == "not_a_dict":
        path.write_bytes(b"[1, 2]\n" + body)
    elif spoil == "not_json_body":
        bad = b"{not json"
        head["sha256"] = hashlib.sha256(bad).hexdigest()
        path.write_bytes(json.dumps(head).encode() + b"\n" + bad)
    else:
        path.write_bytes(b"")
    assert plan_cache.read(folder, data, key) is None


def test_a_fifo_or_a_symlink_in_the_entry_s_place_is_never_opened_or_followed(mini_cached, tmp_path):
    data, folder, key = mini_cached
    path = plan_cache.entry_path(folder, data)
    good = path.read_bytes()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(good)
    path.unlink()
    path.symlink_to(elsewhere)
    assert plan_cache.read(folder, data, key) is None
    path.unlink()
    os.mkfifo(path)
    assert plan_cache.read(folder, data, key) is None  # and returns at once: nobody writes to it
    assert not plan_cache.write(folder, data, key, _cached(data))  # the FIFO is left alone, not written over
    assert path.is_fifo()


def _cached(data):
    plan, _ = check_plan(data)
    return plan_cache.CachedPlan(info=plan.info, settings=plan.settings, units=list(plan.units.values()),
                                 battles=list(plan.battles.values()), indicators=list(plan.indicators.values()),
                                 tasks=list(plan.tasks.values()), warnings=[])


def test_an_entry_is_keyed_by_each_file_s_path_size_time_and_digest(mini_cached):
    data, _, key = mini_cached
    assert key["format"] == plan_cache.FORMAT and [f["path"] for f in key["files"]] == \
        [str((data / name).resolve()) for name in FILES]
    target = data / TARGETS
    assert key["files"][0]["size"] == target.stat().st_size
    assert key["files"][0]["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()


def test_a_plan_file_that_cannot_be_keyed_is_not_cached(tmp_path):
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    assert plan_cache.plan_key(data, (*FILES, "missing.yaml")) is None
    os.mkfifo(data / "pipe.yaml")
    assert plan_cache.plan_key(data, ("pipe.yaml",)) is None
    (data / "folder.yaml").mkdir()
    assert plan_cache.plan_key(data, ("folder.yaml",)) is None


@pytest.mark.parametrize("env,where", [
    ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/liupi/plans"), ({"HOME": "/h"}, "/h/.cache/liupi/plans"),
    ({"XDG_CACHE_HOME": "", "HOME": "/h"}, "/h/.cache/liupi/plans"), ({}, None),
    ({"HOME": "/h", "LIUPI_NO_CACHE": "1"}, None), ({"HOME": "/h", "LIUPI_NO_CACHE": "yes"}, None),
    ({"HOME": "/h", "LIUPI_NO_CACHE": "0"}, "/h/.cache/liupi/plans"),
    ({"HOME": "/h", "LIUPI_NO_CACHE": ""}, "/h/.cache/liupi/plans"),
], ids=plain_id)
def test_where_the_cache_lives(env, where):
    got = plan_cache.cache_dir(env)
    assert (str(got) if got else None) == where


def test_entries_of_two_plan_folders_do_not_meet(tmp_path):
    folder = tmp_path / "cache"
    a, b = plan_cache.entry_path(folder, tmp_path / "a"), plan_cache.entry_path(folder, tmp_path / "b")
    assert a != b and a.parent == b.parent == folder and a.suffix == ".json" and len(a.stem) == 32
