from django.db.models import Case, IntegerField, Value, When
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .models import Area, Level

# Divisions first, then districts, upazilas, unions and pourashavas; by Bangla name within each.
LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(Level.values)),
    output_field=IntegerField(),
)


class AreaChooseMixin:
    """The area chooser: searched through the portal's Bangla search (either name, loose
    spellings, the places an area lies in), each area shown with its upazila and district
    ("সুবিল · দেবিদ্বার · কুমিল্লা") and its level; browsed by level, then Bangla name."""

    ordering = [LEVEL_RANK, "name_bn"]

    def get_object_list(self):
        return Area.objects.select_related("upazila", "district", "division")

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = Area.path_label
        return column

    @property
    def columns(self):
        level = capfirst(Area._meta.get_field("level").verbose_name)
        return [*super().columns, Column("level", label=level, accessor="get_level_display")]


class AreaChooseView(AreaChooseMixin, ChooseView):
    pass


class AreaChooseResultsView(AreaChooseMixin, ChooseResultsView):
    pass


class AreaChosenView(SnippetChosenView):
    def get_display_title(self, instance):
        return instance.path_label()


class AreaChooserWidget(AdminSnippetChooser):
    def get_display_title(self, instance):
        return instance.path_label()


class AreaChooserViewSet(SnippetChooserViewSet):
    choose_view_class = AreaChooseView
    choose_results_view_class = AreaChooseResultsView
    chosen_view_class = AreaChosenView
    base_widget_class = AreaChooserWidget


class AreaViewSet(SnippetViewSet):
    """Areas in the admin: found by either name in any spelling, or by code (the portal's Bangla
    search), chosen in a searchable modal (a form never lists all 5,000 areas in a dropdown)."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["name_bn", "name_en", "level", "code", "parent"]
    list_filter = ["level"]
    list_per_page = 50
    chooser_viewset_class = AreaChooserViewSet
    panels = [
        FieldPanel("level"),
        FieldPanel("name_bn"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("parent"),
    ]

    def get_queryset(self, request):
        return Area.objects.select_related("parent")


register_snippet(AreaViewSet)
