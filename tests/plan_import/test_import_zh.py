"""`liupi plan import` under --lang zh: every refusal of the importer (a file it cannot read, a file with no
task list, a bad --list-id, a plan year nowhere, a broken plan already in the folder, a damaged .docx or .xlsx,
a CSV too long or with a cell past the limit) reads in Chinese, hint included; only file names, option names
and what was typed stay in Latin letters. The same refusals in English are English, so the check can fail."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import Run
from messages.test_catalogue import english_words

TASK_LIST = "序号,工作任务,牵头单位,完成时限\n1,推进县城污水管网改造,县住建局,年底前\n"


def latin_left(line: str, typed: tuple[str, ...] = ()) -> list[str]:
    """The English words of a line once what is shown as given is taken out: what was typed, paths, and the
    name of the error a library raised (BadZipFile) (the detector of the catalogue's test)."""
    for t in sorted(typed, key=len, reverse=True):
        line = line.replace(t, "")
    line = re.sub(r"\S*/\S*", "", line)
    line = re.sub(r"（[A-Z]\w+）", "", line)  # the library's error class, as given
    return english_words(line)


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _zip_without_document(path: Path) -> str:
    """A sound zip holding no document: past the archive checks, refused by the reader itself."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "not a document")
    return str(path)


def _broken_plan(tmp: Path) -> list[str]:
    (tmp / "broken").mkdir()
    _write(tmp / "broken" / "targets.yaml", "- just a list\n")
    return [_write(tmp / "list.csv", TASK_LIST), "--year", "2024", "--out", str(tmp / "broken")]


# each refusal: (the arguments after `plan import`, made in a folder; words its Chinese says)
CASES = {
    "doc": (lambda t: [_write(t / "old.doc", "not a docx")], "无法读取.doc文件"),
    "no suffix": (lambda t: [_write(t / "noext", TASK_LIST)], "无法读取没有扩展名的文件"),
    "no list": (lambda t: [_write(t / "empty.csv", "名称,数量\n苹果,3\n")], "没有找到任务清单"),
    "list id": (lambda t: [_write(t / "list.csv", TASK_LIST), "--list-id", "A b"], "不是有效的编号"),
    "broken plan": (_broken_plan, "不是目标文件"),
    "docx": (lambda t: [_zip_without_document(t / "bad.docx")], "不是可读取的 .docx 文件"),
    "xlsx": (lambda t: [_zip_without_document(t / "bad.xlsx")], "不是可读取的 .xlsx 文件"),
    "long cell": (lambda t: [_write(t / "long.csv", TASK_LIST + "2," + "很" * 140_000 + ",县住建局,年底前\n")],
                  "有单元格超过"),
    "rows": (lambda t: [_write(t / "rows.csv", TASK_LIST + "2,x,y,z\n" * 20_001)], "超出计划文件的行数上限"),
}


@pytest.mark.parametrize("case", CASES)
def test_plan_import_refuses_in_chinese(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make, words = CASES[case]
    _refused_in_chinese(make(tmp_path), words)


def test_a_task_list_stating_no_year_is_refused_in_chinese(tmp_path, monkeypatch):
    """Refused once the list is read and its units named (pypinyin loaded: slow)."""
    monkeypatch.chdir(tmp_path)
    _refused_in_chinese([_write(tmp_path / "list.csv", TASK_LIST), "--out", str(tmp_path / "plan")], "没有写明计划年度")


def _refused_in_chinese(args: list[str], words: str) -> None:
    zh = Run(None)("--lang", "zh", "plan", "import", *args)
    assert zh.exit_code != 0
    lines = zh.stderr.splitlines()
    assert lines[0].startswith("错误：") and words in lines[0], lines
    assert len(lines) == 2 and lines[1].startswith("提示："), lines
    assert [(x, latin_left(x, ("A b",))) for x in lines if latin_left(x, ("A b",))] == []
    en = Run(None)("plan", "import", *args)
    assert en.exit_code == zh.exit_code and en.stderr.startswith("error: ")
    assert latin_left(en.stderr.splitlines()[0], ("A b",))


def test_a_deadline_flag_in_the_review_is_english_and_says_itself_in_chinese():
    """The review file is written in English (docs/import.md); each flag a deadline brings is a catalogue
    message, so whoever says it to a person can say it in Chinese."""
    from liupi_cli.plan_import.deadlines import parse_deadline

    flag = parse_deadline("2024年3月至6月，长期坚持", 2024).flag
    assert flag == ("a range from 2024-03-31 to 2024-06-30: the end is the deadline; also says it continues "
                    "(持续/长期)")
    assert flag.text("zh") == "从 2024-03-31 到 2024-06-30 的区间：以结束日期为完成时限；同时写明持续推进（持续/长期）"
    assert latin_left(flag.text("zh")) == [] and latin_left(flag)
