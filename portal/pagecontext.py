"""Page context built beside the pages.

A page model's `get_context` asks here for what its template needs; the module that works it
out (the app's `pages.py`: queries, filters, figures) registers a builder for the page type
when the app starts. The model thus imports none of the modules that import the models, and
an app can add to another app's page the same way, as consumerfinance.gov's context handlers do.
"""

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
