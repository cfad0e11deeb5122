"""InnoZone exhibits in search."""

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from catalogue.models import Solution
from innozone.models import ExhibitPage
from search import registry, signals
from search.registry import Description


def describe_exhibit(page):
    solution = page.solution
    return Description(
        key=f"exhibit-{page.translation_key}",
        summary=page.summary,
        body=" ".join(filter(None, [page.booth, solution.title if solution else ""])),
        categories=[c.key for c in solution.item.categories.all()] if solution else [],
        organisation_type=solution.item.organisation.type if solution else "",
        published=page.on_display_from,
    )


registry.register(
    "exhibit",
    ExhibitPage,
    label=_("Exhibit"),
    plural=_("Exhibits"),
    describe=describe_exhibit,
    prepare=lambda pages: pages.select_related("solution__item__organisation").prefetch_related(
        "solution__item__categories"
    ),
)


def solution_changed(sender, instance, **kwargs):
    """A solution's categories or provider changed: the exhibits showing it are found by them too."""
    for key in ExhibitPage.objects.filter(solution__item=instance).values_list("translation_key", flat=True):
        signals.queue(key)


post_save.connect(solution_changed, sender=Solution, weak=False, dispatch_uid="search-exhibit-solution-facts")
