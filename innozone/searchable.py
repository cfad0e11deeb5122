"""InnoZone exhibits in search."""

from django.utils.translation import gettext_lazy as _

from innozone.models import ExhibitPage
from search import registry
from search.registry import Description


def describe_exhibit(page):
    solution = page.solution
    return Description(
        key=f"exhibit-{page.translation_key}",
        summary=page.summary,
        body=" ".join(filter(None, [page.booth, solution.title if solution else ""])),
        categories=[c.key for c in solution.categories.all()] if solution else [],
        organisation_type=solution.organisation.type if solution and solution.organisation_id else "",
        published=page.on_display_from,
    )


registry.register(
    "exhibit",
    ExhibitPage,
    label=_("Exhibit"),
    plural=_("Exhibits"),
    describe=describe_exhibit,
    prepare=lambda pages: pages.select_related("solution__organisation").prefetch_related("solution__categories"),
)
