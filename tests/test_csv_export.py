"""CSV exports keep free text from running as a spreadsheet formula, in every export."""

from __future__ import annotations

import csv
import io

from hackathon.csv_export import cell, stream_csv


def test_cells_that_look_like_formulas_stay_text():
    assert [cell(v) for v in ("=SUM(A1)", "+1", "-2", "@x", "\tx", "plain", 5, None)] == [
        "'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", "plain", "5", ""]


def test_stream_writes_the_header_then_a_chunk_per_row():
    chunks = list(stream_csv(["name", "note"], [("Ana", "=HYPERLINK(\"x\")"), ("Ben", "fine, really")]))
    assert len(chunks) == 3
    assert list(csv.reader(io.StringIO("".join(chunks)))) == [
        ["name", "note"], ["Ana", "'=HYPERLINK(\"x\")"], ["Ben", "fine, really"]]
