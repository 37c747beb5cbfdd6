"""Side effects of publishing: a published workshop records the nominations its decisions make;
a new workshops index is given to NILG curators to fill."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from portal import roles

CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def workshop_published(sender, instance, revision=None, **kwargs):
    from .follow_up import record_nominations

    if kwargs.get("alias"):
        return
    actor = getattr(revision, "user", None) or instance.owner
    record_nominations(instance, actor)


def grant_curators_workshops(index):
    """Let NILG curators add, edit and publish workshops under `index` (and only there)."""
    group = Group.objects.filter(name=roles.NILG_CURATOR).first()
    if group is None:
        return
    for codename in CURATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


def workshop_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_curators_workshops(instance)
