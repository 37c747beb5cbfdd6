"""How Wagtail's search (admin, choosers, `Page.objects.search()`) matches: the one place where
text is prepared for the admin index and a typed query becomes an engine's query.

Both sides go through the portal's Bangla analysis (`bangla.analyze`), so আর্সেনিকের finds
আর্সেনিক and Workshops finds workshop, and a query is read by the public search's own parser
(`search.parsing.parse`) with NILG's glossary (`search.service.glossary`): a `Plan` is its
positions, every one of which must match, each with alternative terms or phrases. To these the
admin adds what typing in a chooser needs:

* the last word of an autocomplete query also matches as the start of a word (সুবি → সুবিল);
* a word no published document has gets the public search's did-you-mean correction as an
  alternative (arsnic → arsenic);
* names match in any spelling, in either script (`variant_keys`: Cumilla ≡ Comilla ≡
  কুমিল্লা), by the phonetic key the index stores beside the words of every
  `AutocompleteField`.

A term or the start of a word is looked for in every field (a chooser finds a page by a word of
its summary being typed), a phrase in the title and body only, whose terms keep the text's
order: the autocomplete text holds words, terms and keys one after the other. Wagtail's
`operator="or"` asks for any position instead of every one.

The engines' renderings (`fts5`, `tsquery`, `elasticsearch`) live here too, so the three
backends cannot drift apart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.db.models import Manager, Model
from django.utils.encoding import force_str

from modelsearch.index import AutocompleteField, RelatedFields, SearchField

from bangla import analyze, key_term, tokenize

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Alternative:
    """One way a position may match: a term, a phrase of terms, or (``prefix``) the start of a
    word."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass
class Plan:
    """A query as the admin index is searched for it: every position must match (``any``: at
    least one), by any of its alternatives."""

    positions: list[list[Alternative]] = field(default_factory=list)
    any: bool = False

    @property
    def is_empty(self):
        """Nothing to search for (only stop words or punctuation were typed)."""
        return not self.positions


# --- the index side ---------------------------------------------------------------------


def flatten(value) -> str:
    """Any value a `SearchField` yields (text, a list of StreamField texts, tags, related
    objects, numbers) as one text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    if isinstance(value, Iterable) and not isinstance(value, Model):
        return " ".join(flatten(item) for item in value)
    return force_str(value)


def index_text(value) -> str:
    """What the admin index stores for a `SearchField`: its analysed terms."""
    return " ".join(analyze(flatten(value)))


def autocomplete_text(value) -> str:
    """What the admin index stores for an `AutocompleteField`: the words as typed (normalised,
    for prefixes), their analysed terms and their loose-spelling keys."""
    text = flatten(value)
    words = tokenize(text)
    # A name written together ("Debidwar") meets one written apart ("Debi Dwar") by its key.
    keyed = [*words, "".join(words)] if len(words) > 1 else words
    found = [*words, *analyze(text), *(key for word in keyed for key in variant_keys(word))]
    return " ".join(dict.fromkeys(found))


def variant_keys(word: str) -> list[str]:
    """The phonetic key of a name (`bangla.key_term`), shared by its spellings in either
    script: Cumilla, Comilla and কুমিল্লা; Barisal, Barishal and বরিশাল."""
    key = key_term(word) if not word.isdigit() else None
    return [key] if key else []


def entry_texts(obj) -> tuple[str, str, str]:
    """The title, body and autocomplete texts of `obj`'s entry in a database index.

    A `SearchField` named ``title`` or boosted (``boost=2``: English titles, names) counts as
    title, which ranks higher; every other `SearchField` is body."""
    title, body, autocomplete = [], [], []
    for search_field, value in _field_values(obj, obj.get_search_fields()):
        if isinstance(search_field, AutocompleteField):
            autocomplete.append(autocomplete_text(value))
        elif search_field.field_name == "title" or (search_field.boost or 1) >= 2:
            title.append(index_text(value))
        else:
            body.append(index_text(value))
    return tuple(" ".join(part for part in texts if part) for texts in (title, body, autocomplete))


def _field_values(obj, fields):
    for search_field in fields:
        if isinstance(search_field, SearchField | AutocompleteField):
            yield search_field, search_field.get_value(obj)
        elif isinstance(search_field, RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_values(item, search_field.fields)


# --- the query side ---------------------------------------------------------------------


def plan(text: str, *, autocomplete: bool = False, corrections: bool = True) -> Plan:
    """The `Plan` for what a user typed (never raises)."""
    from ..parsing import parse
    from ..service import glossary

    parsed = parse(text, glossary())
    positions = [[Alternative(tuple(alt.split())) for alt in alts] for alts in parsed.positions]
    for alternatives in positions:
        if len(alternatives[0].terms) == 1:
            # A Bangla word by its stem (কুমিল্লার is কুমিল্লা), a Latin one as typed.
            term = alternatives[0].terms[0]
            word = parsed.typed.get(term, term) if term.isascii() else term
            alternatives.extend(Alternative((key,)) for key in variant_keys(word))
    if corrections and positions:
        for term, word in _corrections(parsed).items():
            for alternatives in positions:
                if alternatives[0].terms == (term,):
                    alternatives.extend(Alternative((fixed,)) for fixed in analyze(word)[:1])
    words = tokenize(parsed.text)
    if autocomplete and words:
        # The last word may be unfinished: it also matches as the start of a word, as typed
        # and as analysed (a stop word typed so far may be the start of another word).
        last_word = words[-1]
        last_terms = analyze(last_word)
        starts = [Alternative((start,), prefix=True) for start in {last_word, *last_terms}]
        if last_terms and positions:
            positions[-1].extend(sorted(starts, key=lambda alt: alt.terms))
        else:
            positions.append(starts)
    return Plan([list(dict.fromkeys(alternatives)) for alternatives in positions])


def _corrections(parsed) -> dict[str, str]:
    """The public search's did-you-mean for the query's unknown words ({term: word})."""
    from ..service import database

    try:
        return database().did_you_mean(parsed)
    except DatabaseError:
        logger.exception("Looking for corrections of %r failed", parsed.text)
        return {}


# --- the engines' renderings ------------------------------------------------------------


def _fts5_quoted(text):
    return '"' + text.replace('"', '""') + '"'


def phrase(text: str) -> Plan:
    """A quoted phrase: its analysed terms, together and in order."""
    terms = tuple(analyze(text))
    return Plan([[Alternative(terms)]] if terms else [])


def _fts5_alternative(alt: Alternative) -> str:
    quoted = _fts5_quoted(" ".join(alt.terms))
    if alt.prefix:
        return f"{quoted} *"
    if len(alt.terms) > 1:
        return "{title body} : " + quoted
    return quoted


def fts5(plan: Plan) -> str:
    """The plan as an SQLite FTS5 query over Wagtail's full-text table (columns title, body,
    autocomplete; each term quoted, so it is read as a plain token)."""
    return (" OR " if plan.any else " AND ").join(
        "(" + " OR ".join(_fts5_alternative(alt) for alt in alts) + ")" for alts in plan.positions
    )


# The weights of an entry's title and body vectors (`postgres.BanglaPostgresIndex`); its
# autocomplete vector has the default weight, D.
TS_TITLE, TS_BODY = "A", "B"


def _ts_lexeme(term, label=""):
    return "'" + term.replace("\\", "").replace("'", "''") + "'" + (f":{label}" if label else "")


def _ts_alternative(alt: Alternative) -> str:
    if alt.prefix:
        label = "*"
    elif len(alt.terms) > 1:
        label = TS_TITLE + TS_BODY
    else:
        label = ""
    return "(" + " <-> ".join(_ts_lexeme(term, label) for term in alt.terms) + ")"


def tsquery(plan: Plan) -> str:
    """The plan as a PostgreSQL tsquery (for ``to_tsquery('simple', …)``)."""
    return (" | " if plan.any else " & ").join(
        "(" + " | ".join(_ts_alternative(alt) for alt in alts) + ")" for alts in plan.positions
    )


def elasticsearch(plan: Plan, fields: list[str], autocomplete: str) -> dict:
    """The plan as an Elasticsearch query over `fields` (each "name" or "name^boost") and the
    `autocomplete` field."""
    if plan.is_empty:
        return {"match_none": {}}

    def alternative(alt):
        if alt.prefix:
            return {
                "bool": {
                    "should": [
                        {"prefix": {name.split("^")[0]: {"value": alt.terms[0]}}}
                        for name in [*fields, autocomplete]
                    ],
                    "minimum_should_match": 1,
                    "boost": 0.5,
                }
            }
        phrase = len(alt.terms) > 1
        return {
            "multi_match": {
                "query": " ".join(alt.terms),
                "fields": fields if phrase else [*fields, autocomplete],
                "type": "phrase" if phrase else "best_fields",
                "operator": "and",
            }
        }

    positions = [
        {"bool": {"should": [alternative(alt) for alt in alts], "minimum_should_match": 1}}
        for alts in plan.positions
    ]
    if plan.any:
        return {"bool": {"should": positions, "minimum_should_match": 1}}
    return {"bool": {"must": positions}}
