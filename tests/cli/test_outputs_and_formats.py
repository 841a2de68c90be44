"""What a new user met at the command line: --format refused with the command's own formats (and md/txt/htm
read as their extensions read), an --out or --out-dir that is the wrong kind of thing refused for what it is
(exit 5), a missing file with a hint, a sheet without a 期间 column recorded with --period."""

import pytest


@pytest.mark.parametrize("args,given,offered", [
    (["report", "--month", "2023-06"], "pdf", "table, markdown, csv, json, xlsx, html"),
    (["report", "--month", "2023-06"], "docx", "table, markdown, csv, json, xlsx, html"),
    (["targets"], "md", "table, csv, json"),
    (["export"], "html", "csv, json, xlsx"),
])
def test_a_format_the_command_does_not_write_is_refused_with_its_own_formats(run, args, given, offered):
    result = run(*args, "--format", given)
    assert result.exit_code == 2
    assert f"invalid value for --format: '{given}' is not one of {offered}" in result.stderr
    assert "Traceback" not in result.stderr
    zh = run(*args, "--format", given, "--lang", "zh")
    assert zh.exit_code == 2 and f"选项 --format 的值“{given}”无效，可选：{offered}" in zh.stderr


@pytest.mark.parametrize("alias,heading", [("md", "# "), ("MD", "# "), ("txt", "")])
def test_md_and_txt_name_the_formats_their_extensions_name(run, alias, heading):
    result = run("report", "--month", "2023-06", "--format", alias)
    full = run("report", "--month", "2023-06", "--format", "markdown" if alias.lower() == "md" else "table")
    assert result.exit_code == full.exit_code and result.stdout == full.stdout
    assert result.stdout.startswith(heading)


@pytest.mark.parametrize("args", [
    ["report", "--month", "2023-06"], ["export"], ["template", "--period", "2023-06"],
])
def test_an_out_that_is_a_folder_is_refused_as_a_folder(run, tmp_path, args):
    folder = tmp_path / "made"
    folder.mkdir()
    result = run(*args, "--out", folder)
    assert result.exit_code == 5
    assert f"{folder} is a folder; liupi writes only regular files" in result.stderr
    assert list(folder.iterdir()) == []


def test_an_out_dir_that_is_a_file_is_refused_as_a_file(run, tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("kept\n", encoding="utf-8")
    result = run("summary", "--month", "2023-06", "--out-dir", plain, "--lang", "zh")
    assert result.exit_code == 5
    assert f"{plain} 是文件而不是文件夹" in result.stderr and "File exists" not in result.stderr
    assert plain.read_text(encoding="utf-8") == "kept\n"


def test_a_missing_file_of_figures_says_where_to_look(run):
    result = run("update", "--file", "nofile.csv")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "error: nofile.csv: file not found" and lines[1].startswith("hint: check the name")


def test_a_sheet_without_a_period_column_takes_the_period_option(run, tmp_path):
    sheet = tmp_path / "june.csv"
    sheet.write_text("指标,数值\n城镇新增就业,1500\n", encoding="utf-8")
    without = run("update", "--file", sheet)
    assert without.exit_code == 1
    assert "row 2: no period: the row's 期间 cell is empty and --period was not given" in without.stderr
    given = run("update", "--file", sheet, "--period", "2023-09")
    assert given.exit_code == 0, given.stderr
    history = run("history", "new_urban_jobs", "--format", "json")
    assert '"period": "2023-09"' in history.stdout and '"entered": "1500"' in history.stdout
