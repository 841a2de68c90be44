"""Look-alike unit names (full/half width, spaces, zero-width characters) are one unit to import and a
warning to `liupi check`; text from an imported document reaches the review file and the terminal inert."""

from __future__ import annotations

import shutil

import yaml
from conftest import REPO
from typer.testing import CliRunner

from liupi_cli.cli.app import app
from liupi_cli.plan import check_plan
from liupi_cli.plan_import import import_plan
from liupi_cli.unit_names import hidden_marks, look_alikes, name_key

ZWJ = "\u200d"


def test_name_key_folds_width_spaces_and_invisible_characters():
    assert name_key("县财政局（国资股）") == name_key("县财政局(国资股)") == "县财政局(国资股)"
    assert name_key(f"县发{ZWJ}改局") == name_key("县 发改局") == name_key("\ufeff县发改局") == "县发改局"
    assert name_key("县发改局") != name_key("县发改委")
    assert hidden_marks(f"县发{ZWJ}改局") == ["U+200D (zero width joiner)"]
    assert hidden_marks("县 发改局") == ["a space"] and hidden_marks("县发改局") == []
    assert look_alikes([("a", "县发改局"), ("a", "县发 改局"), ("b", f"县发{ZWJ}改局"), ("c", "县发改委")]) == [
        ("b", f"县发{ZWJ}改局", "a", "县发改局")
    ]


def _plan_with(tmp_path, *units: dict):
    shutil.copytree(REPO / "data", tmp_path / "p", ignore=shutil.ignore_patterns("records.db*"))
    path = tmp_path / "p" / "targets.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["units"] += list(units)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path / "p"


def test_check_warns_of_look_alike_units_and_invisible_characters(tmp_path):
    folder = _plan_with(
        tmp_path,
        {"id": "gzg2", "name_zh": "县财政局(国资股)"},  # the bundled plan has 县财政局（国资股） (czj_gzg)
        {"id": "fgj2", "name_zh": f"县发{ZWJ}改局"},  # and 县发改局 (fgj)
    )
    plan, problems = check_plan(folder)
    assert plan is not None  # warnings, not errors: the plan still loads
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("unit name '县财政局(国资股)' of gzg2 looks like '县财政局（国资股）' of czj_gzg" in w for w in warnings)
    assert any("unit name '县发[U+200D]改局' of fgj2 looks like '县发改局' of fgj" in w for w in warnings)
    assert any("'县发[U+200D]改局' holds U+200D (zero width joiner)" in w for w in warnings)
    assert not any(ZWJ in w for w in warnings)  # the message shows what cannot be seen
    r = CliRunner().invoke(app, ["--data-dir", str(folder), "check"])
    assert "looks like '县财政局（国资股）' of czj_gzg" in r.stderr + r.stdout


def test_the_bundled_plan_has_no_look_alike_units():
    _, problems = check_plan(REPO / "data")
    assert not [p for p in problems if p.message.startswith("unit name")]  # its spaced alias is as written


def test_import_reads_look_alikes_as_one_unit_and_says_so(tmp_path):
    doc = tmp_path / "清单.csv"
    doc.write_text(
        "某县2024年重点工作任务清单\n工作任务,牵头单位,责任单位,完成时限\n"
        "1.盘活国有资产。,县财政局(国资股),县发改局,2024年12月底前\n"
        f"2.清查国有资产。,县财政局（国资股）,县发{ZWJ}改局,2024年6月底前\n",
        encoding="utf-8",
    )
    result = import_plan([doc], tmp_path / "plan")
    tasks = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    assert tasks[0]["lead_units"] == tasks[1]["lead_units"]  # one unit, not two
    assert tasks[0]["responsible_units"] == tasks[1]["responsible_units"]
    assert [u["name_zh"] for u in result.built.units] == ["县财政局(国资股)", "县发改局"]  # as first written
    review = result.files["review"]
    assert "'县财政局（国资股）' read as the unit '县财政局(国资股)'" in review
    assert "'县发\\[U+200D\\]改局' read as the unit '县发改局'" in review
    assert ZWJ not in result.files["targets.yaml"] and ZWJ not in result.files["tasks.yaml"]


def test_a_new_unit_written_with_a_zero_width_character_is_stored_without_it(tmp_path):
    doc = tmp_path / "清单.csv"
    doc.write_text(f"工作任务,牵头单位,完成时限\n1.抓好项目。,县发{ZWJ}改局,2024年12月底前\n", encoding="utf-8")
    result = import_plan([doc], tmp_path / "plan", year=2024)
    assert [u["name_zh"] for u in result.built.units] == ["县发改局"]
    assert "written '县发\\[U+200D\\]改局' (with U+200D (zero width joiner)): read without" in result.files["review"]


def test_review_and_dry_run_keep_document_text_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "清单.csv"
    doc.write_text(
        "<script>alert(1)</script>2024年重点工作任务清单\n工作任务,牵头单位,完成时限\n"
        "1.<img src=x onerror=alert(1)>建设项目。,县\x1b[31m发改局\x1b[0m,2024年12月底前\n"
        "2.[点我](javascript:alert(1))推进改革。,县财政局\x07,2024年6月底前\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["plan", "import", str(doc), "--dry-run"])
    assert r.exit_code == 0, r.output
    for out in (r.stdout, r.stderr):
        assert "\x1b" not in out and "\x07" not in out
        assert "<script>" not in out and "<img" not in out and "](javascript:" not in out
    assert "&lt;script&gt;" in r.stdout
    r = CliRunner().invoke(app, ["plan", "import", str(doc)])
    assert r.exit_code in (0, 1), r.output
    review = (tmp_path / "plan" / "import-review.md").read_text(encoding="utf-8")
    assert "<script>" not in review and "<img" not in review and "\x1b" not in review and "\x07" not in review
    assert "\\[点我\\](javascript:alert(1))" not in review or "](javascript:" not in review
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in review


def test_control_characters_never_reach_the_plan_files(tmp_path):
    doc = tmp_path / "清单.csv"
    doc.write_text("工作任务,牵头单位,完成时限\n1.建设\x1b]0;pwned\x07项目\x1b[2J。,县\x1b[31m发改局,2024年12月底前\n",
                   encoding="utf-8")
    result = import_plan([doc], tmp_path / "plan", year=2024)
    for name in ("tasks.yaml", "targets.yaml", "review"):
        assert "\x1b" not in result.files[name] and "\x07" not in result.files[name], name
    (task,) = yaml.safe_load(result.files["tasks.yaml"])["tasks"]
    assert task["title_zh"] == "建设]0" and task["lead_units"] == ["fgj"]  # ; ends the first sentence
