"""The practices app in Wagtail's admin: themes, replications and budget allocations as snippets
scoped to the user's LGIs (their edit, delete, history and usage views too), and the review
workflow attached when the catalogue page is created. (Practices of other LGIs are kept from UP
editors by `policy.ScopedPagePermissionPolicy`; the explorer, bulk actions, page chooser and tag
suggestions are kept to a user's reach by `hlp_site.security.AdminReachMiddleware`.)"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    HistoryView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from portal.columns import count_column, digits_column, money_column
from portal.roles import is_curator

from . import editorial
from .admin_views import CircularStatusView
from .forms import LGIRecordForm, ReplicationForm
from .models import (
    BudgetAllocation,
    PracticeIndexPage,
    PracticePage,
    Replication,
    TagName,
    Theme,
)
from .permissions import can_act_for_lgi, has_national_reach, lgi_ids
from .policy import choosable_pages


class LGIRecordPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the user's role, narrowed to records of the user's own LGIs
    (curators reach every LGI)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_act_for_lgi(user, instance.lgi_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope_to_user(self.model._default_manager.all(), user)


def scope_to_user(queryset, user):
    if has_national_reach(user):
        return queryset
    return queryset.filter(lgi_id__in=lgi_ids(user))


register_permission_policy(Replication, LGIRecordPermissionPolicy(Replication), exact_class=True)
register_permission_policy(
    BudgetAllocation, LGIRecordPermissionPolicy(BudgetAllocation), exact_class=True
)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name_bn", "name_en", "slug", "sort_order"]
    panels = [
        FieldPanel("name_bn"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]


class TagNameViewSet(SnippetViewSet):
    model = TagName
    icon = "tag"
    menu_label = _("Tags in English")
    list_display = ["tag", "name_en"]
    search_fields = None
    panels = [FieldPanel("tag"), FieldPanel("name_en")]


class InReachMixin:
    """A view of one LGI record, refused when the record is out of the user's reach (its
    history names who changed what, its usage what refers to it)."""

    def get_object(self):
        instance = super().get_object()
        if not can_act_for_lgi(self.request.user, instance.lgi_id):
            raise PermissionDenied
        return instance


class LGIRecordHistoryView(InReachMixin, HistoryView):
    pass


class LGIRecordUsageView(InReachMixin, UsageView):
    pass


class LGIRecordViewSet(SnippetViewSet):
    list_per_page = 50
    history_view_class = LGIRecordHistoryView
    usage_view_class = LGIRecordUsageView

    def get_queryset(self, request):
        return scope_to_user(
            self.model.objects.select_related("practice", "lgi", "lgi__upazila"), request.user
        )


class ReplicationViewSet(LGIRecordViewSet):
    model = Replication
    icon = "repeat"
    menu_label = _("Replications")
    list_display = [
        "practice",
        "lgi",
        "status",
        digits_column(Replication, "fiscal_year"),
        count_column(Replication, "households_reached"),
        "verified_at",
    ]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [
            FieldPanel("practice"),
            FieldPanel("lgi"),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("fiscal_year"),
            FieldPanel("households_reached"),
            FieldPanel("verified"),
        ],
        base_form_class=ReplicationForm,
    )


class BudgetAllocationViewSet(LGIRecordViewSet):
    model = BudgetAllocation
    icon = "table"
    menu_label = _("Budget allocations")
    list_display = [
        "practice",
        "lgi",
        digits_column(BudgetAllocation, "fiscal_year"),
        money_column(BudgetAllocation, "allocated"),
        money_column(BudgetAllocation, "spent"),
        "source",
        "version",
    ]
    list_filter = ["fiscal_year", "source", "version"]
    edit_handler = ObjectList(
        [
            FieldPanel("practice"),
            FieldPanel("lgi"),
            FieldPanel("fiscal_year"),
            FieldRowPanel([FieldPanel("allocated"), FieldPanel("spent")]),
            FieldRowPanel([FieldPanel("source"), FieldPanel("version")]),
        ],
        base_form_class=LGIRecordForm,
    )


class PracticesGroup(SnippetViewSetGroup):
    menu_label = _("Practices")
    menu_icon = "list-ul"
    menu_order = 200
    items = (ReplicationViewSet, BudgetAllocationViewSet, ThemeViewSet, TagNameViewSet)


register_snippet(PracticesGroup)


def _refuse_other_lgis(request, instances):
    for instance in instances:
        if isinstance(instance, Replication | BudgetAllocation) and not can_act_for_lgi(
            request.user, instance.lgi_id
        ):
            raise PermissionDenied


@hooks.register("before_edit_snippet")
def before_edit_snippet(request, instance):
    _refuse_other_lgis(request, [instance])


@hooks.register("after_edit_snippet")
def say_verification_was_cleared(request, instance):
    if getattr(instance, "verification_cleared", False):
        messages.warning(
            request,
            _(
                "NILG's verification of this replication was cleared because its figures "
                "changed: NILG will check it again."
            ),
        )


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    _refuse_other_lgis(request, instances)


@hooks.register("after_create_page")
def set_up_catalogue(request, page):
    if isinstance(page.specific, PracticeIndexPage):
        editorial.ensure()


@hooks.register("register_admin_urls")
def circular_status_urls():
    return [
        path(
            "practices/<int:page_id>/circular-status/",
            CircularStatusView.as_view(),
            name="practices_circular_status",
        )
    ]


def _circular_status_button(page, user, priority):
    if isinstance(page.specific_deferred, PracticePage) and is_curator(user):
        yield PageMenuItem(
            _("Circular status"),
            reverse("practices_circular_status", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def circular_status_header_button(page, user, view_name, next_url=None):
    yield from _circular_status_button(page, user, 62)


@hooks.register("register_page_listing_more_buttons")
def circular_status_listing_button(page, user, next_url=None):
    yield from _circular_status_button(page, user, 45)


@hooks.register("construct_page_chooser_queryset")
def hide_others_unpublished_work(pages, request):
    """The page chooser names each page by its latest draft: a user who may not edit a page
    sees it there only while it has nothing unpublished (NILG curators see everything)."""
    return choosable_pages(pages, request.user)


@hooks.register("construct_reports_menu")
def reports_for_nilg_only(request, menu_items):
    # The reports list the latest edits across every LGI (the security middleware refuses them).
    if not is_curator(request.user):
        menu_items.clear()
