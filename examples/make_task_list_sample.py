"""Write the example task lists: examples/task-list-sample.docx (a small 重点工作任务清单 table, as county
offices publish it) and examples/task-list-paragraphs.docx (the numbered-paragraph layout grouped by leader,
each item's 责任单位 in the paragraph after it).

Run from the repository: python examples/make_task_list_sample.py (needs python-docx, a liupi dependency).
The README's import walkthrough and docs/import.md import the files this writes.
"""

from pathlib import Path

import docx
from docx.shared import Pt

ROWS = [
    ("工作任务", "工作事项", "牵头单位", "责任单位", "完成时限"),
    (
        "一、稳住经济增长(县发改局总牵头)",
        "1.抓好重大项目建设。全年铺排县重点项目40个以上，年度计划投资增长12%。",
        "县发改局",
        "县住建局、县自然资源局",
        "2024年12月底前",
    ),
    ("", "2.促进消费扩容提质。社会消费品零售总额增长8%以上。", "县科工信局", "各相关单位", "长期坚持"),
    (
        "二、办好民生实事(县人社局总牵头)",
        "1.促进高质量充分就业。城镇新增就业3200人。",
        "县人社局",
        "县财政局",
        "11月底前",
    ),
    (
        "",
        "2.提高困难群体救助标准。城市低保标准从不低于650元/月提高到不低于680元/月。",
        "县民政局",
        "县财政局和县残联",
        "6月底前",
    ),
]


PARAGRAPHS = [
    "某某县2024年政府工作报告重点工作责任分解",
    "一、张某某县长牵头重点工作",
    "1.坚持并完善重大项目推进机制，新开工亿元以上项目30个。",
    "责任单位：县发改局、县自然资源和规划局。",
    "完成时限：2024年12月底前。",
    "2.提高城乡居民医保财政补助标准。",
    "责任单位：县医保局、县财政局。",
    "完成时限：2024年6月底前。",
    "二、李某某副县长牵头重点工作",
    "1.新建城市书房3个。",
    "牵头单位：县文旅局。",
    "责任单位：县财政局。",
    "完成时限：2024年11月底前。",
]


def paragraphs(path: Path = Path(__file__).with_name("task-list-paragraphs.docx")) -> None:
    d = docx.Document()
    d.add_paragraph(PARAGRAPHS[0]).runs[0].font.size = Pt(16)
    for line in PARAGRAPHS[1:]:
        d.add_paragraph(line)
    d.save(str(path))


def main(path: Path = Path(__file__).with_name("task-list-sample.docx")) -> None:
    d = docx.Document()
    d.add_paragraph("附件1")
    d.add_paragraph("某某县2024年重点工作任务清单").runs[0].font.size = Pt(16)
    t = d.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    t.style = "Table Grid"
    for r, cells in enumerate(ROWS):
        for c, text in enumerate(cells):
            if text:
                t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))  # 工作任务 spans its items, as in the published lists
    t.cell(3, 0).merge(t.cell(4, 0))
    d.save(str(path))


if __name__ == "__main__":
    main()
    paragraphs()
