"""Who may see personal data of which union, and the access log every such view writes.

Names and identity numbers are for registry officers and UP editors of the union, and for NILG
registry officers (national scope) — :func:`portal.roles.can_view_personal_data` decides;
this module only answers the same question for many unions at once and records each access.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address

from places.models import Area
from portal import roles
from portal.addresses import client_address as trusted_address

from .models import AccessLog


def has_national_reach(user):
    """Registry officers with national scope (NILG) and superusers see every union."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return roles.has_role(user, roles.REGISTRY_OFFICER) and roles.profile_of(user).national_scope


def personal_data_lgis(user):
    """The LGIs whose personal data *user* may see, as an Area queryset (all with national
    reach, none for roles that see aggregates only)."""
    if not user.is_authenticated:
        return Area.objects.none()
    if has_national_reach(user):
        return Area.objects.lgis()
    if roles.role_names(user) & {roles.REGISTRY_OFFICER, roles.UP_EDITOR}:
        return roles.user_lgis(user)
    return Area.objects.none()


def may_see_personal_data(user):
    """Whether *user* may see personal data of at least one union."""
    return has_national_reach(user) or personal_data_lgis(user).exists()


class Reach:
    """The unions whose personal data a user may see, computed once for a list page."""

    def __init__(self, user):
        self.national = has_national_reach(user)
        self.lgi_ids = (
            None if self.national else set(personal_data_lgis(user).values_list("pk", flat=True))
        )

    def __bool__(self):
        return self.national or bool(self.lgi_ids)

    def covers(self, lgi_id):
        return self.national or lgi_id in self.lgi_ids

    def limit(self, queryset, field="lgi"):
        """*queryset* limited to rows whose `field` is a union this reach covers."""
        if self.national:
            return queryset
        return queryset.filter(**{f"{field}__in": self.lgi_ids})

    def sees_flag(self, flag):
        """Whether a duplicate flag is for this user: both its records are in unions they may
        see. A flag across unions is not shown to someone who sees one side only: it would tell
        them that the number they hold is known elsewhere, in which union, and (a benefit twice
        in a year) what was received there."""
        return self.covers(flag.lgi_id) and self.covers(flag.other_lgi_id)

    def flags(self, queryset):
        """*queryset* of duplicate flags limited to those :meth:`sees_flag` allows."""
        return self.limit(self.limit(queryset, "lgi"), "other_lgi")


def require_lgi(user, lgi):
    """Refuse (403) unless *user* may see personal data of *lgi*."""
    if not roles.can_view_personal_data(user, lgi):
        raise PermissionDenied


def client_address(request):
    """The client's address (trusting TRUSTED_PROXY_COUNT proxies, as sign-in throttling
    does) and, for the record, the whole X-Forwarded-For header as received."""
    address = trusted_address(request)
    try:
        validate_ipv46_address(address)
    except ValidationError:
        address = None
    return address, request.META.get("HTTP_X_FORWARDED_FOR", "")[:200]


def log_access(request, action, lgi=None, target="", query="", rows=0):
    """Write one access-log row for a view, search or export of personal data.

    *query* must already be free of identity numbers (callers pass them masked).
    """
    address, forwarded = client_address(request)
    user = request.user if request.user.is_authenticated else None
    return AccessLog.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        lgi=lgi,
        target=str(target)[:200],
        query=str(query)[:500],
        rows=rows,
        ip_address=address,
        forwarded_for=forwarded,
    )
