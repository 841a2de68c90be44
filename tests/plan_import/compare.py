"""Compare imported tasks with the bundled data/tasks.yaml: the fields the import must get right."""

from __future__ import annotations

import datetime as dt
from typing import Any

FIELDS = ("lead_units", "responsible_units", "deadline")


def _norm(task: dict[str, Any], f: str) -> Any:
    v = task.get(f)
    if f in ("lead_units", "responsible_units"):
        return list(v or [])
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def compare(imported: list[dict[str, Any]], expected: list[dict[str, Any]]) -> tuple[float, list[str]]:
    """Share of expected tasks whose id, lead units, responsible units and deadline all match; every difference."""
    got = {t["id"]: t for t in imported}
    diffs, same = [], 0
    for e in expected:
        g = got.get(e["id"])
        if g is None:
            diffs.append(f"{e['id']}: missing (expected '{e['title_zh']}')")
            continue
        bad = [f"{f}: {_norm(g, f)!r} != expected {_norm(e, f)!r}" for f in FIELDS if _norm(g, f) != _norm(e, f)]
        if bad:
            diffs.append(f"{e['id']}: " + "; ".join(bad))
        else:
            same += 1
    extra = sorted(set(got) - {e["id"] for e in expected})
    diffs += [f"{i}: not in data/tasks.yaml ('{got[i]['title_zh']}')" for i in extra]
    return 100.0 * same / len(expected), diffs
