"""The office's review queue sorted and worded without a server: the items of a period, per unit in the plan's
order with the office's own last and each unit's items by id, one unit alone, and what a bureau is told of a
figure sent back."""

from __future__ import annotations

from conftest import MINI

from liupi_cli.periods import parse_period
from liupi_cli.plan import load_plan
from liupi_cli.review import ReviewItem, by_unit, in_period, returned_note


def _item(n, unit, period="2023-06", status="submitted", baseline=False, **kw):
    return ReviewItem(id=n, indicator="new_urban_jobs", period=period, baseline=baseline, entered=f"{n}00",
                      recorded_by="王", recorded_at="2023-07-05T09:00", unit=unit, status=status, **kw)


ITEMS = [_item(9, None), _item(7, "yjj"), _item(5, "rsj", "2023-05"), _item(3, "rsj"), _item(8, "zzz"),
         _item(1, "fgj"), _item(4, None)]


def test_the_items_of_one_period_or_all_of_them():
    may, june = parse_period("2023-05"), parse_period("2023-06")
    assert [i.id for i in in_period(ITEMS, may)] == [5]
    assert [i.id for i in in_period(ITEMS, june)] == [9, 7, 3, 8, 1, 4]
    assert in_period(ITEMS, None) == ITEMS and in_period(ITEMS, parse_period("2023-04")) == []


def test_a_period_s_review_holds_every_figure_for_that_point_of_the_year():
    """At June: the second quarter's figures and last year's June (--baseline) too; at 2023Q2 June's as well;
    at December the year's; never another point of the year, nor last year's figure for this year's key."""
    items = [_item(9, "fgj", "junk"), _item(1, "fgj", "2023Q2"), _item(2, "fgj", "2022-06", baseline=True),
             _item(3, "fgj", "2023-06"), _item(4, "fgj", "2023Q1"), _item(5, "fgj", "2022Q2"), _item(6, "fgj", "2023"),
             _item(7, "fgj", "2023-12"), _item(8, "fgj", "2023-06", baseline=True)]  # a key no period reads: passed
    assert [i.id for i in in_period(items, parse_period("2023-06"))] == [1, 2, 3]
    assert [i.id for i in in_period(items, parse_period("2023Q2"))] == [1, 2, 3]
    assert [i.id for i in in_period(items, parse_period("2023"))] == [6, 7]
    assert [i.id for i in in_period(items, parse_period("2023-12"))] == [6, 7]


def test_units_in_the_plans_order_an_unknown_unit_after_them_and_the_office_last():
    queues = by_unit(load_plan(MINI), ITEMS)
    assert [(q.unit, q.name, [i.id for i in q.items]) for q in queues] == [
        ("fgj", "县发改局", [1]), ("rsj", "县人社局", [5, 3]), ("yjj", "县应急管理局", [7]), ("zzz", "zzz", [8]),
        (None, "the statistics office", [9, 4])]


def test_one_units_queue():
    plan = load_plan(MINI)
    assert [(q.unit, [i.id for i in q.items]) for q in by_unit(plan, ITEMS, "rsj")] == [("rsj", [5, 3])]
    assert by_unit(plan, ITEMS, "nobody") == [] and by_unit(plan, []) == []


def test_a_returned_figure_tells_the_bureau_why_who_and_when():
    item = _item(12, "rsj", status="returned", reason="口径不对", reviewed_by="统计局 李",
                 reviewed_at="2023-07-06T10:00")
    note = returned_note(item)
    assert note.text("en") == ("退回: 口径不对 — new_urban_jobs 2023-06 1200 (record 12), returned by 统计局 李 at "
                               "2023-07-06T10:00; record it again with --revise")
    assert note.text("zh").startswith("退回: 口径不对 — new_urban_jobs 2023-06 1200（记录 12），"
                                      "统计局 李 于 2023-07-06T10:00")
    bare = returned_note(_item(13, "rsj", status="returned"))
    assert bare.text("en").startswith("退回:  — new_urban_jobs 2023-06 1300 (record 13), returned by  at ;")
