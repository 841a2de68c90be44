"""How a message's parts are said in each language (a word, alternatives, a list), why the system refused a file,
how a plan problem reads on one line, and the hint an unknown id gets."""

from __future__ import annotations

import errno
import pickle
import re

import pytest

from liupi_cli.errors import ExitCode, InputRefused, LiupiError, PlanInvalid, Problem, UnknownId
from liupi_cli.messages import Items, Msg, msg, os_reason, say_in


def plain_id(value) -> str:
    """A test id of plain letters, digits and - (what was typed may hold spaces, slashes or Chinese)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", str(value)).strip("-")[:30] or "x"


def test_a_word_inside_a_message_is_said_in_the_message_s_language():
    m = msg("unknown.id", what=msg("word.unit"), given="x")
    assert (str(m), m.text("en"), m.text("zh")) == ("unknown unit 'x'", "unknown unit 'x'", "未知单位“x”")
    assert m.id == "unknown.id" and m.params["given"] == "x"


@pytest.mark.parametrize("value,en,zh", [
    (("a",), "a", "a"), (("a", "b"), "a or b", "a 或 b"), (("a", "b", "c"), "a, b or c", "a、b 或 c"),
    ((msg("word.unit"), msg("word.task")), "unit or task", "单位 或 任务"),
    (Items(["x", "y"]), "x; y", "x；y"), (Items([]), "", ""), (["x", "y"], "; x; y", "；x；y"), ([], "", ""),
    (5, "5", "5"),
], ids=plain_id)
def test_alternatives_and_lists_are_joined_the_language_s_way(value, en, zh):
    m = msg("check.known_fields", names=value)
    assert m.text("en") == f"known fields: {en}"
    assert m.text("zh") == f"可用字段：{zh}"


def test_a_message_survives_being_sent_to_another_process():
    m = msg("unknown.id", what=msg("word.task"), given="t9")
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Msg) and back == m and back.text("zh") == "未知任务“t9”"


def test_an_unknown_message_id_is_an_error():
    with pytest.raises(KeyError):
        msg("no.such.id")


def test_say_in_says_a_message_in_the_language_and_leaves_plain_text_alone():
    assert say_in(msg("word.unit"), "zh") == "单位"
    assert say_in("typed by a user", "zh") == "typed by a user"
    assert say_in(None, "zh") is None


@pytest.mark.parametrize("code,strerror,zh", [
    (errno.ENOENT, "No such file or directory", "文件或目录不存在"), (errno.EACCES, "Permission denied", "没有权限"),
    (errno.EISDIR, "Is a directory", "这是一个目录"),
], ids=plain_id)
def test_the_system_s_reason_is_said_in_the_run_s_language(code, strerror, zh):
    said = os_reason(OSError(code, strerror))
    assert isinstance(said, Msg) and said == strerror and said.text("zh") == zh


def test_a_reason_the_catalogue_does_not_know_is_the_system_s_own_words():
    assert os_reason(OSError(errno.ENOENT, "Datei nicht gefunden")) == "Datei nicht gefunden"  # another locale
    said = os_reason(OSError(errno.EMFILE, "Too many open files"))
    assert said == "Too many open files" and not isinstance(said, Msg)
    assert os_reason(OSError("no errno at all")) == "no errno at all"


@pytest.mark.parametrize("problem,line", [
    (Problem("targets.yaml", 12, "indicators[3].target", "bad", "fix it"),
     "targets.yaml:12: indicators[3].target: bad (hint: fix it)"),
    (Problem("targets.yaml", None, "units", "missing list"), "targets.yaml: units: missing list"),
    (Problem("tasks.yaml", 3, "", "unknown section", None, "warning"), "tasks.yaml:3: unknown section"),
    (Problem("tasks.yaml", 0, "", "x"), "tasks.yaml: x"),
], ids=plain_id)
def test_a_plan_problem_reads_on_one_line(problem, line):
    assert str(problem) == line
    assert problem.location() == line.split(": ")[0]


def test_an_invalid_plan_counts_only_its_errors():
    problems = [Problem("t", 1, "a", "x"), Problem("t", 2, "b", "y", severity="warning"), Problem("t", 3, "c", "z")]
    exc = PlanInvalid(problems)
    assert (exc.message, exc.hint) == ("the plan has 2 error(s)", "run `liupi check` to list them")
    assert exc.message.text("zh") == "计划文件有2处错误"
    assert exc.problems == problems and exc.exit_code == ExitCode.INVALID == 1


@pytest.mark.parametrize("what,suggestions,known,message,hint", [
    ("indicator", ["gdp_growth"], None, "unknown indicator 'x'", "did you mean gdp_growth?"),
    ("indicator", ["a", "b"], ["z"], "unknown indicator 'x'", "did you mean a, b?"),
    ("battle", [], ["growth", "livelihood"], "unknown battle 'x'", "one of growth, livelihood"),
    ("indicator", [], None, "unknown indicator 'x'", "`liupi targets` lists them"),
    ("task", [], None, "unknown task 'x'", "`liupi tasks` lists them"),
    ("unit", [], None, "unknown unit 'x'",
     "units are listed under `units:` in targets.yaml (`liupi info` shows where)"),
    ("battle", [], None, "unknown battle 'x'", "check the battle"),
    ("indicator or task", [], None, "unknown indicator or task 'x'", "check the indicator or task"),
    ("store", [], None, "unknown store 'x'", "check the store"),
], ids=plain_id)
def test_an_unknown_id_says_what_to_try(what, suggestions, known, message, hint):
    exc = UnknownId(what, "x", suggestions, known)
    assert (exc.message, exc.hint, exc.suggestions) == (message, hint, suggestions)
    assert exc.exit_code == 1


def test_an_unknown_id_is_said_in_chinese():
    exc = UnknownId("task", "t9", [])
    assert (exc.message.text("zh"), exc.hint.text("zh")) == ("未知任务“t9”", "`liupi tasks` 可列出全部任务")


def test_each_error_s_exit_code():
    from liupi_cli import errors

    assert [errors.PlanUnreadable.exit_code, errors.UsageProblem.exit_code, errors.StoreError.exit_code,
            errors.OutputUnwritable.exit_code, InputRefused.exit_code, LiupiError.exit_code] == [3, 2, 4, 5, 1, 1]
    assert (ExitCode.OK, ExitCode.EMPTY) == (0, 6)
    e = LiupiError("what", "hint")
    assert (str(e), e.message, e.hint) == ("what", "what", "hint")
