"""Target sentences: the plan's own `stated` clauses (data/targets.yaml) read back by the importer.

Each row: the clause, then the kind, comparator, target and unit the plan's hand transcription gives it.
"""

from __future__ import annotations

import pytest

from liupi_cli.plan_import.targets import clauses, parse_target

PHRASINGS = [
    ("地区生产总值增长8%以上", "growth_rate", "at_least", 8, "%"),
    ("第一产业增加值增长3.4%", "growth_rate", "at_least", 3.4, "%"),
    ("社会消费品零售总额增长8.5%", "growth_rate", "at_least", 8.5, "%"),
    ("固定资产投资增长11%左右", "growth_rate", "about", 11, "%"),
    ("规模工业增加值增长9.5%", "growth_rate", "at_least", 9.5, "%"),
    ("服务业增加值增长8.4%", "growth_rate", "at_least", 8.4, "%"),
    ("经济发展主要指标要在全市实现保位进类", "ranking", "at_most", None, None),
    ("研发经费投入增长13%", "growth_rate", "at_least", 13, "%"),
    ("争取省以上科技计划项目3项以上", "cumulative", "at_least", 3, "项"),
    ("新认定高新技术企业6家以上", "cumulative", "at_least", 6, "家"),
    ("高新技术产业增加值增长10%以上", "growth_rate", "at_least", 10, "%"),
    ("不发生区域性、系统性金融风险", "zero_events", "at_most", 0, "起"),
    ("坚决杜绝重特大事故", "zero_events", "at_most", 0, "起"),
    ("坚决杜绝较大及以上安全事故（含非生产经营性事故）", "zero_events", "at_most", 0, "起"),
    ("确保全县安全生产事故起数和死亡人数持续下降", "double_decline", "at_most", None, "起"),
    ("城镇新增就业3200人", "cumulative", "at_least", 3200, "人"),
    ("城镇调查失业率控制在5.5%左右", "ceiling", "about", 5.5, "%"),
    ("力争服务业对经济增长贡献率超过35%", "level", "at_least", 35, "%"),
    ("铺排市重点项目14个", "cumulative", "at_least", 14, "个"),
    ("年度计划投资39.5亿元", "cumulative", "at_least", 39.5, "亿元"),
    ("外贸进出口总额增长25%以上", "growth_rate", "at_least", 25, "%"),
    ("争取湘商回归新注册企业达5家", "cumulative", "at_least", 5, "家"),
    ("项目投资超30亿元", "cumulative", "at_least", 30, "亿元"),
    ("争取落地1-2个标志性项目", "cumulative", "at_least", 1, "个"),
    ("推进营商环境政府、园区和部门评价考核“三个全覆盖”", "level", "at_least", 100, "%"),
    ("坚决防止违规举债、 虚假化债", "zero_events", "at_most", 0, "起"),
    ("推动人、中两院优质医疗资源合并重组", "milestone", "equal", None, None),
    ("总量突破100亿元", "cumulative", "at_least", 100, "亿元"),
    ("文旅产业和竹木产业增长20%以上", "growth_rate", "at_least", 20, "%"),
    ("产业园区亩均税收增长15%", "growth_rate", "at_least", 15, "%"),
    ("地方一般公共预算收入增长8%", "growth_rate", "at_least", 8, "%"),
    ("力争社会消费品零售总额突破34亿元", "cumulative", "at_least", 34, "亿元"),
    ("技术合同交易成交额增长15%以上", "growth_rate", "at_least", 15, "%"),
    ("新增高价值发明专利4件以上", "cumulative", "at_least", 4, "件"),
    ("力争新引进高新竹木企业2家以上", "cumulative", "at_least", 2, "家"),
    ("开发竹木新产品6个以上", "cumulative", "at_least", 6, "个"),
    ("严禁新增政府隐性债务", "zero_events", "at_most", 0, "起"),
    ("负有安全生产监督管理职责的部门每月研究一次安全生产工作", "level", "at_least", 1, "次/月"),
    ("道路交通实现事故起数和死亡人数双下降", "double_decline", "at_most", None, "起"),
    ("坚决“杜绝较大及以上安全事故”发生", "zero_events", "at_most", 0, "起"),
    ("对重点领域实行执法全覆盖", "level", "at_least", 100, "%"),
    ("每季度公开曝光一批“非法违法”典型案例", "level", "at_least", 1, "批/季度"),
    ("安装铁塔视频监控，实现重点区域全覆盖", "level", "at_least", 100, "%"),
    ("确保森林火灾受害率控制在0.9‰以内", "ceiling", "at_most", 0.9, "‰"),
    ("制定出台民生保障政策措施清单", "milestone", "equal", None, None),
    ("游客人数、旅游收入增加15%以上", "growth_rate", "at_least", 15, "%"),
    ("全县新增批发、零售、住宿、餐饮企业5家以上", "cumulative", "at_least", 5, "家"),
    ("2023年铺排省级重点项目2个", "cumulative", "at_least", 2, "个"),
    ("县重点项目40个以上", "cumulative", "at_least", 40, "个"),
    ("年度计划投资增长12%", "growth_rate", "at_least", 12, "%"),
    ("建设仓储平台5000平方米", "cumulative", "at_least", 5000, "平方米"),
    ("分拣中心3000平方米", "cumulative", "at_least", 3000, "平方米"),
    ("物流集散分拨2000平方米", "cumulative", "at_least", 2000, "平方米"),
    ("建设标准仓9000平方米", "cumulative", "at_least", 9000, "平方米"),
    ("冷库1000平方米", "cumulative", "at_least", 1000, "平方米"),
    ("充电桩650平方米", "cumulative", "at_least", 650, "平方米"),
    ("实现5G基站县城规划区和乡镇集中区全覆盖", "level", "at_least", 100, "%"),
    ("县城区实现5G网络全覆盖", "level", "at_least", 100, "%"),
    ("新建高标准农田4500亩", "cumulative", "at_least", 4500, "亩"),
    ("改造提升4200亩", "cumulative", "at_least", 4200, "亩"),
    ("全年引进投资亿元以上项目9个", "cumulative", "at_least", 9, "个"),
    ("10亿元以上项目1个", "cumulative", "at_least", 1, "个"),
    ("新培育年产值5亿元以上企业1家", "cumulative", "at_least", 1, "家"),
    ("2亿元以上企业5家", "cumulative", "at_least", 5, "家"),
    ("全县新增规模以上工业企业6家以上", "cumulative", "at_least", 6, "家"),
    ("新增专精特新企业4家以上", "cumulative", "at_least", 4, "家"),
    ("并网55万千瓦风电", "cumulative", "at_least", 55, "万千瓦"),
    ("力争园区规模工业增加值增速10%", "growth_rate", "at_least", 10, "%"),
    ("完成园区三类低效土地的清理与国有闲置标准厂房的处置任务", "milestone", "equal", None, None),
    ("产量7.6万吨以上", "cumulative", "at_least", 7.6, "万吨"),
    ("推广低镉水稻150亩左右", "cumulative", "about", 150, "亩"),
    ("力争种业产值达15000元", "cumulative", "at_least", 15000, "元"),
]


def test_at_least_sixty_phrasings():
    assert len(PHRASINGS) >= 60


@pytest.mark.parametrize(
    "stated,kind,comparator,target,unit",
    [
        ("力争实施1个以上单体投资超过10亿元的产业项目", "cumulative", "at_least", 1, "个"),  # the count, not the size
        ("10亿元以上项目1个", "cumulative", "at_least", 1, "个"),
        ("确保粮食播种面积稳定在21.9万亩", "level", "at_least", 21.9, "万亩"),
    ],
)
def test_which_number_is_the_target(stated, kind, comparator, target, unit):
    c = parse_target(stated)
    assert (c.kind, c.comparator, c.target, c.unit) == (kind, comparator, target, unit)


# ids are numbers: mutmut hands test ids back to pytest, and an explicit id in Chinese is then not found
@pytest.mark.parametrize("stated,kind,comparator,target,unit", PHRASINGS,
                         ids=[f"phrasing{i}" for i in range(len(PHRASINGS))])
def test_target_sentence(stated, kind, comparator, target, unit):
    c = parse_target(stated)
    assert c is not None, stated
    assert (c.kind, c.comparator, c.target, c.unit) == (kind, comparator, target, unit)
    assert c.stated


@pytest.mark.parametrize(
    "stated,qualifier,stretch",
    [
        ("地区生产总值增长8%以上", "以上", False),
        ("固定资产投资增长11%左右", "左右", False),
        ("力争地方一般公共预算收入6.8亿元以上", "力争…以上", True),
        ("城镇调查失业率控制在5.5%左右", "控制在…左右", False),
        ("确保森林火灾受害率控制在0.9‰以内", "控制在…以内", False),
        ("争取省以上科技计划项目3项以上", "争取…以上", True),
    ],
)
def test_qualifier_and_stretch(stated, qualifier, stretch):
    c = parse_target(stated)
    assert (c.qualifier, c.stretch) == (qualifier, stretch)


def test_issue_examples():
    assert _t(parse_target("新增城镇就业3200人")) == ("cumulative", "at_least", 3200, "人")
    assert _t(parse_target("杜绝较大事故")) == ("zero_events", "at_most", 0, "起")
    assert _t(parse_target("实现双下降"))[:2] == ("double_decline", "at_most")
    assert _t(parse_target("全县经济排名前10")) == ("ranking", "at_most", 10, "位")
    raised = parse_target("城市低保标准从不低于600元/月提高到不低于650元/月")
    assert (raised.kind, raised.baseline, raised.target, raised.unit) == ("standard_raised", 600, 650, "元/月")


def test_unsure_readings_say_why():
    c = parse_target("推动实施一批5000万元以上项目")
    assert c.confidence < 0.8 and c.why


def test_no_target_in_plain_text():
    assert parse_target("加强市场推介，进一步提升双牌旅游知名度和美誉度") is None


def test_clauses_split_sentences_with_several_numbers():
    assert clauses("力争湘商回归新注册企业达10家，累计项目投资达30亿元。加强宣传。") == [
        "力争湘商回归新注册企业达10家",
        "累计项目投资达30亿元",
    ]


def _t(c):
    return (c.kind, c.comparator, c.target, c.unit)
