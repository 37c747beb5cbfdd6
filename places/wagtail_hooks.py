from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Area


class AreaViewSet(SnippetViewSet):
    """Areas in the admin: searched in the database by name or code, chosen in a searchable modal
    (a form never lists all 5,000 areas in a dropdown)."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["name_bn", "name_en", "level", "code", "parent"]
    list_filter = ["level"]
    search_fields = ["name_bn", "name_en", "code", "key"]
    list_per_page = 50
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
