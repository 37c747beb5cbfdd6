"""What the practices app puts into the portal's search: published practices (ভালো শিখন) and
circulars (পরিপত্র), each as a plain document; the search service decides how to index them.

Only live pages without view restrictions are published. Replications, budget allocations and
status changes are not documents, but a change to one changes its practice's document.
"""

import io
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from html import unescape

from django.utils import timezone, translation
from django.utils.html import strip_tags

from wagtail.rich_text import RichText

from .counts import figures_changed
from .models import (
    BudgetAllocation,
    CircularPage,
    CircularStatus,
    CircularStatusChange,
    PracticePage,
    Replication,
    Theme,
)

logger = logging.getLogger(__name__)

# A scanned or huge PDF must not stall indexing; the first pages carry the substance.
PDF_MAX_PAGES = 40


def published_practices():
    return (
        PracticePage.objects.live()
        .public()
        .select_related("theme", "lgi", "lgi__upazila", "lgi__district", "lgi__division")
        .prefetch_related("tagged_items__tag")
    )


def published_circulars():
    return (
        CircularPage.objects.live()
        .public()
        .select_related("document")
        .prefetch_related("practices__theme")
    )


def page_urls(page):
    """The page's address in Bangla (unprefixed) and English (/en/…)."""
    urls = {}
    for language in ("bn", "en"):
        with translation.override(language):
            urls[f"url_{language}"] = page.get_url() or ""
    return urls


def _rich_text(value):
    source = value.source if isinstance(value, RichText) else str(value)
    return unescape(strip_tags(source.replace("<", " <")))


def stream_text(value):
    """Every piece of text in a StreamField value (headings, rich text, steps, cost lines)."""
    pieces = []

    def walk(item):
        if item is None or isinstance(item, bool | int | float):
            return
        if isinstance(item, RichText):
            pieces.append(_rich_text(item))
        elif isinstance(item, str):
            pieces.append(item)
        elif isinstance(item, Mapping):
            for child in item.values():
                walk(child)
        elif isinstance(item, Sequence):
            # A stream yields its children (with .value), a list block its values.
            for child in item:
                walk(getattr(child, "value", child))
        elif hasattr(item, "title") and isinstance(item.title, str):
            # An image or a document: its title is all the text it has.
            pieces.append(item.title)

    walk(value)
    return [piece for piece in (p.strip() for p in pieces) if piece]


def _places(area):
    names = []
    for place in (area, area.upazila, area.district, area.division):
        if place is not None:
            names += [place.name_bn, place.name_en]
    return names


def practice_document(page):
    lgi = page.lgi
    theme = page.theme
    published = page.first_published_at or page.last_published_at
    return {
        **page_urls(page),
        "title_bn": page.title,
        "title_en": page.title_en,
        "text_bn": [page.summary_bn, *stream_text(page.body)],
        "text_en": [page.summary_en],
        "keywords": [
            theme.name_bn,
            theme.name_en,
            *(item.tag.name for item in page.tagged_items.all()),
            str(page.year_identified),
        ],
        "places": _places(lgi),
        "theme": theme.slug,
        "division": lgi.division.key if lgi.division_id else "",
        "district": lgi.district.key if lgi.district_id else "",
        "circular_status": page.circular_status,
        "best_practice": page.is_best_practice,
        "year": page.year_identified,
        "date": timezone.localdate(published) if published else None,
        "replication_count": page.replication_count,
        "budget_total": page.budget_allocated,
    }


def pdf_text(document):
    """The text of an uploaded PDF, or "" when it has none that can be read."""
    if document is None or not document.file.name.lower().endswith(".pdf"):
        return ""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with document.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            return "\n".join(page.extract_text() or "" for page in reader.pages[:PDF_MAX_PAGES])
    except (OSError, ValueError, PyPdfError) as exc:
        # A damaged attachment must not keep the circular itself out of search.
        logger.warning("Could not read the text of %s: %s", document.file.name, exc)
        return ""


def circular_document(page):
    practices = list(page.practices.all())
    themes = Counter(practice.theme for practice in practices)
    # A circular usually institutionalises one practice; with several, the commonest theme.
    theme = min(themes, key=lambda t: (-themes[t], t.sort_order, t.pk)) if themes else None
    return {
        **page_urls(page),
        "title_bn": page.title,
        "title_en": page.title_en,
        "text_bn": [page.summary_bn, page.issuing_authority, pdf_text(page.document)],
        "text_en": [page.summary_en],
        "keywords": [
            page.memo_number,
            *(practice.title for practice in practices),
            *(practice.title_en for practice in practices),
        ],
        "theme": theme.slug if theme else "",
        "year": page.date_issued.year,
        "date": page.date_issued,
    }


DOCUMENT_TYPES = [
    {
        "type": "practice",
        "model": PracticePage,
        "published": published_practices,
        "document": practice_document,
    },
    {
        "type": "circular",
        "model": CircularPage,
        "published": published_circulars,
        "document": circular_document,
    },
]

WATCHED = [Replication, BudgetAllocation, CircularStatusChange, Theme]
# Many-to-many links whose change affects the documents at both ends.
WATCHED_LINKS = [CircularPage.practices.through]


def _practices_with_new_figures(sender, practice_ids, **kwargs):
    return [("practice", pk) for pk in practice_ids]


# Signals after which documents change: replication counts and budgets are recomputed after
# the replication or budget line itself was saved.
SIGNALS = [(figures_changed, _practices_with_new_figures)]


def affected(instance):
    """The documents (type, pk) a change to `instance` changes, besides `instance` itself."""
    if isinstance(instance, Replication | BudgetAllocation | CircularStatusChange):
        return [("practice", instance.practice_id)]
    if isinstance(instance, PracticePage) and instance.pk:
        # A circular's theme comes from its practices.
        return [("circular", pk) for pk in instance.circulars.values_list("pk", flat=True)]
    if isinstance(instance, CircularPage) and instance.pk:
        return [("practice", pk) for pk in instance.practices.values_list("pk", flat=True)]
    if isinstance(instance, Theme) and instance.pk:
        return [("practice", pk) for pk in instance.practices.values_list("pk", flat=True)]
    return []


def theme_labels(slugs):
    return {
        theme.slug: (theme.name_bn, theme.name_en) for theme in Theme.objects.filter(slug__in=slugs)
    }


def circular_status_labels(values):
    labels = {}
    for value in values:
        if value in CircularStatus.values:
            label = CircularStatus(value).label
            with translation.override("bn"):
                bangla = str(label)
            with translation.override("en"):
                english = str(label)
            labels[value] = (bangla, english)
    return labels


FACET_LABELS = {"theme": theme_labels, "circular_status": circular_status_labels}
