from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Programme


class ProgrammeViewSet(SnippetViewSet):
    """NILG keeps the list of social-protection programmes benefits can be recorded against."""

    model = Programme
    icon = "list-ul"
    menu_label = Programme._meta.verbose_name_plural
    list_display = ["name_bn", "name_en", "agency"]
    panels = [
        FieldPanel("name_bn"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("agency"),
        FieldPanel("sort_order"),
    ]


register_snippet(ProgrammeViewSet)
