"""Every text file a user hands liupi goes through one decoder (liupi_cli/text_decode.py): a bureau's figures,
a task list, a city's decomposition table. A UTF-16 file saved without a BOM (big- or little-endian) once read
in one place and was refused in another."""

import pytest

from liupi_cli import text_decode
from liupi_cli.figure_sheet import read_table
from liupi_cli.plan_import.read_csv import read_csv

TEXT = "工作任务,牵头单位,完成时限\n推进双牌电厂项目,县发改局,2023年8月\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-8-sig", "gb18030"])
def test_a_task_list_csv_reads_in_every_encoding_a_bureau_table_does(tmp_path, codec):
    path = tmp_path / "list.csv"
    path.write_bytes(TEXT.encode(codec))
    rows = read_csv(path)[0].rows
    assert [r.cells for r in rows] == [["工作任务", "牵头单位", "完成时限"],
                                       ["推进双牌电厂项目", "县发改局", "2023年8月"]]
    figures = tmp_path / "figures.csv"
    figures.write_bytes("id,period,value\nnew_urban_jobs,2023-06,1480\n".encode(codec))
    assert read_table(figures).rows == [(2, {"id": "new_urban_jobs", "period": "2023-06", "value": "1480"})]


def test_the_readers_share_the_decoder_rather_than_each_keeping_one():
    import liupi_cli.figure_sheet as figure_sheet
    import liupi_cli.plan_import.read_csv as read_csv_module

    assert figure_sheet.decode is text_decode.decode
    assert read_csv_module.decode is text_decode.decode


def test_an_undecodable_task_list_is_refused_in_the_catalogue_words_with_its_file(tmp_path):
    from liupi_cli.errors import InputRefused

    path = tmp_path / "list.csv"
    path.write_bytes(b"\xff\xff\xfe\x81\x30\x81")
    with pytest.raises(InputRefused) as err:
        read_csv(path)
    assert str(path) in err.value.message
    assert "UTF-8, UTF-16 or GB18030" in err.value.message
