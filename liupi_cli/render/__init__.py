"""Renderers: each draws one product's model in one format, returning text or bytes; they never print.

``registry`` is the one table of them: every product (the report, the cadence products, the city's
ranking, listings, the export) with its formats, each pair one renderer, and the one ``render`` every
command calls. The shared pieces: ``csv_file`` (the CSV writer and its byte-order mark), ``workbook``
(the xlsx writer and its print settings), ``markdown`` (a Markdown table), ``textgrid`` (the terminal
table), ``safe`` (user text made inert). openpyxl and python-docx are imported only by what writes files.
"""
