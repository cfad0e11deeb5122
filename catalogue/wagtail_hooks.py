from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import Organisation, TechnologyCategory


class TechnologyCategoryViewSet(SnippetViewSet):
    model = TechnologyCategory
    icon = "tag"
    list_display = ["name", "key", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "key"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "type", "mou_signed", "locale"]
    list_filter = ["type", "locale"]
    search_fields = ["name", "key"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (TechnologyCategoryViewSet, OrganisationViewSet)


register_snippet(TaxonomyGroup)
