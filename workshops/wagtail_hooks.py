from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    SnippetViewSet,
    UsageView,
)

from . import admin_views
from .models import ExposureVisit, ResponsibleBody, WorkshopIndexPage
from .permissions import ExposureVisitPermissionPolicy

register_permission_policy(ExposureVisit, ExposureVisitPermissionPolicy(ExposureVisit))


class ResponsibleBodyViewSet(SnippetViewSet):
    model = ResponsibleBody
    icon = "group"
    menu_label = _("Responsible bodies")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name_bn", "name_en", "lgi"]


class VisitIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete"]
        ).select_related("host_lgi")


class VisitInReachMixin:
    """A view of one visit, refused to those who may not `reach_action` it. A visit's history
    names who changed what and its usage what refers to it: only those who may change the visit
    see them."""

    reach_action = "change"

    def get_object(self, *args, **kwargs):
        visit = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.reach_action, visit
        ):
            raise PermissionDenied
        return visit


class VisitEditView(VisitInReachMixin, EditView):
    pass


class VisitDeleteView(VisitInReachMixin, DeleteView):
    reach_action = "delete"


class VisitHistoryView(VisitInReachMixin, HistoryView):
    pass


class VisitUsageView(VisitInReachMixin, UsageView):
    pass


class ExposureVisitViewSet(SnippetViewSet):
    model = ExposureVisit
    icon = "globe"
    menu_label = _("Exposure visits")
    add_to_admin_menu = True
    menu_order = 305
    index_view_class = VisitIndexView
    edit_view_class = VisitEditView
    delete_view_class = VisitDeleteView
    history_view_class = VisitHistoryView
    usage_view_class = VisitUsageView
    list_display = ["__str__", "host_lgi", "starts_on"]
    list_filter = ["starts_on"]
    ordering = ["-starts_on", "-pk"]


register_snippet(ResponsibleBodyViewSet)
register_snippet(ExposureVisitViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "workshops/decisions/<int:pk>/",
            admin_views.decision_follow_up,
            name="workshops_decision_follow_up",
        ),
        path(
            "workshops/decisions/<int:pk>/nominate/",
            admin_views.decision_nominate,
            name="workshops_decision_nominate",
        ),
        path(
            "workshops/commitments/<int:pk>/replicate/",
            admin_views.commitment_replicate,
            name="workshops_commitment_replicate",
        ),
    ]


class ActionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("workshops.add_followup")


@hooks.register("register_admin_menu_item")
def register_actions_menu_item():
    return ActionsMenuItem(
        _("Open actions"), reverse("workshops_actions"), icon_name="tasks", order=300
    )


class RecordWorkshopPanel(Component):
    """The admin home's way to record a workshop: straight to the form, and after publishing
    to the public list of workshops that now shows it (and signs out from its header)."""

    name = "record_workshop"
    template_name = "workshops/admin/record_workshop_panel.html"
    order = 90

    def __init__(self, index, user):
        self.index = index
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        add_url = reverse(
            "wagtailadmin_pages:add", args=["workshops", "workshoppage", self.index.pk]
        )
        context["add_url"] = f"{add_url}?{urlencode({'next': self.index.url})}"
        if self.user.has_perm("workshops.add_followup"):
            context["actions_url"] = reverse("workshops_actions")
        return context


@hooks.register("construct_homepage_panels")
def record_workshop_panel(request, panels):
    index = WorkshopIndexPage.objects.live().first()
    if index is not None and index.permissions_for_user(request.user).can_add_subpage():
        panels.append(RecordWorkshopPanel(index, request.user))
