"""The impact report as a PDF: the figures, bar charts drawn as rectangles, and the lists (plain values in)."""

from __future__ import annotations

from .impact import Report
from .pdf import Document, Font

BAR_COLOUR = (15, 92, 77)


def _heading(document: Document, text: str) -> None:
    document.ln(4)
    document.set_text_color(*BAR_COLOUR)
    document.line_of(text, 14, bold=True, height=8, align="L")
    document.set_text_color(30, 30, 30)


def _bars(document: Document, rows: list[dict]) -> None:
    """Horizontal bars: a label, a bar scaled to the largest count, the count."""
    label_width, bar_width = 70, 90
    document.style(10)
    for row in rows:
        if document.get_y() > document.h - 25:
            document.add_page()
        y = document.get_y()
        document.set_x(document.l_margin)
        document.cell(label_width, 6, document.safe(row["label"])[:48])
        document.set_fill_color(*BAR_COLOUR)
        length = bar_width * row["percent"] / 100
        if length > 0:
            document.rect(document.l_margin + label_width, y + 1, length, 4, style="F")
        document.set_xy(document.l_margin + label_width + bar_width + 3, y)
        document.cell(15, 6, str(row["count"]), new_x="LMARGIN", new_y="NEXT")


def _table(document: Document, header: list[str], rows: list[list[str]], widths: list[int]) -> None:
    document.style(9, bold=True)
    for text, width in zip(header, widths, strict=True):
        document.cell(width, 6, document.safe(text), border="B")
    document.ln(6)
    document.style(9)
    for row in rows:
        if document.get_y() > document.h - 20:
            document.add_page()
        y = document.get_y()
        heights = []
        for text, width in zip(row, widths, strict=True):
            document.set_xy(document.get_x(), y)
            start = document.get_x()
            document.multi_cell(width, 5, document.safe(str(text)), new_x="RIGHT", new_y="TOP")
            heights.append(document.get_y())
            document.set_x(start + width)
        document.set_xy(document.l_margin, max(y + 5, *(h for h in heights)))
        document.ln(1)


def render(report: Report, texts: dict[str, str], font: Font) -> bytes:
    """The report as an A4 PDF; `texts` holds its headings in the reader's language."""
    document = Document(font, title=texts["title"], author=texts["author"])
    document.set_margins(18, 18, 18)
    document.add_page()
    document.set_text_color(*BAR_COLOUR)
    document.line_of(texts["title"], 20, bold=True, height=10, align="L")
    document.set_text_color(60, 60, 60)
    document.line_of(texts["subtitle"], 11, height=6, align="L")
    document.set_text_color(30, 30, 30)
    _heading(document, texts["in_figures"])
    for label, value in texts["figures"]:
        document.style(11)
        document.cell(110, 7, document.safe(label))
        document.style(11, bold=True)
        document.cell(30, 7, str(value), new_x="LMARGIN", new_y="NEXT")
    _heading(document, texts["by_country"])
    _bars(document, report.countries)
    _heading(document, texts["by_kind"])
    _bars(document, report.kinds)
    _heading(document, texts["challenges"])
    _table(document, texts["challenge_header"],
           [[c["title"], c["organisation"], c["kind"], c["teams"], c["submitted"]] for c in report.challenges],
           [62, 50, 30, 16, 16])
    _heading(document, texts["winners"])
    if report.winners:
        _table(document, texts["winner_header"],
               [[w["team"], w["project"], "; ".join(w["awards"])] for w in report.winners], [40, 55, 79])
    else:
        document.line_of(texts["no_winners"], 10, height=6, align="L")
    _heading(document, texts["follow_ups"])
    if report.follow_ups:
        _table(document, texts["follow_up_header"],
               [[f["team"], f["kind"], f["offer"], f["status"], f["dates"]] for f in report.follow_ups],
               [34, 22, 66, 22, 30])
    else:
        document.line_of(texts["no_follow_ups"], 10, height=6, align="L")
    return bytes(document.output())
