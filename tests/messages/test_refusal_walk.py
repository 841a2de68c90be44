"""Every command's refusals tried under --lang zh: no English sentence in the Chinese output except ids, file
names, option names, commands quoted and the user's own text; and no message a user can see is written in
the code outside the catalogue.

The commands are read from the typer app itself (as `liupi` loads them), so a new command is walked as soon as it is
registered: an unknown option, a missing argument, a plan folder that does not exist and a junk value for
each of its options are tried on every command, and each command also has its own refusals below (an
unknown id, a bad period, a missing file) -- a command without any fails ``test_every_command_has_its_own_
refusals``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import typer
from cli.test_refusals_zh import CASES as REFUSALS_BY_COMMAND

import liupi_cli
from liupi_cli.cli.app import app
from messages.test_catalogue import english_words

SOURCE = Path(liupi_cli.__file__).parent


def _leaves(command, path: list[str]):
    subs = getattr(command, "commands", None)
    if subs:
        for name, sub in subs.items():
            yield from _leaves(sub, [*path, name])
    else:
        yield path, command


def _commands() -> dict[str, object]:
    """Every command a user can type, loaded as `liupi` loads them (its lazy table, --lang added)."""
    root = typer.main.get_command(app)
    leaves = {}
    for name in root.list_commands(None):
        leaves.update({" ".join(path): cmd for path, cmd in _leaves(root.get_command(None, name), [name])})
    return leaves


LEAVES = _commands()
# what a required parameter is given, by its name, so that the refusal tried is the one meant
PLACEHOLDER = {"year": "2024", "period": "2023-06", "month": "2023-06", "out": "out.csv", "status": "done"}
JUNK = "junk%值"


def _required(command, leave_out: str | None = None) -> list[str]:
    args: list[str] = []
    for p in command.params:
        if not p.required or p.name == leave_out:
            continue
        value = PLACEHOLDER.get(p.name, "nosuch")
        args += [p.opts[0], value] if p.opts[0].startswith("-") else [value]
    return args


def english_in(text: str, typed: list[str]) -> list[str]:
    """English words left in Chinese output once paths, places in a file, the user's text, ids and values are
    taken out."""
    text = re.sub(r"`[^`\n]*`", "", text)  # commands, settings and file names quoted (before a path inside one)
    text = re.sub(r"[A-Za-z0-9_.~-]*(?:/[A-Za-z0-9_.@-]+)+/?", "", text)  # paths (their Chinese neighbours kept)
    text = re.sub(r"\b[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*(?=：)", "", text)  # where: tasks[0].deadline
    for t in sorted([*typed, *PLACEHOLDER.values(), "nosuch"], key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(t)}(?!\w)", "", text) if t.isascii() else text.replace(t, "")
    text = re.sub(r"“[^”\n]*”", "", text)  # the user's or the file's own text, quoted
    text = re.sub(r"是否要找：[^？\n]*？", "", text)  # the names suggested
    text = re.sub(r"'[^'\n]*'", "", text)  # a value shown quoted as it was given
    text = re.sub(r"(?:可选|可用字段)：.*", "", text)  # ids to choose from: growth, livelihood; a file's fields
    text = re.sub(r"\S+\.(?:csv|xlsx|xls|yaml|docx|md|json|db|toml|pdf|txt|html)\b", "", text)  # file names
    text = re.sub(r"\b[a-z0-9]+(?:[_-][a-z0-9]+)+\b", "", text)  # ids: new_urban_jobs, tiny-2023
    text = re.sub(r"(?<![\w-])-[a-z]\b", "", text)  # short options: -m
    text = re.sub(r"\b[a-z]+(?:\|[a-z]+)+\b", "", text)  # an option's values: table|csv|json
    text = re.sub(r"\b0x[0-9a-f]+\b", "", text)  # a byte or a character by its code: 0xb2
    text = re.sub(r"\bliupi(?: [a-z]+)*(?: [A-Z]+)?", "", text)  # a command line in a hint
    return english_words(text)


def test_the_walk_finds_english_and_passes_chinese():
    assert english_in("错误：give exactly one of --month", []) == ["give", "exactly", "one", "of"]
    assert english_in("错误：未知指标“nosuch”\n提示：`liupi targets` 可列出全部指标", ["nosuch"]) == []
    assert english_in("错误：/tmp/x/a.csv：文件不存在", []) == []
    assert english_in("错误：/tmp/x/a.csv：cannot read", []) == ["cannot", "read"]


def test_the_walk_sees_every_command_and_sub_command():
    assert {"report", "check", "task set", "plan import", "plan next", "plan fill"} <= set(LEAVES)


def _refused_in_chinese(result, typed: list[str]) -> None:
    assert result.exit_code not in (0, None), result.stdout + result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and not ln.startswith("liupi：")]
    assert lines and lines[0].startswith("错误："), result.stderr
    assert english_in("\n".join(lines), typed) == [], result.stderr


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_an_unknown_option(run, name):
    command = LEAVES[name]
    _refused_in_chinese(run(*name.split(), *_required(command), "--bogus", "--lang", "zh"), ["--bogus"])


@pytest.mark.parametrize("name", sorted(n for n, c in LEAVES.items() if any(p.required for p in c.params)))
def test_a_missing_argument(run, name):
    _refused_in_chinese(run(*name.split(), "--lang", "zh"), [])


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_outside_any_plan(tmp_path, name):
    from typer.testing import CliRunner

    nowhere = tmp_path / "nowhere"
    argv = ["--lang", "zh", "--data-dir", str(nowhere), *name.split(), *_required(LEAVES[name])]
    _refused_in_chinese(CliRunner().invoke(app, argv, catch_exceptions=False), [])


def _options(name: str) -> list[tuple[str, str]]:
    command = LEAVES[name]
    return [(name, p.opts[0]) for p in command.params if p.opts[0].startswith("--") and not getattr(p, "is_flag", False)
            and p.name != "lang"]


OPTIONS = [case for name in sorted(LEAVES) for case in _options(name)]


# Refusals still worded in English, each as (command, option): its file, marked strict xfail so that it is taken
# out once the file says it by id. Empty: every refusal the walk reaches is said from the catalogue.
STILL_ENGLISH: dict[tuple[str, str], str] = {}


def _marked(name: str, option: str):
    where = STILL_ENGLISH.get((name, option))
    marks = [pytest.mark.xfail(strict=True, reason=f"{where} words it in English")] if where else []
    return pytest.param(name, option, marks=marks, id=f"{name}-{option}")


@pytest.mark.parametrize("name,option", [_marked(n, o) for n, o in OPTIONS])
def test_a_junk_value_for_each_option(run, name, option):
    """A value no option takes: refused in Chinese (an option taking free text, --note, may accept it)."""
    command = LEAVES[name]
    leave_out = next(p.name for p in command.params if p.opts[0] == option)
    result = run(*name.split(), *_required(command, leave_out), option, JUNK, "--lang", "zh")
    if result.exit_code != 0:
        _refused_in_chinese(result, [JUNK])


# Each command's own refusals beyond tests/cli/test_refusals_zh.py's: a plan that does not pass its checks, a
# bad date, the next year's commands.
OWN = [
    (["tasks", "--as-of", "2023-13-45"], ["2023-13-45"]),
    (["tasks", "--due-within", "soon"], ["soon"]),
    (["plan", "next", "--year", "2024", "a", "--out", "b"], []),
    (["plan", "next", "--year", "2024", "--fill", "nosuch.csv"], ["nosuch.csv"]),
    (["plan", "fill", "nosuch.csv"], ["nosuch.csv"]),
    (["store", "add-role", "renshe", "--unit", "县人社局"], ["renshe"]),  # a SQLite store: no server to add it to
]


def test_every_command_has_its_own_refusals():
    covered = {" ".join(cmd[:2]) if " ".join(cmd[:2]) in LEAVES else cmd[0]
               for cmd, _ in [*REFUSALS_BY_COMMAND, *OWN]}
    assert set(LEAVES) - covered == set()


def _break(plan: Path) -> None:
    targets = plan / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("kind: growth_rate", "kind: growth", 1) + "bogus_section: 1\n", encoding="utf-8")


def _ascii_id(cmd: list[str]) -> str:
    """A test id in ASCII: mutation runs hand ids from one pytest session to the next, and an escaped one may not
    match."""
    return " ".join(word if word.isascii() else "unit" for word in cmd)


@pytest.mark.parametrize("cmd,typed", OWN, ids=[_ascii_id(c) for c, _ in OWN])
def test_own_refusals(run, cmd, typed):
    _refused_in_chinese(run(*cmd, "--lang", "zh"), typed)


def test_a_broken_plan_is_listed_in_chinese(run, mini):
    """`liupi check` lists each problem (on stdout) in Chinese; the plan's own text (a judged_because) as written."""
    import yaml

    _break(mini)
    result = run("check", "--lang", "zh")
    assert result.exit_code == 1
    assert "错误：" in result.stdout and "未知的段“bogus_section”" in result.stdout
    assert "应为 'growth_rate'、'cumulative'" in result.stdout  # pydantic's choices, said as alternatives
    plan = yaml.safe_load((mini / "targets.yaml").read_text(encoding="utf-8").replace("kind: growth\n", "kind: x\n"))
    own = [str(i.get(k)) for i in plan["indicators"] for k in ("judged_because", "name_zh", "source") if i.get(k)]
    assert english_in(result.stdout, [str(mini), *own]) == [], result.stdout


# -- no message outside the catalogue ---------------------------------------------------------------------

RAISED = {"InputRefused", "LiupiError", "StoreError", "ValueError", "UsageProblem", "OutputUnwritable",
          "PlanUnreadable"}
FOUND = {"Problem", "RowProblem", "FillProblem", "add", "say"}  # a problem of a file, made or added to a plan's checker
# Files allowed to raise a message written in place (none: every file of liupi_cli raises its messages by id).
NOT_YET: set[str] = set()


def _english_literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return None
    return text if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text) else None


def messages_outside_the_catalogue(tree: ast.AST) -> list[tuple[int, str]]:
    """Errors raised, and problems of a file found, with English written in place (a literal or an f-string)
    instead of ``msg(id, …)``."""
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise)}
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
        if (name in RAISED and id(call) in raised) or name in FOUND:
            for arg in [*call.args, *(k.value for k in call.keywords)]:
                if (text := _english_literal(arg)) is not None:
                    found.append((call.lineno, text))
    return found


def test_the_scan_finds_a_message_written_in_place():
    tree = ast.parse('raise InputRefused(f"cannot read {x} at all", msg("a.hint"))\nraise ValueError(msg("b"))')
    assert messages_outside_the_catalogue(tree) == [(1, "cannot read  at all")]


def test_every_message_raised_comes_from_the_catalogue():
    written = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name in NOT_YET or name == "messages_catalogue.py":
            continue
        found = messages_outside_the_catalogue(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            written[name] = found
    assert written == {}


def test_the_files_not_yet_converted_still_exist_and_still_need_it():
    """The allow-list only shrinks: a file in it that raises no English any more is taken out of it."""
    stale = [name for name in NOT_YET if not (SOURCE / name).is_file()
             or not messages_outside_the_catalogue(ast.parse((SOURCE / name).read_text(encoding="utf-8")))]
    assert stale == []


BROKEN = sorted(p.name for p in (Path(__file__).parents[1] / "fixtures" / "broken").iterdir() if p.is_dir())


@pytest.mark.parametrize("plan", BROKEN)
def test_each_broken_plan_is_refused_in_chinese(plan):
    """The catalogue of broken plans (tests/fixtures/broken): `liupi check --lang zh` names each problem in
    Chinese; the plan's own text, and the YAML reader's account of a syntax error, stay as written."""
    import yaml
    from typer.testing import CliRunner

    folder = Path(__file__).parents[1] / "fixtures" / "broken" / plan
    result = CliRunner().invoke(app, ["--data-dir", str(folder), "check", "--lang", "zh"], catch_exceptions=False)
    assert result.exit_code != 0
    said = re.sub(r"YAML 语法错误：.*", "", result.stdout + result.stderr)
    own = []
    for name in ("targets.yaml", "tasks.yaml"):
        try:
            own += [v.strip() for v in re.findall(r":\s*(.+)$", (folder / name).read_text(encoding="utf-8"), re.M)]
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            pass
    assert english_in(said, [str(folder), *own]) == [], said
