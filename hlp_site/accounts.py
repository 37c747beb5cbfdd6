"""Signing in and out in the portal's own pages, and where each role lands afterwards.

Wagtail's admin sends anyone it does not know here (`WAGTAILADMIN_LOGIN_URL`), and its own
sign-in address redirects here, so there is one sign-in form, in the portal's look and language,
behind the same throttling (`hlp_site.security.LoginThrottleMiddleware` knows this view).
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language

from dashboards.suggestions import suggestions_for
from portal import roles
from practices import rechecks
from practices.models import PracticeIndexPage, PracticePage, Replication

RECHECKS_SHOWN = 50


def _language_prefix():
    return "/en" if (get_language() or "bn").startswith("en") else ""


def landing_url(user):
    """Where a user's work is: an UP editor's own practices, a curator's review queue, a
    registry officer's registry, a policymaker's dashboard and downloads."""
    prefix = _language_prefix()
    if roles.is_curator(user):
        return reverse("wagtailadmin_home")
    if roles.has_role(user, roles.UP_EDITOR):
        return reverse("my_work")
    if roles.has_role(user, roles.REGISTRY_OFFICER):
        return reverse("registry:index")
    return f"{prefix}/dashboard/"


class SignInView(auth_views.LoginView):
    template_name = "hlp_site/sign_in.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        # Someone whose role has no admin (a policymaker) is sent to their own work, not to an
        # admin address they followed here.
        url = self.get_redirect_url()
        user = self.request.user
        if url and (not url.startswith("/admin/") or user.has_perm(roles.ADMIN_ACCESS)):
            return url
        return landing_url(user)


def admin_sign_in(request):
    """Wagtail's own sign-in address leads to the portal's, keeping where to go next; a form
    posted to it is answered as the portal's sign-in answers it."""
    if request.method == "POST":
        return SignInView.as_view()(request)
    target = reverse("sign_in")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"{target}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(target)


@login_required
def my_work(request):
    """An UP editor's (or curator's) own practices, drafts included, "add a practice", and the
    re-checks of their LGIs' completed replications that are due or overdue."""
    user = request.user
    if not (roles.has_role(user, roles.UP_EDITOR) or roles.is_curator(user)):
        raise PermissionDenied
    lgis = roles.user_lgis(user).select_related("upazila", "district")
    practices = (
        PracticePage.objects.filter(lgi__in=lgis)
        .select_related("lgi", "theme")
        .order_by("-latest_revision_created_at", "-pk")
    )
    replications = (
        Replication.objects.filter(lgi__in=lgis)
        .select_related("practice", "lgi")
        .order_by("-pk")[:20]
    )
    due = rechecks.due_replications(lgis=lgis)
    due_rows = list(due[:RECHECKS_SHOWN])
    catalogue = PracticeIndexPage.objects.first()
    # Submitted for review (or published), the editor comes back here, to the list that
    # shows it with NILG, and can sign out from the header.
    add_url = (
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", catalogue.pk])
        + "?"
        + urlencode({"next": reverse("my_work")})
        if catalogue is not None
        else None
    )
    return render(
        request,
        "hlp_site/my_work.html",
        {
            "lgis": list(lgis),
            # What each of the editor's LGIs could copy next, the five best with their reasons.
            "lgi_suggestions": [(lgi, suggestions_for(lgi, limit=5)) for lgi in lgis if lgi.is_lgi],
            "practices": practices,
            "replications": replications,
            "rechecks": rechecks.due_list(due_rows, user),
            "recheck_total": due.count() if len(due_rows) == RECHECKS_SHOWN else len(due_rows),
            "add_practice_url": add_url,
        },
    )
