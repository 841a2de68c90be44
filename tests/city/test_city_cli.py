"""A generated city of 12 counties, through the CLI: check, collect (twice, and refused files), rank in every
format; the JSON equals the core model's dump."""

import json
import shutil

import pytest
from openpyxl import load_workbook

from .conftest import collected_rows


def test_check_a_city_workspace(city):
    r = city("check")
    assert r.exit_code == 0, r.stderr
    assert "11 county(ies) send exported files" in r.stdout
    assert "decomposition.xlsx:2: gdp_growth × shuangpai: 双牌县's plan sets 8, the decomposition" in r.stdout


def test_check_says_where_the_parts_do_not_add_up(city):
    path = city.root / "data" / "decomposition.xlsx"
    wb = load_workbook(path)
    ws = wb.active
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "城镇新增就业")
    row[3].value = row[3].value - 100  # 双牌县's part 100 people short: the parts no longer reach the city target
    row[1].value = "万人"
    wb.save(path)
    r = city("check")
    assert r.exit_code == 1
    assert "decomposition.xlsx:7: new_urban_jobs: the counties' targets add up to" in r.stdout
    assert "short of the city target" in r.stdout and "by 100" in r.stdout
    assert "decomposition.xlsx:7: new_urban_jobs: unit 万人 differs from the city plan's 人" in r.stdout


def test_collect_then_again_adds_nothing(city):
    first = city("collect")
    assert first.exit_code == 0, first.stderr
    assert "collected 153 new or changed figure(s) from 12 county(ies); 0 unchanged; 0 refused" in first.stderr
    n = collected_rows(city.root)
    assert n == 153  # 11 files × 13 figures + 双牌县's 10 decomposed demo figures
    again = city("collect", "--format", "json")
    assert "collected 0 new or changed figure(s) from 12 county(ies); 153 unchanged" in again.stderr
    doc = json.loads(again.stdout)  # stdout holds one JSON document: the outcome per county
    assert [c["unchanged"] for c in doc["counties"]] == [10] + [13] * 11
    assert collected_rows(city.root) == n


def test_a_revised_figure_supersedes_and_the_old_one_stays(city):
    city("collect")
    path = city.root / "counties" / "qiyang-2023.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["records"][0]["value"] += 1
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = city("collect", "--county", "qiyang")
    assert "collected 1 new or changed figure(s) from 1 county(ies); 12 unchanged" in r.stderr
    assert collected_rows(city.root) == 154


@pytest.mark.parametrize("name,expected", [
    ("lengshuitan-2022.json",
     "holds figures for 2022 (record 1, industrial_va_growth 2022-05), not 2023; refused whole"),
    ("lingling-cut-short.json", "not a complete liupi export"),
])
def test_a_bad_file_is_refused_whole_with_one_line(city, name, expected):
    city("collect")
    before = collected_rows(city.root)
    county = name.split("-")[0]
    r = city("collect", "--county", county, "--file", str(city.root / "mail" / name))
    assert r.exit_code == 1
    refusals = [ln for ln in r.stderr.splitlines() if ln.startswith("refused:")]
    assert len(refusals) == 1 and name in refusals[0] and expected in refusals[0]
    assert "Traceback" not in r.stderr
    assert collected_rows(city.root) == before  # nothing lost, nothing added


def test_a_countys_store_file_given_to_file_is_refused_saying_what_to_send(city):
    store = city.root / "counties" / "shuangpai" / "data" / "records.db"
    r = city("collect", "--county", "shuangpai", "--file", str(store))
    assert r.exit_code == 1
    refusals = [ln for ln in r.stderr.splitlines() if ln.startswith("refused:")]
    assert refusals == [
        f"refused: 双牌县 (shuangpai): {store}: a liupi record store (SQLite), not an export: a county's file (--file, "
        "or its source in city.yaml) is what `liupi export --format json` writes; refused whole (hint: in the "
        "county's workspace: `liupi export --format json --out shuangpai.json`, and collect that file; or make the "
        "workspace folder its source in city.yaml)"], r.stderr
    assert "codec" not in r.stderr and collected_rows(city.root) == 0
    zh = city("--lang", "zh", "collect", "--county", "shuangpai", "--file", str(store))
    assert f"：{store}：是 liupi 数据库（SQLite），不是导出文件" in zh.stderr


def test_another_countys_file_is_refused(city):
    r = city("collect", "--county", "lengshuitan", "--file", str(city.root / "counties" / "lingling-2023.json"))
    assert r.exit_code == 1
    assert "holds plan lingling-2023 (零陵区's), not 冷水滩区's lengshuitan-2023; refused whole" in r.stderr
    other = city.root / "other.json"
    doc = json.loads((city.root / "counties" / "lingling-2023.json").read_text(encoding="utf-8"))
    other.write_text(json.dumps(dict(doc, plan="furong-2023")), encoding="utf-8")
    r = city("collect", "--county", "lingling", "--file", str(other))
    assert "holds plan furong-2023 (not one of 永州市's counties'), not 零陵区's lingling-2023" in r.stderr


def test_one_bad_county_does_not_stop_the_others(city):
    shutil.copy(city.root / "mail" / "lingling-cut-short.json", city.root / "counties" / "lingling-2023.json")
    r = city("collect")
    assert r.exit_code == 1
    assert "collected 140 new or changed figure(s) from 11 county(ies); 0 unchanged; 1 refused" in r.stderr


def test_rank_json_is_the_core_model(city):
    from liupi_cli.city.collected import CollectedStore
    from liupi_cli.city.load import open_city
    from liupi_cli.city.ranking import build_ranking
    from liupi_cli.city.rollup import FigureIndex
    from liupi_cli.periods import Period

    assert city("collect").exit_code == 0
    r = city("rank", "--month", "2023-06", "--format", "json")
    assert r.exit_code == 0, r.stderr
    got = json.loads(r.stdout)
    c = open_city(city.root / "data", city.root)
    with CollectedStore(c.collected_path, "永州市", readonly=True) as store:
        core = build_ranking(c.config, c.plan, c.decomposition, FigureIndex(store.current()), Period(2023, 6, "month"),
                             lang="zh")
    assert got == core.model_dump(mode="json")
    assert sorted(x["place"] for x in got["counties"]) == list(range(1, 13))  # random figures: no tie
    assert len(got["top_three"]) == 3 and got["previous_period"] == "2023-05"
    shuangpai = next(x for x in got["counties"] if x["county"] == "shuangpai")
    jobs = next(s for s in shuangpai["scores"] if s["indicator"] == "new_urban_jobs")
    assert jobs["value"] == 1480  # the demo figure recorded in 双牌县's own workspace, collected from it


def test_rank_with_the_citys_own_figure(city):
    """fai_growth is scored against the city's figure: recorded in the city's own store by its 统计局."""
    city("collect")
    assert city("update", "fai_growth", "6.2", "--period", "2023-06").exit_code == 0
    got = json.loads(city("rank", "--month", "2023-06", "--format", "json").stdout)
    for county in got["counties"]:
        fai = next(s for s in county["scores"] if s["indicator"] == "fai_growth")
        steps = int(round((fai["value"] - 6.2) / 0.1, 9))
        assert fai["points"] == max(-1.0, min(1.0, round(steps * 0.1, 2)))


@pytest.mark.parametrize("fmt,needle", [("table", "综合排名"), ("markdown", "## 综合排名"),
                                        ("csv", "位次,县（市、区）"), ("html", "<h2>综合排名</h2>")])
def test_rank_formats(city, fmt, needle):
    city("collect")
    r = city("rank", "--month", "2023-06", "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert needle in r.stdout


def test_rank_to_xlsx_and_docx_files(city, tmp_path):
    city("collect")
    for name in ("rank.xlsx", "rank.docx"):
        r = city("rank", "--month", "2023-06", "--out", str(tmp_path / name), "--date", "2023-07-20")
        assert r.exit_code == 0, r.stderr
        assert (tmp_path / name).read_bytes()[:2] == b"PK"
    again = tmp_path / "again.docx"
    city("rank", "--month", "2023-06", "--out", str(again), "--date", "2023-07-20")
    assert again.read_bytes() == (tmp_path / "rank.docx").read_bytes()  # reproducible


def test_rank_refusals(city):
    assert city("rank", "--month", "2022-06").exit_code == 2
    assert city("rank", "--month", "2023Q2").exit_code == 2
    r = city("rank", "--month", "2023-06", "--format", "docx")
    assert r.exit_code == 2 and "docx needs --out" in r.stderr
    r = city("rank", "--month", "2023-06")  # nothing collected yet
    assert r.exit_code == 6 and "`liupi collect` first" in r.stderr


def test_init_a_city_workspace(tmp_path, monkeypatch):
    from conftest import Run

    monkeypatch.delenv("LIUPI_HOME", raising=False)
    r = Run(None)("init", str(tmp_path / "yz"), "--level", "city", "--city", "永州市", "--year", "2023")
    assert r.exit_code == 0, r.stderr
    text = (tmp_path / "yz" / "data" / "city.yaml").read_text(encoding="utf-8")
    assert "name_zh: 永州市" in text and "year: 2023" in text
    assert Run(tmp_path / "yz")("check").exit_code == 0
    again = Run(None)("init", str(tmp_path / "yz"), "--level", "city")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert Run(None)("init", str(tmp_path / "x"), "--level", "province").exit_code == 2


def test_check_collect_and_rank_speak_chinese_with_lang_zh(city):
    r = city("--lang", "zh", "check")
    assert r.exit_code == 0, r.stderr
    assert "11个县报送的是导出文件" in r.stdout
    assert "gdp_growth × shuangpai：双牌县的计划目标为 8，分解表为" in r.stdout
    assert "send exported files" not in r.stdout and "plan sets" not in r.stdout
    r = city("--lang", "zh", "collect", "--county", "lengshuitan", "--file",
             str(city.root / "mail" / "lengshuitan-2022.json"))
    assert r.exit_code == 1
    refusals = [ln for ln in r.stderr.splitlines() if ln.startswith("被拒：")]
    assert len(refusals) == 1, r.stderr
    assert "冷水滩区（lengshuitan）：" in refusals[0] and "含 2022 年的数据" in refusals[0]
    assert "不是 2023 年；整份拒收（提示：本市汇总的是 2023 年的数据）" in refusals[0]
    assert "refused whole" not in r.stderr
    r = city("--lang", "zh", "collect")
    assert r.exit_code == 0, r.stderr
    head = r.stdout.splitlines()
    assert any("县" in ln and "新增" in ln for ln in head), r.stdout  # the table's headings in the run's language
    assert "added" not in r.stdout and "unchanged" not in r.stdout
    r = city("--lang", "zh", "rank", "--month", "2023-06", "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    assert "## 考核指标及计分办法" in r.stdout and "第1名得满分，第2名95%" in r.stdout


def test_a_bad_rule_in_city_yaml_is_said_in_either_language(city):
    path = city.root / "data" / "city.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("scoring:\n", "scoring:\n  by_class: false\n", 1).replace(
        "rules:\n", "rules:\n  - {indicator: gdp_growth, method: completion_contest, points: 4}\n", 1),
        encoding="utf-8")
    en = city("check")
    assert en.exit_code == 1 and "a completion_contest rule needs contest_points above 0" in en.stdout
    zh = city("--lang", "zh", "check")
    assert zh.exit_code == 1 and "`completion_contest` 规则须写 `contest_points`" in zh.stdout
