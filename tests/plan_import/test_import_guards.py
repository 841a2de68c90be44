"""`liupi plan import` into a folder that already holds a plan, and the review's confidence as printed."""

import pytest

BOMB = """a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
units: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


@pytest.mark.parametrize("name,text,message", [
    ("targets.yaml", "plan:\n  title_zh: [unclosed\n  year: 2024\n",
     "targets.yaml:3: YAML syntax error: did not find expected ',' or ']'"),
    ("targets.yaml", BOMB, "targets.yaml:1: aliases (*name) expand to too many values"),
    ("tasks.yaml", "tasks:\n- id: a\n  deadline: !!python/object:os.system x\n", "tasks.yaml:3:"),
    ("tasks.yaml", "- just\n- a list\n", "tasks.yaml: not a tasks file"),
])
def test_plan_import_reads_the_plan_already_in_the_folder_with_the_plan_guards(tmp_path, name, text, message):
    """The folder an import writes into may hold a broken or hostile plan: one located line, exit 3, nothing
    written, and an alias bomb refused at once rather than expanded."""
    from conftest import REPO, Run

    out = tmp_path / "plan"
    out.mkdir()
    (out / name).write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = Run(None)("plan", "import", str(REPO / "examples" / "task-list-sample.docx"), "--out", str(out),
                       "--year", "2024", "--plan-id", "s-2024")
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr and len(result.stderr.splitlines()) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_plan_import_review_never_rounds_a_refused_confidence_up_to_the_adopting_one(tmp_path):
    """0.8 and up is added; a 0.75 candidate printed as 'confidence 0.8 …; not added' contradicts that."""
    from conftest import Run

    src = tmp_path / "list.csv"
    src.write_text("序号,工作任务,牵头单位,完成时限\n1,农村自来水普及率不低于90%,县水利局,2023年12月底前\n"
                   "2,城镇新增就业2500人,县人社局,2023年12月底前\n", encoding="utf-8")
    result = Run(None)("plan", "import", str(src), "--out", str(tmp_path / "p"), "--year", "2023",
                       "--plan-id", "p-2023", "--dry-run")
    assert result.exit_code == 0, result.stderr
    review = result.stdout.replace("\\_", "_")
    assert "level at_least 90% (confidence 0.75); not added" in review
    assert "cumulative at_least 2500人 (confidence 0.8; frequency set to annual)" in review
