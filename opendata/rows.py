"""The rows of each dataset in one language, read in batches and in the order of their identity.

Each function yields (identity, row): the identity is the same for an item in every language (its
facts' id; an organisation's or category's first id), so that the bilingual files can pair the English
and Chinese rows of a record by reading both languages side by side (exporter.merged), never holding
more than a batch. Rows come from values() querysets read with iterator(): no model instances, no
whole table in memory. Lists (categories, wishes a solution was proposed for) and checks that a
referenced wish or solution is public are looked up once per batch.
"""

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from catalogue.models import (
    Organisation,
    Solution,
    SolutionPage,
    TechnologyCategory,
    Trial,
    TrialMetric,
    TrialPage,
    Wish,
    WishPage,
)

from . import sources
from .sources import Addresses, batches, plain_text, public_items, public_pages

PREFIX = "c_"  # values() names its expressions; a prefix keeps them clear of the models' own names


def _organisation_name():
    """The name of the item's organisation in the page's language (else the default language's)."""
    versions = Organisation.objects.filter(
        translation_key=OuterRef("item__organisation__translation_key"), locale=OuterRef("locale")
    )
    return Coalesce(Subquery(versions.values("name")[:1]), F("item__organisation__name"))


def _expression(lookup):
    return F(lookup) if isinstance(lookup, str) else lookup


def _page_rows(pages, language, fields, rich_text=(), more=None):
    """(item id, row) of `pages`, a queryset of public pages of one language, in item order.

    `fields` maps columns to lookups; `rich_text` names columns given as plain text; `more(batch)`
    gives {item id: {column: value}} for a batch of rows."""
    addresses = Addresses(language)
    expressions = {PREFIX + name: _expression(lookup) for name, lookup in fields.items()}
    rows = pages.order_by("item_id", "pk").values("item_id", "url_path", "last_published_at", **expressions)
    for batch in batches(rows.iterator(chunk_size=sources.CHUNK)):
        extra = more(batch) if more else {}
        for values in batch:
            row = {name: values[PREFIX + name] for name in fields}
            for name in rich_text:
                row[name] = plain_text(row[name])
            row["url"] = addresses(values["url_path"])
            row["last_published"] = values["last_published_at"]
            row.update(extra.get(values["item_id"], {}))
            yield values["item_id"], row


def _keys_by_item(through, owner, target_lookup, owner_ids, condition=None):
    """{owner id: sorted keys} of a many-to-many table, for one batch of owners."""
    pairs = through.objects.filter(**{f"{owner}__in": owner_ids})
    if condition is not None:
        pairs = pairs.filter(condition)
    found = {}
    for owner_id, key in pairs.values_list(owner, target_lookup):
        found.setdefault(owner_id, []).append(key)
    return {owner_id: sorted(keys) for owner_id, keys in found.items()}


def _categories(through, owner):
    def more(batch):
        keys = _keys_by_item(through, owner, "technologycategory__key", [values["item_id"] for values in batch])
        return {item_id: {"categories": keys.get(item_id, [])} for item_id in (v["item_id"] for v in batch)}

    return more


DESCRIBED = {
    "key": "item__key",
    "number": "item__number",
    "title": "title",
    "summary": "summary",
    "body": "body",
    "organisation": "item__organisation__key",
    "organisation_name": _organisation_name(),
    "published_on": "item__published_on",
}


def wishes(locale, language):
    fields = {
        **DESCRIBED,
        "status": "item__status",
        "deadline": "item__deadline",
        "outcome": "item__outcome",
        "outcome_date": "item__outcome_date",
        "outcome_link": "item__outcome_link",
    }
    more = _categories(Wish.categories.through, "wish_id")
    return _page_rows(wish_pages(locale), language, fields, rich_text=["body"], more=more)


def wish_pages(locale):
    return public_pages(WishPage, locale)


def solutions(locale, language):
    categories = _categories(Solution.categories.through, "solution_id")

    def more(batch):
        extra = categories(batch)
        ids = [values["item_id"] for values in batch]
        public_wishes = Q(wish_id__in=public_pages(WishPage).values("item_id"))
        proposed = _keys_by_item(Solution.applicable_to.through, "solution_id", "wish__key", ids, public_wishes)
        for item_id in ids:
            extra[item_id]["proposed_for"] = proposed.get(item_id, [])
        return extra

    fields = {**DESCRIBED, "trl": "item__trl"}
    return _page_rows(solution_pages(locale), language, fields, rich_text=["body"], more=more)


def solution_pages(locale):
    return public_pages(SolutionPage, locale)


TRIAL_FACTS = [
    "trial_type",
    "status",
    "funding_route",
    "planned_start",
    "planned_end",
    "start_date",
    "end_date",
    "percent_complete",
    "value_hkd",
]


def trials(locale, language):
    def more(batch):
        """A trial's wish or solution is named only when it is public itself."""
        shown_wishes = public_items(WishPage, {values[PREFIX + "wish_id"] for values in batch})
        shown_solutions = public_items(SolutionPage, {values[PREFIX + "solution_id"] for values in batch})
        return {
            values["item_id"]: {
                "wish": values[PREFIX + "wish"] if values[PREFIX + "wish_id"] in shown_wishes else None,
                "solution": values[PREFIX + "solution"] if values[PREFIX + "solution_id"] in shown_solutions else None,
            }
            for values in batch
        }

    fields = {
        "key": "item__key",
        "number": "item__number",
        "title": "title",
        "summary": "summary",
        "venue": "venue",
        "scale": "scale",
        "wish": "item__wish__key",
        "wish_id": "item__wish_id",
        "solution": "item__solution__key",
        "solution_id": "item__solution_id",
        **{name: f"item__{name}" for name in TRIAL_FACTS},
    }
    return _page_rows(trial_pages(locale), language, fields, more=more)


def trial_pages(locale):
    return public_pages(TrialPage, locale)


FINAL_REPORT = Q(item__status=Trial.Status.COMPLETED) & ~Q(report_summary="")
INTERIM_REPORT = ~Q(interim_summary="")


def reports(locale, language):
    """One row per trial with a published report: its interim and final report side by side."""
    fields = {
        "trial": "item__key",
        "title": "title",
        "interim_summary": "interim_summary",
        "interim_published_on": "item__interim_report_on",
        "final_summary": "report_summary",
        "final_published_on": "item__final_report_on",
        "status": "item__status",
        "energy_saved_kwh": "item__energy_saved_kwh",
        "money_saved_hkd": "item__money_saved_hkd",
        "payback_years": "item__payback_years",
    }
    for identity, row in _page_rows(report_pages(locale), language, fields):
        if row.pop("status") != Trial.Status.COMPLETED:  # a summary written ahead is not a report yet
            row["final_summary"] = row["final_published_on"] = None
        yield identity, row


def report_pages(locale):
    return trial_pages(locale).filter(FINAL_REPORT | INTERIM_REPORT)


def metric_rows(locale):
    """The key metrics of published reports (an interim report's, a final report's)."""
    trials = trial_pages(locale)
    published = Q(report=TrialMetric.Report.INTERIM, page__in=trials.filter(INTERIM_REPORT)) | Q(
        report=TrialMetric.Report.FINAL, page__in=trials.filter(FINAL_REPORT)
    )
    return TrialMetric.objects.filter(published)


def metrics(locale, language):
    rows = metric_rows(locale).order_by("page__item_id", "report", "sort_order", "pk")
    values = rows.values("page__item_id", "page__item__key", "report", "name", "value", "baseline", "unit")
    last, position = None, 0
    for row in values.iterator(chunk_size=sources.CHUNK):
        group = (row["page__item_id"], row["report"])
        position = position + 1 if group == last else 1
        last = group
        yield (
            (*group, position),
            {
                "trial": row["page__item__key"],
                "report": row["report"],
                "position": position,
                **{name: row[name] for name in ("name", "value", "baseline", "unit")},
            },
        )


def _first_version(model):
    """The id of an entry's first version: the same in every language, so it orders and pairs them."""
    versions = model.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk")
    return Subquery(versions.values("pk")[:1])


def _taxonomy_rows(entries, fields):
    rows = entries.annotate(first=_first_version(entries.model)).order_by("first", "pk").values("first", *fields)
    for values in rows.iterator(chunk_size=sources.CHUNK):
        yield values["first"], {name: values[name] for name in fields}


def organisation_entries(locale=None):
    """Organisations the public site names: a strategic partner (the partners page), or the poster or
    provider of a public wish or solution. Their staff's email domains are never exported."""

    def names(page_model):
        return Exists(public_pages(page_model).filter(item__organisation__translation_key=OuterRef("translation_key")))

    entries = Organisation.objects.filter(Q(mou_signed__isnull=False) | names(WishPage) | names(SolutionPage))
    return entries.filter(locale=locale) if locale is not None else entries


def organisations(locale, language):
    fields = ["key", "name", "abbreviation", "type", "website", "mou_signed", "description"]
    return _taxonomy_rows(organisation_entries(locale), fields)


def category_entries(locale=None):
    entries = TechnologyCategory.objects.all()
    return entries.filter(locale=locale) if locale is not None else entries


def categories(locale, language):
    return _taxonomy_rows(category_entries(locale), ["key", "name", "description"])
