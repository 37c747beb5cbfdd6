"""Wagtail's page permission policy, narrowed to what a user may reach."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CuratedListIndexPage, CuratedListPage, PracticePage
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
