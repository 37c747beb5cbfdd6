from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: index updates that Elasticsearch missed while it was down (or that a crash lost)
# are caught up within the hour, without anyone running `search_index reconcile`.
BEAT_SCHEDULE = {
    "search-reconcile-index": {
        "task": "search.tasks.reconcile_index",
        "schedule": {"minute": "20"},
    },
}


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from portal import public
        from portal.celery import add_beat_entries

        from . import signals
        from .backends import vocabulary
        from .events import documents_changed

        signals.connect()
        # The search page shows the index and the glossary that widens queries.
        public.shows(models=["portal_search.GlossaryEntry"])
        documents_changed.connect(public.changed, dispatch_uid="public-content-index")
        documents_changed.connect(vocabulary.recheck, dispatch_uid="search-vocabulary")
        add_beat_entries(BEAT_SCHEDULE)
