"""PDF documents with fpdf2: a Unicode font (names like Ștefan, Åsa or Íñigo), found once per process.

The font comes from `PDF_FONT` (a .ttf path), else the DejaVu or Liberation fonts Debian installs with fontconfig.
Without any TrueType font the built-in Helvetica is used and letters outside Latin-1 lose their accents.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)
FAMILY = "Body"


@dataclass(frozen=True)
class Font:
    """A regular and a bold TrueType file, or neither (the built-in Helvetica)."""

    regular: str | None
    bold: str | None

    @property
    def unicode(self) -> bool:
        return self.regular is not None


def find_font(configured: str | None = None) -> Font:
    """The font to use: the configured one (its bold beside it, if any), else the first installed candidate."""
    if configured and Path(configured).is_file():
        bold = Path(configured).with_name(Path(configured).stem + "-Bold.ttf")
        return Font(configured, str(bold) if bold.is_file() else configured)
    for regular, bold in CANDIDATES:
        if Path(regular).is_file():
            return Font(regular, bold if Path(bold).is_file() else regular)
    return Font(None, None)


def latin1(text: str) -> str:
    """Text the built-in fonts can write: accents dropped where Latin-1 has no letter for them."""
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        folded = unicodedata.normalize("NFKD", text)
        return "".join(c for c in folded if not unicodedata.combining(c)).encode("latin-1", "replace").decode("latin-1")


class Document(FPDF):
    """An A4 document with the body font in regular and bold, and text made safe for it."""

    def __init__(self, font: Font, orientation: str = "portrait", title: str = "", author: str = "") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.body_font = font
        if font.unicode:
            self.add_font(FAMILY, "", font.regular)
            self.add_font(FAMILY, "B", font.bold)
            self.body_family = FAMILY
        else:
            self.body_family = "Helvetica"
        self.set_title(self.safe(title))
        self.set_author(self.safe(author))
        self.set_creator("Social Impact Hackathon platform")
        self.set_auto_page_break(auto=True, margin=15)

    def safe(self, text: str) -> str:
        """Text this document's font can write."""
        return text if self.body_font.unicode else latin1(text)

    def style(self, size: float, bold: bool = False) -> None:
        """Switch to the body font at a size."""
        self.set_font(self.body_family, "B" if bold else "", size)

    def line_of(self, text: str, size: float, *, bold: bool = False, height: float | None = None,
                align: str = "C") -> None:
        """A paragraph across the page's width."""
        self.style(size, bold)
        self.multi_cell(0, height or size * 0.5, self.safe(text), align=align, new_x="LMARGIN", new_y="NEXT")
