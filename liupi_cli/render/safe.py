"""Spreadsheet safety shared by every writer of CSV and XLSX."""


def neutralise(text: str) -> str:
    """Keep spreadsheet programs from reading user text as a formula."""
    if text and text[0] in "=+-@\t\r":
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
