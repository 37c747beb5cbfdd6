"""The admin's listings of replications and budget lines show counts, amounts and fiscal years
as the portal does: Bangla digits with lakh grouping in the Bangla admin, lakh grouping in the
English one."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from places.models import Area
from portal import roles
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import (
    BudgetAllocationFactory,
    PracticePageFactory,
    ReplicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="curator", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=roles.NILG_CURATOR))
    client.force_login(user)
    return client


@pytest.fixture
def records(db):
    practice_index, _circulars = page_tree()
    practice = PracticePageFactory(parent=practice_index, slug="tube-wells")
    union = Area.objects.get(key="UN1")
    ReplicationFactory(practice=practice, lgi=union, fiscal_year="2023-24", households_reached=1250)
    BudgetAllocationFactory(
        practice=practice, lgi=union, fiscal_year="2023-24", allocated=Decimal("150000")
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("bn", {"replication": ["১,২৫০", "২০২৩-২৪"], "budgetallocation": ["১,৫০,০০০ টাকা"]}),
        ("en", {"replication": ["1,250", "2023-24"], "budgetallocation": ["1,50,000 BDT"]}),
    ],
)
def test_listings_show_numbers_in_the_admins_language(curator_client, records, language, expected):
    curator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for model, texts in expected.items():
        html = curator_client.get(reverse(f"wagtailsnippets_practices_{model}:list")).content
        for text in texts:
            assert text in html.decode(), (model, text)
