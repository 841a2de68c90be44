"""`liupi plan next` and `liupi plan fill` under --lang zh: each note of the rollover (baselines, counts,
milestones, tasks, deadlines, texts still saying last year), each refused cell of a filled table, a range read
as its lower bound and the refusals of a whole table say themselves in Chinese; only ids, file names, dates and
what was typed stay in Latin letters. The same runs in English say them in English, so the check can fail."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import MINI, Run
from messages.test_catalogue import english_words


def latin_left(line: str, typed: tuple[str, ...] = ()) -> list[str]:
    """The English words of a line once what is shown as given is taken out: what was typed, paths and file
    names (with a line number), ids such as gdp_growth or mini-2023 (the detector of the catalogue's test)."""
    for t in sorted(typed, key=len, reverse=True):
        line = line.replace(t, "")
    line = re.sub(r"\S*/\S*", "", line)
    line = re.sub(r"[\w.-]+\.(?:csv|md|yaml)(?::\d+)?", "", line)
    line = re.sub(r"\b[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+\b", "", line)
    return english_words(line)


def test_latin_left_finds_an_english_note_and_passes_a_chinese_one():
    assert latin_left("note: gdp_growth: no 2023 counts recorded") == ["no", "counts", "recorded"]
    assert latin_left("注意：gdp_growth：没有录入2023年的起数：请用 --baseline 录入去年同期数") == []
    assert latin_left("错误：f.csv：第3行：`new_target`“八点五”：无法识别数值“八点五”", ("八点五",)) == []


@pytest.fixture
def plan_2023(tmp_path) -> Path:
    """The mini plan with two more milestones: one reached in 2023, one open whose name still says 2023."""
    data = tmp_path / "c2023"
    shutil.copytree(MINI, data)
    targets = yaml.safe_load((data / "targets.yaml").read_text(encoding="utf-8"))
    start = next(i for i in targets["indicators"] if i["id"] == "power_project_start")
    targets["indicators"] += [
        dict(start, id="ms_done", name_zh="物流园开工", due="2023-10-31"),
        dict(start, id="ms_open", name_zh="2023年度抽查计划的制定", due="2023-10-31"),
    ]
    for i in targets["indicators"][-2:]:
        i.pop("task", None)
    (data / "targets.yaml").write_text(yaml.safe_dump(targets, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    done = Run(data)("update", "ms_done", "done", "--period", "2023-10")
    assert done.exit_code == 0, done.stderr
    return data


def _next(plan_2023: Path, out: Path, *lang: str):
    result = Run(plan_2023)(*lang, "plan", "next", "--year", "2024", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith(("note:", "注意："))]


def test_plan_next_says_every_note_in_chinese_under_lang_zh(plan_2023, tmp_path):
    notes = _next(plan_2023, tmp_path / "c2024", "--lang", "zh")
    said = "\n".join(notes)
    for words in ("沿用自 mini", "起数", "基数取去年的目标 650", "里程碑须定今年的完成日期", "沿用未完成任务",
                  "2023年已完成的里程碑1个不再列入", "仍写着2023年", "顺延至2024年"):
        assert words in said, said
    assert [(n, latin_left(n)) for n in notes if latin_left(n)] == []
    english = _next(plan_2023, tmp_path / "c2024-en")
    assert len(english) == len(notes) and all(latin_left(n) for n in english)


def test_plan_next_refuses_an_earlier_year_in_chinese(plan_2023, tmp_path):
    zh = Run(plan_2023)("--lang", "zh", "plan", "next", "--year", "2023", "--out", str(tmp_path / "c2022"))
    assert zh.exit_code == 1
    assert zh.stderr.splitlines() == ["错误：本计划为2023年；下一年度计划的年份须晚于2023年，不能是2023年",
                                      "提示：请运行 `liupi plan next --year 2024`"]
    en = Run(plan_2023)("plan", "next", "--year", "2023", "--out", str(tmp_path / "c2022"))
    assert en.stderr.startswith("error: the plan is for 2023; the next plan's year must be later, not 2023")


def _table(path: Path, rows: list[tuple[str, str, str]], year: str = "2024") -> Path:
    lines = ["indicator,new_target,new_due,year"] + [f"{i},{t},{d},{year}" for i, t, d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BAD_ROWS = [("gdp_growth", "八点五", ""), ("power_project_start", "", "2023-05-31"), ("ms_open", "", "下半年"),
            ("county_rank", "5", "")]
TYPED = ("八点五", "2023-05-31", "下半年", "7.5%-8%", "2024年8月至10月")


def _fill(plan_2023: Path, out: Path, table: Path, *lang: str):
    return Run(plan_2023)(*lang, "plan", "next", "--year", "2024", "--out", str(out), "--fill", str(table))


def test_plan_fill_says_each_refused_cell_in_chinese(plan_2023, tmp_path):
    out = tmp_path / "c2024"
    _next(plan_2023, out)
    bad = _table(tmp_path / "bad.csv", BAD_ROWS)
    zh = _fill(plan_2023, out, bad, "--lang", "zh")
    assert zh.exit_code == 1
    rows = [line for line in zh.stderr.splitlines() if re.match(r"错误：\S+：第\d+行：", line)]
    assert [re.search(r"第(\d)行", r)[1] for r in rows] == ["2", "3", "4", "5"]
    for words in ("无法识别数值", "早于计划年度2024年", "不是日期", "其目标已经确定（10"):
        assert words in "\n".join(rows)
    assert [(r, latin_left(r, TYPED)) for r in rows if latin_left(r, TYPED)] == []
    en = _fill(plan_2023, out, bad)
    en_rows = [line for line in en.stderr.splitlines() if re.match(r"error: \S+: row \d+: ", line)]
    assert len(en_rows) == 4 and all(latin_left(r, TYPED) for r in en_rows)


def test_plan_fill_says_its_notes_in_chinese(plan_2023, tmp_path):
    out = tmp_path / "c2024"
    _next(plan_2023, out)
    rows = [("gdp_growth", "7.5%-8%", ""), ("power_project_start", "", "2024年8月至10月")]
    table = _table(tmp_path / "notes.csv", rows)
    zh = _fill(plan_2023, out, table, "--lang", "zh")
    notes = [line for line in zh.stderr.splitlines() if line.startswith("注意：")]
    assert len(notes) == 2 and "目标取其下限 7.5" in notes[0] and "以结束日期为完成时限" in notes[1]
    assert [(n, latin_left(n, TYPED)) for n in notes if latin_left(n, TYPED)] == []


def test_plan_fill_refuses_a_whole_table_in_chinese(plan_2023, tmp_path):
    """A table for another year, and bad rows in a plan with nothing to be set (last year's): one line each."""
    out = tmp_path / "c2024"
    _next(plan_2023, out)
    other = _fill(plan_2023, out, _table(tmp_path / "y.csv", [("gdp_growth", "7%", "")], "2025"), "--lang", "zh")
    settled = Run(plan_2023)("--lang", "zh", "plan", "fill", str(_table(tmp_path / "s.csv", BAD_ROWS, "2023")))
    for result, words in ((other, "是2025年的表，本计划为2024年"), (settled, "没有与")):
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 2 and words in lines[0] and lines[1].startswith("提示：")
        assert [(x, latin_left(x, TYPED)) for x in lines if latin_left(x, TYPED)] == []
