"""The briefing pack as a PDF (fpdf2): figures with definitions, charts drawn as vector graphics, tables
with numbered source notes. Offline: the fonts ship in swapwatch/fonts/.

Record text is only text: no Markdown or HTML is interpreted (fpdf2's default), the page-count alias
`{nb}` is switched off, and control characters are shown as U+FFFD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from swapwatch import pdfcharts
from swapwatch.briefing import Section, Table
from swapwatch.catalog import TABLES
from swapwatch.headers import header
from swapwatch.pdftext import GREY, INK, LIGHT, text

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
CELL_CHARS = 300  # longer cells are cut, with an ellipsis (the data URL and export have them whole)
NOTE_CHARS = 230  # a source note's line across the page
# The columns a table shows in the pack (a page is narrower than a screen); the sources become note numbers.
COLUMNS = {
    "events": ["date", "kind", "status", "title", "countries", "people_moved", "disputed"],
    "exchange-legs": ["leg_date", "title", "kind", "stage", "released_by", "received_by", "count", "estimate",
                      "group_name", "people"],
    "people": ["name", "nationality", "held_by", "arrested", "released", "status", "exchanged_in"],
    "quotes": ["date", "speaker", "text", "channel", "context"],
    "sources": ["outlet", "title", "published", "url", "records_citing"],
    "disagreements": ["record", "field", "topic", "value"],
    "who-for-whom": ["event_date", "title", "received_by", "released_by", "people"],
}
_SOURCE = re.compile(r"; (?![^<]*>)")  # sources are "Outlet <url>; Outlet; Outlet <url>"


class Notes:
    """Numbered source notes of one section: each distinct source once, in the order rows first cite it."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def cite(self, sources: object) -> str:
        """The note numbers for a row's sources cell ('1–3, 7')."""
        numbers = []
        for source in (s.strip() for s in _SOURCE.split(text(sources)) if s.strip()):
            numbers.append(self.numbers.setdefault(source, len(self.numbers) + 1))
        return _ranges(sorted(set(numbers)))


def _ranges(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


@dataclass(frozen=True)
class About:
    """What the pack says about itself on its first page and in every footer."""
    title: str
    filters: str
    made: str
    version: str


class Pack(FPDF):
    def __init__(self, about: About):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.about = about
        self.alias_nb_pages(None)  # else a record holding "{nb}" would show the page count
        self.add_font(FONT, "", str(FONTS / "DejaVuSansCondensed.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSansCondensed-Bold.ttf"))
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=14)
        self.set_title(about.title)
        self.set_creator("SwapWatch")

    def footer(self) -> None:
        self.set_y(-10)
        self.font(7, colour=GREY)
        self.cell(0, 4, text(f"{self.about.title} · {self.about.made} · data version {self.about.version} · "
                             f"page {self.page_no()}"), align="C")

    def font(self, size: float, bold: bool = False, colour=INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def para(self, value: str, size: float = 9, bold: bool = False, colour=INK, height: float | None = None) -> None:
        self.font(size, bold, colour)
        self.multi_cell(0, height or size * 0.5, text(value), new_x="LMARGIN", new_y="NEXT")


def build(sections: list[Section], about: About) -> bytes:
    """The PDF of a pack: a first page naming it, its filters, date and data version; then each section."""
    pdf = Pack(about)
    for number, section in enumerate(sections):
        pdf.add_page()
        if number == 0:
            pdf.para(about.title, 18, bold=True, height=9)
            pdf.para(f"Filters: {about.filters}", 10)
            pdf.para(f"Made {about.made} · data version {about.version}", 9, colour=GREY)
            pdf.ln(3)
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: Pack, section: Section) -> None:
    pdf.para(section.title, 15, bold=True, height=8)
    for line in section.lines:
        pdf.para(line, 9)
    if section.figures:
        _figures(pdf, section.figures)

    for chart in section.charts:
        pdfcharts.draw(pdf, chart)
    notes = Notes()
    for table in section.tables:
        _table(pdf, table, notes)
    if notes.numbers:
        pdf.ln(2)
        pdf.para("Source notes", 10, bold=True, height=6)
        pdf.font(6.5)
        for source, number in notes.numbers.items():  # one line each (a cell is measured once, a wrapped
            pdf.cell(0, 3.2, _cut(f"{number}. {source}", NOTE_CHARS), new_x="LMARGIN", new_y="NEXT")  # line per character)


def _figures(pdf: Pack, figures) -> None:
    across, gap, height = 4, 3, 27
    width = (pdf.epw - gap * (across - 1)) / across
    for start in range(0, len(figures), across):
        if pdf.will_page_break(height + 2):
            pdf.add_page()
        top = pdf.get_y()
        for n, figure in enumerate(figures[start:start + across]):
            left = pdf.l_margin + n * (width + gap)
            pdf.set_fill_color(*LIGHT)
            pdf.rect(left, top, width, height, style="F")
            pdf.set_xy(left + 2, top + 1.5)
            pdf.font(8.5, bold=True, colour=GREY)
            pdf.cell(width - 4, 4, text(figure.label))
            pdf.set_xy(left + 2, top + 6)
            pdf.font(17 if len(figure.value) <= 14 else 11, bold=True)
            pdf.cell(width - 4, 8, text(figure.value))
            pdf.set_xy(left + 2, top + 15)
            pdf.font(7, colour=GREY)
            pdf.multi_cell(width - 4, 3.2, text(figure.definition), align="L")
        pdf.set_xy(pdf.l_margin, top + height + gap)


def _table(pdf: Pack, table: Table, notes: Notes) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.para(table.title, 10.5, bold=True, height=6)
    if table.frame.empty:
        pdf.para("No rows under these filters.", 8, colour=GREY)
        pdf.ln(2)
        return
    columns = [c for c in COLUMNS.get(table.name, list(table.frame.columns)) if c in table.frame.columns
               and c != "sources"]
    cited = "sources" in table.frame.columns and table.name != "sources"
    rows = [[_cut(text(value)) for value in record] for record in table.frame[columns].itertuples(index=False)]
    if cited:
        rows = [row + [notes.cite(sources)] for row, sources in zip(rows, table.frame["sources"])]
    headers = [header(table.name, c) for c in columns] + (["Sources (notes)"] if cited else [])
    pdf.font(7)
    widths = [min(60.0, max(pdf.get_string_width(h) + 2, *(pdf.get_string_width(r[n]) / 2.5 for r in rows), 12))
              for n, h in enumerate(headers)]
    pdf.set_draw_color(*LIGHT)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(col_widths=widths, width=pdf.epw, text_align="LEFT", line_height=3.3, padding=0.8,
                   headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT), first_row_as_headings=True) as grid:
        for values in [headers] + rows:
            line = grid.row()
            for value in values:
                line.cell(value)
    pdf.ln(1)
    shown = len(table.frame)
    where = (f"the download and the data URL /api/{table.name}.csv have" if table.name in TABLES
             else "the dashboard has")
    pdf.para(f"{shown:,} of {table.total:,} rows" + (f" (the first ones; {where} all of them)"
             if table.total > shown else "."), 7.5, colour=GREY)
    pdf.ln(2)


def _cut(value: str, chars: int = CELL_CHARS) -> str:
    return value if len(value) <= chars else value[:chars] + "…"
