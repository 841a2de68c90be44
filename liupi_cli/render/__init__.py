"""Renderers: each turns a report model into one output format (text, markdown, csv, json, xlsx, html).

They return text or bytes and never print. pandas/openpyxl are imported only by the xlsx renderer.
"""
