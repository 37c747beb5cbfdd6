"""Print, as JSON, the URLs the load test visits, found in the portal's own data, and the
signed-in users who visit with the pages each of them reads.

Run inside the portal's environment (`python -m benchmarks.load.urls`); apps that are not
installed simply contribute no URLs."""

import json
import os
import sys

# Pages a signed-in user reads besides their own practices: what an UP editor or a NILG curator
# opens between edits (the admin is left out: it is not what the page cache is about).
SIGNED_IN_KINDS = ("home", "practice_lists", "practices", "workshops", "my_work")


def collect():
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.urls import NoReverseMatch, reverse

    from wagtail.models import Page

    from portal import roles

    def live(model_label):
        try:
            model = apps.get_model(model_label)
        except LookupError:
            return None
        return model.objects.live().public().order_by("pk")

    def pages(model_label, limit):
        found = live(model_label)
        return [] if found is None else [page.url for page in found[:limit]]

    def named(*names):
        found = []
        for name in names:
            try:
                found.append(reverse(name))
            except NoReverseMatch:
                continue
        return found

    def with_english(found):
        # Every page also exists in English under /en/.
        return found + ["/en" + url for url in found if not url.startswith("/en/")]

    practice_lists = pages("practices.PracticeIndexPage", 1)
    practice_lists += [url + "?page=2" for url in practice_lists]
    practices = pages("practices.PracticePage", 200)
    dashboards = pages("dashboards.DashboardPage", 1)
    workshops = pages("workshops.WorkshopIndexPage", 1) + pages("workshops.WorkshopPage", 20)
    workshops += named("workshops_actions")
    api = named("api-practice-list", "api-impact-list", "api-circular-list", "api-theme-list")
    api += [url + "?page=2" for url in api[:1]]
    api += [url + "?q=বাজেট" for url in named("search_api")]
    urls = {
        "home": ["/", "/en/"],
        "practice_lists": with_english(practice_lists),
        "practices": with_english(practices),
        "dashboards": with_english(dashboards),
        "workshops": with_english(workshops),
        "api": api,
        "my_work": with_english(named("my_work")),
    }
    missing = [kind for kind, found in urls.items() if not found]
    if missing:
        raise SystemExit(f"no demo content for: {', '.join(missing)} (run load_demo)")
    assert Page.objects.exists()

    users = []
    signed_in = get_user_model().objects.filter(
        is_active=True, groups__name__in=[roles.UP_EDITOR, roles.NILG_CURATOR]
    )
    for user in signed_in.distinct().order_by("pk"):
        own = live("practices.PracticePage").filter(lgi__in=roles.user_lgis(user))
        users.append(
            {
                "username": user.username,
                "role": roles.NILG_CURATOR if roles.is_curator(user) else roles.UP_EDITOR,
                # Their own union's practices, which they read most, in both languages.
                "own_practices": with_english([page.url for page in own[:20]]),
            }
        )
    if not users:
        raise SystemExit("no UP editor or NILG curator to sign in (run benchmarks.load.build)")
    urls["users"] = users
    return urls


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")
    import django

    django.setup()
    json.dump(collect(), sys.stdout, ensure_ascii=False)
