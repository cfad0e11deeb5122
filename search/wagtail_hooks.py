from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    """Editors keep the synonym dictionary: a change counts at the next search, with no reindexing."""

    model = SynonymSet
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "note", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["terms", "note"]


register_snippet(SynonymSetViewSet)
