"""“We did this too”: an UP editor records their union's replication of a practice, and its
budget line, from the practice page; NILG's curator verifies it on the same page."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

import pytest

from places.models import Area
from portal import roles
from practices import fiscal
from practices.models import BudgetAllocation, PracticePage, Replication, ReplicationStatus

from .factories import ReplicationFactory


@pytest.fixture
def editor(make_user, other_union):
    return make_user("up-editor-2", roles.UP_EDITOR, [other_union])


@pytest.fixture
def third_union(db):
    return Area.objects.lgis().exclude(key__in=["UN1", "UN2"]).order_by("key").first()


def url(practice):
    return reverse("practices_record_replication", args=[practice.pk])


def form_data(lgi, **changes):
    data = {
        "lgi": str(lgi.pk),
        "status": "ongoing",
        "start_date": "",
        "fiscal_year": str(fiscal.current()),
        "households_reached": "১,২৫০",
        "allocated": "১,৫০,০০০",
        "source": "own_revenue",
    }
    data.update(changes)
    return data


def test_the_form_is_on_the_practice_page_for_an_up_editor(client, practice, editor):
    client.force_login(editor)
    html = client.get(practice.url).content.decode()
    assert 'href="#we-did-this"' in html
    assert "আমরাও করেছি" in html or "করেছে" in html
    assert f'action="{url(practice)}"' in html


def test_an_up_editor_records_a_replication_and_its_budget_in_bangla_digits(
    client, practice, editor, other_union, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(practice), form_data(other_union), follow=True)
    assert response.status_code == 200
    replication = Replication.objects.get(practice=practice, lgi=other_union)
    assert replication.status == ReplicationStatus.ONGOING
    assert replication.households_reached == 1250
    assert replication.verified_at is None
    line = BudgetAllocation.objects.get(practice=practice, lgi=other_union)
    assert line.allocated == Decimal("150000")
    assert line.fiscal_year == str(fiscal.current())
    html = response.content.decode()
    assert "লিপিবদ্ধ হয়েছে" in html  # the Bangla confirmation
    assert other_union.name_bn in html
    assert "অপেক্ষায়" in html  # waiting for NILG's verification
    assert f'action="{url(practice)}"' not in html  # nothing left to record
    assert PracticePage.objects.get(pk=practice.pk).ongoing_count == 1


def test_a_completed_replication_counts(
    client, practice, editor, other_union, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(practice),
            form_data(other_union, status="completed", start_date="০১/০৩/২০২৪", allocated=""),
        )
    replication = Replication.objects.get(practice=practice, lgi=other_union)
    assert replication.start_date.isoformat() == "2024-03-01"
    assert replication.end_date is not None
    assert not BudgetAllocation.objects.filter(practice=practice).exists()
    assert PracticePage.objects.get(pk=practice.pk).replication_count == 1


def test_bad_input_is_named_in_bangla_and_nothing_is_saved(client, practice, editor, other_union):
    client.force_login(editor)
    response = client.post(
        url(practice), form_data(other_union, households_reached="অনেক", start_date="৩২/১৩/২০২৪")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "তারিখ নয়" in html
    assert "has-error" in html
    assert not Replication.objects.filter(practice=practice).exists()


def test_another_lgis_id_in_the_post_is_refused(client, practice, editor, third_union):
    client.force_login(editor)
    response = client.post(url(practice), form_data(third_union))
    assert response.status_code == 403
    assert not Replication.objects.filter(practice=practice).exists()
    assert not BudgetAllocation.objects.filter(practice=practice).exists()


def test_the_practices_own_lgi_cannot_replicate_it(client, make_user, practice, union):
    owner = make_user("owner-editor", roles.UP_EDITOR, [union])
    client.force_login(owner)
    assert 'href="#we-did-this"' not in client.get(practice.url).content.decode()
    assert client.post(url(practice), form_data(union)).status_code == 403
    assert not Replication.objects.filter(practice=practice).exists()


def test_a_second_record_for_the_same_lgi_is_refused(client, practice, editor, other_union):
    ReplicationFactory(practice=practice, lgi=other_union, status=ReplicationStatus.PLANNED)
    client.force_login(editor)
    html = client.get(practice.url).content.decode()
    assert 'href="#we-did-this"' not in html
    assert client.post(url(practice), form_data(other_union)).status_code == 403
    assert Replication.objects.filter(practice=practice).count() == 1


@pytest.mark.parametrize("role", [roles.POLICYMAKER, roles.REGISTRY_OFFICER, None])
def test_users_who_are_not_up_editors_are_refused(client, make_user, practice, other_union, role):
    user = make_user(f"user-{role or 'none'}", role, [other_union])
    client.force_login(user)
    assert 'href="#we-did-this"' not in client.get(practice.url).content.decode()
    assert client.post(url(practice), form_data(other_union)).status_code == 403
    assert not Replication.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_refused(client, practice, other_union):
    response = client.post(url(practice), form_data(other_union))
    assert response.status_code in (302, 403)
    assert not Replication.objects.exists()


def test_the_curator_verifies_on_the_practice_page(client, practice, curator, other_union):
    replication = ReplicationFactory(
        practice=practice, lgi=other_union, status=ReplicationStatus.ONGOING
    )
    client.force_login(curator)
    html = client.get(practice.url).content.decode()
    verify = reverse("practices_verify_replication", args=[replication.pk])
    assert f'action="{verify}"' in html
    response = client.post(verify, follow=True)
    assert response.status_code == 200
    replication.refresh_from_db()
    assert replication.verified_by == curator
    assert replication.verified_at is not None
    assert f'action="{verify}"' not in response.content.decode()


def test_only_a_curator_verifies(client, practice, editor, make_user, other_union):
    replication = ReplicationFactory(
        practice=practice, lgi=other_union, status=ReplicationStatus.ONGOING
    )
    verify = reverse("practices_verify_replication", args=[replication.pk])
    for user in (editor, make_user("policy", roles.POLICYMAKER)):
        client.force_login(user)
        assert client.post(verify).status_code == 403
    replication.refresh_from_db()
    assert replication.verified_at is None


def test_the_form_in_english(client, practice, editor, other_union):
    client.force_login(editor)
    with translation.override("bn"):
        address = practice.url
    html = client.get("/en" + address).content.decode()
    assert "did this too" in html
    assert "Households reached" in html


def test_a_practice_replicated_in_many_places_lists_the_newest_to_verify(client, practice, curator):
    lgis = Area.objects.lgis().exclude(pk=practice.lgi_id).order_by("key")[:55]
    Replication.objects.bulk_create(
        [Replication(practice=practice, lgi=lgi, status=ReplicationStatus.ONGOING) for lgi in lgis]
    )
    client.force_login(curator)
    with translation.override("bn"):
        address = practice.url
    response = client.get("/en" + address)
    assert len(response.context["to_verify"]) == 50
    html = response.content.decode()
    assert "55 replications waiting for verification" in html
    assert "The newest 50 of 55 are listed here" in html


def test_an_editor_of_two_lgis_chooses_one_and_not_a_third(
    client, make_user, practice, other_union, third_union
):
    editor = make_user("two-unions", roles.UP_EDITOR, [other_union, third_union])
    client.force_login(editor)
    html = client.get(practice.url).content.decode()
    assert f'<option value="{third_union.pk}"' in html
    assert client.post(url(practice), form_data(third_union)).status_code == 302
    assert Replication.objects.get(practice=practice).lgi == third_union
    # The other LGI may still record it; the one that did no longer can.
    assert client.post(url(practice), form_data(third_union)).status_code == 403
    assert Replication.objects.filter(practice=practice).count() == 1


def test_an_unpublished_practice_takes_no_replication(client, practice, editor, other_union):
    practice.unpublish()
    client.force_login(editor)
    assert client.post(url(practice), form_data(other_union)).status_code == 404
    assert not Replication.objects.exists()
