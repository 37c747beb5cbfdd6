"""The one document shape every backend indexes, and where documents come from.

Apps say *what* to index in their `indexing` module (`practices.indexing`,
`workshops.indexing`): each lists its document types (`DOCUMENT_TYPES`: type, model, label,
`published()` queryset, `document(obj)` → plain dict), which related rows affect which
documents (`WATCHED`, `affected(instance)`) and how to name facet values (`FACET_LABELS`).
This module decides *how*: it analyses the text once (`bangla`), so Elasticsearch and
the database index exactly the same terms, and fingerprints each document for reconciliation.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bangla import analyzed_text, key_term, normalize, tokenize

INDEXING_APPS = ("practices", "workshops", "dashboards")

# Long attachments (a circular's PDF) would dominate ranking and bloat both indexes.
MAX_TEXT_CHARS = 60_000

DOCUMENT_FIELDS = (
    "key",
    "type",
    "object_id",
    "url_bn",
    "url_en",
    "title_bn",
    "title_en",
    "text_bn",
    "text_en",
    "title_terms",
    "about_terms",
    "body_terms",
    "suggest_text",
    "theme",
    "division",
    "district",
    "circular_status",
    "best_practice",
    "year",
    "date",
    "replication_count",
    "budget_total",
    "boost",
    "content_hash",
)

# Policy documents are what policymakers come for; practices gain with each replication.
TYPE_BOOST = {"circular": 1.3, "practice": 1.0, "workshop": 0.9, "impact": 0.9}


# How the search page names each type of document; any other type is named by its model.
TYPE_LABELS = {
    "practice": _("Practice"),
    "circular": _("Circular"),
    "workshop": _("Workshop"),
    "impact": _("Impact figures"),
}


# What a reader calls each kind of document, in both languages, whatever the page is
# showing: every document carries these words, so "পরিপত্র" or "workshop" in a query finds
# documents of that kind (and `parsing` recognises a query that names a kind).
TYPE_WORDS = {
    "practice": ("ভালো শিখন", "উত্তম চর্চা", "good practice", "practice"),
    "circular": ("পরিপত্র", "প্রজ্ঞাপন", "circular", "government order"),
    "workshop": ("কর্মশালা", "workshop"),
    "impact": ("প্রভাব", "অগ্রগতি", "impact", "progress"),
}
BEST_PRACTICE_WORDS = ("সর্বাপেক্ষা ভালো শিখন", "সেরা শিখন", "best practice")

BANGLA_MONTHS = [
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def date_words(date: datetime.date | None) -> list[str]:
    """How people name a document's date: its month in Bangla and English, its year (digits
    are folded, so ২০১৯ finds 2019) and its fiscal year (July to June) as the one term a
    query's "2019-20", "২০১৯-২০" or "2019-2020" becomes (`fiscal_year_term`)."""
    if date is None:
        return []
    start = date.year if date.month >= 7 else date.year - 1
    return [
        BANGLA_MONTHS[date.month - 1],
        ENGLISH_MONTHS[date.month - 1],
        str(date.year),
        fiscal_year_term(start),
    ]


def fiscal_year_term(start: int) -> str:
    """The index term of the fiscal year that begins in July of `start`."""
    return f"fy{start}{(start + 1) % 100:02d}"


def place_keys(names: Iterable[str]) -> list[str]:
    """The phonetic key terms of place names (`bangla.transliterate`), each word's and each
    whole name's, so that a romanised name finds the place written in Bangla and back, and a
    name written together meets one written apart."""
    keys = []
    for name in names:
        words = tokenize(name or "")
        for piece in [*words, "".join(words)] if len(words) > 1 else words:
            term = key_term(piece)
            if term and term not in keys:
                keys.append(term)
    return keys


@dataclass(frozen=True)
class DocumentType:
    """A kind of document an app contributes to the index."""

    type: str
    model: type[models.Model]
    published: Callable[[], models.QuerySet]
    document: Callable[[models.Model], dict]

    @property
    def label(self):
        """The type's name as the search page shows it."""
        return TYPE_LABELS.get(self.type) or capfirst(self.model._meta.verbose_name)


@cache
def _indexing_modules():
    return [
        import_module(f"{app}.indexing")
        for app in INDEXING_APPS
        if find_spec(app) is not None and find_spec(f"{app}.indexing") is not None
    ]


@cache
def document_types() -> dict[str, DocumentType]:
    """Every document type, by name (``"practice"``, ``"circular"`` …)."""
    types = {}
    for module in _indexing_modules():
        for spec in module.DOCUMENT_TYPES:
            types[spec["type"]] = DocumentType(**spec)
    return types


def watched_models() -> list[type[models.Model]]:
    """Models whose changes affect indexed documents without being documents themselves."""
    return [model for module in _indexing_modules() for model in getattr(module, "WATCHED", ())]


def watched_links() -> list[type[models.Model]]:
    """Many-to-many through models whose changes affect the documents at both ends."""
    return [
        through
        for module in _indexing_modules()
        for through in getattr(module, "WATCHED_LINKS", ())
    ]


def change_signals():
    """(signal, receiver → [(type, pk)]) pairs after which documents must be re-indexed."""
    return [pair for module in _indexing_modules() for pair in getattr(module, "SIGNALS", ())]


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Bangla and English names of a facet's values, from the apps that define them."""
    for module in _indexing_modules():
        labeller = getattr(module, "FACET_LABELS", {}).get(facet)
        if labeller is not None:
            return labeller(list(values))
    return {}


def type_of(obj_or_model) -> DocumentType | None:
    """The document type of a model instance or class, if it is one."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for spec in document_types().values():
        if issubclass(model, spec.model):
            return spec
    return None


def make_key(type_name: str, pk) -> str:
    """The index key of a document: ``practice:12``."""
    return f"{type_name}:{pk}"


def split_key(key: str) -> tuple[str, int]:
    """The type and primary key in an index key."""
    type_name, _sep, pk = key.partition(":")
    return type_name, int(pk)


def keys_for(obj) -> list[str]:
    """The keys of the documents that `obj` is, or that a change to `obj` affects."""
    keys = []
    spec = type_of(obj)
    if spec is not None and obj.pk is not None:
        keys.append(make_key(spec.type, obj.pk))
    for module in _indexing_modules():
        keys.extend(make_key(name, pk) for name, pk in module.affected(obj))
    return list(dict.fromkeys(keys))


def load_documents(keys: Iterable[str]) -> dict[str, dict | None]:
    """Build the documents for `keys` from the database; None for what must not be indexed.

    Only what the app calls published is built, so a draft, an unpublished or a deleted page
    comes back as None and is removed from the index.
    """
    wanted: dict[str, set[int]] = {}
    for key in keys:
        type_name, pk = split_key(key)
        wanted.setdefault(type_name, set()).add(pk)
    found: dict[str, dict | None] = {}
    types = document_types()
    for type_name, pks in wanted.items():
        spec = types.get(type_name)
        if spec is not None:
            for obj in spec.published().filter(pk__in=pks):
                found[make_key(type_name, obj.pk)] = build(spec, obj)
        for pk in pks:
            found.setdefault(make_key(type_name, pk), None)
    return found


def iter_documents(chunk_size: int = 500) -> Iterator[dict]:
    """Every published document, built afresh from the database."""
    for spec in document_types().values():
        for obj in spec.published().order_by("pk").iterator(chunk_size=chunk_size):
            yield build(spec, obj)


def count_published() -> int:
    """How many documents the published content makes."""
    return sum(spec.published().count() for spec in document_types().values())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return "\n".join(piece.strip() for piece in value if piece and piece.strip())


def _listed(value) -> list:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def build(spec: DocumentType, obj) -> dict:
    """The normalised document for one published object."""
    raw = spec.document(obj)
    return normalise(spec.type, obj.pk, raw)


def normalise(type_name: str, pk, raw: dict) -> dict:
    """Turn an app's plain document into the indexed shape, with analysed text and a hash.

    `raw` holds `url_bn`, `url_en`, `title_bn`, `title_en`, `text_bn`, `text_en` (text or a
    list of texts), `keywords` (matched but never shown), `places` (the names of the areas a
    document is about, in both languages; matched, also by their phonetic keys, but never
    shown), the facet values `theme`,
    `division`, `district`, `circular_status`, `best_practice`, `year`, and `date`,
    `replication_count`, `budget_total`.
    """
    title_bn = _text(raw.get("title_bn"))
    title_en = _text(raw.get("title_en"))
    text_bn = _text(raw.get("text_bn"))[:MAX_TEXT_CHARS]
    text_en = _text(raw.get("text_en"))[:MAX_TEXT_CHARS]
    date = raw.get("date")
    if isinstance(date, datetime.datetime):
        date = date.date()
    best_practice = raw.get("best_practice")
    places = [name for name in raw.get("places") or () if name]
    # What a reader calls the document, its date and its places are searchable text too, in
    # a field of their own that weighs between the title and the body.
    about = _text(
        [
            *TYPE_WORDS.get(type_name, ()),
            *(BEST_PRACTICE_WORDS if best_practice else ()),
            *date_words(date),
            *places,
        ]
    )
    keywords = _text(_listed(raw.get("keywords")))
    keys = " ".join(place_keys(places))
    replication_count = int(raw.get("replication_count") or 0)
    budget_total = Decimal(raw.get("budget_total") or 0).quantize(Decimal("0.01"))
    boost = TYPE_BOOST.get(type_name, 1.0) * (1 + math.log10(1 + replication_count) / 4)
    if best_practice:
        boost *= 1.1
    suggest_words = normalize(f"{title_bn} {title_en}").split()
    document = {
        "key": make_key(type_name, pk),
        "type": type_name,
        "object_id": pk,
        "url_bn": raw.get("url_bn") or "",
        "url_en": raw.get("url_en") or "",
        "title_bn": title_bn,
        "title_en": title_en,
        "text_bn": text_bn,
        "text_en": text_en,
        "title_terms": analyzed_text(f"{title_bn}\n{title_en}"),
        "about_terms": " ".join(filter(None, [analyzed_text(about), keys])),
        "body_terms": analyzed_text(f"{text_bn}\n{text_en}\n{keywords}"),
        "suggest_text": f" {' '.join(suggest_words)} " if suggest_words else "",
        "theme": raw.get("theme") or "",
        "division": raw.get("division") or "",
        "district": raw.get("district") or "",
        "circular_status": raw.get("circular_status") or "",
        "best_practice": None if best_practice is None else bool(best_practice),
        "year": int(raw["year"]) if raw.get("year") else None,
        "date": date,
        "replication_count": replication_count,
        "budget_total": budget_total,
        "boost": round(boost, 4),
    }
    document["content_hash"] = content_hash(document)
    return document


def content_hash(document: dict) -> str:
    """A fingerprint of everything indexed about a document, to find drift cheaply."""
    payload = {name: document.get(name) for name in DOCUMENT_FIELDS if name != "content_hash"}
    encoded = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(encoded.encode(), usedforsecurity=False).hexdigest()
