"""Each kind of target sentence read in full: besides kind, comparator, target and unit, the qualifier as
written (力争…以上, 控制在…以内, 原则上), whether it is a stretch aim, the starting point of a raised standard,
the confidence that decides whether it goes into the plan (0.8 and over) or only into the review, and the
reason an unsure reading gives."""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.targets import parse_target

NO_VERB = "a number with a unit but no verb of doing: cumulative?"
READINGS = [
    # stated, (kind, comparator, target, unit, qualifier, stretch, baseline, confidence, why)
    ("确保全县安全生产事故起数和死亡人数持续下降",
     ("double_decline", "at_most", None, "起", None, False, None, 0.9,
      "pairs two counts (events 起, deaths 人) judged against last year's same period")),
    ("城市低保标准从不低于600元/月提高到不低于650元/月",
     ("standard_raised", "at_least", 650, "元/月", "不低于", False, 600, 0.9, None)),
    ("杜绝较大事故", ("zero_events", "at_most", 0, "起", None, False, None, 0.8, None)),
    ("全县经济排名前10", ("ranking", "at_most", 10, "位", None, False, None, 0.85, None)),
    ("经济发展主要指标要在全市实现保位进类",
     ("ranking", "at_most", None, None, "保位进类", False, None, 0.6, "a ranking aim with no position")),
    ("固定资产投资增长11%左右", ("growth_rate", "about", 11, "%", "左右", False, None, 0.9, None)),
    ("力争地区生产总值增长8%以上", ("growth_rate", "at_least", 8, "%", "力争…以上", True, None, 0.9, None)),
    ("城镇调查失业率控制在5.5%左右", ("ceiling", "about", 5.5, "%", "控制在…左右", False, None, 0.85, None)),
    ("确保森林火灾受害率控制在0.9‰以内", ("ceiling", "at_most", 0.9, "‰", "控制在…以内", False, None, 0.85, None)),
    ("办结时间控制在5个工作日以内", ("ceiling", "at_most", 5, "个工作日", "控制在…以内", False, None, 0.85, None)),
    ("审批时限压缩至3天以内",
     ("ceiling", "at_most", 3, "天", "以内", False, None, 0.6, "a time limit: a ceiling, or a rule?")),
    ("力争服务业对经济增长贡献率超过35%", ("level", "at_least", 35, "%", "力争…超过", True, None, 0.75, None)),
    ("力争服务业对经济增长贡献率超过35%以上", ("level", "at_least", 35, "%", "力争…超过", True, None, 0.75, None)),
    ("力争农村自来水普及率达到90%", ("level", "at_least", 90, "%", "力争…达到", True, None, 0.75, None)),
    ("农村自来水普及率达到90%", ("level", "at_least", 90, "%", "达到", False, None, 0.75, None)),
    ("城镇化率提高1.5个百分点",
     ("level", "at_least", 1.5, "个百分点", None, False, None, 0.7, "a rise in points: set the baseline")),
    ("负有安全生产监督管理职责的部门每月研究一次安全生产工作",
     ("level", "at_least", 1, "次/月", None, False, None, 0.7, None)),
    ("原则上每季度召开一次联席会议", ("level", "at_least", 1, "次/季度", "原则上", False, None, 0.7, None)),
    ("6月底前完成项目验收", ("milestone", "equal", None, None, "前", False, None, 0.6, "a dated step: set `due`")),
    ("对重点领域实行执法全覆盖", ("level", "at_least", 100, "%", "全覆盖", False, None, 0.6, "全覆盖 read as 100%")),
    ("推动实施一批5000万元以上项目", ("cumulative", "at_least", 5000, "万元", "以上", False, None, 0.6, NO_VERB)),
    ("城镇新增就业3200人", ("cumulative", "at_least", 3200, "人", None, False, None, 0.8, None)),
    ("制定出台民生保障政策措施清单",
     ("milestone", "equal", None, None, None, False, None, 0.4, "a step with no number: a milestone? set `due`")),
    ("推广低镉水稻150亩左右", ("cumulative", "about", 150, "亩", "左右", False, None, 0.6, NO_VERB)),
    ("产量7.6万吨以上", ("cumulative", "at_least", 7.6, "万吨", "以上", False, None, 0.6, NO_VERB)),
    ("严禁新增政府隐性债务", ("zero_events", "at_most", 0, "起", "严禁", False, None, 0.8, None)),
    ("重大风险动态清零", ("zero_events", "at_most", 0, "起", "动态清零", False, None, 0.8, None)),
    ("实现生产安全零亡人", ("zero_events", "at_most", 0, "人", None, False, None, 0.8, None)),
    ("力争进入全省县域经济前十强", ("ranking", "at_most", 10, "位", "力争", True, None, 0.85, None)),
    ("位居全市前3名", ("ranking", "at_most", 3, "位", None, False, None, 0.85, None)),
    ("力争争先进位",
     ("ranking", "at_most", None, None, "争先进位", False, None, 0.6, "a ranking aim with no position")),
    ("失业率控制在5%以下", ("ceiling", "at_most", 5, "%", "控制在…以下", False, None, 0.85, None)),
    ("废水排放控制在3万吨以内", ("ceiling", "at_most", 3, "万吨", "控制在…以内", False, None, 0.85, None)),
    ("PM2.5浓度控制在30左右", ("ceiling", "about", 30, None, "控制在…左右", False, None, 0.6, "no unit")),
    ("空气优良率5.5%以下", ("ceiling", "at_most", 5.5, "%", "以下", False, None, 0.75, None)),
    ("审批时间15个工作日",
     ("ceiling", "at_most", 15, "个工作日", None, False, None, 0.6, "a time span: read as a ceiling")),
    ("力争耕地保有量稳定在21.9万亩左右", ("level", "about", 21.9, "万亩", "稳定在", True, None, 0.75, None)),
    ("力争新增两家规上企业",
     ("cumulative", "at_least", 2, "家", "力争", True, None, 0.6, "number written in characters")),
    ("新增五个示范点", ("cumulative", "at_least", 5, "个", None, False, None, 0.6, "number written in characters")),
    ("出台实施细则",
     ("milestone", "equal", None, None, None, False, None, 0.4, "a step with no number: a milestone? set `due`")),
    ("城乡居民收入从2万元提高到2.2万元", ("standard_raised", "at_least", 2.2, "万元", None, False, 2, 0.9, None)),
    ("全县GDP突破100亿元以上", ("cumulative", "at_least", 100, "亿元", "突破…以上", False, None, 0.8, None)),
    ("引进项目超过3-5个", ("cumulative", "at_least", 3, "个", "超过", False, None, 0.8, None)),
    ("达到90％以上", ("level", "at_least", 90, "%", "以上", False, None, 0.75, None)),
    ("完成50%", ("level", "at_least", 50, "%", None, False, None, 0.75,
               "a share with no 率/达到: check it is a level")),
]


# ids are numbers: mutmut hands test ids back to pytest, and an id in Chinese is then not found
@pytest.mark.parametrize("stated,reading", READINGS, ids=[f"reading{i}" for i in range(len(READINGS))])
def test_a_target_sentence_read_in_full(stated, reading):
    c = parse_target(stated)
    assert c is not None
    assert (c.kind, c.comparator, c.target, c.unit, c.qualifier, c.stretch, c.baseline, c.confidence,
            c.why) == reading
    assert c.stated == stated


def test_a_task_s_text_is_split_into_the_clauses_that_may_state_a_target():
    text = ("（1）城市低保标准从600元提高到650元、农村低保标准从400元提高到450元。2.新增就业3000人，新建学校2所；"
            "杜绝重大事故\n加强宣传，提升形象")
    from liupi_cli.plan_import.targets import clauses

    assert clauses(text) == ["城市低保标准从600元提高到650元", "农村低保标准从400元提高到450元", "新增就业3000人",
                             "新建学校2所", "杜绝重大事故"]
    assert parse_target("  。") is None
