from django.contrib.auth.models import Group

import pytest

from portal import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("curator", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=roles.NILG_CURATOR))
    return user


def test_choosing_an_area_is_a_search_not_a_dropdown(
    client, curator, django_assert_max_num_queries
):
    client.force_login(curator)
    with django_assert_max_num_queries(30):
        response = client.get("/admin/snippets/choose/places/area/results/", {"q": "Savar"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Savar" in html
    assert "Debidwar" not in html
    assert html.count("<tr") < 60


def test_curators_can_add_a_pourashava_in_the_admin(client, curator):
    from places.models import Area

    client.force_login(curator)
    upazila = Area.objects.get(code="BD30260072")
    response = client.post(
        "/admin/snippets/places/area/add/",
        {
            "level": "pourashava",
            "name_bn": "সাভার পৌরসভা",
            "name_en": "Savar Pourashava",
            "code": "",
            "parent": upazila.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pourashava = Area.objects.get(name_en="Savar Pourashava")
    assert pourashava.key == f"PS{pourashava.pk}"
    assert pourashava.district.code == "BD3026"


def test_up_editors_cannot_add_areas(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x-pass-12345")
    editor.groups.add(Group.objects.get(name=roles.UP_EDITOR))
    client.force_login(editor)
    response = client.get("/admin/snippets/places/area/add/")
    assert response.status_code in (302, 403)
