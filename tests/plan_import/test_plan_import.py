"""`liupi plan import`: the bundled plan's six task lists round-tripped through .docx/.xlsx/.csv written from
the plan's own text, hand-made layouts, units, deadlines, re-import and the CLI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from seed_tables import REPO, seed_text, task_lists, write_csv, write_docx, write_xlsx
from typer.testing import CliRunner

from liupi_cli.cli.app import app
from liupi_cli.models import Unit
from liupi_cli.plan import check_plan
from liupi_cli.plan_import import import_plan
from liupi_cli.plan_import.deadlines import parse_deadline
from liupi_cli.plan_import.units import UnitBook
from plan_import.compare import compare

DATA = REPO / "data"
WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "csv": write_csv}


def _tasks(result) -> list[dict]:
    return yaml.safe_load(result.files["tasks.yaml"])["tasks"]


def _write(result, folder: Path) -> None:
    for name in ("targets.yaml", "tasks.yaml"):
        if name in result.files:
            (folder / name).write_text(result.files[name], encoding="utf-8")


@pytest.fixture(scope="module")
def lists():
    return task_lists(seed_text())


@pytest.mark.parametrize("kind", ["docx", "xlsx", "csv"])
def test_round_trip_bundled_plan(kind, lists, tmp_path):
    assert [len(t) for tl in lists for t in tl["tables"]][:1]  # the seed text was read
    shutil.copy(DATA / "targets.yaml", tmp_path / "targets.yaml")
    doc = tmp_path / f"六仗任务清单.{kind}"
    WRITERS[kind](lists, doc)
    result = import_plan([doc], tmp_path)
    expected = yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    pct, diffs = compare(_tasks(result), expected)
    print(f"\n{kind}: {pct:.1f}% of {len(expected)} tasks identical (id, lead, responsible units, deadline)")
    for d in diffs:
        print("  ", d)
    assert pct == 100, "\n".join(diffs)  # every task of the plan, as the plan files have it
    got = {t["id"]: t for t in _tasks(result)}
    # what the columns hold besides units and dates: the source reference and the deadline as written
    assert got["a4-1.1.1.1"]["source"] == "附件4-1 一.1(1)"
    assert got["a4-1.4.18.4"]["deadline_text"] == "2023年11月20日前"
    assert got["a2-1.2.1"]["section_lead"] == "fgj"
    assert got["a5-1.2.6"]["section_lead"] == "zfb_jrb"  # the heading repeated after a page break as "2、 …"
    assert got["a7-1.18.2"]["deadline"] == "ongoing"  # merged 完成时限 cell taken from the row above
    if kind == "docx":  # each kind's tasks are compared above; `liupi check` on the written plan once
        _write(result, tmp_path)
        _, problems = check_plan(tmp_path)
        assert [str(p) for p in problems if p.severity == "error"] == []


def test_csv_encodings(lists, tmp_path):
    shutil.copy(DATA / "targets.yaml", tmp_path / "targets.yaml")
    for enc in ("utf-8-sig", "utf-16"):
        doc = tmp_path / f"l.{enc}.csv"
        write_csv(lists[1:2], doc, encoding=enc)
        ids = [t["id"] for t in _tasks(import_plan([doc], tmp_path))]
        assert ids[:2] == ["a3-1.1.1", "a3-1.1.2"] and len(ids) == 11


# ---------------------------------------------------------------- hand-made layouts


def _known(tmp_path: Path) -> Path:
    shutil.copy(DATA / "targets.yaml", tmp_path / "targets.yaml")
    return tmp_path


def test_numbered_paragraph_layout(tmp_path):
    import docx

    d = docx.Document()
    for line in (
        "附件1",
        "某某县2024年重点工作任务分解表",
        "一、县财政局牵头重点工作",
        "1.深化预算管理制度改革。推进零基预算，压减一般性支出。责任单位：县财政局、县税务局。完成时限：2024年6月底前。",
        "2.加强国有资产管理。完成资产清查。责任单位：县财政局（国资股）、县泷兴集团。完成时限：长期坚持。",
        "二、县发改局牵头重点工作",
        "1.抓好重大项目建设。全年铺排县重点项目40个以上。牵头单位：县发改局。责任单位：县住建局、县自然资源和规划局。完成时限：12月底前。",
    ):
        d.add_paragraph(line)
    path = tmp_path / "分解表.docx"
    d.save(str(path))
    result = import_plan([path], _known(tmp_path), year=2024)
    tasks = {t["id"]: t for t in _tasks(result)}
    assert list(tasks) == ["a1.1.1", "a1.1.2", "a1.2.1"]
    t = tasks["a1.1.1"]
    assert (t["title_zh"], t["lead_units"], t["responsible_units"], t["deadline"]) == (
        "深化预算管理制度改革",
        ["czj"],
        ["swj"],
        dt.date(2024, 6, 30),
    )
    assert t["section"] == "县财政局牵头重点工作" and t["section_lead"] == "czj"
    assert tasks["a1.1.2"]["lead_units"] == ["czj_gzg"] and tasks["a1.1.2"]["deadline"] == "ongoing"
    t = tasks["a1.2.1"]
    assert (t["lead_units"], t["responsible_units"], t["deadline"]) == (
        ["fgj"],
        ["zjj", "zrzyj"],
        dt.date(2024, 12, 31),
    )


def test_a_paragraph_heading_naming_a_leader_is_not_a_unit(tmp_path):
    import docx

    d = docx.Document()
    for line in ("一、王某某县长牵头重点工作",
                 "1.深化预算管理制度改革。责任单位：县财政局、县税务局。完成时限：2024年6月底前。"):
        d.add_paragraph(line)
    path = tmp_path / "按领导分组.docx"
    d.save(str(path))
    result = import_plan([path], _known(tmp_path), year=2024)
    (t,) = _tasks(result)
    assert "section_lead" not in t and t["lead_units"] == ["czj"]  # 县长 is a post, not a unit to invent
    assert "牵头领导：王某某县长" in t["note"]
    assert "县长" not in result.files["targets.yaml"]
    assert "县长" not in result.files["tasks.yaml"].replace("王某某县长", "")


def test_merged_task_cells_and_leader_column(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("2024年优化营商环境重点任务清单")
    rows = [
        ("工作任务", "具体措施", "牵头领导", "牵头单位", "配合单位", "时间节点"),
        (
            "一、提升政务服务效能",
            "1.推行“一件事一次办”，新增主题场景10个以上。",
            "张三",
            "县政务服务中心",
            "县人社局、县医保局",
            "2024年9月底前",
        ),
        ("", "2.推进“湘易办”应用。", "张三", "县政务中心", "县医疗保障局和县税务局", "每季度末"),
        ("", "3.开展营商环境评价。", "李四", "县政府办（优化办）", "各乡镇、县直各单位", "3个月内"),
    ]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(3, 0))  # 工作任务 spans the three rows
    path = tmp_path / "营商环境.docx"
    d.save(str(path))
    result = import_plan([path], _known(tmp_path), year=2024, battle="environment")
    tasks = _tasks(result)
    assert [x["id"] for x in tasks] == ["yhyshj.1.1", "yhyshj.1.2", "yhyshj.1.3"]
    assert {x["section"] for x in tasks} == {"提升政务服务效能"}
    assert [x["battle"] for x in tasks] == ["environment"] * 3
    assert tasks[0]["note"] == "牵头领导：张三" and tasks[2]["note"] == "牵头领导：李四"
    assert tasks[1]["lead_units"] == ["zwfwzx"] and tasks[1]["responsible_units"] == ["ylbzj", "swj"]
    assert tasks[2]["responsible_others"] == "各乡镇、县直各单位" and "responsible_units" not in tasks[2]
    assert tasks[1]["deadline"] == "ongoing" and "deadline" not in tasks[2]
    review = result.files["review"]
    assert "'3个月内' counts a period from a start the document does not give" in review
    assert "recurring (每季度末)" in review
    assert "营商环境.docx table 1 row 4" in review


def test_progress_table_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["县重点工作进度表"])
    ws.append(["序号", "任务内容", "责任单位", "进度安排", "进展情况"])
    ws.append([1, "建成县城污水处理厂提标改造工程", "县住建局、县城管局", "2024年3月至6月", "已完成设计招标"])
    ws.append([2, "新建城市书房3个", "县文旅广体局，县财政局", "11月15日前", "选址完成"])
    ws.append([3, "推进乡镇卫生院标准化建设", "县卫生健康局", "10个工作日内完成方案", ""])
    path = tmp_path / "进度.xlsx"
    wb.save(str(path))
    result = import_plan([path], _known(tmp_path), year=2024, battle="livelihood")
    tasks = _tasks(result)
    assert [x["id"] for x in tasks] == ["t.1", "t.2", "t.3"]
    assert tasks[0]["lead_units"] == ["zjj"] and tasks[0]["responsible_units"] == ["cgzfj"]
    assert tasks[0]["deadline"] == dt.date(2024, 6, 30) and tasks[0]["deadline_text"] == "2024年3月至6月"
    assert tasks[0]["note"] == "进展情况：已完成设计招标"
    assert tasks[1]["deadline"] == dt.date(2024, 11, 15) and tasks[1]["responsible_units"] == ["czj"]
    assert "deadline" not in tasks[2]
    new = {u["name_zh"]: u["id"] for u in result.built.units}
    assert new == {"县卫生健康局": "wsjkj"}
    review = result.files["review"]
    assert "a range from 2024-03-31 to 2024-06-30" in review
    assert "no 牵头单位 column" in review and "进展情况 column" in review
    assert "looks like the known '县卫健局'" in review


# ---------------------------------------------------------------- units and deadlines


def _book() -> UnitBook:
    data = yaml.safe_load((DATA / "targets.yaml").read_text(encoding="utf-8"))
    return UnitBook([Unit.model_validate(u) for u in data["units"]])


@pytest.mark.parametrize(
    "cell,ids,others",
    [
        ("县纪委监委、县委巡察办、县审计局等相关单位。", ["jwjw", "xunchaban", "sjj"], "等相关单位"),
        ("县政府办(金融办)、县财政\n局、人民银行双牌支行等相关单位", ["zfb_jrb", "czj", "rmyhspzh"], "等相关单位"),
        (
            "县住建局等相关单位及县泷兴集团、县农旅发公司等县属国有企业",
            ["zjj", "lxjt", "nlfgs"],
            "等相关单位、等县属国有企业",
        ),
        ("县自然资源和规划局", ["zrzyj"], None),
        ("县发改局和县财政局", ["fgj", "czj"], None),
        ("各相关单位", [], "各相关单位"),
        ("县“双随机、一公开”成员单位", [], "县“双随机、一公开”成员单位"),
        ("县安委会、县减灾委相关成员单位", [], "县安委会、县减灾委相关成员单位"),
        ("医保局；科工信局", ["ylbzj", "kgxj"], None),
    ],
)
def test_unit_cells(cell, ids, others):
    got = _book().split(cell, "x")
    assert (got.ids, got.others) == (ids, others)


def test_new_unit_ids_are_pinyin_initials_and_unique():
    book = UnitBook([Unit(id="czj", name_zh="县财政局")])
    assert book.resolve("县财政局", "r")[0] == "czj"
    assert book.resolve("县城镇建设局", "r")[0] == "czjsj"
    assert book.resolve("县采种局", "r")[0] == "czj2"
    assert book.resolve("县档案馆", "r")[0] == "dag"
    _, note = _book().resolve("县医疗保障管理局", "r")
    assert "looks like the known '县医疗保障局'" in note


@pytest.mark.parametrize(
    "text,value,flagged",
    [
        ("2023年12月底前", dt.date(2023, 12, 31), False),
        ("6月底前", dt.date(2024, 6, 30), False),
        ("11月15日前", dt.date(2024, 11, 15), False),
        ("2月底前", dt.date(2024, 2, 29), False),
        ("每季度末", "ongoing", True),
        ("长期坚持", "ongoing", False),
        ("持续推进", "ongoing", False),
        ("常态化", "ongoing", False),
        ("3个月内", None, True),
        ("10个工作日内", None, True),
        ("2024年3月至6月", dt.date(2024, 6, 30), True),
        ("6月底前完成方案，12月底前全面完成", dt.date(2024, 12, 31), True),
        ("全年", dt.date(2024, 12, 31), True),  # due by the year's end, flagged: never silently "ongoing"
        ("视情况而定", None, True),
        ("", None, False),
    ],
)
def test_deadlines(text, value, flagged):
    d = parse_deadline(text, 2024)
    assert d.value == value and (d.flag is not None) == flagged
    assert d.text == (text.replace(" ", "") or None)


# ---------------------------------------------------------------- re-import, refusal, CLI


def test_reimport_keeps_ids_and_lists_changes(lists, tmp_path):
    _known(tmp_path)
    doc = tmp_path / "l.xlsx"
    write_xlsx(lists[0:1], doc)
    first = import_plan([doc], tmp_path)
    _write(first, tmp_path)
    old = {t["title_zh"]: t["id"] for t in _tasks(first)}
    # the revised document inserts a new item 1 in section 一 and changes a lead unit
    revised = [dict(lists[0], tables=[[r[:] for r in t] for t in lists[0]["tables"]])]
    table = revised[0]["tables"][0]
    table.insert(1, ["一、激发释放消费潜力(县科工信局总牵头）", "1.新增一项工作。", "内容。", "县商务局", "各相关单位"])
    table[2][0] = ""
    for r in table[2:]:
        if r[1][:1].isdigit():
            r[1] = f"{int(r[1].split('.')[0]) + 1}." + r[1].split(".", 1)[1]
    table[3][3] = "县发改局"
    write_xlsx(revised, doc)
    second = import_plan([doc], tmp_path)
    again = {t["title_zh"]: t for t in _tasks(second)}
    assert all(again[title]["id"] == tid for title, tid in old.items())
    assert again["支持刚性和改善型住房消费"]["lead_units"] == ["fgj"]
    # the seven old tasks of section 一 moved down one number (their source changed), one also changed its lead
    assert second.counts["added"] == 1 and second.counts["changed"] == 7 and second.counts["unchanged"] == 27
    assert "**a2-1.1.2**: changed: source, lead\\_units" in second.files["review"]
    assert "is now numbered a2-1.1.3; it keeps its id a2-1.1.2" in second.files["review"]
    assert again["新增一项工作"]["id"] == "a2-1.1.1-2"  # its number is taken by a task that kept its id


def test_another_document_is_added_beside_the_plan_never_over_it(tmp_path):
    shutil.copytree(DATA, tmp_path / "plan")
    before = yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    doc = tmp_path / "x.csv"
    doc.write_text("工作任务,牵头单位,完成时限\n1.完全不同的任务。,县财政局,2023年12月底前\n", encoding="utf-8")
    result = import_plan([doc], tmp_path / "plan")
    tasks = _tasks(result)
    assert tasks[: len(before)] == before  # the plan's own tasks, every field, in order
    assert [t["id"] for t in tasks[len(before) :]] == ["t.1"] and result.counts["added"] == 1
    assert result.counts.get("kept (not in the document)") == 0


def test_cli_import_dry_run_then_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "清单.csv"
    doc.write_text(
        "某县2024年重点工作任务清单\n工作任务,牵头单位,责任单位,完成时限\n"
        "1.新建城市书房3个。,县文旅局,县财政局,2024年12月底前\n"
        "2.推进老旧小区改造。,县住建局,各乡镇,长期坚持\n",
        encoding="gb18030",
    )
    runner = CliRunner()
    r = runner.invoke(app, ["plan", "import", str(doc), "--out", "p", "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "new unit 县文旅局 → id wlj" in r.stdout and not (tmp_path / "p").exists()
    r = runner.invoke(app, ["plan", "import", str(doc), "--out", "p"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "p" / "import-review.md").exists()
    r = runner.invoke(app, ["--data-dir", "p", "check"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["--data-dir", "p", "tasks"])
    assert "新建城市书房3个" in r.stdout


def test_cli_unreadable_file_is_one_line(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    r = CliRunner().invoke(app, ["plan", "import", str(bad), "--out", str(tmp_path / "p")])
    assert r.exit_code == 1
    assert "not a readable .docx" in r.stderr and "Traceback" not in r.output


def test_help_does_not_import_docx_or_pypinyin():
    import subprocess
    import sys

    code = "import sys, liupi_cli.cli.app; print('docx' in sys.modules, 'pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_table_without_numbers_numbers_tasks_by_row(tmp_path):
    doc = tmp_path / "简表.csv"
    doc.write_text(
        "重点任务,牵头单位,配合单位,完成时间\n修缮县城排水管网,县住建局,县财政局,2024年10月底前\n"
        "建设智慧停车场,县城管局,,2024年12月底前\n",
        encoding="utf-8",
    )
    result = import_plan([doc], _known(tmp_path), year=2024, battle="livelihood")
    tasks = _tasks(result)
    assert [(t["id"], t["title_zh"], t["lead_units"]) for t in tasks] == [
        ("t.1", "修缮县城排水管网", ["zjj"]),
        ("t.2", "建设智慧停车场", ["cgzfj"]),
    ]
    assert "tasks numbered by row" in result.files["review"]


def test_cli_unwritable_plan_folder_is_exit_5(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    doc = REPO / "examples" / "task-list-sample.docx"
    r = CliRunner().invoke(app, ["plan", "import", str(doc), "--out", str(blocker / "plan"), "--year", "2024"])
    assert r.exit_code == 5
    assert r.stderr.startswith(f"error: cannot write {blocker / 'plan'}") and "Traceback" not in r.output
