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
