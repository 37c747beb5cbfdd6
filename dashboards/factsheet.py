"""A practice's one-page fact sheet, in Bangla and English side by side: the story in brief, the
steps, the cost, replications, budget, beneficiaries and circular status.

Laid out with the workshops app's PDF base (fpdf2 with HarfBuzz shaping and the bundled Noto
fonts), so conjuncts come out as in print and the text extracts back as written. A sheet is made
on first request and kept in the default storage under a name that changes with the practice's
last publication and with the portal's data version, so a stale sheet is never served.
"""

import hashlib
import io
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bangla import format_lakh, to_bangla_digits
from portal.addresses import public_url
from portal.models import PortalSettings
from practices.models import CircularStatus
from workshops.pdf import ClusterAwareOutput, MinutesPDF

from . import versions
from .cube import ALL_YEARS, Withheld, cubes_of, practice_key
from .figures import registry_has_figures, to_usd
from .models import PracticeFigure

FOLDER = "factsheets"
GREEN = (0, 106, 78)
GREY = 90
LINE = 5.2
SMALL = 9.5
MAX_STEPS = 8
MAX_COST_LINES = 6
SUMMARY_LINES = 6
STEP_LINES = 2


LABELS = [
    gettext_noop("Practice fact sheet"),
    gettext_noop("Horizontal Learning Program"),
    gettext_noop("Theme"),
    gettext_noop("Originated in"),
    gettext_noop("Identified in"),
    gettext_noop("Total"),
    gettext_noop("Made on"),
    gettext_noop("completed"),
    gettext_noop("under way"),
    gettext_noop("allocated"),
    gettext_noop("spent"),
    gettext_noop("persons"),
    gettext_noop("households"),
    gettext_noop("withheld"),
    gettext_noop("as reported by replications"),
    gettext_noop("Best practice"),
    gettext_noop("Demo content: not a real record."),
    gettext_noop("In brief"),
    gettext_noop("Steps"),
    gettext_noop("Resources and cost per replication"),
    gettext_noop("Figures"),
    gettext_noop("Replications"),
    gettext_noop("Districts reached"),
    gettext_noop("Union budget"),
    gettext_noop("Beneficiaries"),
    gettext_noop("Households reached"),
    gettext_noop("Circular status"),
]


def both(message, **params):
    """A label in Bangla and English, "পুনর্বাস্তবায়ন / Replications" (`message` marked for
    extraction)."""
    texts = []
    for language in ("bn", "en"):
        with translation.override(language):
            text = _(message)
            texts.append(text % params if params else text)
    if texts[0] == texts[1]:
        return texts[0]
    return f"{texts[0]} / {texts[1]}"


def bilingual_labels():
    return {message: both(message) for message in LABELS}


# Raised when the sheet's make-up changes, so that sheets made before are made again.
SHEET_LAYOUT = 3


def _identity(practice, language):
    """What the sheet depends on: when it changes, a new sheet is made."""
    parts = [
        SHEET_LAYOUT,
        practice.pk,
        language,
        practice.last_published_at.isoformat() if practice.last_published_at else "",
        versions.current(),
    ]
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def cached_name(practice, language):
    return f"{FOLDER}/{practice.pk}/{language}-{_identity(practice, language)}.pdf"


def cached_pdf(practice, language):
    """The storage name of the practice's fact sheet, made now if it is not there yet."""
    name = cached_name(practice, language)
    if not default_storage.exists(name):
        with translation.override(language):
            content = factsheet_pdf(practice)
        _forget_older(practice, language)
        name = default_storage.save(name, ContentFile(content))
    return name


def _forget_older(practice, language):
    folder = f"{FOLDER}/{practice.pk}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        if filename.startswith(f"{language}-"):
            default_storage.delete(f"{folder}/{filename}")


def practice_facts(practice):
    """The figures on the sheet, from the practice's own columns and the aggregates."""
    replications = PracticeFigure.objects.filter(practice=practice, source="").aggregate(
        districts=Count("district", distinct=True),
        households=Coalesce(Sum("households_reported"), 0),
    )
    facts = {
        "completed": practice.replication_count,
        "ongoing": practice.ongoing_count,
        "districts": replications["districts"],
        "households_reported": replications["households"],
        "allocated": practice.budget_allocated,
        "spent": practice.budget_spent,
        "rate": PortalSettings.load().bdt_per_usd,
        "persons": None,
        "households": None,
    }
    if registry_has_figures():
        # The country's figure of the practice, as every other output publishes it.
        cubes = cubes_of(ALL_YEARS)
        facts["persons"] = cubes.persons.value(None, practice_key(practice.pk))
        facts["households"] = cubes.households.value(None, practice_key(practice.pk))
    return facts


def story(practice):
    """(steps, cost lines, cost note) from the practice's story blocks."""
    steps, cost, note = [], [], ""
    for block in practice.body:
        if block.block_type == "steps" and not steps:
            steps = [str(step) for step in block.value["steps"]]
        elif block.block_type == "cost" and not cost:
            cost = [(line["item"], line["amount"] or Decimal(0)) for line in block.value["lines"]]
            note = block.value.get("note") or ""
    return steps, cost, note


class FactSheetPDF(MinutesPDF):
    """One A4 page; text that would not fit is shortened, never carried to a second page."""

    def __init__(self, digits):
        super().__init__(footer_text=str(settings.WAGTAIL_SITE_NAME), digits=digits)
        self.set_auto_page_break(False)
        self.set_margins(16, 14, 16)

    def footer(self):
        """The sheet carries its own footer line; no page numbers on a one-page sheet."""

    def room(self):
        return self.h - 22 - self.get_y()

    def clipped(self, text, width, lines, size):
        """`text` shortened with "…" to at most `lines` lines of `width` at `size` points."""
        self.set_font_size(size)
        fitted = self.multi_cell(width, LINE, text, dry_run=True, output="LINES")
        if len(fitted) <= lines:
            return text
        kept = " ".join(line.strip() for line in fitted[:lines])
        return kept[: max(0, len(kept) - 2)].rstrip() + "…"

    def section(self, title):
        if self.room() < 14:
            return False
        self.ln(1.5)
        self.set_font("bangla", "B", 10.5)
        self.set_text_color(*GREEN)
        self.cell(0, LINE + 0.6, title, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*GREEN)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_text_color(0)
        self.set_font("bangla", size=SMALL)
        self.ln(1)
        return True

    def para(self, text, lines=3, size=SMALL, indent=0):
        width = self.w - self.l_margin - self.r_margin - indent
        needed = LINE * lines
        if self.room() < LINE:
            return
        if self.room() < needed:
            lines = max(1, int(self.room() // LINE))
        self.set_font("bangla", size=size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            width, LINE, self.clipped(text, width, lines, size), new_x="LMARGIN", new_y="NEXT"
        )


def _day(day):
    """A date as a reader writes it in the active language: ২৪ অক্টোবর ২০১৭, 24 October 2017."""
    return formats.date_format(day, "j F Y")


def factsheet_pdf(practice):
    """The fact sheet as PDF bytes, digits in the active language's script."""
    bangla = not (translation.get_language() or "bn").startswith("en")
    digits = to_bangla_digits if bangla else str

    def number(value):
        return format_lakh(value or 0, bangla_digits=bangla)

    def taka(value):
        return f"{number(value)} {'টাকা' if bangla else 'BDT'}"

    words = bilingual_labels()
    facts = practice_facts(practice)
    steps, cost, cost_note = story(practice)
    pdf = FactSheetPDF(digits)
    pdf.set_title(f"{practice.title} — {words['Practice fact sheet']}")
    pdf.set_lang("bn")
    pdf.set_creator(str(settings.WAGTAIL_SITE_NAME))
    pdf.set_subject(practice.title_en or practice.title)
    pdf.add_page()

    pdf.set_font("bangla", size=8)
    pdf.set_text_color(GREY)
    pdf.cell(
        0,
        4.5,
        f"{words['Horizontal Learning Program']} · {words['Practice fact sheet']}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0)
    pdf.set_font("bangla", "B", 16)
    pdf.multi_cell(0, 8, practice.title, new_x="LMARGIN", new_y="NEXT")
    if practice.title_en:
        pdf.set_font("bangla", "B", 11)
        pdf.multi_cell(0, 6, practice.title_en, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)

    lgi = practice.lgi
    with translation.override("bn"):
        origin_bn = lgi.full_name()
    with translation.override("en"):
        origin_en = lgi.full_name()
    pdf.set_font("bangla", size=SMALL)
    pdf.para(
        f"{words['Theme']}: {practice.theme.name_bn} / {practice.theme.name_en} · "
        f"{words['Originated in']}: {origin_bn} / {origin_en} · "
        f"{words['Identified in']}: {digits(str(practice.year_identified))}",
        lines=2,
    )
    if practice.is_best_practice:
        since = practice.best_practice_since
        pdf.set_font("bangla", "B", SMALL)
        pdf.para(
            words["Best practice"] + (f" ({digits(_day(since))})" if since else ""),
            lines=1,
        )
    if getattr(practice, "is_demo", False):
        pdf.set_text_color(150, 0, 0)
        pdf.para(words["Demo content: not a real record."], lines=1)
        pdf.set_text_color(0)

    if pdf.section(words["In brief"]):
        pdf.para(practice.summary_bn, lines=SUMMARY_LINES)
        if practice.summary_en:
            pdf.ln(0.5)
            pdf.para(practice.summary_en, lines=SUMMARY_LINES - 2)

    if steps and pdf.section(words["Steps"]):
        for index, step in enumerate(steps[:MAX_STEPS], start=1):
            pdf.para(f"{digits(str(index))}। {step}", lines=STEP_LINES, indent=2)
        if len(steps) > MAX_STEPS:
            more = both(gettext_noop("and %(count)s more steps"), count=len(steps) - MAX_STEPS)
            pdf.para(more, lines=1)

    if cost and pdf.section(words["Resources and cost per replication"]):
        for item, amount in cost[:MAX_COST_LINES]:
            pdf.para(f"{item}: {taka(amount)}", lines=1, indent=2)
        total = sum((amount for _item, amount in cost), Decimal(0))
        pdf.set_font("bangla", "B", SMALL)
        pdf.para(f"{words['Total']}: {taka(total)}", lines=1, indent=2)
        if cost_note:
            pdf.para(cost_note, lines=2, indent=2)

    if pdf.section(words["Figures"]):
        _figures_table(pdf, practice, facts, number, taka)

    pdf.set_y(pdf.h - 20)
    pdf.set_font("bangla", size=7.5)
    pdf.set_text_color(GREY)
    today = _day(timezone.localdate())
    url = public_url(practice.url)
    pdf.multi_cell(
        0,
        4,
        f"{url}\n{words['Made on']} {digits(today)} · {settings.WAGTAIL_SITE_NAME}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    buffer = io.BytesIO(bytes(pdf.output(output_producer_class=ClusterAwareOutput)))
    return buffer.getvalue()


def _figures_table(pdf, practice, facts, number, taka):
    words = bilingual_labels()
    status = CircularStatus(practice.circular_status)
    with translation.override("bn"):
        status_bn = str(status.label)
    with translation.override("en"):
        status_en = str(status.label)
    usd = to_usd(facts["spent"], facts["rate"])
    rows = [
        (
            words["Replications"],
            f"{number(facts['completed'])} {words['completed']} · "
            f"{number(facts['ongoing'])} {words['under way']}",
        ),
        (words["Districts reached"], number(facts["districts"])),
        (
            words["Union budget"],
            f"{taka(facts['allocated'])} {words['allocated']} · "
            f"{taka(facts['spent'])} {words['spent']} (US$ {number(usd)})",
        ),
    ]
    if facts["persons"] is not None:
        rows.append(
            (
                words["Beneficiaries"],
                f"{_small(facts['persons'], number, words)} {words['persons']} · "
                f"{_small(facts['households'], number, words)} {words['households']}",
            )
        )
    else:
        rows.append(
            (
                words["Households reached"],
                f"{number(facts['households_reported'])} ({words['as reported by replications']})",
            )
        )
    circulars = list(practice.circulars.live().values_list("memo_number", flat=True)[:3])
    status_text = f"{status_bn} / {status_en}"
    if circulars:
        status_text += " · " + ", ".join(circulars)
    rows.append((words["Circular status"], status_text))
    if pdf.room() < LINE * len(rows) + 4:
        rows = rows[: max(1, int(pdf.room() // (LINE + 1)))]
    with pdf.table(
        col_widths=(2, 5),
        text_align=("LEFT", "LEFT"),
        line_height=LINE,
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value)


def _small(count, number, words):
    """A count as published: "<5", withheld, or the number."""
    if isinstance(count, Withheld):
        return ("<" + number(5)) if count.small else words["withheld"]
    return ("<" + number(5)) if 0 < count < 5 else number(count)
