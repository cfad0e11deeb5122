"""Move each item's facts from its language versions to one record shared by them.

Where the languages of an item disagree, the version in the default language (English) wins, else the
oldest version; each disagreement is printed. Relations to taxonomy point at the entry's
default-language version, and an organisation's type, website and MoU date become those of that
version in every language.
"""

from django.conf import settings
from django.db import migrations

PAGE_FACTS = {
    "WishPage": ("Wish", ["status", "published_on", "deadline"], ["organisation"], ["categories"]),
    "SolutionPage": ("Solution", ["trl", "published_on"], ["organisation"], ["categories"]),
    "TrialPage": ("Trial", ["trial_type", "status", "start_date", "end_date", "value_hkd"], [], []),
}
TAXONOMY_FACTS = {"Organisation": ["key", "type", "website", "mou_signed"], "TechnologyCategory": ["key"]}


def say(message):
    print(f"\n  catalogue 0003: {message}", end="")


def preferred(rows, default_locale):
    """The row whose facts win: the default language's, else the oldest."""
    return min(rows, key=lambda row: (row.locale_id != default_locale, row.pk))


def grouped(rows):
    groups = {}
    for row in rows:
        groups.setdefault(row.translation_key, []).append(row)
    return groups.values()


def taxonomy(apps, default_locale):
    """{model name: {pk: canonical pk}}, and the facts of every language made those of the canonical row."""
    canonical = {}
    for name, facts in TAXONOMY_FACTS.items():
        model = apps.get_model("catalogue", name)
        canonical[name] = {}
        for rows in grouped(model.objects.order_by("pk")):
            chosen = preferred(rows, default_locale)
            for row in rows:
                canonical[name][row.pk] = chosen.pk
                differing = [f for f in facts if getattr(row, f) != getattr(chosen, f)]
                if differing:
                    say(f"{name} {chosen.key}: {', '.join(differing)} taken from its version {chosen.pk}")
                    for field in differing:
                        setattr(row, field, getattr(chosen, field))
                    row.save(update_fields=differing)
    return canonical


def move_facts(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True).first()
    canonical = taxonomy(apps, default)
    items_by_page = {}  # (page model name, page pk) -> item pk
    keys = set()
    for page_name, (item_name, plain, to_taxonomy, many_taxonomy) in PAGE_FACTS.items():
        pages = apps.get_model("catalogue", page_name)
        items = apps.get_model("catalogue", item_name)
        for rows in grouped(pages.objects.order_by("pk")):
            source = preferred(rows, default)
            key = source.key or f"{item_name[0]}-{source.pk}"
            if key in keys:
                say(f"{key} is used by two items; the second is now {key}-{source.pk}")
                key = f"{key}-{source.pk}"
            keys.add(key)
            facts = {name: getattr(source, name) for name in plain}
            facts |= {f"{name}_id": canonical["Organisation"][getattr(source, f"{name}_id")] for name in to_taxonomy}
            if page_name == "TrialPage":
                facts["wish_id"] = items_by_page["WishPage", source.wish_id]
                facts["solution_id"] = items_by_page["SolutionPage", source.solution_id]
            item = items.objects.create(key=key, translation_key=source.translation_key, **facts)
            for name in many_taxonomy:
                item.categories.set({canonical["TechnologyCategory"][c.pk] for c in getattr(source, name).all()})
            report_disagreements(source, rows, plain + [f"{n}_id" for n in to_taxonomy], canonical)
            for row in rows:
                items_by_page[page_name, row.pk] = item.pk
            pages.objects.filter(pk__in=[row.pk for row in rows]).update(item=item)
            if page_name == "SolutionPage":
                item.applicable_to.set({items_by_page["WishPage", w.pk] for w in source.applicable_to.all()})


def report_disagreements(source, rows, fields, canonical):
    for row in rows:
        for field in fields:
            mine, theirs = getattr(row, field), getattr(source, field)
            if field == "organisation_id":
                mine, theirs = canonical["Organisation"][mine], canonical["Organisation"][theirs]
            if mine != theirs:
                say(f"{source.key}: {field} {mine!r} in version {row.pk}, {theirs!r} kept from version {source.pk}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_facts_shared_by_languages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(move_facts, migrations.RunPython.noop)]
