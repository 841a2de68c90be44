"""A plain number YAML reads differently from how it looks (010 is 8, 1:30 is 90) is a warning that names the
file as the caller labels it, the line, the field and both readings."""

from __future__ import annotations

from liupi_cli.yamlfile import load_yaml


def test_an_octal_looking_target_is_a_warning_at_its_file_line_and_field(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("plan:\n  year: 2023\nindicators:\n  - id: a\n    target: 010\n", encoding="utf-8")
    data, _, problems = load_yaml(path, "targets.yaml")
    assert data["indicators"][0]["target"] == 8
    assert [(p.file, p.line, p.path, p.message) for p in problems] == [
        ("targets.yaml", 5, "indicators[0].target", "'010' is read as the number 8")]
    assert str(problems[0]).startswith("targets.yaml:5: indicators[0].target: '010' is read as the number 8")


def test_without_a_label_the_warning_names_the_path(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("a: 1:30\n", encoding="utf-8")
    _, _, problems = load_yaml(path)
    assert [(p.file, p.line, p.message) for p in problems] == [(str(path), 1, "'1:30' is read as the number 90")]
