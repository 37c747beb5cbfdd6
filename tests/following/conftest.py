"""A practice of a union in Savar (Dhaka), its theme and a curated list holding it, and users who
follow each of these and the areas above the union."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.cache import cache

import pytest

from following.models import Digest, DigestPreference, Follow
from places.models import Area
from practices.models import CuratedListItem, CuratedListPage
from tests.conftest import ensure_page_tree
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import PracticePageFactory, ThemeFactory


@pytest.fixture
def network(db, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "https://hlp.example.gov.bd"
    cache.clear()
    ensure_page_tree()
    practice_index, circular_index = page_tree()
    theme = ThemeFactory(name_bn="পানি", name_en="Water", slug="water")
    other_theme = ThemeFactory(name_bn="শিক্ষা", name_en="Education", slug="education")
    union = Area.objects.lgis().filter(upazila__name_en="Savar").order_by("pk").first()
    elsewhere = Area.objects.lgis().exclude(district=union.district).order_by("pk").first()
    practice = PracticePageFactory(
        parent=practice_index, theme=theme, lgi=union, title="নিরাপদ পানি", title_en="Safe water"
    )
    other = PracticePageFactory(parent=practice_index, theme=other_theme, lgi=elsewhere)
    lists = practice_index.get_parent().add_child(
        instance=CuratedListPage(title="বাছাই", slug="picked", title_en="Picked")
    )
    CuratedListItem.objects.create(curated_list=lists, practice=practice, sort_order=0)
    users = {}
    for name, target in {
        "practice": {"practice": practice},
        "theme": {"theme": theme},
        "list": {"curated_list": lists},
        "union": {"area": union},
        "district": {"area": union.district},
        "division": {"area": union.division},
        "other": {"practice": other},
        "nobody": None,
    }.items():
        user = get_user_model().objects.create_user(
            f"follower-{name}", email=f"{name}@example.org", password="x-pass-12345"
        )
        if target:
            Follow.objects.create(user=user, **target)
        users[name] = user
    return SimpleNamespace(
        practice_index=practice_index,
        circular_index=circular_index,
        theme=theme,
        union=union,
        elsewhere=elsewhere,
        practice=practice,
        other=other,
        curated_list=lists,
        users=users,
    )


def notified(event_kind):
    """The names of the follower-… users with a notification of this kind."""
    from following.models import Notification

    return sorted(
        Notification.objects.filter(event__kind=event_kind)
        .values_list("user__username", flat=True)
        .distinct()
    )


def digest_for(user, frequency=Digest.DAILY, language="bn"):
    DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency, "language": language}
    )
