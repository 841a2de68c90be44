import importlib.util
import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, Run


def _make_city_module():
    spec = importlib.util.spec_from_file_location("make_city", REPO / "examples" / "make_city.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_city = _make_city_module().make_city


@pytest.fixture
def city(tmp_path, monkeypatch):
    """The 12-county city of examples/make_city.py, 双牌县's workspace made with `liupi init --demo`."""
    for var in ("LIUPI_DB", "LIUPI_HOME", "LIUPI_LANG", "LIUPI_TODAY"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "yz"
    written = make_city(root)
    r = Run(None)("init", str(root / "counties" / "shuangpai"), "--demo")
    assert r.exit_code == 0, r.stderr
    run = Run(root)
    run.root, run.written = root, written
    return run


def collected_rows(root) -> int:
    path = root / "data" / "collected.db"
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]
