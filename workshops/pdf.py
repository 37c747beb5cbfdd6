"""Minutes, attendance and decisions of a workshop as a PDF, Bangla shaped by HarfBuzz.

fpdf2 lays the text out with HarfBuzz (uharfbuzz), so conjuncts (ক্ষ, ন্ত্র, র্ম) and vowel signs
that stand before their consonant come out as in print. The fonts ship with the app
(`fonts/`, SIL OFL): nothing is fetched when a PDF is made.
"""

import html
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fpdf import FPDF
from fpdf.output import OutputProducer
from fpdf.syntax import PDFContentStream

from bangla import to_bangla_digits
from portal.addresses import public_url

FONTS = Path(__file__).resolve().parent / "fonts"
BODY_SIZE = 11
LINE = 6.2  # mm: Bangla needs room above and below the line for vowel signs
DECISION_INDENT = 9  # mm: room for a decision's letter, up to two Bangla letters


class ClusterAwareOutput(OutputProducer):
    """Text extraction for shaped text.

    HarfBuzz turns one cluster of characters (কি, ক্ষ) into several glyphs; fpdf2 gives the
    cluster's text to its first glyph and leaves the others without a ToUnicode entry, so
    extractors and copy-paste put stray control characters into the text. Map those glyphs to
    nothing, and the text comes back exactly as written.
    """

    def _add_fonts(self, *args, **kwargs):
        font_objects = super()._add_fonts(*args, **kwargs)
        for font in self.fpdf.fonts.values():
            pdf_font = font_objects.get(font.i)
            to_unicode = getattr(pdf_font, "to_unicode", None)
            subset = getattr(font, "subset", None)
            if not isinstance(to_unicode, PDFContentStream) or subset is None:
                continue
            silent = sorted(
                code
                for glyph, code in subset.items()
                if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode
            )
            if silent:
                _append_empty_mappings(to_unicode, silent)
        return font_objects


def _append_empty_mappings(stream, codes):
    blocks = []
    for start in range(0, len(codes), 100):  # a CMap block holds at most 100 entries
        chunk = codes[start : start + 100]
        entries = "".join(f"<{code:04X}> <>\n" for code in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{entries}endbfchar\n")
    contents = stream.content_stream().decode("latin-1")
    contents = contents.replace("endcmap", "".join(blocks) + "endcmap", 1)
    stream._contents = contents.encode("latin-1")
    stream.length = len(stream._contents)


class _Blocks(HTMLParser):
    """Rich text as paragraphs of plain text; list items numbered or bulleted."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote"}

    def __init__(self, number):
        super().__init__(convert_charrefs=True)
        self.number = number
        self.paragraphs = []
        self.current = []
        self.lists = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ol", "ul"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1][1] += 1
                kind, count = self.lists[-1]
                self.current.append(f"{self.number(count)}। " if kind == "ol" else "• ")
        elif tag == "br":
            self.current.append("\n")
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("ol", "ul"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split(" ")).strip()
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def close(self):
        super().close()
        self._flush()


def rich_text_paragraphs(value, number=str):
    """The paragraphs of a rich text value as plain text, lists numbered with `number`."""
    parser = _Blocks(number)
    parser.feed(str(value or ""))
    parser.close()
    return parser.paragraphs


class MinutesPDF(FPDF):
    def __init__(self, footer_text, digits):
        super().__init__(format="A4", unit="mm")
        self.footer_text = footer_text
        self.digits = digits
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        for style, weight in (("", "Regular"), ("B", "Bold")):
            self.add_font("bangla", style, FONTS / f"NotoSansBengali-{weight}.ttf")
            self.add_font("latin", style, FONTS / f"NotoSans-Latin-{weight}.ttf")
        self.set_fallback_fonts(["latin"], exact_match=False)
        self.set_text_shaping(True)
        self.set_font("bangla", size=BODY_SIZE)

    def footer(self):
        self.set_y(-13)
        self.set_font("bangla", size=8)
        self.set_text_color(90)
        page = _("Page %(number)s") % {"number": self.digits(str(self.page_no()))}
        self.cell(0, 5, f"{self.footer_text} · {page}", align="C")
        self.set_text_color(0)

    def heading(self, text, size=13):
        self.ln(2)
        self.set_font("bangla", "B", size)
        self.multi_cell(0, LINE + 1, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font("bangla", size=BODY_SIZE)
        self.ln(1)

    def paragraph(self, text, indent=0, after=2):
        # Left-aligned: justifying Bangla's long compounds opens wide gaps between words.
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, LINE, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(after)

    def label_line(self, label, value):
        if not value:
            return
        self.set_font("bangla", "B", BODY_SIZE)
        self.write(LINE, _("%(label)s: ") % {"label": label})
        self.set_font("bangla", size=BODY_SIZE)
        self.write(LINE, value)
        self.ln(LINE)


def minutes_pdf(workshop):
    """The workshop's minutes document as PDF bytes, in the active language's labels."""
    from .models import Decision

    bangla = not (get_language() or "bn").startswith("en")
    digits = to_bangla_digits if bangla else str

    url = public_url(workshop.url)
    pdf = MinutesPDF(footer_text=str(settings.WAGTAIL_SITE_NAME), digits=digits)
    pdf.set_title(workshop.display_title)
    pdf.set_lang("bn" if bangla else "en")
    pdf.set_creator(str(settings.WAGTAIL_SITE_NAME))
    pdf.add_page()

    pdf.set_font("bangla", size=9)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 5, workshop.get_kind_display(), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.heading(workshop.display_title, size=15)

    starts = timezone.localtime(workshop.starts_at)
    when = formats.date_format(starts, "j F Y") + ", " + starts.strftime("%H:%M")
    chair = ", ".join(part for part in (workshop.chair_name, workshop.chair_post) if part)
    pdf.label_line(_("Chair"), chair)
    pdf.label_line(_("Venue"), workshop.venue)
    pdf.label_line(_("Date and time"), digits(when))
    if workshop.area is not None:
        pdf.label_line(_("Area"), workshop.area.full_name())
    pdf.label_line(_("Organiser"), workshop.organiser)

    _attendance(pdf, workshop, digits)

    presented = list(workshop.presented_practices.select_related("practice"))
    if presented:
        pdf.heading(_("Practices presented"))
        for number, row in enumerate(presented, start=1):
            by = f" ({row.presented_by})" if row.presented_by else ""
            pdf.paragraph(f"{digits(str(number))}। {row.practice.title}{by}", after=1)

    agenda = rich_text_paragraphs(workshop.agenda, lambda n: digits(str(n)))
    if agenda:
        pdf.heading(_("Agenda"))
        for text in agenda:
            pdf.paragraph(text, after=1)

    minutes = rich_text_paragraphs(workshop.minutes, lambda n: digits(f"{n:02d}"))
    if minutes:
        pdf.heading(_("Minutes"))
        for text in minutes:
            pdf.paragraph(text)

    decisions = list(
        Decision.objects.filter(workshop_id=workshop.pk).prefetch_related("responsible_bodies")
    )
    if decisions or workshop.decisions_intro:
        pdf.heading(_("Decisions"))
        if workshop.decisions_intro:
            pdf.paragraph(workshop.decisions_intro)
        for decision in decisions:
            _decision(pdf, decision, digits)

    for text in rich_text_paragraphs(workshop.closing, lambda n: digits(str(n))):
        pdf.paragraph(text)

    if workshop.chair_name:
        pdf.ln(8)
        pdf.set_x(pdf.w / 2)
        signature = "\n".join(
            part for part in (f"({workshop.chair_name})", workshop.chair_post) if part
        )
        pdf.multi_cell(0, LINE, signature, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.ln(4)
    pdf.set_font("bangla", size=8)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 5, url, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output(output_producer_class=ClusterAwareOutput))


def _attendance(pdf, workshop, digits):
    rows = workshop.participant_rows()
    if not rows and not workshop.attendance_note:
        return
    pdf.heading(_("Attendance"))
    if rows:
        with pdf.table(
            col_widths=(3, 1),
            text_align=("LEFT", "RIGHT"),
            line_height=LINE,
            first_row_as_headings=True,
            width=110,
            align="LEFT",
        ) as table:
            header = table.row()
            header.cell(_("Participants"))
            header.cell(_("Number"))
            for label, count in rows:
                row = table.row()
                row.cell(capfirst(str(label)))
                row.cell(digits(str(count)))
            total = table.row()
            total.cell(_("Total"))
            total.cell(digits(str(workshop.participants_total)))
        pdf.ln(2)
    if workshop.attendance_note:
        pdf.paragraph(workshop.attendance_note)


def _decision(pdf, decision, digits):
    pdf.set_font("bangla", "B", BODY_SIZE)
    pdf.cell(DECISION_INDENT, LINE, f"{decision.letter})")
    pdf.set_font("bangla", size=BODY_SIZE)
    # A multi_cell keeps the x it starts at, so the letter hangs in the margin of its text.
    pdf.multi_cell(0, LINE, decision.text, align="L", new_x="LMARGIN", new_y="NEXT")
    facts = []
    bodies = ", ".join(body.name for body in decision.responsible_bodies.all())
    if bodies:
        facts.append(_("Responsible: %(bodies)s") % {"bodies": bodies})
    if decision.due_date:
        due = digits(formats.date_format(decision.due_date, "j F Y"))
        facts.append(_("Due: %(date)s") % {"date": due})
    facts.append(_("Status: %(status)s") % {"status": decision.get_status_display()})
    pdf.set_font("bangla", size=9)
    pdf.set_text_color(70)
    pdf.paragraph(html.unescape("; ".join(facts)), indent=DECISION_INDENT)
    pdf.set_text_color(0)
    pdf.set_font("bangla", size=BODY_SIZE)
