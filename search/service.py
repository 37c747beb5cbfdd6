"""The search service behind `search.index()`, `search.query()` and friends.

The database backend (`SearchEntry`) is always kept up to date: it is the embedded default and
the fallback. Where `ELASTICSEARCH_URL` is set, Elasticsearch is written to as well and answers
queries; when it does not answer, the database does and the results say so (`degraded`).

The service imports neither `search.signals` nor `search.tasks` (they call it): it announces
changes with `search.events.documents_changed`, and writes that Elasticsearch missed go to the
`retry` its caller passes in.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _

from bangla import (
    PLACE_RENAMINGS,
    analyze,
    build_glossary,
    normalize,
    to_bangla_digits,
    tokenize,
)

from .backends import BackendResults, BackendUnavailable, vocabulary
from .backends.database import DatabaseBackend
from .documents import (
    DOCUMENT_FIELDS,
    count_published,
    document_types,
    facet_labels,
    iter_documents,
    keys_for,
    load_documents,
    make_key,
    type_of,
)
from .events import documents_changed
from .highlight import highlight, snippet
from .models import GlossaryEntry, SearchEntry
from .parsing import MAX_QUERY_CHARS, clean_filters, clean_page, clean_sort, parse
from .results import FACETS, FacetValue, Hit, SearchResults

logger = logging.getLogger(__name__)

MAX_PER_PAGE = 100
MAX_RESULT_WINDOW = 10_000
SUGGESTIONS = 8
# Fewer documents than this with every word of a query: documents with some of them follow.
FEW_RESULTS = 3
DISTRICTS_SHOWN = 30
SYNC_BATCH = 500

_lock = threading.Lock()
_state = {"es_down_until": 0.0, "glossary_version": None, "glossary": None}
_elasticsearch_backends = {}

# Given the keys of documents Elasticsearch missed, to try them again later.
Retry = Callable[[list[str]], None]


# --- backends ---------------------------------------------------------------------------


def database() -> DatabaseBackend:
    """The database backend (always available, always up to date)."""
    return DatabaseBackend()


def elasticsearch():
    """The Elasticsearch backend when `ELASTICSEARCH_URL` is set, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .backends.elasticsearch import ElasticsearchBackend

    key = (settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    with _lock:
        if key not in _elasticsearch_backends:
            _elasticsearch_backends[key] = ElasticsearchBackend(*key)
        return _elasticsearch_backends[key]


def _elasticsearch_for_queries():
    """The Elasticsearch backend unless it failed moments ago (then don't wait for it again)."""
    backend = elasticsearch()
    if backend is None or time.monotonic() < _state["es_down_until"]:
        return backend, backend is not None
    return backend, False


def _note_elasticsearch_down(exc):
    logger.warning("Elasticsearch did not answer, searching the database instead: %s", exc)
    _state["es_down_until"] = time.monotonic() + getattr(settings, "SEARCH_ES_RETRY_AFTER", 15)


# --- keeping the index true -------------------------------------------------------------


def _changed():
    documents_changed.send(sender=None)


def reindex(keys: Iterable[str], *, strict: bool = False, retry: Retry | None = None) -> dict:
    """Rebuild the documents `keys` from the database in every backend; drop what is gone.

    Documents that are no longer published (drafts, unpublished or deleted pages) are removed.
    The database backend is always updated. When Elasticsearch is configured but down, this
    raises `BackendUnavailable` if `strict` (a task that will retry), and otherwise hands the
    keys it missed to `retry` (`search.tasks.enqueue_retry`, to try again later) and leaves
    the rest of the catching up to `reconcile()`.
    """
    keys = sorted(set(keys))
    if not keys:
        return {"indexed": 0, "removed": 0}
    documents = load_documents(keys)
    present = [document for document in documents.values() if document is not None]
    absent = [key for key, document in documents.items() if document is None]
    db = database()
    db.upsert(present)
    db.delete(absent)
    es = elasticsearch()
    if es is not None:
        try:
            es.upsert(present)
            es.delete(absent)
        except BackendUnavailable as exc:
            if strict:
                raise
            logger.warning("Elasticsearch missed %s document(s): %s", len(keys), exc)
            if retry is not None:
                retry(keys)
    _changed()
    return {"indexed": len(present), "removed": len(absent)}


def index(*objs, retry: Retry | None = None) -> dict:
    """Index `objs` (practices, circulars …) or the documents a change to them affects, in one
    `reindex`.

    Only published content is indexed: for a draft or an unpublished page this removes it.
    """
    return reindex((key for obj in objs for key in keys_for(obj)), retry=retry)


def remove(obj, retry: Retry | None = None) -> dict:
    """Remove `obj`'s document from every backend and refresh the documents it affected
    (`retry` as for `reindex`)."""
    spec = type_of(obj)
    own = [make_key(spec.type, obj.pk)] if spec is not None and obj.pk is not None else []
    db = database()
    db.delete(own)
    es = elasticsearch()
    if es is not None and own:
        try:
            es.delete(own)
        except BackendUnavailable as exc:
            logger.warning("Elasticsearch missed a removal: %s", exc)
            if retry is not None:
                retry(own)
    others = [key for key in keys_for(obj) if key not in own]
    result = reindex(others, retry=retry)
    _changed()
    return {"indexed": result["indexed"], "removed": len(own) + result["removed"]}


def _progress(description: str, total: int, show: bool, callback):
    from tqdm import tqdm

    bar = tqdm(total=total, desc=description, unit="doc", disable=not show, leave=show)
    state = {"done": 0}

    def advance(done):
        bar.update(done - state["done"])
        state["done"] = done
        if callback:
            callback(done)

    return advance, bar


def rebuild(show_progress: bool = False, on_progress: Callable[[int], None] | None = None) -> dict:
    """Rebuild every backend from the published content, without interrupting searches.

    The database index is replaced in one transaction. Elasticsearch gets a new timestamped
    index, bulk-loaded and then swapped in behind the alias atomically (the old index is
    deleted); documents changed during the load are caught up afterwards.
    """
    report = {}
    total = count_published()
    advance, bar = _progress(_("Database index"), total, show_progress, None)
    with bar:
        report["database"] = database().replace_all(iter_documents(), progress=advance)
    es = elasticsearch()
    if es is not None:
        advance, bar = _progress(_("Elasticsearch index"), total, show_progress, on_progress)
        with bar:
            report["elasticsearch"] = es.rebuild(_entries(), total=total, progress=advance)
        report["elasticsearch"]["caught_up"] = _sync_elasticsearch(es)
    _changed()
    return report


def _entries(keys=None):
    queryset = SearchEntry.objects.order_by("pk")
    if keys is not None:
        queryset = queryset.filter(key__in=keys)
    yield from queryset.values(*DOCUMENT_FIELDS).iterator(chunk_size=SYNC_BATCH)


def _sync_elasticsearch(es) -> dict:
    """Make Elasticsearch hold exactly the database index's documents (by content hash)."""
    wanted = database().hashes()
    indexed = es.hashes()
    stale = [key for key, digest in wanted.items() if indexed.get(key) != digest]
    extra = [key for key in indexed if key not in wanted]
    for start in range(0, len(stale), SYNC_BATCH):
        es.upsert(_entries(stale[start : start + SYNC_BATCH]))
    es.delete(extra)
    return {"updated": len(stale), "removed": len(extra)}


def reconcile() -> dict:
    """Find and fix drift between the published content and the indexes.

    Every published document is built afresh and compared by content hash with the database
    index, which is corrected; then Elasticsearch is compared with the database index and
    corrected. Raises `BackendUnavailable` if Elasticsearch is configured but down (the
    database index is correct by then).
    """
    db = database()
    known = db.hashes()
    seen, changed = set(), []
    report = {"database": {"updated": 0, "removed": 0}}
    for document in iter_documents():
        seen.add(document["key"])
        if known.get(document["key"]) != document["content_hash"]:
            changed.append(document)
        if len(changed) >= SYNC_BATCH:
            report["database"]["updated"] += db.upsert(changed)
            changed = []
    report["database"]["updated"] += db.upsert(changed)
    report["database"]["removed"] = db.delete([key for key in known if key not in seen])
    es = elasticsearch()
    if es is not None:
        report["elasticsearch"] = _sync_elasticsearch(es)
    _changed()
    return report


# --- querying ---------------------------------------------------------------------------


def glossary():
    """NILG's glossary with the official renamings of places (`bangla.PLACE_RENAMINGS`),
    analysed; rebuilt only when an entry was added, changed or removed."""
    version = GlossaryEntry.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    version = (version["count"], version["latest"])
    if _state["glossary_version"] != version:
        groups = [entry.term_list() for entry in GlossaryEntry.objects.all()]
        groups += [list(group) for group in PLACE_RENAMINGS]
        _state["glossary"] = build_glossary(groups)
        _state["glossary_version"] = version
    return _state["glossary"]


def _language(language) -> str:
    return "en" if str(language or "").lower().startswith("en") else "bn"


def query(
    text,
    filters=None,
    page=1,
    language="bn",
    sort="relevance",
    per_page=20,
    exact=False,
) -> SearchResults:
    """Search every published document; never raises on any input.

    `filters` maps facet names (type, theme, division, district, circular_status,
    best_practice, year) to lists of values; values of one facet are alternatives, facets
    combine. Returns a page of hits with highlighted snippets, facet counts (each facet counted
    under all other filters, so a value's count is what clicking it shows), suggestions, a
    did-you-mean when nothing was found, and `degraded=True` when Elasticsearch is configured
    but the database answered.

    Documents with every word come first. A word no document has is corrected from the
    index's vocabulary when that finds something (`corrected_from` then holds what was typed;
    `exact=True` searches the words as typed); when fewer than `FEW_RESULTS` documents have
    every word, documents with some of them follow, those with the largest (rarity-weighted)
    share of the query first (`partial`).
    """
    language = _language(language)
    try:
        per_page = min(max(int(per_page), 1), MAX_PER_PAGE)
    except (TypeError, ValueError):
        per_page = 20
    parsed = parse(text, glossary())
    results = SearchResults(
        query=parsed.text,
        page=clean_page(page),
        per_page=per_page,
        sort=clean_sort(sort),
        language=language,
        filters=clean_filters(filters),
    )
    with translation.override(language):
        if parsed.shortened:
            results.message = _(
                "Your search was long, so only its first %(count)s characters were used."
            ) % {"count": _digits(MAX_QUERY_CHARS, language)}
        if parsed.text and not parsed.has_terms:
            results.message = _(
                "Your search has no words we can look for. Try the name of a practice, a place "
                "or a topic."
            )
            return results
        parsed, raw = _best_answer(parsed, results, exact)
        results.total = raw.total
        results.approximate = raw.approximate
        terms = parsed.terms()
        labels = {name: str(spec.label) for name, spec in document_types().items()}
        results.hits = [
            _hit(raw.documents[key], terms, raw.fuzzy_words, language, labels)
            for key in raw.keys
            if key in raw.documents
        ]
        results.facets = _facets(raw.counts, results.filters, language, labels)
        if parsed.has_terms:
            results.suggestions = suggest(parsed.text, language=language, limit=5)
            if raw.total == 0 or raw.approximate or (results.partial and not parsed.corrected):
                results.did_you_mean = _did_you_mean(parsed)
    return results


def _best_answer(parsed, results, exact):
    """The query actually answered (as typed, or corrected) and its page of results: every
    word first; a correction when the words as typed find nothing; partial matches when few
    documents have every word."""
    if parsed.has_terms:
        parsed.unknown = _unknown(parsed)
    raw = _page(parsed, results)
    if not parsed.has_terms:
        return parsed, raw
    # A word no document has is corrected even when something was found (Elasticsearch's own
    # fuzziness, a place's phonetic key), so both backends say what they searched for.
    corrected = {} if exact else _corrections(parsed)
    if corrected:
        fixed = parsed.with_corrections(corrected, glossary())
        fixed_raw = _page(fixed, results)
        if fixed_raw.total:
            results.corrected_from = parsed.text
            results.corrected_to = _did_you_mean(fixed) or parsed.text
            parsed, raw = fixed, fixed_raw
    loose = parsed.loosened()
    if raw.total < FEW_RESULTS and len(loose.positions) > 1:
        partial = _page(loose, results, mode="any")
        if partial.total > raw.total:
            results.partial = True
            results.complete_total = raw.total
            raw = partial
    return parsed, raw


def _page(parsed, results, mode="all") -> BackendResults:
    last_page = MAX_RESULT_WINDOW // results.per_page
    results.page = min(results.page, last_page)
    raw = _search(parsed, results, mode)
    if raw.total and not raw.keys and results.page > 1:
        # A page past the end (an old link): show the last page instead.
        results.page = min(-(-raw.total // results.per_page), last_page)
        raw = _search(parsed, results, mode)
    return raw


def _unknown(parsed) -> set[str]:
    try:
        return vocabulary.unknown_terms(parsed)
    except DatabaseError:
        logger.exception("Reading the vocabulary for %r failed", parsed.text)
        return set()


def _corrections(parsed) -> dict[str, str]:
    try:
        return database().corrections(parsed)
    except DatabaseError:
        logger.exception("Looking for corrections of %r failed", parsed.text)
        return {}


def _search(parsed, results, mode="all") -> BackendResults:
    offset = (results.page - 1) * results.per_page
    arguments = (parsed, results.filters, results.sort, offset, results.per_page, mode)
    es, skipped = _elasticsearch_for_queries()
    if es is not None and not skipped:
        try:
            raw = es.search(*arguments)
            results.backend = es.name
            return raw
        except BackendUnavailable as exc:
            _note_elasticsearch_down(exc)
        except Exception:
            # A search must answer; the database can, and the log says what went wrong.
            logger.exception("Elasticsearch failed on %r; the database answers", parsed.text)
    results.degraded = es is not None
    results.backend = "database"
    try:
        return database().search(*arguments)
    except DatabaseError:
        logger.exception("The database search failed on %r", parsed.text)
        results.message = _("Search is not available at the moment. Please try again later.")
        results.unavailable = True
        return BackendResults(keys=[], total=0, counts={}, documents={})


def _digits(value, language):
    text = str(value)
    return to_bangla_digits(text) if language == "bn" else text


def _as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _pick(document, name, language):
    english = document.get(f"{name}_en") or ""
    return english if language == "en" and english else document.get(f"{name}_bn") or english


def _hit(document, terms, fuzzy_words, language, labels) -> Hit:
    title = _pick(document, "title", language)
    text = _pick(document, "text", language)
    url = document.get(f"url_{language}") or document.get("url_bn") or ""
    return Hit(
        key=document["key"],
        type=document["type"],
        type_label=labels.get(document["type"], document["type"]),
        title=title,
        url=url,
        title_html=highlight(title, terms, fuzzy_words),
        snippet=snippet(text, terms, fuzzy_words),
        date=_as_date(document.get("date")),
        facets={facet: document.get(facet) for facet in FACETS},
        replication_count=int(document.get("replication_count") or 0),
        budget_total=Decimal(str(document.get("budget_total") or 0)),
    )


def _facets(counts, filters, language, type_labels) -> dict[str, list[FacetValue]]:
    facets = {}
    for facet in FACETS:
        found = dict(counts.get(facet, {}))
        for value in filters.get(facet, []):
            found.setdefault(value, 0)
        if not found:
            continue
        labels = _facet_labels(facet, list(found), language, type_labels)
        values = [
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=count,
                selected=value in filters.get(facet, []),
            )
            for value, count in found.items()
        ]
        if facet == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, str(v.label)))
        if facet == "district":
            values = [v for i, v in enumerate(values) if i < DISTRICTS_SHOWN or v.selected]
        facets[facet] = values
    return facets


def _facet_labels(facet, values, language, type_labels) -> dict[str, str]:
    if facet == "type":
        return {value: type_labels.get(value, value) for value in values}
    if facet == "year":
        return {value: _digits(value, language) for value in values}
    if facet == "best_practice":
        return {"true": _("Best practice"), "false": _("Not yet a best practice")}
    if facet in ("division", "district"):
        from places.models import Area

        names = Area.objects.filter(key__in=values).values_list("key", "name_bn", "name_en")
        return {key: (name_en if language == "en" else name_bn) for key, name_bn, name_en in names}
    return {
        value: (english if language == "en" and english else bangla)
        for value, (bangla, english) in facet_labels(facet, values).items()
    }


def _did_you_mean(parsed) -> str | None:
    try:
        corrections = database().did_you_mean(parsed)
    except DatabaseError:
        logger.exception("Looking for a did-you-mean for %r failed", parsed.text)
        return None
    if not corrections:
        return None
    words = []
    for token in tokenize(parsed.text):
        terms = analyze(token)
        words.append(corrections.get(terms[0], token) if len(terms) == 1 else token)
    suggestion = " ".join(words)
    return suggestion if normalize(suggestion) != normalize(parsed.text) else None


def suggest(prefix, language="bn", limit=SUGGESTIONS) -> list[dict]:
    """Titles that complete `prefix` (any word of a title may be the start), best first.

    Each suggestion has the title in the requested language, its type and its address.
    """
    language = _language(language)
    words = normalize(parse(prefix).text).split()
    if not words or len(words[-1]) < 1:
        return []
    text = " ".join(words[-4:])
    rows = None
    es, skipped = _elasticsearch_for_queries()
    if es is not None and not skipped:
        try:
            rows = es.suggest(text, limit)
        except BackendUnavailable as exc:
            _note_elasticsearch_down(exc)
        except Exception:
            logger.exception("Elasticsearch suggestions failed on %r", text)
    if rows is None:
        rows = database().suggest(text, limit)
    suggestions = []
    for row in rows:
        title = _pick(row, "title", language)
        if title and all(s["text"] != title for s in suggestions):
            suggestions.append(
                {
                    "text": title,
                    "type": row.get("type", ""),
                    "url": row.get(f"url_{language}") or row.get("url_bn") or "",
                }
            )
    return suggestions
