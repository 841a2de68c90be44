"""Task-list layouts as offices of different places publish them, each reproduced as a generated .docx or
.xlsx (nothing binary is committed). Every builder's docstring names its source: title, place, year and
the address it was read at. The tasks are abridged from the source (its wording, its units, its numbering);
where the public page showed only the notice describing the table (its columns), the rows are written in
that table's columns with tasks the notice names, and the docstring says so.

Each layout returns the file and the tasks expected from it: (outline as written, title, lead units,
responsible units, deadline as ISO date / "ongoing" / None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl

Expected = tuple[str, str, list[str], list[str], str | None]


@dataclass
class Layout:
    name: str
    build: Callable[[Path], Path]
    expected: list[Expected]
    unsure: list[str]  # lines the review must hold (the unsure readings this layout brings)
    year: int | None = None  # --year, for a document that states it nowhere


def _paragraphs(path: Path, lines: list[str]) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _table(d, rows: list[tuple[str, ...]], merges: list[tuple[int, int, int, int]] = ()) -> None:
    t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                t.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        t.cell(r0, c0).merge(t.cell(r1, c1))


def _xlsx(path: Path, rows: list[tuple], merges: list[str] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    for r in rows:
        ws.append(list(r))
    for m in merges:
        ws.merge_cells(m)
    wb.save(str(path))
    return path


# ---------------------------------------------------------------- paragraphs


def changxing(folder: Path) -> Path:
    """长兴县人民政府办公室关于印发2023年政府工作报告重点工作责任分解的通知 (长政办发〔2023〕7号), 浙江省
    湖州市长兴县, 2023. http://www.zjcx.gov.cn/art/2023/2/24/art_1229562864_1670955.html — numbered items
    under 「一、朱伟县长牵头重点工作」, each item's 「责任单位:…」 in the NEXT paragraph (half-width colon)."""
    return _paragraphs(folder / "长兴县2023年政府工作报告重点工作责任分解.docx", [
        "2023年政府工作报告重点工作责任分解",
        "一、朱伟县长牵头重点工作",
        "1.财政总收入和一般公共预算收入与经济增长基本同步。",
        "责任单位:县财政局。",
        "2.全力防范化解财政金融等领域风险隐患。",
        "责任单位:县财政局、县金融办、县住房和城乡建设局。",
        "二、副县长牵头重点工作",
        "1.坚持并完善重大项目推进机制,全年完成固定资产投资增长10%。",
        "责任单位:县发改局、县自然资源和规划局。",
    ])


def lishan(folder: Path) -> Path:
    """立山区人民政府关于印发《立山区政府2023年重点工作任务分解和责任分工方案》的通知 (鞍立政发〔2023〕2号),
    辽宁省鞍山市立山区, 2023. http://www.lishan.gov.cn/html/ASLSQ/202303/0168765895614794.html — items
    followed by two paragraphs, 「牵头单位:…」 and 「责任单位:…」; 全区经济运行各专班 is a group, not a unit."""
    return _paragraphs(folder / "立山区2023年重点工作任务分解.docx", [
        "立山区政府2023年重点工作任务分解和责任分工方案",
        "一、经济社会发展的主要预期目标",
        "1.努力实现地区生产总值增长6.2%左右。",
        "牵头单位:区发改局",
        "责任单位:立山经济开发区,全区经济运行各专班",
        "2.规模上工业增加值增长5%左右。",
        "牵头单位:区工信局",
        "责任单位:立山经济开发区",
        "4.社会消费品零售总额增长9%左右。",
        "牵头单位:区商务局",
        "责任单位:各街道,区市场局",
    ])


def caidian(folder: Path) -> Path:
    """区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知 (蔡政办〔2023〕1号),
    湖北省武汉市蔡甸区, 2023. https://www.caidian.gov.cn/zwgk/zc/zfwj/qzfbgwj/202302/t20230208_2147809.shtml —
    items numbered (一)(二) with 「责任单位:…」 in the next paragraph; unit names with 和 (区发展和改革局)."""
    return _paragraphs(folder / "蔡甸区2023年目标任务责任分解方案.docx", [
        "2023年区《政府工作报告》确定的主要目标任务责任分解方案",
        "一、2023年全区经济社会发展的主要预期目标",
        "(一)地区生产总值增长7%以上",
        "责任单位:区发展和改革局",
        "(二)规上工业增加值增长12%以上",
        "责任单位:区科技和经信局",
        "(三)固定资产投资增长10%以上",
        "责任单位:区发展和改革局",
    ])


def jianli(folder: Path) -> Path:
    """监利市人民政府办公室关于分解落实《政府工作报告》2022年重点工作及民生实事项目的通知, 湖北省监利市, 2022.
    http://www.artfolios.org/xxgk_30/zc/zcwj/xzfwj/202201/t20220114_688893.shtml — three levels 一、/(一)/1.,
    the units in brackets at the end of the item: (牵头单位:…;责任单位:…)."""
    return _paragraphs(folder / "监利市2022年重点工作任务分解方案.docx", [
        "《政府工作报告》2022年重点工作及民生实事项目任务分解方案",
        "一、2022年主要预期目标",
        "(一)主要经济指标。",
        ("1.地区生产总值增长10%左右。(牵头单位:市发改局;责任单位:市统计局,各乡、镇人民政府,人民大垸、荒湖管理区,"
         "监利经济开发区)"),
        "2.规模以上工业增加值增长15%。(牵头单位:市科经局;责任单位:市统计局、市市场监管局,各乡、镇人民政府)",
        "(二)活力后劲指标。",
        "5.固定资产投资增长20%以上。(牵头单位:市发改局;责任单位:市统计局,市直各部门)",
    ])


def guangzhou(folder: Path) -> Path:
    """关于印发2006年政府工作报告要求重点做好的工作事项的通知 (穗府办〔2006〕19号), 广东省广州市, 2006.
    http://www.moonvisionstudio.com/zwgk/fggw/sfbgtwj/content/post_2847289.html (a copy of the city's page) —
    items (一)(二) under 一、, 「(牵头单位:…;配合单位:…)」 in brackets, later units without the 市 prefix."""
    return _paragraphs(folder / "广州市2006年政府工作报告重点工作事项.docx", [
        "2006年《政府工作报告》要求重点做好的工作事项",
        "一、努力构建现代产业体系,促进经济又快又好发展",
        ("(一)加快建设东部、花都、南沙三大汽车产业基地。(牵头单位:市经贸委;配合单位:市发改委、国土房管局、外经贸局、"
         "规划局)"),
        "(四)加快广州空港、南沙、黄埔三大国际枢纽物流园区建设。(牵头单位:市交委;配合单位:市经贸委、外经贸局)",
        "(五)加快珠江新城金融商贸区建设,引导金融机构集聚发展。(牵头单位:市金融办;配合单位:市国土房管局、规划局)",
    ])


def xianyang(folder: Path) -> Path:
    """咸阳市2022年深化“放管服”改革优化营商环境工作要点, 陕西省咸阳市, 2022.
    https://newton.com.tw/wiki/鹹陽市2022年深化“放管服”改革最佳化營商環境工作要點/61994341 (the page's copy
    of the city's text) — items end with 「(A、B牵头,C按职责分工负责)」: no 牵头单位 keyword at all."""
    return _paragraphs(folder / "2022年深化放管服改革优化营商环境工作要点.docx", [
        "2022年深化“放管服”改革优化营商环境工作要点",
        "一、坚持系统集成,推动审批全链条优化",
        ("1.全面实施行政许可事项清单管理。2022年10月底前编制并公布市、县两级行政许可事项清单。(市政府办公室、"
         "市行政审批制度改革工作领导小组办公室牵头,市级各有关部门及各县市区政府按职责分工负责)"),
        "2.持续深化相对集中行政许可权改革。(市政府办公室、市司法局牵头,市级各有关部门按职责分工负责)",
    ])


def guangdong(folder: Path) -> Path:
    """广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知 (粤府〔2021〕22号), 广东省, 2021.
    https://jiu.foodmate.net/law/show.php?itemid=985 — each item followed by 「分管省领导:…」 and
    「部门分工:A牵头,B配合。」 paragraphs."""
    return _paragraphs(folder / "2021年省政府工作报告重点任务分工方案.docx", [
        "2021年省《政府工作报告》重点任务分工方案",
        "一、2021年经济社会发展主要预期目标",
        "1.地区生产总值增长6%以上。",
        "分管省领导:林克庆",
        "部门分工:省发展改革委牵头,各地、各部门配合。",
        "2.地方一般公共预算收入增长5%左右。",
        "分管省领导:林克庆",
        "部门分工:省财政厅牵头,省税务局配合。",
    ])


def anhui(folder: Path) -> Path:
    """安徽省人民政府关于2022年重点工作及责任分解的通知, 安徽省, 2022.
    http://bbs.tongheshandao.com/archiver/showtopic-13251.aspx (a copy of the report of it) — numbers written
    「1﹒」 (a small full stop), then 「牵头负责领导:」「牵头责任单位:」「协同责任单位:」 paragraphs; 省经济和信息化厅
    and 省文化和旅游厅 are one unit each."""
    return _paragraphs(folder / "安徽省2022年重点工作及责任分解.docx", [
        "2022年重点工作及责任分解",
        "一、确保完成全年主要预期目标",
        "1﹒全省生产总值增长7%以上,在实际工作中力争更好结果。",
        "牵头负责领导:刘惠。",
        "牵头责任单位:省发展改革委。",
        "协同责任单位:省政府各部门、各直属机构。",
        "3﹒社会消费品零售总额增长9%左右。",
        "牵头负责领导:周喜安。",
        "牵头责任单位:省商务厅。",
        "协同责任单位:省发展改革委、省经济和信息化厅、省财政厅、省文化和旅游厅、省市场监管局等。",
    ])


# ---------------------------------------------------------------- tables


def jingxian(folder: Path) -> Path:
    """泾县人民政府关于分解落实政府工作报告目标任务的通知 (泾政〔2023〕1号), 安徽省宣城市泾县, 2023.
    http://ahjx.gov.cn/OpennessContent/show/2668526.html — 243 tasks in 6 areas, each with 牵头县领导, 牵头责任
    单位 and 协同责任单位 (as the notice names them); the page shows the notice, so the rows are written in those
    columns. Title lines above the header; the table breaks across pages and repeats its header; an area is
    a row of its own 「一、…」."""
    d = docx.Document()
    d.add_paragraph("附件")
    d.add_paragraph("泾县2023年政府工作报告目标任务分解表")
    header = ("序号", "工作任务", "牵头县领导", "牵头责任单位", "协同责任单位", "完成时限")
    _table(d, [
        header,
        ("一、扩大有效投资", "", "", "", "", ""),
        ("1", "全年实施亿元以上项目120个以上。", "张某某", "县发改委", "县自然资源和规划局、县住建局",
         "2023年12月底前"),
        ("2", "新开工亿元以上项目40个。", "张某某", "县发改委", "县经信局", "2023年12月底前"),
    ], merges=[(1, 0, 1, 5)])
    d.add_paragraph("")  # the page breaks here: Word repeats the header
    _table(d, [
        header,
        ("3", "争取专项债券资金10亿元以上。", "李某某", "县财政局", "县发改委", "2023年9月底前"),
        ("二、推进乡村振兴", "", "", "", "", ""),
        ("4", "粮食播种面积稳定在36万亩以上。", "王某某", "县农业农村局", "各乡镇", "2023年10月底前"),
    ], merges=[(2, 0, 2, 5)])
    path = folder / "泾县2023年目标任务分解表.docx"
    d.save(str(path))
    return path


def gaotang(folder: Path) -> Path:
    """高唐县人民政府关于印发《2024年政府工作报告目标任务分工方案》的通知 (高政字〔2024〕5号), 山东省聊城市高唐县,
    2024. http://www.gaotang.gov.cn/site_gtgtxrmzfbgsc/channel_x_5265_6201/doc_660bc75d70ff59102ab2ab7c.html —
    「类别、任务内容、牵头领导、责任单位」, 149 items (the policy reading names the columns; rows written in them).
    No 牵头单位 column and no deadline column; 类别 merged down its items."""
    return _xlsx(folder / "高唐县2024年政府工作报告目标任务分工.xlsx", [
        ("2024年政府工作报告目标任务分工方案",),
        ("类别", "任务内容", "牵头领导", "责任单位"),
        ("工业经济", "1.规上工业增加值增长8%以上。", "赵某某", "县工信局、县统计局"),
        (None, "2.新增规上工业企业30家。", "赵某某", "县工信局"),
        ("民生保障", "3.城镇新增就业2800人。", "钱某某", "县人力资源和社会保障局、县财政局"),
    ], merges=["A3:A4"])


def erlianhaote(folder: Path) -> Path:
    """《〈政府工作报告〉2024年重点工作任务分工方案》政策解读, 内蒙古二连浩特市, 2024.
    http://www.elht.gov.cn/mobile/c/2024-04-02/97683.shtml — five areas, 79 tasks, each with 牵头单位, 配合单位
    and 完成时限 (the reading names the columns; rows written in them). Two title rows above the header."""
    return _xlsx(folder / "二连浩特市2024年重点工作任务分工.xlsx", [
        ("附件",),
        ("《政府工作报告》2024年重点工作任务分工方案",),
        ("序号", "重点工作任务", "牵头单位", "配合单位", "完成时限"),
        ("一、聚焦深化对外开放,着力打造国家向北开放重要桥头堡",),
        (1, "推进口岸基础设施建设。", "市发改委", "市口岸办、市交通运输局", "2024年12月底前"),
        (2, "扩大进出口贸易规模,外贸进出口总额增长10%。", "市商务局", "海关、市税务局", "2024年12月底前"),
        ("二、聚焦城乡协调发展,着力建设绿色生态宜居宜业城市",),
        (3, "实施老旧小区改造5个。", "市住房和城乡建设局", "市财政局及各社区", "2024年10月31日前"),
    ], merges=["A4:E4", "A7:E7"])


def liaocheng(folder: Path) -> Path:
    """聊城市人民政府关于印发2020年市政府工作报告重点工作任务部门分工方案的通知 (聊政发〔2020〕8号), 山东省聊城市,
    2020. http://www.liaocheng.gov.cn/site_lcszfxxgk/channel_l_lcszfxxgkchannel201911221748279719716330/
    doc_6449788186c922f698a35860.html — 131 tasks in 9 themes, each with 牵头领导, 牵头单位 and 配合单位 (the
    reading names them). Two-level numbering in the task cell: 一、 theme in its own cell, 1. items."""
    d = docx.Document()
    d.add_paragraph("2020年市政府工作报告重点工作任务部门分工方案")
    _table(d, [
        ("重点工作", "具体任务", "牵头领导", "牵头单位", "配合单位"),
        ("一、坚决打赢三大攻坚战", "1.完成省定脱贫攻坚任务。", "孙某某", "市扶贫办", "市财政局、市农业农村局"),
        ("", "2.PM2.5平均浓度下降5%以上。", "李某某", "市生态环境局", "市住房和城乡建设局及市交通运输局"),
        ("二、加快新旧动能转换", "1.新增高新技术企业60家。", "周某某", "市科技局", "市财政局"),
    ], merges=[(1, 0, 2, 0)])
    path = folder / "聊城市2020年重点工作任务部门分工方案.docx"
    d.save(str(path))
    return path


def ewenke(folder: Path) -> Path:
    """鄂温克族自治旗人民政府办公室关于印发2022年《政府工作报告》重点任务责任落实分工的通知, 内蒙古鄂温克族自治旗,
    2022. https://www.ewenke.gov.cn/OpennessContent/show/273144.html — 附件「2022年《政府工作报告》重点任务落实
    推进情况表」 reported every month by the 25th: progress columns beside the task (rows written in them)."""
    return _xlsx(folder / "鄂温克旗2022年重点任务落实推进情况表.xlsx", [
        ("2022年《政府工作报告》重点任务落实推进情况表",),
        ("序号", "重点任务", "责任单位", "完成时限", "进展情况", "存在问题"),
        (1, "实施草原生态修复治理5万亩。", "旗林草局", "2022年10月底前", "已完成2万亩", ""),
        (2, "城镇新增就业600人。", "旗人社局", "2022年12月底前", "1-3月新增就业150人", "无"),
    ])


def linan(folder: Path) -> Path:
    """临安区2022年民生实事项目 (区政府, 2022-07-14), 浙江省杭州市临安区, 2022.
    http://www.linan.gov.cn/art/2022/7/14/art_1229299207_4068587.html — 「序号 | 实事项目 | 工作举措及实施计划 |
    责任单位 | 配合单位」; staged dates inside the 举措 cell (1.4月底前… 2.8月底前…); units without the 区
    prefix (教育局, 规划和自然资源分局)."""
    return _xlsx(folder / "临安区2022年民生实事项目.xlsx", [
        ("序号", "实事项目", "工作举措及实施计划", "责任单位", "配合单位"),
        (1, "新建成公办中小学、幼儿园7所,新增中小学、幼儿园公办学位6800个。",
         "1.4月底前职教中心主体完工。\n2.8月底前职教中心竣工交付。\n3.11月底前天目山镇中心幼儿园竣工交付。",
         "教育局", "发改局、住建局、财政局、规划和自然资源分局"),
        (2, "新建成婴幼儿照护服务成长驿站7家。", "1.3月底前新建成2家。\n2.9月底前完成7家建设任务。",
         "卫生健康局", "财政局、民政局,各镇(街道)"),
    ])


def shuangpai_fullwidth(folder: Path) -> Path:
    """双牌县打好发展“六仗”总体方案 附件4-1 (双政办发〔2023〕3号), 湖南省永州市双牌县, 2023 (the plan liupi ships;
    its text is shared/seed) — items with sub-items numbered （1）（2） in full-width brackets in the 工作事项
    column, under a 序号 column, the 牵头单位 cell merged down the sub-items. The circled ①② of the 民生
    items in the same plan's 附件7-1 are written as a second list in this file."""
    d = docx.Document()
    d.add_paragraph("附件4-1")
    d.add_paragraph("双牌县打好优化发展环境持久仗重点工作任务清单")
    _table(d, [
        ("序号", "工作任务", "工作事项", "牵头单位", "责任单位", "完成时限"),
        ("1", "深化“放管服”改革", "（1）推进“一件事一次办”改革。", "县政务服务中心", "县直各单位", "2023年6月底前"),
        ("", "", "（2）推行“湘易办”移动政务服务。", "", "县数据资源局", "2023年12月底前"),
        ("2", "优化法治环境", "（1）开展涉企执法检查专项整治。", "县司法局", "县市场监管局", "长期坚持"),
    ], merges=[(1, 0, 2, 0), (1, 1, 2, 1), (1, 3, 2, 3)])
    d.add_paragraph("附件7-1")
    d.add_paragraph("双牌县重点民生实事任务清单")
    _table(d, [
        ("序号", "工作任务", "牵头单位", "责任单位", "完成时限"),
        ("①", "新建城市书房3个。", "县文旅广体局", "县财政局", "2023年11月底前"),
        ("②", "完成农村户用厕所改造1000户。", "县农业农村局", "县卫生健康局和县乡村振兴局", "2023年10月底前"),
    ])
    path = folder / "双牌县附件4-1和7-1.docx"
    d.save(str(path))
    return path


LAYOUTS = [
    Layout("changxing", changxing, [
        ("1.1", "财政总收入和一般公共预算收入与经济增长基本同步", ["县财政局"], [], None),
        ("1.2", "全力防范化解财政金融等领域风险隐患", ["县财政局"], ["县金融办", "县住房和城乡建设局"], None),
        ("2.1", "坚持并完善重大项目推进机制,全年完成固定资产投资增长10%", ["县发改局"], ["县自然资源和规划局"], None),
    ], ["new unit 县自然资源和规划局"]),
    Layout("lishan", lishan, [
        ("1.1", "努力实现地区生产总值增长6.2%左右", ["区发改局"], ["立山经济开发区"], None),
        ("1.2", "规模上工业增加值增长5%左右", ["区工信局"], ["立山经济开发区"], None),
        ("1.4", "社会消费品零售总额增长9%左右", ["区商务局"], ["区市场局"], None),
    ], ["new unit 立山经济开发区"]),
    Layout("caidian", caidian, [
        ("1.1", "地区生产总值增长7%以上", ["区发展和改革局"], [], None),
        ("1.2", "规上工业增加值增长12%以上", ["区科技和经信局"], [], None),
        ("1.3", "固定资产投资增长10%以上", ["区发展和改革局"], [], None),
    ], ["new unit 区发展和改革局", "new unit 区科技和经信局"]),
    Layout("jianli", jianli, [
        ("1.1.1", "地区生产总值增长10%左右", ["市发改局"],
         ["市统计局", "人民大垸", "荒湖管理区", "监利经济开发区"], None),
        ("1.1.2", "规模以上工业增加值增长15%", ["市科经局"], ["市统计局", "市市场监管局"], None),
        ("1.2.5", "固定资产投资增长20%以上", ["市发改局"], ["市统计局"], None),
    ], ["new unit 人民大垸 → id rmdy: check the id, add name\\_en; the name does not end like a unit's"]),
    Layout("guangzhou", guangzhou, [
        ("1.1", "加快建设东部、花都、南沙三大汽车产业基地", ["市经贸委"],
         ["市发改委", "市国土房管局", "市外经贸局", "市规划局"], None),
        ("1.4", "加快广州空港、南沙、黄埔三大国际枢纽物流园区建设", ["市交委"], ["市经贸委", "市外经贸局"], None),
        ("1.5", "加快珠江新城金融商贸区建设,引导金融机构集聚发展", ["市金融办"], ["市国土房管局", "市规划局"], None),
    ], ["'国土房管局' read as '市国土房管局'", "'规划局' read as '市规划局'"]),
    Layout("xianyang", xianyang, [
        ("1.1", "全面实施行政许可事项清单管理", ["市政府办公室", "市行政审批制度改革工作领导小组办公室"], [], None),
        ("1.2", "持续深化相对集中行政许可权改革", ["市政府办公室", "市司法局"], [], None),
    ], ["new unit 市行政审批制度改革工作领导小组办公室"], year=2022),
    Layout("guangdong", guangdong, [
        ("1.1", "地区生产总值增长6%以上", ["省发展改革委"], [], None),
        ("1.2", "地方一般公共预算收入增长5%左右", ["省财政厅"], ["省税务局"], None),
    ], ["new unit 省发展改革委"]),
    Layout("anhui", anhui, [
        ("1.1", "全省生产总值增长7%以上,在实际工作中力争更好结果", ["省发展改革委"], [], None),
        ("1.3", "社会消费品零售总额增长9%左右", ["省商务厅"],
         ["省发展改革委", "省经济和信息化厅", "省财政厅", "省文化和旅游厅", "省市场监管局"], None),
    ], ["new unit 省经济和信息化厅", "new unit 省文化和旅游厅"]),
    Layout("jingxian", jingxian, [
        ("1", "全年实施亿元以上项目120个以上", ["县发改委"], ["县自然资源和规划局", "县住建局"], "2023-12-31"),
        ("2", "新开工亿元以上项目40个", ["县发改委"], ["县经信局"], "2023-12-31"),
        ("3", "争取专项债券资金10亿元以上", ["县财政局"], ["县发改委"], "2023-09-30"),
        ("4", "粮食播种面积稳定在36万亩以上", ["县农业农村局"], [], "2023-10-31"),
    ], ["new unit 县农业农村局"]),
    Layout("gaotang", gaotang, [
        ("1", "规上工业增加值增长8%以上", ["县工信局"], ["县统计局"], None),
        ("2", "新增规上工业企业30家", ["县工信局"], [], None),
        ("3", "城镇新增就业2800人", ["县人力资源和社会保障局"], ["县财政局"], None),
    ], ["no 牵头单位 column", "empty or merged cell(s) category taken from the row above"]),
    Layout("erlianhaote", erlianhaote, [
        ("1", "推进口岸基础设施建设", ["市发改委"], ["市口岸办", "市交通运输局"], "2024-12-31"),
        ("2", "扩大进出口贸易规模,外贸进出口总额增长10%", ["市商务局"], ["海关", "市税务局"], "2024-12-31"),
        ("3", "实施老旧小区改造5个", ["市住房和城乡建设局"], ["市财政局"], "2024-10-31"),
    ], ["new unit 海关 → id hg: check the id, add name\\_en; the name does not end like a unit's"]),
    Layout("liaocheng", liaocheng, [
        ("1.1", "完成省定脱贫攻坚任务", ["市扶贫办"], ["市财政局", "市农业农村局"], None),
        ("1.2", "PM2.5平均浓度下降5%以上", ["市生态环境局"], ["市住房和城乡建设局", "市交通运输局"], None),
        ("2.1", "新增高新技术企业60家", ["市科技局"], ["市财政局"], None),
    ], ["possible target 'PM2.5平均浓度下降5%以上'"]),
    Layout("ewenke", ewenke, [
        ("1", "实施草原生态修复治理5万亩", ["旗林草局"], [], "2022-10-31"),
        ("2", "城镇新增就业600人", ["旗人社局"], [], "2022-12-31"),
    ], ["进展情况 column read as progress notes", "no 牵头单位 column"]),
    Layout("linan", linan, [
        ("1", "新建成公办中小学、幼儿园7所", ["教育局"],
         ["发改局", "住建局", "财政局", "规划和自然资源分局"], None),
        ("2", "新建成婴幼儿照护服务成长驿站7家", ["卫生健康局"], ["财政局", "民政局"], None),
    ], ["new unit 规划和自然资源分局"], year=2022),
    Layout("shuangpai_fullwidth", shuangpai_fullwidth, [
        ("1.1", "深化“放管服”改革：推进“一件事一次办”改革", ["县政务服务中心"], [], "2023-06-30"),
        ("1.2", "深化“放管服”改革：推行“湘易办”移动政务服务", ["县政务服务中心"], ["县数据资源局"], "2023-12-31"),
        ("2.1", "优化法治环境", ["县司法局"], ["县市场监管局"], "ongoing"),
        ("1", "新建城市书房3个", ["县文旅广体局"], ["县财政局"], "2023-11-30"),
        ("2", "完成农村户用厕所改造1000户", ["县农业农村局"], ["县卫生健康局", "县乡村振兴局"], "2023-10-31"),
    ], ["**a4-1.1.2**: empty or merged cell(s) lead taken from the row above"]),
]
