"""Who may act on which practice in the admin.

Wagtail's page permissions follow the page tree, but practices belong to LGIs, which the tree
does not encode: all practices live under one catalogue page. An UP editor holds "add" and
"change" on the catalogue (granted in `roles.py`), and the testers here narrow that to the
practices of the LGIs on their profile; curated lists are NILG's alone.
"""

from wagtail.models import PagePermissionTester

from portal import roles

_LGI_IDS_CACHE = "_hlp_lgi_ids"


def lgi_ids(user):
    """The primary keys of the user's LGIs, cached on the user for the request."""
    ids = getattr(user, _LGI_IDS_CACHE, None)
    if ids is None:
        ids = frozenset(roles.user_lgis(user).values_list("pk", flat=True))
        setattr(user, _LGI_IDS_CACHE, ids)
    return ids


def has_national_reach(user):
    return user.is_active and (user.is_superuser or roles.is_curator(user))


def can_act_for_lgi(user, lgi_id):
    """Whether `user` may create or change records of the LGI with this primary key."""
    if not user.is_authenticated or not user.is_active:
        return False
    return has_national_reach(user) or lgi_id in lgi_ids(user)


class ScopedPagePermissionTester(PagePermissionTester):
    """Denies every action on a page that is outside the user's reach."""

    def __init__(self, user, page, in_reach):
        super().__init__(user, page)
        self.in_reach = in_reach
        if not in_reach and not user.is_superuser:
            self.permissions = set()

    def can_add_subpage(self):
        return self.in_reach and super().can_add_subpage()

    def can_edit(self):
        return self.in_reach and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.in_reach and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self.in_reach and super().can_unpublish()

    def can_publish(self):
        return self.in_reach and super().can_publish()

    def can_submit_for_moderation(self):
        return self.in_reach and super().can_submit_for_moderation()

    def can_lock(self):
        return self.in_reach and super().can_lock()

    def can_unlock(self):
        return self.in_reach and super().can_unlock()

    def can_publish_subpage(self):
        return self.in_reach and super().can_publish_subpage()

    def can_reorder_children(self):
        return self.in_reach and super().can_reorder_children()

    def can_move_to(self, destination):
        return self.in_reach and super().can_move_to(destination)

    def can_copy_to(self, destination, recursive=False):
        return self.in_reach and super().can_copy_to(destination, recursive=recursive)

    def can_view_revisions(self):
        return self.in_reach and super().can_view_revisions()


def practice_permissions(user, practice):
    return ScopedPagePermissionTester(user, practice, can_act_for_lgi(user, practice.lgi_id))


def curated_list_permissions(user, page):
    return ScopedPagePermissionTester(user, page, has_national_reach(user))
