"""What the catalogue makes searchable: wishes, solutions and trials (with their performance reports)."""

from collections import defaultdict

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    Organisation,
    Solution,
    SolutionPage,
    TechnologyCategory,
    Trial,
    TrialPage,
    Wish,
    WishIndexPage,
    WishPage,
)
from search import registry, signals
from search.registry import Description, plain_text


def describe_item(page):
    return Description(
        key=page.key,
        summary=page.summary,
        body=plain_text(page.body),
        keywords=page.organisation_words[0],
        categories=[c.key for c in page.item.categories.all()],
        status=getattr(page, "status", ""),
        organisation_type=page.item.organisation.type,
        published=page.published_on,
    )


def with_organisation_and_categories(pages):
    pages = pages.select_related("item__organisation").prefetch_related("item__categories")
    return with_organisation_words(pages, lambda page: [page.item.organisation])


def with_organisation_words(pages, organisations_of):
    """The pages, each with `organisation_words`: for each organisation it is about (a wish's
    department, a solution's provider, a trial's both), its names and abbreviations in every
    language, so that `WSD`, `Water Supplies Department` and `水務署` all find the department's
    wishes. One query for all the pages."""
    pages = list(pages)
    keys = {organisation.translation_key for page in pages for organisation in organisations_of(page)}
    words = defaultdict(list)
    rows = Organisation.objects.filter(translation_key__in=keys).order_by("locale_id")
    for name, abbreviation, key in rows.values_list("name", "abbreviation", "translation_key"):
        words[key] += [name, abbreviation]
    for page in pages:
        page.organisation_words = [
            " ".join(dict.fromkeys(filter(None, words.get(o.translation_key, [])))) for o in organisations_of(page)
        ]
    return pages


def describe_trial(page):
    metrics = " ".join(f"{m.name} {m.value} {m.unit}" for m in page.metrics.all())
    trial = page.item
    return Description(
        key=trial.key,
        summary=page.summary,
        # The department whose premises host it weighs as body text: its wishes rank first.
        body=" ".join(filter(None, [page.venue, page.report_summary, metrics, page.organisation_words[0]])),
        categories=[c.key for c in trial.wish.categories.all()],
        status=trial.status,
        keywords=page.organisation_words[1],
        organisation_type=trial.solution.organisation.type,
        published=page.end_date or page.start_date,
    )


def category_names(keys, language):
    """{key: name} in `language`, else in English (one query)."""
    categories = TechnologyCategory.objects.filter(key__in=keys, locale__language_code__in={"en", language})
    rows = list(categories.values_list("key", "name", "locale__language_code"))
    names = {key: name for key, name, code in rows if code == "en"}
    names.update({key: name for key, name, code in rows if code == language})
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
    prepare=lambda pages: with_organisation_words(
        pages.select_related("item__solution__organisation", "item__wish__organisation").prefetch_related(
            "metrics", "item__wish__categories"
        ),
        lambda page: [page.item.wish.organisation, page.item.solution.organisation],
    ),
)


def browse_categories(keys, language):
    wishes = WishIndexPage.objects.live().filter(locale__language_code=language).first()
    return {key: f"{wishes.url}?category={key}" for key in keys} if wishes else {}


registry.label_facet("category", category_names)
registry.link_facet("category", browse_categories)
registry.label_facet("organisation_type", lambda values, language: dict(Organisation.Type.choices))


def facts_changed(sender, instance, **kwargs):
    """An item's facts changed (in either language's editor, even in a draft): its documents in every
    language, and those of the trials that show a wish's categories or a solution's provider, follow."""
    signals.queue(instance.translation_key)
    for key in getattr(instance, "trials", Trial.objects.none()).values_list("translation_key", flat=True):
        signals.queue(key)


for model in (Wish, Solution, Trial):
    post_save.connect(facts_changed, sender=model, weak=False, dispatch_uid=f"search-facts-{model.__name__}")


def organisation_changed(sender, instance, **kwargs):
    """An organisation's name or abbreviation changed (in any language): the documents of its wishes,
    solutions and their trials follow."""
    organisations = Organisation.objects.filter(translation_key=instance.translation_key)
    for model in (Wish, Solution):
        for item in model.objects.filter(organisation__in=organisations).prefetch_related("trials"):
            facts_changed(model, item)


post_save.connect(organisation_changed, sender=Organisation, weak=False, dispatch_uid="search-organisation")
