"""Plan files from an import: tasks.yaml (new or merged with the one there), targets.yaml (new, or the
existing one with the new units, battles and indicators added) and the review file. Every file is
written whole or not at all (liupi_cli.atomic)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from liupi_cli.models import Task
from liupi_cli.plan_import.build import Built, ReviewItem

DOC_FIELDS = (
    "battle",
    "source",
    "section",
    "section_lead",
    "title_zh",
    "lead_units",
    "responsible_units",
    "responsible_others",
    "deadline",
    "deadline_text",
    "category",
)
ORDER = tuple(Task.model_fields)  # tasks.yaml keys in the model's order
NEW_PLAN_HEAD = "# liupi plan data: imported by `liupi plan import`; fill in title_en, name_en and check the review.\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml when present
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _list(dumper: Any, data: list) -> yaml.Node:
    flow = bool(data) and all(not isinstance(x, (dict, list)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _dict(dumper: Any, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _dict)


def dump(data: Any) -> str:
    """Block mappings, lists of ids on one line: the layout of the bundled plan files."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def merge_tasks(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    review: list[ReviewItem],
    reserved: set[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """A re-import: tasks matched by (battle, title) first, then by id, keep their id and what liupi adds
    (summary, indicators, measures, notes); the document's fields are updated. Tasks gone from the
    document are kept and listed for review, never dropped silently. ``old`` holds the tasks of the
    lists imported again only; ``reserved`` the ids of every other task of the plan (never taken)."""
    by_id = {t["id"]: t for t in old}
    for rid in reserved or ():
        by_id.setdefault(rid, {"id": rid})
    used: set[str] = set()
    out, counts = [], {"added": 0, "changed": 0, "unchanged": 0, "kept (not in the document)": 0}
    match = _match(old, new, by_id, used, reserved or set())
    for k, t in enumerate(new):
        prev = match.get(k)
        if prev is None:
            t = _fresh_id(t, by_id)
            out.append(t)
            used.add(t["id"])
            by_id.setdefault(t["id"], t)
            counts["added"] += 1
            continue
        merged = _merged(prev, t, review)
        changed = [f for f in DOC_FIELDS if prev.get(f) != merged.get(f)]
        counts["changed" if changed else "unchanged"] += 1
        if changed:
            review.append(ReviewItem(t["source"], "changed: " + ", ".join(changed), merged["id"]))
        out.append({f: merged[f] for f in ORDER if f in merged} | {f: v for f, v in merged.items() if f not in ORDER})
    for t in old:
        if t["id"] not in used:
            out.append(t)
            counts["kept (not in the document)"] += 1
            review.append(
                ReviewItem(
                    t.get("source", t["id"]),
                    "no longer in the document: kept; delete it from tasks.yaml if it was dropped",
                    t["id"],
                )
            )
    return out, counts


def _match(old: list[dict[str, Any]], new: list[dict[str, Any]], by_id: dict[str, dict[str, Any]], used: set[str],
           reserved: set[str]) -> dict[int, dict[str, Any]]:
    """Each new task's old task (by its place in ``new``): first the same title (a renumbered task keeps its id),
    then the same number for the rest (a retitled task). The ids matched are added to ``used``."""
    by_title = {(t.get("battle"), t.get("title_zh")): t for t in old}
    match: dict[int, dict[str, Any]] = {}
    for k, t in enumerate(new):
        prev = by_title.get((t["battle"], t["title_zh"]))
        if prev is not None and prev["id"] not in used:
            match[k] = prev
            used.add(prev["id"])
    for k, t in enumerate(new):
        if k not in match and t["id"] in by_id and t["id"] not in used and t["id"] not in reserved:
            match[k] = by_id[t["id"]]
            used.add(t["id"])
    return match


def _fresh_id(t: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A new task whose id is held by another task that moved gets a fresh one (id-2, id-3…)."""
    if t["id"] not in by_id:
        return t
    n = 2
    while f"{t['id']}-{n}" in by_id:
        n += 1
    return dict(t, id=f"{t['id']}-{n}")


def _merged(prev: dict[str, Any], t: dict[str, Any], review: list[ReviewItem]) -> dict[str, Any]:
    """An old task updated from the document: the document's fields replaced (a section kept when the document
    no longer gives one), what liupi adds kept; a renumbered task keeps its id, said in the review."""
    merged = dict(prev)
    for f in DOC_FIELDS:
        if f in t:
            merged[f] = t[f]
        elif f in merged and f not in ("section", "section_lead"):
            merged.pop(f)
    for f in ("summary", "indicators", "note"):
        if f not in merged and f in t:
            merged[f] = t[f]
    if merged["id"] != t["id"]:
        review.append(
            ReviewItem(
                t["source"],
                f"task '{t['title_zh']}' is now numbered {t['id']}; it keeps its id {merged['id']}",
                merged["id"],
            )
        )
    return merged


def tasks_yaml(tasks: list[dict[str, Any]], sources: list[str]) -> str:
    head = (
        "# liupi plan data: tasks imported by `liupi plan import` from " + ", ".join(sources) + ".\n"
        "# Check every line of the review file before relying on it; `liupi check` is the gate.\n"
    )
    return head + dump({"tasks": tasks})


def targets_yaml(
    existing_text: str | None,
    existing: dict[str, Any] | None,
    built: Built,
    plan_id: str | None,
    title: str | None,
    sources: list[str],
    *,
    force: bool = False,
) -> str | None:
    """The targets.yaml to write, or None when the existing one needs nothing added (``force``: always)."""
    if existing is None:
        return NEW_PLAN_HEAD + dump(_new_plan(built, plan_id, title, sources))
    if not (built.units or built.battles or built.indicators or force):
        return None
    data = _with_new_entries(existing, built)
    if force:  # the plan started afresh: this import's year and documents
        data["plan"] = dict(data.get("plan") or {}, year=built.year)
        if not data["plan"].get("source_file"):
            data["plan"]["source_file"] = _file_names(sources)
        return NEW_PLAN_HEAD + dump(data)
    head = "".join(line + "\n" for line in (existing_text or "").splitlines() if line.startswith("#"))
    return head + dump(data)


def _with_new_entries(existing: dict[str, Any], built: Built) -> dict[str, Any]:
    """The existing plan with the units, battles and indicators it does not have yet (by id) added after its own."""
    data = dict(existing)
    for key, extra in (("units", built.units), ("battles", built.battles), ("indicators", built.indicators)):
        have = {e.get("id") for e in data.get(key) or [] if isinstance(e, dict)}
        data[key] = list(data.get(key) or []) + [e for e in extra if e["id"] not in have]
    return data


def _new_plan(built: Built, plan_id: str | None, title: str | None, sources: list[str]) -> dict[str, Any]:
    year = built.year  # import_plan refuses to go on without one
    return {
        "plan": {
            "id": plan_id or f"plan-{year}",
            "title_zh": title or built.title or "导入的计划",
            "title_en": "",
            "year": year,
            "source_file": _file_names(sources),
        },
        "units": built.units,
        "battles": built.battles,
        "indicators": built.indicators,
    }


def _file_names(sources: list[str]) -> str:
    return ", ".join(Path(s).name for s in sources)


def lists_yaml(entries: list[dict[str, Any]]) -> str:
    head = (
        "# liupi: the task lists imported into this plan, one id namespace each (task ids start with it).\n"
        "# `liupi plan import` reads it to give a revised document its ids again; keep it beside tasks.yaml.\n"
    )
    return head + dump({"lists": entries})


def review_md(built: Built, sources: list[str], counts: dict[str, int], lists: list[Any] | None = None) -> str:
    """The review file: Markdown in which every text taken from a document is inert (tags escaped, control
    characters such as ESC dropped), so neither a viewer nor a terminal runs what a document planted."""
    lines = [
        f"# Import review: {_md(', '.join(Path(s).name for s in sources))}",
        "",
        "Everything the import was not sure of, with the row it came from. Fix the plan files "
        "(or the document and import again), then run `liupi check`.",
        "",
        "| | count |",
        "|---|---|",
    ]
    lines += [f"| {_md(k)} | {v} |" for k, v in counts.items()]
    if lists:
        lines += ["", "## Lists", "", "| ids | file | list | tasks |", "|---|---|---|---|"]
        for entry, file in lists:
            name = " ".join(x for x in (entry.label, entry.title) if x) or "(untitled)"
            lines.append(f"| `{entry.id}.…` | {_md(file)} | {_md(name)} | {entry.tasks} |")
    lines += ["", f"## Items ({len(built.review)})", ""]
    for r in built.review:
        where = f"`{_code(r.ref)}`"
        task = f" **{_md(r.task)}**" if r.task else ""
        lines.append(f"- [ ] {where}{task}: {_md(r.message)}")
    return "\n".join(lines) + "\n"


def inert(text: str) -> str:
    """No control characters (ESC, BEL, C1…): a line break or tab becomes a space."""
    return "".join(" " if ch in "\n\t\r" else ch for ch in text if ch in "\n\t\r" or unicodedata.category(ch) != "Cc")


def _md(text: str) -> str:
    text = inert(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([|*_`\\\[\]])", r"\\\1", text)


def _code(text: str) -> str:
    """Text inside `…`: no backtick can close it early; tags are inert there already."""
    return inert(text).replace("`", "'")
