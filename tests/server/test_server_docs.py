"""docs/server.md's county set-up, run against the session's PostgreSQL: every `liupi store` and `liupi review`
line of its text blocks, in order, with the page's server address standing for a fresh schema of the test
server (its own `sh` examples, which need no server, run in tests/docs/test_docs.py)."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import app

from .conftest import new_schema

PAGE = REPO / "docs" / "server.md"
ADDRESS = "postgresql://stats.county.local/shuangpai"


def server_lines() -> list[str]:
    blocks = re.findall(r"```text\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)
    return [ln.strip() for b in blocks for ln in b.splitlines()
            if ln.strip().startswith(("liupi store", "liupi review"))]


def test_the_county_set_up_runs_as_written(pg, tmp_path, monkeypatch):
    lines = server_lines()
    assert len(lines) >= 10 and any(ADDRESS in ln for ln in lines)
    schema = new_schema(pg)
    url = f"postgresql:///postgres?host={pg.socket_dir}&options=-csearch_path%3D{schema}"
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("records.db*"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PGUSER", "liupi_admin")  # the database's owner, as the page's steps 1 to 3 are run
    runner = CliRunner()

    def liupi(*words: str):
        result = runner.invoke(app, list(words), catch_exceptions=False)
        assert result.exit_code == 0, f"{words}\n{result.stderr}"
        return result

    liupi("update", "new_urban_jobs", "1500", "--period", "2023-06")  # the county's figures so far
    liupi("update", "gdp_growth", "4.5", "--period", "2023Q1")
    for line in lines:
        words = shlex.split(line.replace(ADDRESS, url))
        if words[1] == "review" and "--return" in words:
            # step 4: a bureau submits a figure, which the office then returns (its record number as on the page)
            monkeypatch.setenv("LIUPI_DB", url)
            monkeypatch.setenv("PGUSER", "renshe")
            saved = liupi("update", "new_urban_jobs", "1600", "--period", "2023-07")
            number = words[words.index("--return") + 1]
            assert f"(record {number})" in saved.stderr, saved.stderr
            monkeypatch.setenv("PGUSER", "office")
        elif words[1] == "review":
            monkeypatch.setenv("LIUPI_DB", url)
        liupi(*words[1:])
    monkeypatch.setenv("PGUSER", "renshe")
    seen = liupi("missing", "--month", "2023-07")
    assert "退回: 口径不对 — new_urban_jobs 2023-07 1600" in seen.stderr
    assert (tmp_path / "shuangpai-2023-07.db").is_file()


def test_the_city_reads_a_countys_server_store_as_the_page_says(pg, tmp_path, monkeypatch):
    """The page's "A city": no copy to make; the county's owner lets the city's role in with the page's own line,
    and `liupi collect` in the city workspace reads the county's store on the server through its workspace."""
    import importlib.util

    from conftest import Run

    section = PAGE.read_text(encoding="utf-8").split("## A city", 1)[1].split("\n## ", 1)[0]
    assert "liupi store copy" not in section
    lines = [ln.strip() for b in re.findall(r"```text\n(.*?)```", section, flags=re.S) for ln in b.splitlines()
             if ln.strip().startswith("liupi store add-role")]
    assert len(lines) == 1 and "--leader" in lines[0]
    for var in ("LIUPI_DB", "LIUPI_HOME", "LIUPI_LANG", "LIUPI_TODAY"):
        monkeypatch.delenv(var, raising=False)
    spec = importlib.util.spec_from_file_location("make_city", REPO / "examples" / "make_city.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path / "yz"
    module.make_city(root)
    county = root / "counties" / "shuangpai"
    assert Run(None)("init", str(county), "--demo").exit_code == 0
    schema = new_schema(pg)
    url = f"postgresql:///postgres?host={pg.socket_dir}&options=-csearch_path%3D{schema}"
    monkeypatch.setenv("PGUSER", "liupi_admin")  # the county's owner moves its figures and lets the city in
    run = Run(county)
    assert run("store", "init-server", url).exit_code == 0
    assert run("store", "copy", str(county / "data" / "records.db"), url).exit_code == 0
    (county / "data" / "records.db").unlink()
    words = shlex.split(lines[0].replace(ADDRESS, url))
    assert run(*words[1:]).exit_code == 0
    (county / "liupi.toml").write_text(f'plan = "data"\nstore = "{url}"\n', encoding="utf-8")
    monkeypatch.setenv("PGUSER", words[words.index("add-role") + 1])  # the city, as its own role
    r = Run(root)("collect", "--county", "shuangpai")
    assert r.exit_code == 0, r.stderr
    assert "collected 10 new or changed figure(s) from 1 county(ies); 0 unchanged; 0 refused" in r.stderr


def test_the_set_up_makes_the_owner_a_role_that_may_create_roles_before_its_database():
    """init-server creates liupi's group roles and add-role the login roles: the owner needs CREATEROLE (without
    it init-server is refused, tests/server/test_server_refusals.py), so the page makes it so first."""
    block = re.findall(r"```text\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)
    setup = next(b for b in block if "createdb" in b).splitlines()
    owner = shlex.split(next(ln for ln in setup if ln.startswith("createdb")).split("#")[0])[2]
    assert setup[0].split("#")[0].split() == ["createuser", "--createrole", owner]
