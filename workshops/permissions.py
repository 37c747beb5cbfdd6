"""Who may record what: NILG curators record workshops, decisions and follow-ups; UP editors
record the exposure visits of their own LGIs (as host or as visitors) and nothing else here."""

from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from portal import roles


def _reaches_everything(user):
    return user.is_active and (user.is_superuser or roles.is_curator(user))


def user_lgi_ids(user):
    return set(roles.user_lgis(user).values_list("pk", flat=True))


class ExposureVisitPermissionPolicy(ModelPermissionPolicy):
    """Model permissions decide what a role may do to exposure visits at all; a UP editor may
    then do it only to visits that one of their LGIs hosted or made."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if _reaches_everything(user):
            return True
        return bool(instance.lgi_ids() & user_lgi_ids(user))

    def instances_user_has_any_permission_for(self, user, actions):
        visits = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return visits.none()
        if _reaches_everything(user):
            return visits
        lgis = user_lgi_ids(user)
        return visits.filter(Q(host_lgi__in=lgis) | Q(visiting_lgis__lgi__in=lgis)).distinct()
