"""The benchmark scripts are run by hand, not by the suite, so a rename in liupi_cli could break one unseen
(bench_render.py once imported read_table from a module it had left). Every name a script imports from
liupi_cli must exist there."""

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _imports(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("liupi_cli")
            for alias in node.names]


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_every_liupi_name_a_benchmark_imports_exists(script):
    for module, name in _imports(BENCH / script):
        mod = importlib.import_module(module)
        assert hasattr(mod, name) or importlib.util.find_spec(f"{module}.{name}") is not None, \
            f"bench/{script}: {module} has no {name}"


def test_the_check_sees_a_missing_name(tmp_path):
    fake = tmp_path / "x.py"
    fake.write_text("from liupi_cli.recording import read_table\n", encoding="utf-8")
    (module, name), = _imports(fake)
    assert not hasattr(importlib.import_module(module), name)
