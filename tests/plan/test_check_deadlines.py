"""`liupi check` of a task deadline that is no date."""

import pytest


@pytest.mark.parametrize("written,detail", [("2023-06-31", "'2023-06-31' is not (day is out of range for month)"),
                                            ("6月底", "'6月底' is not\n")])
def test_check_names_the_impossible_deadline(run, mini, written, detail):
    tasks = mini / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("deadline: 2023-08-31", f"deadline: {written}", 1), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert (f"tasks.yaml:9: tasks[0].deadline: deadline is a date (2023-12-31), 'ongoing', or empty; {detail}"
            in result.stdout)
