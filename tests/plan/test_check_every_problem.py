"""`liupi check` finds each kind of problem a county office writes into its plan, at the line it is written on,
with the field's path, the message, the hint (in English and in Chinese) and whether it is an error or a warning.

One slip per case, made in a copy of the small test plan; the problems found are exactly the expected ones (besides
the warning the small plan always carries about an indicator's conflicting targets)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from liupi_cli.errors import PlanUnreadable
from liupi_cli.plan import check_plan


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


UNIQUE = "ids must be unique"
UNIT_HINT = "add it to units: in targets.yaml"

# (case, file, edits (old -> new, each old written once), the line's anchor (text on the line of the first problem
#  in that file), [(path, message, hint, severity)], the first problem's message and hint in Chinese)
CASES = [
    ("unknown_section", "targets.yaml", [("settings:\n", "extras: 1\nsettings:\n")], "extras: 1",
     [("extras", "unknown section 'extras'", "sections are plan, settings, units, battles, indicators", "error")],
     ("未知的段“extras”", "可用的段：`plan`、`settings`、`units`、`battles`、`indicators`")),
    ("unknown_task_section", "tasks.yaml", [("tasks:\n", "notes: 1\ntasks:\n")], "notes: 1",
     [("notes", "unknown section 'notes'", "tasks.yaml holds one section: tasks", "error")],
     ("未知的段“notes”", "tasks.yaml 只有一个段：`tasks`")),
    ("tasks_not_a_list", "tasks.yaml", [("tasks:\n- id: t1\n", "tasks: 5\nold:\n- id: t1\n")], "- id: t1",
     [("old", "unknown section 'old'", "tasks.yaml holds one section: tasks", "error"),
      ("tasks", "must be a list", "write each entry as `- id: …` under `tasks:`", "error"),
      ("indicators[4].task", "unknown task 't1'", None, "error"),
      ("indicators[6].task", "unknown task 't2'", None, "error")],
     ("未知的段“old”", "tasks.yaml 只有一个段：`tasks`")),
    ("duplicate_unit", "targets.yaml", [("- id: yjj\n  name_zh: 县应急管理局\n",
                                         "- id: rsj\n  name_zh: 县应急管理局\n")],
     "- id: rsj\n  name_zh: 县应急管理局",
     [("units[2].id", "duplicate id 'rsj' (first at line 18)", UNIQUE, "error"),
      ("battles[1].responsible_units[0]", "unknown unit 'yjj'", UNIT_HINT, "error"),
      ("indicators[9].lead_unit", "unknown unit 'yjj'", UNIT_HINT, "error"),
      ("indicators[10].lead_unit", "unknown unit 'yjj'", UNIT_HINT, "error"),
      ("indicators[11].lead_unit", "unknown unit 'yjj'", UNIT_HINT, "error"),
      ("tasks[2].lead_units[0]", "unknown unit 'yjj'", UNIT_HINT, "error")],
     ("编号“rsj”重复（首次出现在第18行）", "编号不能重复")),
    ("unit_name_twice", "targets.yaml", [("name_zh: 县应急管理局", "name_zh: 县人社局")], "- id: rsj",
     [("units[1]", "unit name '县人社局' is used by more than one unit", "names must be unique", "error"),
      ("units[2]", "unit name '县人社局' is used by more than one unit", "names must be unique", "error")],
     ("单位名称“县人社局”被多个单位使用", "名称不能重复")),
    ("alias_twice", "targets.yaml", [("name_zh: 县应急管理局", "name_zh: 县应急管理局\n  aliases: [人社局]")],
     "- id: rsj",
     [("units[1]", "unit name '人社局' is used by more than one unit", "names must be unique", "error"),
      ("units[2]", "unit name '人社局' is used by more than one unit", "names must be unique", "error")],
     ("单位名称“人社局”被多个单位使用", "名称不能重复")),
    ("unknown_parent", "targets.yaml", [("- id: yjj\n", "- id: yjj\n  parent: nobody\n")], "parent: nobody",
     [("units[2].parent", "unknown unit 'nobody'", None, "error")], ("未知单位“nobody”", None)),
    ("parent_loop", "targets.yaml", [("- id: rsj\n", "- id: rsj\n  parent: yjj\n"),
                                     ("- id: yjj\n", "- id: yjj\n  parent: rsj\n")], "parent: yjj",
     [("units[1].parent", "units are their own parent: rsj → yjj → rsj",
       "a parent is the unit above; one of these parents is wrong", "error")],
     ("单位互为上级：rsj → yjj → rsj", "`parent` 是上一级单位；其中有一个写错了")),
    ("battle_unit", "targets.yaml", [("responsible_units: [yjj]", "responsible_units: [yjjj]")],
     "responsible_units: [yjjj]",
     [("battles[1].responsible_units[0]", "unknown unit 'yjjj'", "did you mean yjj?", "error")],
     ("未知单位“yjjj”", "是否要找：yjj？")),
    ("battle_lead_unit", "targets.yaml", [("  lead_unit: fgj\n  source: 附件1 1",
                                           "  lead_unit: fgjx\n  source: 附件1 1")],
     "lead_unit: fgjx",
     [("battles[0].lead_unit", "unknown unit 'fgjx'", "did you mean fgj?", "error")],
     ("未知单位“fgjx”", "是否要找：fgj？")),
    ("indicator_battle", "targets.yaml", [("  battle: growth\n  kind: ranking", "  battle: grwoth\n  kind: ranking")],
     "battle: grwoth",
     [("indicators[5].battle", "unknown battle 'grwoth'", "did you mean growth?", "error")],
     ("未知战役“grwoth”", "是否要找：growth？")),
    ("indicator_lead_unit", "targets.yaml", [("  lead_unit: rsj\n  task: t2", "  lead_unit: rs\n  task: t2")],
     "lead_unit: rs\n",
     [("indicators[6].lead_unit", "unknown unit 'rs'", "did you mean rsj?", "error")],
     ("未知单位“rs”", "是否要找：rsj？")),
    ("indicator_unknown_task", "targets.yaml", [("  task: t2\n", "  task: t22\n")], "task: t22",
     [("indicators[6].task", "unknown task 't22'", "did you mean t2?", "error")],
     ("未知任务“t22”", "是否要找：t2？")),
    ("indicator_task_not_listing", "targets.yaml", [("  task: t2\n", "  task: t3\n")], "task: t3",
     [("indicators[6].task", "task 't3' does not list this indicator",
       "add new_urban_jobs to that task's indicators in tasks.yaml", "warning")],
     ("任务“t3”的指标清单中没有本指标", "请在 tasks.yaml 中把 new_urban_jobs 加入该任务的 `indicators`")),
    ("due_after_the_window", "targets.yaml", [("due: 2023-08-31", "due: 2029-01-01")], "due: 2029",
     [("indicators[4].due", "due date 2029-01-01 is outside 2022..2028", "check the year", "error")],
     ("完成日期 2029-01-01 超出 2022..2028", "请检查年份")),
    ("due_before_the_window", "targets.yaml", [("due: 2023-08-31", "due: 2021-12-31")], "due: 2021",
     [("indicators[4].due", "due date 2021-12-31 is outside 2022..2028", "check the year", "error")],
     ("完成日期 2021-12-31 超出 2022..2028", "请检查年份")),
    ("deadline_before_the_window", "tasks.yaml", [("deadline: 2023-05-31", "deadline: 2021-12-31")],
     "deadline: 2021",
     [("tasks[3].deadline", "deadline 2021-12-31 is outside 2022..2028", "check the year", "error")],
     ("完成时限 2021-12-31 超出 2022..2028", "请检查年份")),
    ("deadline_after_the_window", "tasks.yaml", [("deadline: 2023-05-31", "deadline: 2029-01-01")],
     "deadline: 2029",
     [("tasks[3].deadline", "deadline 2029-01-01 is outside 2022..2028", "check the year", "error")],
     ("完成时限 2029-01-01 超出 2022..2028", "请检查年份")),
    ("group_of_one", "targets.yaml", [("group: accidents\n  frequency: monthly\n  lead_unit: yjj\n"
                                       "  source: main 二(五)\n- id: accident_deaths",
                                       "group: accidentz\n  frequency: monthly\n  lead_unit: yjj\n"
                                       "  source: main 二(五)\n- id: accident_deaths")], "group: accidentz",
     [("indicators[10].group", "double-decline group 'accidentz' has 1 indicator(s): accident_count",
       "a group pairs exactly two counts: events and deaths", "error"),
      ("indicators[11].group", "double-decline group 'accidents' has 1 indicator(s): accident_deaths",
       "a group pairs exactly two counts: events and deaths", "error")],
     ("双下降组“accidentz”有1个指标：accident_count", "一组恰好两个指标：起数和死亡人数")),
    ("task_battle", "tasks.yaml", [("- id: t4\n  battle: growth", "- id: t4\n  battle: growht")], "battle: growht",
     [("tasks[3].battle", "unknown battle 'growht'", "did you mean growth?", "error")],
     ("未知战役“growht”", "是否要找：growth？")),
    ("task_lead_unit", "tasks.yaml", [("lead_units: [yjj]", "lead_units: [yjjx]")], "lead_units: [yjjx]",
     [("tasks[2].lead_units[0]", "unknown unit 'yjjx'", "did you mean yjj?", "error")],
     ("未知单位“yjjx”", "是否要找：yjj？")),
    ("task_responsible_unit", "tasks.yaml", [("responsible_units: [rsj]", "responsible_units: [zzz]")],
     "responsible_units: [zzz]",
     [("tasks[0].responsible_units[0]", "unknown unit 'zzz'", UNIT_HINT, "error")],
     ("未知单位“zzz”", "请在 targets.yaml 的 `units:` 下添加")),
    ("task_section_lead", "tasks.yaml", [("- id: t4\n", "- id: t4\n  section_lead: fgg\n")], "section_lead: fgg",
     [("tasks[3].section_lead", "unknown unit 'fgg'", "did you mean fgj?", "error")],
     ("未知单位“fgg”", "是否要找：fgj？")),
    ("task_indicator", "tasks.yaml", [("indicators: [new_urban_jobs]", "indicators: [new_urban_job]")],
     "indicators: [new_urban_job]",
     [("indicators[6].task", "task 't2' does not list this indicator",
       "add new_urban_jobs to that task's indicators in tasks.yaml", "warning"),
      ("tasks[1].indicators[0]", "unknown indicator 'new_urban_job'", "did you mean new_urban_jobs?", "error")],
     ("未知指标“new_urban_job”", "是否要找：new_urban_jobs？")),
    ("task_shares_an_indicator_id", "tasks.yaml", [("- id: t4\n", "- id: county_rank\n")], "- id: county_rank",
     [("tasks[3].id", "id 'county_rank' is also an indicator's id (targets.yaml line 100)",
       "give the task and the indicator different ids", "error")],
     ("编号“county_rank”也是一个指标的编号（targets.yaml 第100行）", "请给任务和指标不同的编号")),
    ("target_to_be_set", "targets.yaml", [("  target: 3200\n", "  to_be_set: [target]\n")], "- id: new_urban_jobs",
     [("indicators[6].target", "new_urban_jobs: target to be set (城镇新增就业); judged grey until it is",
       "write `target:` for it (or fill targets-to-fill.csv: liupi plan fill FILE)", "warning")],
     ("new_urban_jobs：目标待定（城镇新增就业）；确定前评为灰灯",
      "请写上 `target:`（或填写 `targets-to-fill.csv` 后运行 `liupi plan fill 文件`）")),
    ("due_to_be_set", "targets.yaml", [("  due: 2023-08-31\n", "  to_be_set: [due]\n")], "- id: power_project_start",
     [("indicators[4].due", "power_project_start: due date to be set (抽水蓄能项目开工); judged grey until it is",
       "write `due:` for it (or fill targets-to-fill.csv: liupi plan fill FILE)", "warning")],
     ("power_project_start：完成日期待定（抽水蓄能项目开工）；确定前评为灰灯",
      "请写上 `due:`（或填写 `targets-to-fill.csv` 后运行 `liupi plan fill 文件`）")),
    ("set_but_still_listed", "targets.yaml", [("  target: 3200\n", "  target: 3200\n  to_be_set: [target]\n")],
     "to_be_set: [target]",
     [("indicators[6].to_be_set", "new_urban_jobs: target is set (3200.0) but still listed in to_be_set",
       "remove target from to_be_set", "warning")],
     ("new_urban_jobs：`target` 已确定（3200.0），但仍列在 `to_be_set` 中", "请把 `target` 从 `to_be_set` 中删去")),
    ("link_to_another_kind", "targets.yaml", [("- id: air_quality\n", "- id: air_quality\n  linked_to: gdp_growth\n")],
     "linked_to: gdp_growth",
     [("indicators[8].linked_to", "linked to 'gdp_growth', a growth_rate in %; this is a level in %",
       "link figures that can be compared: a growth rate to a growth rate", "error")],
     ("关联到“gdp_growth”（growth_rate，单位 %）；本指标是 level，单位 %", "只能关联可比的数据：增速对增速")),
    ("link_to_another_unit", "targets.yaml", [("- id: county_rank\n", "- id: county_rank\n  linked_to: gdp_growth\n")],
     "linked_to: gdp_growth",
     [("indicators[5].linked_to", "linked to 'gdp_growth', a growth_rate in %; this is a ranking in 位",
       "link figures that can be compared: a growth rate to a growth rate", "error")],
     ("关联到“gdp_growth”（growth_rate，单位 %）；本指标是 ranking，单位 位", "只能关联可比的数据：增速对增速")),
    ("link_to_no_indicator", "targets.yaml", [("- id: air_quality\n", "- id: air_quality\n  linked_to: gdp_grwth\n")],
     "linked_to: gdp_grwth",
     [("indicators[8].linked_to", "unknown indicator 'gdp_grwth'", "did you mean gdp_growth?", "error")],
     ("未知指标“gdp_grwth”", "是否要找：gdp_growth？")),
    ("misspelt_field", "targets.yaml", [("  qualifier: 前十强\n", "  qualifer: 前十强\n")], "qualifer:",
     [("indicators[5].qualifer", "Extra inputs are not permitted", "did you mean `qualifier`?", "error")],
     ("不认识的字段", "是否应为 `qualifier`？")),
    ("unknown_field", "targets.yaml", [("  qualifier: 前十强\n", "  zzz: 前十强\n")], "zzz:",
     [("indicators[5].zzz", "Extra inputs are not permitted",
       "known fields: also_in, alternatives, baseline, battle, co_lead_units, comparator, due, frequency, group, id, "
       "judged_because, kind, lead_unit, lights, linked_to, name_en, name_zh, note, prescore_weight, qualifier, "
       "source, stated, stock, stretch, target, task, to_be_set, unit, year_to_date", "error")],
     ("不认识的字段", "可用字段：also_in, alternatives, baseline, battle, co_lead_units, comparator, due, frequency, "
                "group, id, judged_because, kind, lead_unit, lights, linked_to, name_en, name_zh, note, "
                "prescore_weight, qualifier, source, stated, stock, stretch, target, task, to_be_set, unit, "
                "year_to_date")),
    ("unknown_comparator", "targets.yaml", [("comparator: equal", "comparator: equals")], "comparator: equals",
     [("indicators[4].comparator", "Input should be 'at_least', 'more_than', 'about', 'at_most' or 'equal'",
       "one of at_least, more_than, about, at_most, equal", "error")],
     ("应为 'at_least'、'more_than'、'about'、'at_most' 或 'equal'",
      "可选：at_least, more_than, about, at_most, equal")),
    ("unknown_frequency", "targets.yaml", [("frequency: once\n  due", "frequency: weekly\n  due")],
     "frequency: weekly",
     [("indicators[4].frequency", "Input should be 'monthly', 'quarterly', 'annual' or 'once'",
       "one of monthly, quarterly, annual, once", "error")],
     ("应为 'monthly'、'quarterly'、'annual' 或 'once'", "可选：monthly, quarterly, annual, once")),
    ("uppercase_id", "targets.yaml", [("- id: air_quality\n", "- id: Air_quality\n")], "- id: Air_quality",
     [("indicators[8].id", "String should match pattern '^[a-z0-9][a-z0-9_.\\-]*$'",
       "ids are lowercase ascii: letters, digits, _ . -", "error")],
     ("应符合格式“^[a-z0-9][a-z0-9_.\\-]*$”", "编号只能用小写英文字母、数字和 `_ . -`")),
    ("missing_field", "targets.yaml", [("  name_en: Good air days\n", "")], "- id: air_quality",
     [("indicators[8].name_en", "Field required", None, "error")], ("缺少必填字段", None)),
    ("february_30th_deadline", "tasks.yaml", [("deadline: 2023-05-31", "deadline: 2023-02-30")],
     "deadline: 2023-02-30",
     [("tasks[3].deadline",
       "deadline is a date (2023-12-31), 'ongoing', or empty; '2023-02-30' is not (day is out of range for month)",
       None, "error")],
     ("`deadline` 应为日期（2023-12-31）、`ongoing` 或留空；不能是“2023-02-30”（该月没有这一天）", None)),
    ("thirteenth_month_deadline", "tasks.yaml", [("deadline: 2023-05-31", "deadline: 2023-13-01")],
     "deadline: 2023-13-01",
     [("tasks[3].deadline",
       "deadline is a date (2023-12-31), 'ongoing', or empty; '2023-13-01' is not (month must be in 1..12)",
       None, "error")],
     ("`deadline` 应为日期（2023-12-31）、`ongoing` 或留空；不能是“2023-13-01”（月份须在 1..12）", None)),
    ("hidden_character_in_a_unit_name", "targets.yaml", [("name_zh: 县应急管理局", "name_zh: 县应急\u200b管理局")],
     "name_zh: 县应急",
     [("units[2].name_zh", "unit name '县应急[U+200B]管理局' holds U+200B (zero width space)",
       "delete the character(s) a reader cannot see; documents matched against it may miss it", "warning")],
     ("单位名称“县应急[U+200B]管理局”含有U+200B (zero width space)",
      "请删除看不见的字符；否则与之比对的文件可能匹配不上")),
    ("look_alike_unit_names", "targets.yaml", [("name_zh: 县应急管理局", "name_zh: 县应急管理局(安委办)"),
                                               ("aliases: [人社局]", "aliases: [人社局, 县应急管理局（安委办）]")],
     "name_zh: 县应急管理局(",
     [("units[2].name_zh", "unit name '县应急管理局(安委办)' of yjj looks like '县应急管理局（安委办）' of rsj: they "
       "differ only in full/half width, spaces or invisible characters",
       "the same unit? keep one, add the other spelling to its aliases, and use its id", "warning")],
     ("yjj 的单位名称“县应急管理局(安委办)”与 rsj 的“县应急管理局（安委办）”只差全角/半角、空格或不可见字符",
      "是同一单位吗？请保留一个，把另一种写法加入它的 `aliases`，并使用它的编号")),
    ("hidden_character_in_an_alias", "targets.yaml", [("aliases: [人社局]", 'aliases: [人社局, "人\u00ad社"]')],
     "aliases: [人社局,",
     [("units[1].aliases[1]", "unit name '人[U+00AD]社' holds U+00AD (soft hyphen)",
       "delete the character(s) a reader cannot see; documents matched against it may miss it", "warning")],
     ("单位名称“人[U+00AD]社”含有U+00AD (soft hyphen)", "请删除看不见的字符；否则与之比对的文件可能匹配不上")),
]


def _baseline(problem) -> bool:
    """The small plan's own warning: an indicator with other targets in the document and the reason given."""
    return problem.path == "indicators[1]" and "conflicting targets" in problem.message


@pytest.mark.parametrize("case", CASES, ids=plain_id)
def test_check_finds_the_problem_where_it_is_written(tmp_path, case):
    _, name, edits, anchor, expected, (zh_message, zh_hint) = case
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    path = data / name
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")

    plan, problems = check_plan(data)
    found = [p for p in problems if not _baseline(p)]
    assert [(p.path, p.message, p.hint, p.severity) for p in found] == expected
    first = next(p for p in found if Path(p.file) == path)  # the first problem in the file edited
    assert first.line == text[:text.index(anchor)].count("\n") + 1
    assert first.message.text("zh") == zh_message
    assert (first.hint.text("zh") if first.hint else None) == zh_hint
    assert (plan is None) == any(sev == "error" for *_, sev in expected)
    if plan is not None:
        assert [(w.path, w.message) for w in plan.warnings if not _baseline(w)] == [(p, m) for p, m, _, _ in expected]


@pytest.mark.parametrize("name", ["targets.yaml", "tasks.yaml"], ids=plain_id)
def test_a_file_that_is_no_mapping_is_unreadable_at_its_first_line(tmp_path, name):
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    (data / name).write_text("- tasks:\n  - id: t1\n", encoding="utf-8")
    with pytest.raises(PlanUnreadable) as exc:
        check_plan(data)
    assert (exc.value.message, exc.value.hint) == (
        f"{data / name}:1: expected a mapping at the top (plan:, units:, …)",
        "see the README's section on the data files")


def test_a_missing_plan_folder_is_unreadable(tmp_path):
    with pytest.raises(PlanUnreadable) as exc:
        check_plan(tmp_path / "nowhere")
    assert exc.value.message == f"{tmp_path / 'nowhere'}: no such data directory"
    assert exc.value.hint.startswith("pass --data-dir DIR or set LIUPI_HOME")


def test_a_space_in_a_unit_name_is_seen_and_not_flagged(tmp_path):
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    path = data / "targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name_zh: 县应急管理局", "name_zh: 县应急管理局 (安委办)"),
                    encoding="utf-8")
    plan, problems = check_plan(data)
    assert plan is not None and [p for p in problems if not _baseline(p)] == []
    assert plan.unit_id("县应急管理局 (安委办)") == "yjj"


@pytest.mark.parametrize("old,new,path,message", [
    ("due: 2023-08-31", "due: 2023-02-30", "indicators[4].due",
     "Input should be a valid date or datetime, day value is outside expected range"),
    ("due: 2023-08-31", "due: 2023-13-01", "indicators[4].due",
     "Input should be a valid date or datetime, month value is outside expected range of 1-12"),
    ("issued: 2023-03-06", "issued: 2023-02-30", "plan.issued",
     "Input should be a valid date or datetime, day value is outside expected range"),
], ids=plain_id)
def test_an_impossible_date_in_targets_yaml_is_an_error_at_its_line(tmp_path, old, new, path, message):
    data = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", data)
    target = data / "targets.yaml"
    text = target.read_text(encoding="utf-8").replace(old, new)
    target.write_text(text, encoding="utf-8")
    plan, problems = check_plan(data)
    assert plan is None
    assert [(p.line, p.path, p.message, p.severity) for p in problems if not _baseline(p)] == [
        (text[:text.index(new)].count("\n") + 1, path, message, "error")]
