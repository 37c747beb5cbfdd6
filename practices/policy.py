"""Wagtail's page permission policy, narrowed to what a user may reach, and the other lists of
the admin that must not name what lies beyond it: the page chooser and tag suggestions."""

from django.db.models import Q

from taggit.models import TaggedItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from .models import CuratedListIndexPage, CuratedListPage, PracticePage, PracticeTag
from .permissions import has_national_reach, lgi_ids


class ScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the pages out of a user's reach taken out of what the admin
    lists (explorer, page search, dashboard panels) and of what the user may act on."""

    def _narrow(self, user, pages):
        if not user.is_active or has_national_reach(user):
            return pages
        other_lgis = PracticePage.objects.exclude(lgi_id__in=lgi_ids(user)).values("pk")
        return pages.exclude(pk__in=other_lgis).not_type(CuratedListIndexPage, CuratedListPage)

    def explorable_instances(self, user):
        return self._narrow(user, super().explorable_instances(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return self._narrow(user, super().instances_user_has_any_permission_for(user, actions))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        specific = instance.specific_deferred
        tester = getattr(specific, "permissions_for_user", None)
        return tester is None or getattr(tester(user), "in_reach", True)


def _editable_pages(user):
    return policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )


def choosable_pages(pages, user):
    """The pages of `pages` the page chooser may name to `user`.

    The chooser (browse, search, chosen pages) names each page by its latest draft: a user sees
    a page there only while it has nothing unpublished, unless they may edit it. NILG curators
    see everything. The pages left out are excluded by primary key, the one filter every Wagtail
    search backend accepts (the chooser's search refuses a filter on `has_unpublished_changes`)."""
    if has_national_reach(user):
        return pages
    hidden = list(
        Page.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=_editable_pages(user).values("pk"))
        .values_list("pk", flat=True)
    )
    return pages.exclude(pk__in=hidden) if hidden else pages


def suggestable_tags(user, tags):
    """The tags of `tags` that may be suggested to `user` as they type one.

    A tag is created as soon as an editor types it, draft or not, so the tag table holds the
    words of every union's unpublished practices. NILG curators, who review every draft, get
    them all; anyone else gets the tags of published practices, of the practices they may edit
    (their drafts included) and of other tagged content (images, documents)."""
    if has_national_reach(user):
        return tags
    editable = PracticePage.objects.filter(pk__in=_editable_pages(user).values("pk"))
    on_practices = PracticeTag.objects.filter(
        Q(content_object__live=True) | Q(content_object__in=editable.values("pk"))
    ).values("tag_id")
    in_drafts = _tags_in_latest_drafts(editable.filter(has_unpublished_changes=True))
    elsewhere = TaggedItem.objects.values("tag_id")
    return tags.filter(Q(pk__in=on_practices) | Q(pk__in=in_drafts) | Q(pk__in=elsewhere))


def _tags_in_latest_drafts(practices):
    """Tags written only in the latest revisions of these practices (a draft of a published
    page keeps its tags in the revision until it is published)."""
    ids = set()
    for practice in practices.select_related("latest_revision").only("latest_revision"):
        revision = practice.latest_revision
        content = revision.content if revision is not None else {}
        for item in content.get("tagged_items", ()):
            if isinstance(item, dict) and item.get("tag") is not None:
                ids.add(item["tag"])
    return ids
