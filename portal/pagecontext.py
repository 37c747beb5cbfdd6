"""Page context built beside the pages.

A page model's `get_context` asks here for what its template needs; the module that works it
out (the app's `pages.py`: queries, filters, figures) registers a builder for the page type
when the app starts. The model thus imports none of the modules that import the models, and
an app can add to another app's page the same way, as consumerfinance.gov's context handlers do.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable

_builders: dict[str, list[Callable]] = defaultdict(list)


def builds(page_label):
    """Register the decorated function (request, page) -> dict as a context builder of the
    page type named "app_label.ModelName"."""

    def register(builder):
        if builder not in _builders[page_label]:
            _builders[page_label].append(builder)
        return builder

    return register


def build(request, page):
    """Everything the registered builders give for `page`, merged in registration order."""
    context = {}
    for builder in _builders.get(page._meta.label, ()):
        context.update(builder(request, page))
    return context


class Deferred:
    """A context value worked out when a template first reads it, then kept: a part of a page
    served from the fragment cache (`{% cache %}`) then costs no query. Templates call it like
    any callable; code calls it too."""

    def __init__(self, compute):
        self._compute = compute
        self._done = False
        self._value = None

    def __call__(self):
        if not self._done:
            self._value = self._compute()
            self._done = True
        return self._value

    def __repr__(self):
        return f"<Deferred {self._value!r}>" if self._done else "<Deferred, not yet read>"


def _fragment_seconds(request):
    """How long a page's parts are kept: FRAGMENT_CACHE_SECONDS, never for a preview."""
    from django.conf import settings

    if getattr(request, "is_preview", False):
        return 0
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def fragment_cache(request):
    """What a template's `{% cache fragment_seconds "name" page.pk data_version LANGUAGE_CODE %}`
    needs: the data version (the parts kept change only with it) and how long to keep them;
    nothing is kept for a preview of a draft, or when there is no data version to key on."""
    from . import public

    seconds = _fragment_seconds(request)
    version = public.version() if seconds else None
    if version is None:
        # `{% cache %}` reads before it (does not) keep: a key of its own that nothing was kept
        # under, so that a preview never shows the published page's parts.
        return {"data_version": f"not-kept-{uuid.uuid4().hex}", "fragment_seconds": 0}
    return {"data_version": version, "fragment_seconds": seconds}


def kept_fragment(request, name, make):
    """The HTML `make()` renders, kept per data version and language under `name` (a string
    naming the page's part, e.g. "area:BD3026") as `fragment_cache` allows."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from . import public

    html = public.kept(
        f"fragment:{name}:{get_language()}", lambda: str(make()), _fragment_seconds(request)
    )
    return mark_safe(html)  # rendered by a template, which escaped what it had to
