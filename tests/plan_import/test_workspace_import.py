"""`liupi plan import` inside a workspace: the workspace's plan folder is read and written, an empty
skeleton is replaced by the first import, the year comes from --year, the titles, or the workspace, and
several documents share one plan, each list in its own id namespace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import yaml

LIUPI = [sys.executable, "-m", "liupi_cli"]


def run(*args: str, cwd: Path, code: int = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUPI_")}
    env["LIUPI_USER"] = "tester"
    r = subprocess.run([*LIUPI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == code, f"liupi {' '.join(args)} → {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r


def list_docx(path: Path, title: str, rows: list[tuple[str, ...]], label: str | None = None) -> Path:
    d = docx.Document()
    if label:
        d.add_paragraph(label)
    d.add_paragraph(title)
    header = ("序号", "工作任务", "牵头单位", "责任单位", "完成时限")
    t = d.add_table(rows=len(rows) + 1, cols=len(header))
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    d.save(str(path))
    return path


ECONOMY = [
    ("1", "抓好重大项目建设。全年铺排县重点项目40个以上。", "县发改局", "县自然资源和规划局、县住建局",
     "2023年12月底前"),
    ("2", "促进消费扩容提质。", "县商务局", "各乡镇", "长期坚持"),
]
LIVELIHOOD = [
    ("1", "促进高质量充分就业。城镇新增就业3200人。", "县人社局", "县财政局", "2023年11月底前"),
    ("2", "新建城市书房3个。", "县文旅局", "县财政局及县住建局", "2023年9月30日前"),
    ("3", "提高城乡低保标准。", "县民政局", "县财政局", "6月底前"),
]


def _tasks(ws: Path) -> dict[str, dict]:
    return {t["id"]: t for t in yaml.safe_load((ws / "data" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]}


def test_from_init_empty_to_a_first_report_with_imported_documents_only(tmp_path):
    run("init", "ws", "--empty", "--year", "2026", cwd=tmp_path)
    ws = tmp_path / "ws"
    doc = list_docx(tmp_path / "经济.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    r = run("plan", "import", str(doc), cwd=ws)
    assert "`liupi check` passes" in r.stderr
    assert not (ws / "plan").exists() and not (ws / "tasks.yaml").exists()  # the workspace's own plan folder
    targets = yaml.safe_load((ws / "data" / "targets.yaml").read_text(encoding="utf-8"))
    assert targets["plan"]["year"] == 2023  # from the title, not the skeleton's 2026
    assert targets["plan"]["id"] == "ws-2026"  # the store is tied to the id: kept
    assert targets["plan"]["title_zh"] == "某某县2023年稳经济重点工作任务清单"
    # the skeleton's example unit, battle, indicator and task are gone and nothing points at them
    text = (ws / "data" / "targets.yaml").read_text(encoding="utf-8") + (ws / "data" / "tasks.yaml").read_text(
        encoding="utf-8"
    )
    for example in ("rsj", "livelihood", "new_urban_jobs", "t1", "促进高质量充分就业"):
        assert example not in text.split(), example
    assert "县人社局" not in text
    tasks = _tasks(ws)
    assert list(tasks) == ["wjj.1", "wjj.2"]
    assert tasks["wjj.1"]["responsible_units"] == ["zrzyhghj", "zjj"]  # 县自然资源和规划局 stays one unit
    assert str(tasks["wjj.1"]["deadline"]) == "2023-12-31"
    tasks_out = run("tasks", cwd=ws).stdout
    assert "抓好重大项目建设" in tasks_out and "t1" not in tasks_out.split()
    run("check", cwd=ws)
    ind = next(i for i in targets["indicators"] if i["task"] == "wjj.1")
    run("update", ind["id"], "41", "--period", "2023", cwd=ws)
    report = run("report", "--year", "2023", cwd=ws).stdout
    assert "2023" in report and "1 green" in report


def test_the_year_from_a_title_in_chinese_numerals_and_from_year(tmp_path):
    run("init", "ws", "--empty", "--year", "2026", cwd=tmp_path)
    ws = tmp_path / "ws"
    doc = list_docx(tmp_path / "民生.docx", "二〇二三年县政府民生实事任务清单", LIVELIHOOD)
    run("plan", "import", str(doc), "--dry-run", cwd=ws)
    assert "促进高质量充分就业" in (ws / "data" / "tasks.yaml").read_text(encoding="utf-8")  # dry run: the skeleton
    run("plan", "import", str(doc), cwd=ws)
    assert yaml.safe_load((ws / "data" / "targets.yaml").read_text(encoding="utf-8"))["plan"]["year"] == 2023
    assert str(_tasks(ws)["msss.3"]["deadline"]) == "2023-06-30"


def test_two_documents_one_after_the_other_keep_all_tasks_of_both(tmp_path):
    run("init", "ws", "--empty", "--year", "2023", cwd=tmp_path)
    ws = tmp_path / "ws"
    first = list_docx(tmp_path / "经济.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    second = list_docx(tmp_path / "民生.docx", "某某县2023年民生实事任务清单", LIVELIHOOD)
    run("plan", "import", str(first), cwd=ws)
    r = run("plan", "import", str(second), cwd=ws)
    assert "added 3" in r.stderr and "tasks 5" in r.stderr
    tasks = _tasks(ws)
    assert list(tasks) == ["wjj.1", "wjj.2", "msss.1", "msss.2", "msss.3"]
    assert tasks["wjj.1"]["title_zh"] == "抓好重大项目建设" and tasks["msss.1"]["title_zh"] == "促进高质量充分就业"
    assert tasks["wjj.1"]["battle"] != tasks["msss.1"]["battle"]  # each list its own battle
    review = (ws / "data" / "import-review.md").read_text(encoding="utf-8")
    assert "| `msss.…` | 民生.docx | 某某县2023年民生实事任务清单 | 3 |" in review
    assert "no longer in the document" not in review  # the first list's tasks are not this document's
    lists = yaml.safe_load((ws / "data" / "imported-lists.yaml").read_text(encoding="utf-8"))["lists"]
    assert [(e["id"], e["file"], e["tasks"], e["battle"]) for e in lists] == [
        ("wjj", "经济.docx", 2, "b1"), ("msss", "民生.docx", 3, "b2")]
    run("check", cwd=ws)
    # a revised first document (a task inserted at the top) keeps the ids of the tasks it had
    revised = list_docx(
        tmp_path / "经济（修订）.docx",
        "某某县2023年稳经济重点工作任务清单",
        [("1", "扩大有效投资。", "县发改局", "县财政局", "2023年12月底前")]
        + [(str(int(n) + 1), *rest) for n, *rest in ECONOMY],
    )
    r = run("plan", "import", str(revised), cwd=ws)
    tasks = _tasks(ws)
    assert tasks["wjj.1"]["title_zh"] == "抓好重大项目建设" and tasks["wjj.2"]["title_zh"] == "促进消费扩容提质"
    assert tasks["wjj.1-2"]["title_zh"] == "扩大有效投资"
    assert [t for t in tasks if t.startswith("msss.")] == ["msss.1", "msss.2", "msss.3"]
    assert len(tasks) == 6


def test_same_attachment_number_in_two_documents_never_collides(tmp_path):
    run("init", "ws", "--empty", "--year", "2023", cwd=tmp_path)
    ws = tmp_path / "ws"
    first = list_docx(tmp_path / "a.docx", "稳经济重点工作任务清单", ECONOMY, label="附件1")
    second = list_docx(tmp_path / "b.docx", "民生实事任务清单", LIVELIHOOD, label="附件1")
    run("plan", "import", str(first), cwd=ws)
    run("plan", "import", str(second), cwd=ws)
    assert list(_tasks(ws)) == ["a1.1", "a1.2", "a1-2.1", "a1-2.2", "a1-2.3"]
    assert _tasks(ws)["a1.1"]["battle"] != _tasks(ws)["a1-2.1"]["battle"]  # 附件1 of another document: its own
    run("plan", "import", str(second), "--list-id", "ms", cwd=ws)  # a namespace of one's choosing: a new list
    assert [t for t in _tasks(ws) if t.startswith("ms.")] == ["ms.1", "ms.2", "ms.3"]
    run("plan", "import", str(second), "--list-id", "ms", cwd=ws)  # the same list under the same id: again
    assert len(_tasks(ws)) == 8
    run("plan", "import", str(second), "--list-id", "Bad Id", cwd=ws, code=2)


def test_outside_a_workspace_the_plan_folder_is_still_dot_plan(tmp_path):
    doc = list_docx(tmp_path / "清单.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    run("plan", "import", str(doc), cwd=tmp_path)
    assert (tmp_path / "plan" / "tasks.yaml").is_file() and (tmp_path / "plan" / "imported-lists.yaml").is_file()


def test_a_plan_of_the_countys_own_is_never_replaced_without_replace(tmp_path):
    run("init", "ws", "--empty", "--year", "2023", cwd=tmp_path)
    ws = tmp_path / "ws"
    tasks_file = ws / "data" / "tasks.yaml"
    tasks_file.write_text(tasks_file.read_text(encoding="utf-8").replace("促进高质量充分就业", "本县自己的任务"),
                          encoding="utf-8")
    doc = list_docx(tmp_path / "经济.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    run("plan", "import", str(doc), cwd=ws)
    tasks = _tasks(ws)
    assert tasks["t1"]["title_zh"] == "本县自己的任务" and "wjj.1" in tasks  # an edited skeleton is the county's
    run("plan", "import", str(doc), "--replace", cwd=ws)
    assert list(_tasks(ws)) == ["wjj.1", "wjj.2"]
    text = (ws / "data" / "targets.yaml").read_text(encoding="utf-8")
    assert "new_urban_jobs" not in text and "rsj" not in text.split()
    run("check", cwd=ws)


def test_the_example_documents_are_what_their_script_writes(tmp_path):
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("make_samples", REPO / "examples" / "make_task_list_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.main(tmp_path / "a.docx")
    mod.paragraphs(tmp_path / "b.docx")

    def text(path: Path) -> list[str]:
        d = docx.Document(str(path))
        return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]

    assert text(tmp_path / "a.docx") == text(REPO / "examples" / "task-list-sample.docx")
    assert text(tmp_path / "b.docx") == text(REPO / "examples" / "task-list-paragraphs.docx")


def test_a_skeleton_with_figures_recorded_is_kept_as_the_countys_own(tmp_path):
    run("init", "ws", "--empty", "--year", "2023", cwd=tmp_path)
    ws = tmp_path / "ws"
    run("update", "new_urban_jobs", "120", "--period", "2023-03", cwd=ws)
    doc = list_docx(tmp_path / "经济.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    run("plan", "import", str(doc), cwd=ws)
    tasks = _tasks(ws)
    assert "t1" in tasks and "wjj.1" in tasks  # the figure recorded against the example still has its indicator
    assert "new_urban_jobs" in (ws / "data" / "targets.yaml").read_text(encoding="utf-8")


def test_two_documents_in_one_command_and_a_workspace_named_by_data_dir(tmp_path):
    run("init", "ws", "--empty", "--year", "2023", cwd=tmp_path)
    first = list_docx(tmp_path / "经济.docx", "某某县2023年稳经济重点工作任务清单", ECONOMY)
    second = list_docx(tmp_path / "民生.docx", "某某县2023年民生实事任务清单", LIVELIHOOD)
    r = run("-d", "ws", "plan", "import", str(first), str(second), cwd=tmp_path)  # from outside, naming it
    assert "task lists 2" in r.stderr
    assert list(_tasks(tmp_path / "ws")) == ["wjj.1", "wjj.2", "msss.1", "msss.2", "msss.3"]
    assert not (tmp_path / "plan").exists() and not (tmp_path / "ws" / "tasks.yaml").exists()
