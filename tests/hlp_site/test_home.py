import re

import pytest

from hlp_site.models import HomePage
from places.models import Area, Level
from practices.models import PracticeIndexPage, ReplicationStatus
from tests.practices.factories import PracticePageFactory, ReplicationFactory

pytestmark = pytest.mark.django_db

BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def figure(html, name):
    return re.search(rf'data-figure="{name}">([^<]*)<', html).group(1).replace(",", "")


def test_home_page_counts_the_lgis_reached_out_of_all_from_the_data(client):
    index = HomePage.objects.get().add_child(
        instance=PracticeIndexPage(title="ভালো শিখন", slug="practices")
    )
    practice = PracticePageFactory(parent=index)
    unions = list(Area.objects.lgis().order_by("pk")[:3])
    for lgi in unions[:2]:
        ReplicationFactory(practice=practice, lgi=lgi)
    ReplicationFactory(practice=practice, lgi=unions[2], status=ReplicationStatus.ONGOING)
    english = client.get("/en/").text
    assert figure(english, "lgis_reached") == "2"
    total = Area.objects.lgis().count()
    assert f"(of {total:,})" in english

    upazila = Area.objects.get(code="BD30260072")
    savar = Area.objects.create(
        level=Level.POURASHAVA, name_bn="সাভার পৌরসভা", name_en="Savar", parent=upazila
    )
    ReplicationFactory(practice=practice, lgi=savar)
    bangla = client.get("/").text
    assert figure(bangla, "lgis_reached") == "3".translate(BANGLA_DIGITS)
    assert f"{total + 1:,}".translate(BANGLA_DIGITS) in bangla


def test_the_portal_has_an_icon(client):
    page = client.get("/").text
    assert 'rel="icon" href="/static/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
