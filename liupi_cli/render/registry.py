"""Every product liupi draws, the formats each is offered in, and the one renderer of each pair.

A product is a typed model (the report, the 催报 list, a unit's page, the 旬/月/季/年 products, the city's
ranking and collection, a listing of rows, an export of the store). ``TABLE`` maps each product to its formats
and each (product, format) pair to one renderer: a pure function of the model and the options (language,
width and colours of a terminal table, the 公文 date of a docx). Every command calls ``render``; a pair that is
not in the table is refused in one place (``check``), with the formats the product has.

The table names renderers; their modules are imported when they are called, so a command that only checks
its options (``--help``, a refused format) loads none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Fmt(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"  # a Word document in 公文 layout (a circular, the city's 排名通报)


EXTENSIONS = {".txt": Fmt.table, ".md": Fmt.markdown, ".csv": Fmt.csv, ".json": Fmt.json,
              ".xlsx": Fmt.xlsx, ".html": Fmt.html, ".htm": Fmt.html, ".docx": Fmt.docx}
BINARY = (Fmt.xlsx, Fmt.docx)  # written to a file, never to a terminal or a pipe


@dataclass(frozen=True)
class Options:
    """What a renderer may be told besides its model. ``width`` and ``paint`` are for the terminal table
    (the caller measures the terminal and decides on colour; a renderer never looks), ``lead`` the lines
    shown under a report's summary, ``date``/``recipients``/``issuer`` a docx's 落款 and 主送."""

    lang: str = "en"
    width: int = 100
    paint: Callable[[str, str | None], str] | None = None
    lead: Sequence[str] = ()
    date: dt.date | None = None
    recipients: str | None = None
    issuer: str | None = None


# -- the products' renderers: each takes the model and the options ------------------------------------------


def _report_table(rep, o: Options) -> str:
    from liupi_cli.render.text import to_text

    return to_text(rep, o.lang, o.width, paint=o.paint, lead=o.lead)


def _report_markdown(rep, o: Options) -> str:
    from liupi_cli.render.plain import to_markdown

    return to_markdown(rep, o.lang)


def _report_csv(rep, o: Options) -> str:
    from liupi_cli.render.plain import to_csv

    return to_csv(rep, o.lang)


def _report_json(rep, o: Options) -> Iterable[bytes]:
    from liupi_cli.render.plain import json_parts

    return json_parts(rep)  # UTF-8, a chunk of rows at a time: a province's document is never held whole


def _report_xlsx(rep, o: Options) -> bytes:
    from liupi_cli.render.xlsx import to_xlsx

    return to_xlsx(rep, o.lang)


def _report_html(rep, o: Options) -> str:
    from liupi_cli.render.html import to_html

    return to_html(rep, o.lang)


def _model_json(model, o: Options) -> str:
    from liupi_cli.render.cadence_formats import to_json

    return to_json(model)


def _doc_renderers(builder: str) -> dict[Fmt, Callable[[Any, Options], Any]]:
    """The renderers of a product drawn as a Doc (render/cadence_doc): ``builder`` ("module:function") lays the
    model out in the run's language; each format draws the Doc, JSON dumps the model itself."""

    def doc(model, o: Options):
        return _load(builder)(model, o.lang)

    def table(model, o: Options) -> str:
        from liupi_cli.render.cadence_text import to_text

        return to_text(doc(model, o), o.width, o.paint)

    def markdown(model, o: Options) -> str:
        from liupi_cli.render.cadence_formats import to_markdown

        return to_markdown(doc(model, o))

    def csv(model, o: Options) -> str:
        from liupi_cli.render.cadence_formats import to_csv

        return to_csv(doc(model, o))

    def html(model, o: Options) -> str:
        from liupi_cli.render.cadence_formats import to_html

        return to_html(doc(model, o))

    def xlsx(model, o: Options) -> bytes:
        from liupi_cli.render.cadence_formats import to_xlsx

        return to_xlsx(doc(model, o))

    def docx(model, o: Options) -> bytes:
        from liupi_cli.render.gongwen_docx import to_docx

        d = doc(model, o)
        return to_docx(d, date=o.date or d.pinned or dt.date(2000, 1, 1), recipients=o.recipients, issuer=o.issuer)

    return {Fmt.table: table, Fmt.markdown: markdown, Fmt.csv: csv, Fmt.json: _model_json, Fmt.xlsx: xlsx,
            Fmt.html: html, Fmt.docx: docx}


def _lazy(ref: str) -> Callable[[Any, Options], Any]:
    """The renderer ``ref`` ("module:function", taking the model and the Options), imported when first called."""

    def renderer(model, o: Options):
        return _load(ref)(model, o)

    return renderer


def _pick(renderers: Mapping[Fmt, Callable[[Any, Options], Any]], *fmts: Fmt) -> dict[Fmt, Callable]:
    return {f: renderers[f] for f in fmts}


_CIRCULAR = _doc_renderers("liupi_cli.render.cadence_doc:product_doc")
_RANKING = _doc_renderers("liupi_cli.render.city_doc:ranking_doc")
_ROWS = {f: _lazy(f"liupi_cli.render.rows:draw_{f.value}") for f in (Fmt.table, Fmt.csv, Fmt.json, Fmt.xlsx)}
_EVERY_DOC = (Fmt.table, Fmt.markdown, Fmt.csv, Fmt.json, Fmt.xlsx, Fmt.html)

# product -> (its models, "module:Class" each; its formats in the order help and errors list them -> renderer)
TABLE: dict[str, tuple[tuple[str, ...], dict[Fmt, Callable[[Any, Options], Any]]]] = {
    "report": (("liupi_cli.report.model:Report",),
               {Fmt.table: _report_table, Fmt.markdown: _report_markdown, Fmt.csv: _report_csv,
                Fmt.json: _report_json, Fmt.xlsx: _report_xlsx, Fmt.html: _report_html}),
    "missing": (("liupi_cli.cadence.missing:MissingList",),
                _pick(_doc_renderers("liupi_cli.render.cadence_doc:missing_doc"), *_EVERY_DOC)),
    "unit": (("liupi_cli.cadence.unit_page:UnitPage",),
             _pick(_doc_renderers("liupi_cli.render.cadence_doc:unit_doc"), *_EVERY_DOC)),
    "summary": (tuple(f"liupi_cli.cadence.products:{c}"
                      for c in ("DekadBrief", "MonthCircular", "QuarterSummary", "YearSettlement")),
                _pick(_CIRCULAR, *_EVERY_DOC, Fmt.docx)),
    "rank": (("liupi_cli.city.ranking:Ranking",), _pick(_RANKING, *_EVERY_DOC, Fmt.docx)),
    "collect": (("liupi_cli.city.collect:CollectResult",),
                _pick(_doc_renderers("liupi_cli.render.city_doc:collect_doc"), Fmt.table, Fmt.json)),
    "listing": (("liupi_cli.render.rows:Listing",), _pick(_ROWS, Fmt.table, Fmt.csv, Fmt.json)),
    "history": (("liupi_cli.render.rows:History",), _pick(_ROWS, Fmt.table, Fmt.csv, Fmt.json)),
    "export": (("liupi_cli.render.rows:Export",), _pick(_ROWS, Fmt.csv, Fmt.json, Fmt.xlsx)),
}


def offered(product: str, *, to_stream: bool = False) -> tuple[Fmt, ...]:
    """The formats ``product`` is drawn in (``to_stream``: those that can go to stdout, no xlsx or docx)."""
    return tuple(f for f in TABLE[product][1] if not (to_stream and f in BINARY))


def check(fmt: Fmt, formats: tuple[Fmt, ...]) -> Fmt:
    """``fmt`` when it is one of ``formats``; else the one refusal of a format a product is not drawn in: a
    usage error (exit 2) listing the formats there are."""
    if fmt not in formats:
        from liupi_cli.errors import UsageProblem
        from liupi_cli.messages import msg

        raise UsageProblem(msg("option.format_not_here", fmt=fmt.value),
                           msg("option.format_not_here.hint", choices=", ".join(f.value for f in formats)))
    return fmt


def product_of(model: object) -> str:
    """The product a model is (its exact class, as ``TABLE`` names it)."""
    name = f"{type(model).__module__}:{type(model).__qualname__}"
    for product, (models, _) in TABLE.items():
        if name in models:
            return product
    raise TypeError(f"no renderer draws a {name}")


def render(model: object, fmt: Fmt | str, **options: Any) -> str | bytes | Iterable[bytes]:
    """``model`` drawn in ``fmt``: text, bytes (xlsx, docx) or UTF-8 in pieces (the report's JSON). Options are
    the fields of ``Options``."""
    product = product_of(model)
    fmt = check(Fmt(fmt), offered(product))
    return TABLE[product][1][fmt](model, Options(**options))


def _load(ref: str) -> Any:
    import importlib

    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)
