"""What every reader produces: the rows of a document, in order, with where each came from.

A row is a table row (several cells) or a paragraph (one cell, ``paragraph=True``). Merged cells
are already filled with the text of the cell they belong to; ``merged[i]`` says how cell i got its
text: "" (its own), "v" (the cell above spans it) or "h" (the cell to its left spans it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    cells: list[str]
    ref: str  # where a person finds it: "plan.docx table 3 row 5", "plan.xlsx 附件2-1!A7", "plan.csv line 9"
    paragraph: bool = False
    merged: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.merged) < len(self.cells):
            self.merged = self.merged + [""] * (len(self.cells) - len(self.merged))

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


@dataclass
class Sheet:
    """One stream of rows: a whole .docx, one worksheet, one .csv."""

    source: str  # file name as given
    name: str  # sheet name, or the file name
    rows: list[Row]
