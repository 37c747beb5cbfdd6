"""What the workshops app puts into the portal's search: published workshops (কর্মশালা) with
their minutes and numbered decisions, as plain documents; the search service decides how to
index them."""

from collections import Counter
from html import unescape

from django.utils import translation
from django.utils.html import strip_tags

from practices.models import PracticePage

from .models import Decision, WorkshopKind, WorkshopPage, WorkshopPractice


def published_workshops():
    return (
        WorkshopPage.objects.live()
        .public()
        .select_related("area", "area__district", "area__division")
        .prefetch_related("decisions", "presented_practices__practice__theme")
    )


def _urls(page):
    urls = {}
    for language in ("bn", "en"):
        with translation.override(language):
            urls[f"url_{language}"] = page.get_url() or ""
    return urls


def _rich_text(value):
    return unescape(strip_tags(str(value or "").replace("<", " <")))


def _label(choice):
    names = []
    for language in ("bn", "en"):
        with translation.override(language):
            names.append(str(choice.label))
    return names


def _ancestor(area, level):
    if area is None:
        return None
    return area if area.level == level else getattr(area, level)


def workshop_document(page):
    area = page.area
    decisions = list(page.decisions.all())
    practices = [row.practice for row in page.presented_practices.all()]
    themes = Counter(practice.theme for practice in practices)
    # A thematic workshop presents practices of one theme; otherwise the commonest one.
    theme = min(themes, key=lambda t: (-themes[t], t.sort_order, t.pk)) if themes else None
    places = []
    for place in (area, _ancestor(area, "district"), _ancestor(area, "division")):
        if place is not None:
            places += [place.name_bn, place.name_en]
    division, district = _ancestor(area, "division"), _ancestor(area, "district")
    return {
        **_urls(page),
        "title_bn": page.title,
        "title_en": page.title_en,
        "text_bn": [
            page.summary,
            _rich_text(page.agenda),
            _rich_text(page.minutes),
            page.decisions_intro,
            *(decision.text_bn for decision in decisions),
            _rich_text(page.closing),
        ],
        "text_en": [decision.text_en for decision in decisions],
        "keywords": [
            *_label(WorkshopKind(page.kind)),
            page.venue,
            page.organiser,
            page.chair_name,
            page.chair_post,
            *(practice.title for practice in practices),
            *(practice.title_en for practice in practices),
        ],
        "places": places,
        "theme": theme.slug if theme else "",
        "division": division.key if division else "",
        "district": district.key if district else "",
        "year": page.date.year,
        "date": page.date,
    }


DOCUMENT_TYPES = [
    {
        "type": "workshop",
        "model": WorkshopPage,
        "published": published_workshops,
        "document": workshop_document,
    }
]

# Decisions and presented practices are saved with their workshop, which is re-indexed when it
# is published; these catch the rows changed on their own.
WATCHED = [Decision, WorkshopPractice]


def affected(instance):
    """The documents (type, pk) a change to `instance` changes, besides `instance` itself."""
    if isinstance(instance, Decision | WorkshopPractice) and instance.workshop_id:
        return [("workshop", instance.workshop_id)]
    if isinstance(instance, PracticePage) and instance.pk:
        # A workshop's document names the practices presented at it, and takes their theme.
        rows = WorkshopPractice.objects.filter(practice_id=instance.pk)
        return [("workshop", pk) for pk in rows.values_list("workshop_id", flat=True).distinct()]
    return []
