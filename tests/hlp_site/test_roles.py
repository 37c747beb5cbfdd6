from django.contrib.auth.models import Group

import pytest

from portal import roles

pytestmark = pytest.mark.django_db


def test_every_role_exists_with_exactly_its_listed_permissions():
    for role, names in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted == set(names), role


def test_up_editor_edits_own_lgi_only(make_user, union, other_union):
    editor = make_user("editor", roles.UP_EDITOR, [union])
    assert roles.can_edit_lgi(editor, union)
    assert not roles.can_edit_lgi(editor, other_union)


def test_curator_edits_every_lgi(make_user, union, other_union):
    curator = make_user("curator", roles.NILG_CURATOR)
    assert roles.can_edit_lgi(curator, union)
    assert roles.can_edit_lgi(curator, other_union)


def test_policymaker_edits_nothing_and_exports_aggregates(make_user, union):
    policymaker = make_user("pm", roles.POLICYMAKER, [union])
    assert not roles.can_edit_lgi(policymaker, union)
    assert not roles.can_view_personal_data(policymaker, union)
    assert roles.can_export_aggregates(policymaker)


def test_registry_officer_sees_personal_data_of_assigned_lgis_only(make_user, union, other_union):
    officer = make_user("officer", roles.REGISTRY_OFFICER, [union])
    assert roles.can_view_personal_data(officer, union)
    assert not roles.can_view_personal_data(officer, other_union)
    assert not roles.can_edit_lgi(officer, union)


def test_national_registry_officer_sees_every_lgi(make_user, union, other_union):
    officer = make_user("nilg-officer", roles.REGISTRY_OFFICER, national_scope=True)
    assert roles.can_view_personal_data(officer, union)
    assert roles.can_view_personal_data(officer, other_union)


def test_national_scope_alone_gives_no_personal_data(make_user, union):
    curator = make_user("curator", roles.NILG_CURATOR, national_scope=True)
    assert not roles.can_view_personal_data(curator, union)
    assert not roles.can_export_aggregates(make_user("nobody"))


def test_up_editor_of_a_union_sees_its_personal_data_only(make_user, union, other_union):
    editor = make_user("editor", roles.UP_EDITOR, [union])
    assert roles.can_view_personal_data(editor, union)
    assert not roles.can_view_personal_data(editor, other_union)


def test_staff_roles_reach_the_admin_and_policymakers_do_not(client, make_user, union):
    client.force_login(make_user("editor", roles.UP_EDITOR, [union]))
    assert client.get("/admin/").status_code == 200
    client.force_login(make_user("pm", roles.POLICYMAKER))
    assert client.get("/admin/").status_code == 403


def test_anonymous_user_has_no_reach(union):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not roles.can_edit_lgi(nobody, union)
    assert not roles.can_view_personal_data(nobody, union)
    assert roles.user_lgis(nobody).count() == 0


@pytest.mark.parametrize("role", [roles.UP_EDITOR, roles.REGISTRY_OFFICER])
def test_only_nilg_sets_the_best_practice_threshold(client, make_user, union, role):
    from portal.models import PortalSettings

    url = f"/admin/settings/portal/portalsettings/{PortalSettings.load().pk}/"
    form = {"best_practice_threshold": "৪০", "bdt_per_usd": "120.00"}
    client.force_login(make_user("other", role, [union]))
    client.post(url, form)
    assert PortalSettings.load().best_practice_threshold == 50

    client.force_login(make_user("curator", roles.NILG_CURATOR))
    assert client.get(url).status_code == 200
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    settings = PortalSettings.load()
    assert (settings.best_practice_threshold, str(settings.bdt_per_usd)) == (40, "120.00")


def test_the_admin_reports_are_nilgs(client, make_user, union):
    url = "/admin/reports/page-types-usage/"
    for role in (roles.UP_EDITOR, roles.REGISTRY_OFFICER):
        client.force_login(make_user(f"reader-{role}", role, [union]))
        assert client.get(url).status_code == 403
        assert "/admin/reports/" not in client.get("/admin/").content.decode()
    client.force_login(make_user("nilg", roles.NILG_CURATOR))
    assert client.get(url).status_code != 403  # then Wagtail's own page permissions apply
    root = make_user("root")
    root.is_superuser = True
    root.save()
    client.force_login(root)
    assert client.get(url).status_code == 200
