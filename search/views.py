"""The search page, its JSON twin and suggestions as you type.

Every parameter comes from the URL, so a search is a shareable address; whatever the URL
holds, the answer is results or a message, never an error.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

import search

from .results import FACETS

PER_PAGE = 20
FACET_TITLES = {
    "type": _("Type"),
    "theme": _("Theme"),
    "division": _("Division"),
    "district": _("District"),
    "circular_status": _("Circular status"),
    "best_practice": _("Best practice"),
    "year": _("Year"),
}


def _params(request):
    return {
        "text": request.GET.get("q", ""),
        "filters": {facet: request.GET.getlist(facet) for facet in FACETS},
        "page": request.GET.get("page", 1),
        "sort": request.GET.get("sort", "relevance"),
        "language": get_language() or "bn",
        # The words as typed, without the automatic correction.
        "exact": request.GET.get("exact") == "1",
    }


def _query_string(results, **changes):
    """The address of these results with some parameters changed (page, a facet value …)."""
    params = [("q", results.query)] if results.query else []
    for facet, values in results.filters.items():
        params += [(facet, value) for value in values]
    if results.sort != "relevance":
        params.append(("sort", results.sort))
    for name, value in changes.items():
        params = [(key, val) for key, val in params if key != name]
        if value is not None:
            params.append((name, value))
    return "?" + urlencode(params) if params else "?"


def _toggle(results, facet, value):
    params = [("q", results.query)] if results.query else []
    for name, values in results.filters.items():
        kept = [v for v in values if not (name == facet and v == value)]
        params += [(name, v) for v in kept]
    if value not in results.filters.get(facet, []):
        params.append((facet, value))
    if results.sort != "relevance":
        params.append(("sort", results.sort))
    return "?" + urlencode(params)


def _pages(results):
    window = range(max(1, results.page - 2), min(results.pages, results.page + 2) + 1)
    return [{"number": n, "url": _query_string(results, page=n)} for n in window]


@require_GET
def search_page(request):
    """The search page: results, facets, sorting and pages, all from the URL."""
    params = _params(request)
    results = search.query(
        params["text"],
        filters=params["filters"],
        page=params["page"],
        sort=params["sort"],
        language=params["language"],
        per_page=PER_PAGE,
        exact=params["exact"],
    )
    facet_groups = [
        {
            "name": facet,
            "title": FACET_TITLES[facet],
            "values": [
                {"item": value, "url": _toggle(results, facet, value.value)}
                for value in results.facets.get(facet, [])
            ],
        }
        for facet in FACETS
        if results.facets.get(facet)
    ]
    context = {
        "results": results,
        "searched": bool(request.GET),
        "facet_groups": facet_groups,
        "pages": _pages(results) if results.pages > 1 else [],
        "previous_url": _query_string(results, page=results.page - 1),
        "next_url": _query_string(results, page=results.page + 1),
        "sort_urls": {
            "relevance": _query_string(results, sort=None, page=None),
            "date": _query_string(results, sort="date", page=None),
        },
        "did_you_mean_url": (
            "?" + urlencode({"q": results.did_you_mean}) if results.did_you_mean else ""
        ),
        "exact_url": (
            "?" + urlencode({"q": results.corrected_from, "exact": "1"})
            if results.corrected_from
            else ""
        ),
        "clear_filters_url": "?" + urlencode({"q": results.query}) if results.query else "?",
    }
    return _fresh_only_if_degraded(render(request, "search/search.html", context), results)


def _fresh_only_if_degraded(response, results):
    """An answer made without Elasticsearch (or without any search) is not kept by any cache:
    the next request should get the full search again as soon as it is back."""
    if results.degraded or results.unavailable:
        response["Cache-Control"] = "no-cache"
    return response


@require_GET
def search_api(request):
    """The same search as JSON, with the page's parameters and `per_page`."""
    params = _params(request)
    try:
        per_page = int(request.GET.get("per_page", PER_PAGE))
    except ValueError:
        per_page = PER_PAGE
    results = search.query(
        params["text"],
        filters=params["filters"],
        page=params["page"],
        sort=params["sort"],
        language=params["language"],
        per_page=per_page,
        exact=params["exact"],
    )
    response = JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return _fresh_only_if_degraded(response, results)


@require_GET
def suggest_api(request):
    """Titles completing `q`, for suggestions as you type."""
    suggestions = search.suggest(request.GET.get("q", ""), language=get_language() or "bn")
    response = JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response
