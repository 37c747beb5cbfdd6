"""Print, as JSON, the URLs the load test visits, found in the portal's own data.

Run inside the portal's environment (`python -m benchmarks.load.urls`); apps that are not
installed simply contribute no URLs."""

import json
import os
import sys


def collect():
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from wagtail.models import Page

    def pages(model_label, limit):
        try:
            model = apps.get_model(model_label)
        except LookupError:
            return []
        return [page.url for page in model.objects.live().public().order_by("pk")[:limit]]

    def named(*names):
        found = []
        for name in names:
            try:
                found.append(reverse(name))
            except NoReverseMatch:
                continue
        return found

    practice_lists = pages("practices.PracticeIndexPage", 1)
    practice_lists += [url + "?page=2" for url in practice_lists]
    practices = pages("practices.PracticePage", 200)
    dashboards = pages("dashboards.DashboardPage", 1)
    api = named("api-practice-list", "api-impact-list", "api-circular-list", "api-theme-list")
    api += [url + "?page=2" for url in api[:1]]
    api += [url + "?q=বাজেট" for url in named("search_api")]
    urls = {
        "home": ["/", "/en/"],
        "practice_lists": practice_lists,
        "practices": practices,
        "dashboards": dashboards,
        "api": api,
    }
    # Every page also exists in English under /en/.
    for kind in ("practice_lists", "practices", "dashboards"):
        urls[kind] += ["/en" + url for url in urls[kind] if not url.startswith("/en/")]
    missing = [kind for kind, found in urls.items() if not found]
    if missing:
        raise SystemExit(f"no demo content for: {', '.join(missing)} (run load_demo)")
    assert Page.objects.exists()
    return urls


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")
    import django

    django.setup()
    json.dump(collect(), sys.stdout, ensure_ascii=False)
