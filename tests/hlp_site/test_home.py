import re

import pytest

from places.models import Area, Level

pytestmark = pytest.mark.django_db

BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def figure(html, name):
    return re.search(rf'data-figure="{name}">([^<]*)<', html).group(1).replace(",", "")


def test_home_page_counts_lgis_from_the_data(client):
    before = Area.objects.lgis().count()
    assert figure(client.get("/en/").text, "lgis") == str(before)
    upazila = Area.objects.get(code="BD30260072")
    Area.objects.create(
        level=Level.POURASHAVA, name_bn="সাভার পৌরসভা", name_en="Savar", parent=upazila
    )
    assert figure(client.get("/en/").text, "lgis") == str(before + 1)
    assert figure(client.get("/").text, "lgis") == str(before + 1).translate(BANGLA_DIGITS)
