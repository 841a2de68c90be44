"""The terminal table: fits 80 columns without splitting words, stays short, leads with the summary,
and guides a first run; the fixed-width layout it is built on."""

import inspect
import re

import pytest
from conftest import REPO

from liupi_cli import messages_catalogue
from liupi_cli.render import labels, text, textgrid
from liupi_cli.render.textgrid import Column, render_table, width, wrap

DEMO = REPO / "examples" / "demo-2023-06.csv"
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


# -- the layout primitives ---------------------------------------------------------------------------

def test_width_counts_chinese_as_two_columns():
    assert width("GDP") == 3
    assert width("县发改局") == 8
    assert width("（附件2 一）") == 12  # full-width brackets are wide too


def test_wrap_breaks_between_words_and_between_chinese_characters():
    assert wrap("Value added of industry above designated size", 12) == [
        "Value added", "of industry", "above", "designated", "size"]
    assert wrap("社会消费品零售总额", 8) == ["社会消费", "品零售总", "额"]
    assert wrap("县发改局*", 8) == ["县发改", "局*"]  # the star stays with its unit name


def test_a_word_wider_than_the_column_is_shortened_never_split():
    assert wrap("random-inspection", 8) == ["random-…"]
    assert wrap("one two three four", 9, max_lines=2) == ["one two", "three…"]


def test_columns_give_way_by_priority_when_the_table_is_too_wide():
    cols = [Column("Light", ["RED"], priority=100), Column("Indicator", ["Fixed-asset investment"], wrap=True,
                                                           priority=99, min_width=10),
            Column("Note", ["a long note that matters little"], wrap=True, priority=1, min_width=16)]
    lines = render_table(cols, 30)
    assert lines[0].split() == ["Light", "Indicator"]  # the note went first
    assert all(width(line) <= 30 for line in lines)
    assert render_table(cols, 80)[0].split() == ["Light", "Indicator", "Note"]


# -- the report table ------------------------------------------------------------------------------------

@pytest.fixture
def demo(run_shipped, monkeypatch, tmp_path):
    monkeypatch.setenv("LIUPI_DB", str(tmp_path / "demo.db"))
    assert run_shipped("update", "--file", str(DEMO)).exit_code == 0
    return run_shipped


def _vocabulary(json_doc: str) -> set[str]:
    """Every whole word liupi could print: the report's data and the renderers' own words."""
    sources = json_doc + "".join(inspect.getsource(m) for m in (labels, messages_catalogue, text, textgrid))
    return set(WORD.findall(sources))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_table_at_80_columns(demo, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "80")
    result = demo("report", "--month", "2023-06", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    too_long = [ln for ln in lines if width(ln) > 80]
    assert not too_long
    vocabulary = _vocabulary(demo("report", "--month", "2023-06", "-f", "json").stdout)
    split = {w for ln in lines for w in WORD.findall(ln)} - vocabulary
    assert not split, f"words broken or cut: {sorted(split)}"
    assert len(lines) < 2.5 * 289  # about one or two lines per indicator, not thousands
    head = re.compile(r"^Light +Indicator +Target +Actual" if lang == "en" else r"^灯 +指标 +年度目标 +实际")
    headings = [ln for ln in lines if head.match(ln)]
    assert "Note" not in headings[0] and "备注" not in headings[0]  # battle 1 is the widest: its notes gave way


def test_the_table_follows_columns_else_100(demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "130")
    wide = demo("report", "--month", "2023-06").stdout.splitlines()
    assert max(width(ln) for ln in wide) == 130
    monkeypatch.delenv("COLUMNS")
    default = demo("report", "--month", "2023-06").stdout.splitlines()
    assert max(width(ln) for ln in default) == 100


def test_the_summary_line_leads_the_table_and_stderr(demo):
    result = demo("report", "--month", "2023-06")
    summary = "2023-06: 5 red, 4 yellow, 5 green, 275 grey (no data or not due); 0 task(s) overdue"
    assert result.stdout.splitlines()[1] == summary
    assert result.stderr.splitlines()[0] == summary


def test_a_first_run_is_short_and_says_what_to_do_next(run_shipped):
    result = run_shipped("report", "--month", "2023-06")
    assert result.exit_code == 6  # the report is written, but an empty store must not look like success
    out = result.stdout
    assert "Nothing is recorded for 2023-06 yet." in out
    assert "`liupi update ID VALUE --period 2023-06`" in out and "`liupi init demo --demo`" in out
    assert "`--light red,yellow`" in out
    assert "287 indicator(s) have no figure yet and are not listed; `--light grey` lists them." in out
    assert len(out.splitlines()) < 60  # not hundreds of grey rows
    grey = run_shipped("report", "--month", "2023-06", "--light", "grey").stdout
    assert len(grey.splitlines()) > 287  # asked for, they are listed


def test_a_first_run_in_chinese(run_shipped):
    result = run_shipped("report", "--month", "2023-06", "--lang", "zh")
    assert "2023年1–6月尚未录入任何数据。" in result.stdout
    assert result.stderr.splitlines()[0].startswith("2023年1–6月：红灯1个，黄灯1个，绿灯0个，灰灯287个")


def test_no_colour_when_piped_but_colour_at_a_terminal():
    from liupi_cli.cli.report_table import render
    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.report import build_report

    rep = build_report(load_plan(REPO / "data"), [], parse_period("2023-06"), lights=["red"])
    assert "\x1b[" not in render(rep, "en", 80, colour=False)
    coloured = render(rep, "en", 80, colour=True)
    assert "\x1b[1;31mRED" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == render(rep, "en", 80, colour=False)  # colour never changes the layout


def test_listings_fit_the_width_and_keep_ids_whole(run_shipped, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = run_shipped("targets", "--battle", "growth").stdout.splitlines()
    assert max(width(ln) for ln in lines) <= 80
    ids = [ln.split()[0] for ln in lines[2:] if ln and not ln.startswith(" ")]
    assert "main_indicators_city_position" in ids and len(ids) == 76  # one whole id per indicator


def _tokens_one_character_at_a_time(text: str) -> tuple[str, ...]:
    """The tokenising rule written plainly (every character on its own, then glued): the oracle for
    ``textgrid.tokens``, which takes ASCII runs whole for speed."""
    out: list[str] = []
    for t in re.findall(r"\s+|[^\s]", text):
        if t.isspace():
            out.append(" ")
            continue
        if out and out[-1] != " ":
            prev = out[-1]
            if (not textgrid._is_wide(t) and not textgrid._is_wide(prev[-1])) or t in textgrid._NO_START \
                    or prev[-1] in textgrid._NO_END:
                out[-1] = prev + t
                continue
        out.append(t)
    return tuple(out)


_TOKEN_ALPHABET = "ab1 .,(%)（）《》，。“”GDP增长率万元 \t–°"


@pytest.mark.parametrize("text", [
    "GDP增长8%左右", "（2023年）", "“三区两园”建设，完成率(%)", "a,b ,c", "《方案》。", "x（y）z", "  lead  ", "1–2月",
])
def test_tokens_agree_with_the_one_character_rule(text):
    assert textgrid.tokens(text) == _tokens_one_character_at_a_time(text)


def test_tokens_agree_with_the_one_character_rule_on_any_text():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(alphabet=_TOKEN_ALPHABET, max_size=30))
    def check(text):
        assert textgrid.tokens(text) == _tokens_one_character_at_a_time(text)

    check()


@pytest.mark.parametrize("value,unit,shown", [
    (9.46, "%", "9.46"), (9.5, "%", "9.5"), (9.0, "%", "9.0"), (1480.0, "人", "1,480"), (1480.5, "人", "1,480.5"),
    (18.5, "亿元", "18.50"), (18.5123, "亿元", "18.5123"), (0.1 + 0.2, "%", "0.3"), (1234567.0, None, "1,234,567"),
    (1 / 3, "%", "0.3333"),  # never more than 4 decimals, the places a figure is judged at
])
def test_a_figure_keeps_the_decimals_it_has(value, unit, shown):
    assert labels.num(value, unit) == shown


# no gap has no sign (0.0, never +0.0)
@pytest.mark.parametrize("value,shown", [(-0.04, "-0.04"), (0.0, "0.0"), (-1.04, "-1.04"), (1.1, "+1.1"),
                                         (-3.1, "-3.1"), (6.6 - 5.5, "+1.1")])
def test_points_never_round_a_gap_to_zero_or_across_a_threshold(value, shown):
    assert labels.pts(value) == shown


def test_the_year_report_does_not_bracket_its_own_december_figure(run):
    assert run("update", "new_urban_jobs", "3300", "--period", "2023-12").exit_code == 0
    assert run("update", "air_quality", "91", "--period", "2023-06").exit_code == 0
    table = run("report", "--year", "2023").stdout
    jobs = next(ln for ln in table.splitlines() if "New urban jobs" in ln)
    air = next(ln for ln in table.splitlines() if "Good air days" in ln)
    assert "3,300人" in jobs and "(2023-12)" not in jobs  # December is the year's own period
    assert "(2023-06)" in air  # a June figure in the year's report is another period


@pytest.mark.parametrize("completion,filled", [(98.5, 9), (99.9, 9), (100.0, 10), (130.0, 10), (4.9, 0), (10.0, 1)])
def test_only_a_reached_target_fills_the_bar(completion, filled):
    from types import SimpleNamespace

    assert text.bar(SimpleNamespace(completion=completion)).count("█") == filled


def test_a_column_s_natural_and_narrowest_widths():
    empty = Column("", [])
    assert (empty.natural(), empty.least()) == (0, 0)  # nothing to show takes no room
    names = Column("名称", ["城镇新增就业 3200人", "x"], wrap=True, max_width=8, min_width=2)
    assert names.natural() == 8  # a wrapping column is capped at its max_width
    assert names.least() == 4  # down to its longest word: 3200 (人 and each Chinese character stand alone, 2 wide)
    fixed = Column("id", ["key_livelihood_projects"], max_width=8)
    assert fixed.natural() == fixed.least() == 23  # a column that does not wrap keeps its cells whole
    spaced = Column("a b", ["  "], wrap=True, min_width=1)
    assert spaced.least() == 1  # spaces are not words: the heading's longest word is 1 wide


@pytest.mark.parametrize("value,qualifier,shown", [
    ("6个工作日", "内", "6个工作日内"), ("5个工作日", "以内", "5个工作日以内"), ("8%", "以上", "8%以上"),
    ("34亿元", "突破", "突破34亿元"), ("35%", "力争…以上", "力争35%以上"),
])
def test_a_qualifier_sits_where_chinese_writes_it(value, qualifier, shown):
    assert labels.zh_target(value, qualifier) == shown


def test_a_target_the_document_also_states_without_a_figure_is_named_not_dashed():
    from conftest import SHIPPED

    from liupi_cli.periods import parse_period
    from liupi_cli.plan import load_plan
    from liupi_cli.report import build_report

    row = {r.id: r for r in build_report(load_plan(SHIPPED), [], parse_period("2023-06")).rows}["major_accidents"]
    assert "按附件6 一考核；文件另有无数值的表述（总体方案二(五)）" in row.notes_zh
    assert "judged against 附件6 一; the document also gives a wording without a figure（main 二(五)）" in row.notes
