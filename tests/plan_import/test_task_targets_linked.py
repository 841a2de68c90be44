"""The targets a task's text states: one the plan has already (its stated text) is linked, not made again;
an indicator already pointing at the task stays linked first; a sure new reading becomes an indicator of the
task (id task.iN, named from the sentence's subject, the task's lead unit leading it) and is said in the
review; a sentence stated twice (goal and text) is read once."""

from __future__ import annotations

from liupi_cli.models import Indicator
from liupi_cli.plan_import.build import build
from liupi_cli.plan_import.outline import RawTask, TaskList

JOBS = Indicator.model_validate(dict(id="jobs", name_zh="城镇新增就业", name_en="", battle="b1", kind="cumulative",
                                     comparator="at_least", unit="人", target=3200, frequency="annual", source="x",
                                     stated="城镇新增就业3200人", task="a1.2"))


def _built():
    tl = TaskList("a.csv", "附件1", "t", "r0", tasks=[
        RawTask(path=[1], source_path="1", title="稳就业", ref="r1", lead="县人社局",
                text="城镇新增就业3200人；新建高标准农田4500亩；力争地区生产总值增长8%以上"),
        RawTask(path=[2], source_path="2", title="促消费", ref="r2", lead="县商务局", goal="社会消费品零售总额增长8.5%",
                text="社会消费品零售总额增长8.5%")])
    return build([tl], [], [], [JOBS], 2024, None)


def test_known_targets_are_linked_and_new_ones_made_once():
    out = _built()
    assert [t.get("indicators") for t in out.tasks] == [["jobs", "a1.1.i1", "a1.1.i2"], ["jobs", "a1.2.i1"]]
    assert [(c[0], c[1].stated, c[2]) for c in out.candidates] == [
        ("a1.1", "新建高标准农田4500亩", "r1"), ("a1.1", "力争地区生产总值增长8%以上", "r1"),
        ("a1.2", "社会消费品零售总额增长8.5%", "r2")]


def test_a_new_indicator_is_the_task_s_and_names_its_sentence():
    by_id = {i["id"]: i for i in _built().indicators}
    assert by_id["a1.1.i2"] == {
        "id": "a1.1.i2", "name_zh": "地区生产总值", "name_en": "", "battle": "b1", "kind": "growth_rate",
        "comparator": "at_least", "qualifier": "力争…以上", "stretch": True, "target": 8, "unit": "%",
        "frequency": "annual", "lead_unit": "rsj", "source": "附件1 1", "stated": "力争地区生产总值增长8%以上",
        "task": "a1.1", "note": "imported (confidence 0.9): check kind, target and frequency"}
    assert (by_id["a1.2.i1"]["target"], by_id["a1.2.i1"]["lead_unit"]) == (8.5, "swj")
    assert list(by_id["a1.1.i1"])[0] == "id"


def test_each_new_indicator_is_said_at_its_task():
    said = [(r.ref, r.message, r.task) for r in _built().review if r.message.startswith("indicator")]
    assert said == [
        ("r1", "indicator a1.1.i1 read from '新建高标准农田4500亩': cumulative at_least 4500亩 (confidence 0.8; "
               "frequency set to annual)", "a1.1"),
        ("r1", "indicator a1.1.i2 read from '力争地区生产总值增长8%以上': growth_rate at_least 8% (confidence 0.9; "
               "frequency set to annual)", "a1.1"),
        ("r2", "indicator a1.2.i1 read from '社会消费品零售总额增长8.5%': growth_rate at_least 8.5% (confidence 0.9; "
               "frequency set to annual)", "a1.2"),
    ]


def test_an_unsure_reading_goes_to_the_review_only_with_its_reason():
    tl = TaskList("a.csv", None, None, "r0", tasks=[
        RawTask(path=[1], source_path="1", title="抓项目", ref="r1", lead="县发改局",
                text="推动实施一批5000万元以上项目；对重点领域实行执法全覆盖")])
    out = build([tl], [], [], [], 2024, None)
    assert out.indicators == [] and "indicators" not in out.tasks[0]
    said = [(r.ref, r.message, r.task) for r in out.review if r.message.startswith("possible target")]
    assert said == [
        ("r1", "possible target '推动实施一批5000万元以上项目': cumulative at_least 5000万元 (confidence 0.6 — "
               "a number with a unit but no verb of doing: cumulative?); not added", "t.1"),
        ("r1", "possible target '对重点领域实行执法全覆盖': level at_least 100% (confidence 0.6 — "
               "全覆盖 read as 100%); not added", "t.1"),
    ]
    assert [c[1].stated for c in out.candidates] == ["推动实施一批5000万元以上项目", "对重点领域实行执法全覆盖"]


def test_a_task_with_no_title_takes_the_first_thirty_characters_of_its_text():
    text = "加强城乡环境综合整治全面提升城乡人居环境质量和水平推动美丽乡村建设取得新成效"
    tl = TaskList("a.csv", None, None, "r0", tasks=[RawTask(path=[1], source_path="1", title="", ref="r1",
                                                            lead="县住建局", text=text)])
    out = build([tl], [], [], [], 2024, None)
    assert out.tasks[0]["title_zh"] == text[:30] and len(text) > 31
    assert ("r1", "no title: the first words of the text used", "t.1") in [(r.ref, r.message, r.task)
                                                                           for r in out.review]
