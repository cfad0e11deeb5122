"""What the catalogue makes searchable: wishes, solutions and trials (with their performance reports)."""

from django.utils.translation import gettext_lazy as _

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, TrialPage, WishIndexPage, WishPage
from search import registry
from search.registry import Description, plain_text


def describe_item(page):
    return Description(
        key=page.key,
        summary=page.summary,
        body=plain_text(page.body),
        categories=[c.key for c in page.categories.all()],
        status=getattr(page, "status", ""),
        organisation_type=page.organisation.type if page.organisation_id else "",
        published=page.published_on,
    )


def with_organisation_and_categories(pages):
    return pages.select_related("organisation").prefetch_related("categories")


def describe_trial(page):
    metrics = " ".join(f"{m.name} {m.value} {m.unit}" for m in page.metrics.all())
    provider = page.solution.organisation if page.solution_id else None
    return Description(
        key=page.key,
        summary=page.summary,
        body=" ".join(filter(None, [page.venue, page.report_summary, metrics])),
        categories=[c.key for c in page.wish.categories.all()] if page.wish_id else [],
        status=page.status,
        organisation_type=provider.type if provider else "",
        published=page.end_date or page.start_date,
    )


def category_names(keys, language):
    categories = TechnologyCategory.objects.filter(key__in=keys)
    names = {c.key: c.name for c in categories.filter(locale__language_code="en")}
    names.update({c.key: c.name for c in categories.filter(locale__language_code=language)})
    return names


registry.register(
    "wish",
    WishPage,
    label=_("Wish"),
    plural=_("Wishes"),
    describe=describe_item,
    statuses=WishPage.Status.choices,
    prepare=with_organisation_and_categories,
)
registry.register(
    "solution",
    SolutionPage,
    label=_("Solution"),
    plural=_("Solutions"),
    describe=describe_item,
    prepare=with_organisation_and_categories,
)
registry.register(
    "trial",
    TrialPage,
    label=_("Trial"),
    plural=_("Trials"),
    describe=describe_trial,
    statuses=TrialPage.Status.choices,
    prepare=lambda pages: pages.select_related("solution__organisation", "wish").prefetch_related(
        "metrics", "wish__categories"
    ),
)


def browse_categories(keys, language):
    wishes = WishIndexPage.objects.live().filter(locale__language_code=language).first()
    return {key: f"{wishes.url}?category={key}" for key in keys} if wishes else {}


registry.label_facet("category", category_names)
registry.link_facet("category", browse_categories)
registry.label_facet("organisation_type", lambda values, language: dict(Organisation.Type.choices))
