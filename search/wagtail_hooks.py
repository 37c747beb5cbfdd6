from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryEntry


class GlossaryViewSet(SnippetViewSet):
    """NILG's glossary of equivalent search terms, under Snippets in the admin."""

    model = GlossaryEntry
    icon = "list-ul"
    menu_label = _("Search glossary")
    list_display = ["__str__", "note", "updated_at"]


register_snippet(GlossaryViewSet)
