"""`liupi tasks` at 100 columns: the title keeps its share of the width; the ids of the indicators wrap."""

from __future__ import annotations


def test_at_100_columns_the_title_gets_its_share(run_shipped, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    lines = run_shipped("tasks").stdout.splitlines()
    assert all(len(line) <= 100 for line in lines)
    widths = dict(zip(lines[0].split(), (len(h) for h in lines[1].split())))
    assert widths["title_zh"] >= 24, widths  # 12 Chinese characters a line, not 4
    assert widths["indicators"] <= 30, widths
    # 开展系列消费促进活动 (20 columns) on one line
    assert any(ln.startswith("a2-1.1.1") and "开展系列消费促进活动" in ln for ln in lines)
