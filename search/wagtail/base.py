"""What the portal's Wagtail search backends share, whatever the engine."""

from __future__ import annotations

from django.utils.encoding import force_str

from wagtail.models import Page

from modelsearch.backends.base import EmptySearchResults
from modelsearch.conf import get_app_config
from modelsearch.query import Phrase

from . import matching

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)


def entry_texts_of(objs) -> dict[str, tuple[str, str, str]]:
    """The title, body and autocomplete texts of each object's database index entry, by the
    entry's object id."""
    return {force_str(obj.pk): matching.entry_texts(obj) for obj in objs}


class BanglaCompilerMixin:
    """A query compiler that reads a query as the portal's search does (`matching.plan`).

    `fields=` is checked as Wagtail checks it, then searched in every field: the admin index
    keeps no field apart from another. Every word must match, on every engine, unless
    `operator="or"` asks for any (Wagtail's Elasticsearch backend asks for any by default)."""

    AUTOCOMPLETE = False
    DEFAULT_OPERATOR = "and"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested_fields, self.fields = self.fields, None
        self._plans = {}

    def check(self):
        self.fields = self.requested_fields
        try:
            super().check()
        finally:
            self.fields = None

    def plan_for(self, query) -> matching.Plan:
        """The plan of a `PlainText` or `Phrase` query, made once per compiler."""
        operator = getattr(query, "operator", "and")
        key = (type(query), query.query_string, operator)
        if key not in self._plans:
            if isinstance(query, Phrase):
                self._plans[key] = matching.phrase(query.query_string)
            else:
                found = matching.plan(query.query_string, autocomplete=self.AUTOCOMPLETE)
                found.any = operator == "or"
                self._plans[key] = found
        return self._plans[key]


class BanglaBackendMixin:
    """A backend that indexes a page as its row holds it, and answers a query with nothing to
    search for with no results at once."""

    def add(self, obj):
        # Saving a draft of a live page passes the page with the draft's content to the index
        # (Wagtail's signal); its row keeps the live content. The index holds the row: the
        # live page, or a page never published as drafted, so no draft's words find a live page.
        if isinstance(obj, Page) and obj.pk is not None and obj.live:
            obj = type(obj).objects.filter(pk=obj.pk).first() or obj
        super().add(obj)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            autocomplete = getattr(query_compiler_class, "AUTOCOMPLETE", False)
            if matching.plan(query, autocomplete=autocomplete, corrections=False).is_empty:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
