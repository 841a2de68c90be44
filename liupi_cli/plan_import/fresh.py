"""The plan an import starts afresh from: an untouched skeleton of `liupi init --empty` (its example unit,
battle, indicator and task go), or any plan with ``--replace``. The plan's own block (its id, which the
record store is tied to, its names and issuer) and its settings stay; the year is the import's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
EXAMPLES = ("units", "battles", "indicators")


def _skeleton_sections(year: Any) -> tuple[dict[str, Any], list[Any]]:
    def fill(name: str) -> Any:
        text = (SKELETON / name).read_text(encoding="utf-8")
        text = text.replace("@YEAR@", str(year)).replace("@PLAN_ID@", "x").replace("@TITLE_ZH@", "x")
        return yaml.safe_load(text.replace("@TITLE_EN@", "x")) or {}

    return fill("targets.yaml"), (fill("tasks.yaml").get("tasks") or [])


def is_skeleton(targets: dict[str, Any] | None, tasks: list[Any] | None) -> bool:
    """True when the plan is exactly what `liupi init --empty` wrote: nothing of the county's own yet."""
    if not isinstance(targets, dict):
        return False
    year = (targets.get("plan") or {}).get("year") if isinstance(targets.get("plan"), dict) else None
    sk_targets, sk_tasks = _skeleton_sections(year)
    same = all((targets.get(k) or []) == (sk_targets.get(k) or []) for k in EXAMPLES)
    return same and list(tasks or []) == sk_tasks


def fresh_targets(targets: dict[str, Any], year: int, title: str | None) -> dict[str, Any]:
    """The plan block and settings kept, the year set, no units, battles or indicators yet."""
    plan = dict(targets.get("plan") or {})
    old = plan.get("year")
    plan["year"] = year
    if title and plan.get("title_zh") in (None, "", f"{old}年重点工作计划"):
        plan["title_zh"] = title
    if plan.get("title_en") == f"Annual plan {old}":  # the skeleton's words, not the county's
        plan["title_en"] = f"Annual plan {year}"
    out: dict[str, Any] = {"plan": plan}
    if "settings" in targets:
        out["settings"] = targets["settings"]
    return out
