"""The validated-plan cache: used when nothing changed, ignored and rebuilt when anything did."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import SHIPPED, Run

from liupi_cli import plan as plan_mod
from liupi_cli import plan_cache
from liupi_cli.errors import PlanInvalid


@pytest.fixture
def yaml_reads(monkeypatch):
    """Counts how often the YAML is read and checked (check_plan) while loading."""
    calls = []
    real = plan_mod.check_plan

    def counting(data_dir):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(plan_mod, "check_plan", counting)
    return calls


@pytest.fixture
def shipped(tmp_path):
    dst = tmp_path / "plan"
    shutil.copytree(SHIPPED, dst, ignore=shutil.ignore_patterns("*.db*"))
    return dst


def _entry(plan_dir):
    return plan_cache.entry_path(plan_cache.cache_dir(os.environ), plan_dir)


def _as_data(p: plan_mod.Plan) -> dict:
    return {
        "info": p.info.model_dump(), "settings": p.settings.model_dump(),
        "units": [(k, u.model_dump()) for k, u in p.units.items()],
        "battles": [(k, b.model_dump()) for k, b in p.battles.items()],
        "indicators": [(k, i.model_dump()) for k, i in p.indicators.items()],
        "tasks": [(k, t.model_dump()) for k, t in p.tasks.items()],
        "warnings": p.warnings, "data_dir": p.data_dir,
    }


def test_second_load_comes_from_the_cache_and_equals_the_yaml(shipped, yaml_reads):
    first = plan_mod.load_plan(shipped)
    assert len(yaml_reads) == 1 and _entry(shipped).is_file()
    second = plan_mod.load_plan(shipped)
    assert len(yaml_reads) == 1, "nothing changed: the YAML is not read again"
    assert _as_data(second) == _as_data(first)
    assert len(second.indicators) == 289 and len(second.warnings) == 9
    # types survive the round trip: dates stay dates, 'ongoing' stays a word, enums stay enums
    assert second.tasks == first.tasks and second.indicators == first.indicators
    assert second.unit_id("县医保局") == first.unit_id("县医保局")


def test_without_the_cache_the_plan_is_the_same(shipped, monkeypatch):
    plan_mod.load_plan(shipped)
    cached = plan_mod.load_plan(shipped)
    monkeypatch.setenv("LIUPI_NO_CACHE", "1")
    fresh = plan_mod.load_plan(shipped)
    assert _as_data(cached) == _as_data(fresh)


def _edit_one_byte(plan_dir):
    path = plan_dir / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title_en: Shuangpai County", "title_en: Shuangpai Countz", 1), encoding="utf-8")


def _touch(plan_dir):
    path = plan_dir / "targets.yaml"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _corrupt_body(plan_dir):
    entry = _entry(plan_dir)
    raw = entry.read_bytes()
    # one byte of the body: still a plan the models accept, but no longer what was written
    entry.write_bytes(raw.replace(b"Shuangpai County", b"Shuangpai Countz", 1))


def _truncate(plan_dir):
    entry = _entry(plan_dir)
    entry.write_bytes(entry.read_bytes()[: 5000])


def _garbage(plan_dir):
    _entry(plan_dir).write_bytes(b"\x00\xff not a cache \n at all")


def _foreign(plan_dir):
    """Another plan folder's entry (a copy of the bundled plan elsewhere) put in this one's place."""
    other = plan_dir.parent / "other"
    shutil.copytree(plan_dir, other)
    plan_mod.load_plan(other)
    shutil.copyfile(_entry(other), _entry(plan_dir))


def _other_version(monkeypatch):
    monkeypatch.setattr(plan_cache, "__version__", "99.0.0")


@pytest.mark.parametrize("change", [_edit_one_byte, _touch, _corrupt_body, _truncate, _garbage, _foreign])
def test_a_change_to_any_input_rebuilds_the_entry(shipped, yaml_reads, change):
    plan_mod.load_plan(shipped)
    change(shipped)
    reads = len(yaml_reads)
    plan = plan_mod.load_plan(shipped)
    assert len(yaml_reads) == reads + 1, "the YAML is read again"
    expected_title = "Shuangpai Countz" if change is _edit_one_byte else "Shuangpai County"
    assert plan.info.title_en.startswith(expected_title)
    plan_mod.load_plan(shipped)
    assert len(yaml_reads) == reads + 1, "the rebuilt entry is used next time"


def test_another_liupi_version_ignores_the_entry(shipped, yaml_reads, monkeypatch):
    plan_mod.load_plan(shipped)
    _other_version(monkeypatch)
    plan_mod.load_plan(shipped)
    assert len(yaml_reads) == 2


def test_an_entry_whose_digest_was_rewritten_still_meets_the_models(shipped, yaml_reads):
    """A hand-edited entry with a recomputed digest is still validated: a bad kind is refused, YAML read."""
    import hashlib
    import json

    plan_mod.load_plan(shipped)
    entry = _entry(shipped)
    header, _, body = entry.read_bytes().partition(b"\n")
    body = body.replace(b'"kind":"cumulative"', b'"kind":"cumulativ"', 1)
    head = json.loads(header)
    head["sha256"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(head).encode() + b"\n" + body)
    plan = plan_mod.load_plan(shipped)
    assert len(yaml_reads) == 2
    assert {i.kind.value for i in plan.indicators.values()} >= {"cumulative"}


def test_a_plan_broken_after_caching_is_refused_not_served_from_the_cache(shipped, yaml_reads):
    plan_mod.load_plan(shipped)
    path = shipped / "targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: cumulative", "kind: cumulativ", 1),
                    encoding="utf-8")
    with pytest.raises(PlanInvalid):
        plan_mod.load_plan(shipped)


def test_an_unwritable_cache_folder_only_costs_time(shipped, yaml_reads, monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(plan_mod.load_plan(shipped).indicators) == 289
    assert len(plan_mod.load_plan(shipped).indicators) == 289
    assert len(yaml_reads) == 2


def test_liupi_check_always_reads_the_yaml(shipped, monkeypatch):
    from liupi_cli.cli import plan_cmds

    calls = []
    real = plan_cmds.check_plan
    monkeypatch.setattr(plan_cmds, "check_plan", lambda d: calls.append(d) or real(d))
    run = Run(shipped)
    plan_mod.load_plan(shipped)  # a valid entry exists
    for _ in range(2):
        result = run("check")
        assert result.exit_code == 0
    assert len(calls) == 2


def test_the_cache_lives_under_xdg_cache_home():
    assert plan_cache.cache_dir({"XDG_CACHE_HOME": "/x", "HOME": "/h"}) == plan_cache.Path("/x/liupi/plans")
    assert plan_cache.cache_dir({"HOME": "/h"}) == plan_cache.Path("/h/.cache/liupi/plans")
    assert plan_cache.cache_dir({"HOME": "/h", "LIUPI_NO_CACHE": "1"}) is None
    assert plan_cache.cache_dir({"HOME": "/h", "LIUPI_NO_CACHE": "0"}) == plan_cache.Path("/h/.cache/liupi/plans")


def test_a_command_on_a_cached_plan_does_not_import_the_yaml_reader(shipped, tmp_path):
    import subprocess
    import sys

    from conftest import REPO

    code = ("import sys, runpy; sys.argv = ['liupi'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('liupi_cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = ["--data-dir", str(shipped), "--db", str(tmp_path / "r.db"), "report", "--month", "2023-06", "-f", "json"]

    def modules() -> set[str]:
        res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        return set(next(ln for ln in res.stderr.splitlines() if ln.startswith("MODULES")).split()[1:])

    assert "yaml" in modules(), "the first run reads the YAML"
    second = modules()
    assert "liupi_cli.plan_cache" in second and "yaml" not in second and "liupi_cli.yamlfile" not in second


def test_warnings_from_the_cache_name_the_files_as_the_plan_folder_is_given_now(shipped, monkeypatch, yaml_reads):
    monkeypatch.chdir(shipped.parent)
    relative = plan_mod.load_plan(plan_mod.Path("plan"))
    assert relative.warnings[0].file == "plan/targets.yaml"
    absolute = plan_mod.load_plan(shipped)
    assert len(yaml_reads) == 1, "the same folder, however it is written, shares one entry"
    assert absolute.warnings[0].file == str(shipped / "targets.yaml")
    assert [w.line for w in absolute.warnings] == [w.line for w in relative.warnings]


def test_an_edit_that_keeps_the_file_s_size_and_mtime_is_not_served_from_the_cache(shipped, yaml_reads):
    """A byte changed in place (an editor or a sync tool that restores the time stamp, a same-second edit on a
    coarse file system): same size, same mtime, and still the new value is served."""
    plan_mod.load_plan(shipped)
    path = shipped / "targets.yaml"
    before = path.stat()
    raw = path.read_bytes()
    assert raw.count(b"title_en: Shuangpai County") == 1
    path.write_bytes(raw.replace(b"title_en: Shuangpai County", b"title_en: Shuangpai Countz"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    plan = plan_mod.load_plan(shipped)
    assert plan.info.title_en.startswith("Shuangpai Countz")
    assert len(yaml_reads) == 2, "the YAML is read again"
