"""The facts of imported items: one record per key, shared by the item's pages in every language.

The file's language versions of a key agree on its facts (schema.disagreements refuses them otherwise),
so the facts are written once per key, from its first changed record. New items wait, like new pages,
to be written in bulk just before the pages that point at them.
"""

import datetime
from decimal import Decimal

from django.db import router
from django.db.models.signals import post_save

from catalogue.models import Solution, Trial, Wish

ITEMS = {"wish": Wish, "solution": Solution, "trial": Trial}


def as_date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def as_decimal(value):
    """A JSON number as it is stored: 21.5 as Decimal("21.5"), not as the float's binary value."""
    return Decimal(str(value)) if value is not None else None


class ImportedFacts:
    """Items of one kind: read in one query when first needed, kept up to date as the import writes."""

    def __init__(self, kind):
        self.model = ITEMS[kind]
        self.items = {item.key: item for item in self.model.objects.all()}
        self.new = []  # unsaved items, with their many-to-many values in `pending_relations`
        self.done = set()  # keys whose facts this import has written

    def get(self, key):
        return self.items.get(key)

    def write(self, key, translation_key, facts, relations):
        """Set the item `key`'s facts; a new item waits for write_new(), a changed one is saved now."""
        item = self.items.get(key)
        if key in self.done:
            return item
        self.done.add(key)
        if item is None:
            item = self.model(key=key, translation_key=translation_key, **facts)
            item.pending_relations = relations
            self.items[key] = item
            self.new.append(item)
            return item
        changed = [name for name, value in facts.items() if getattr(item, name) != value]
        for name in changed:
            setattr(item, name, facts[name])
        if changed:
            item.save(update_fields=[*changed, "updated_at"])
        for name, pks in relations.items():
            if sorted(getattr(item, name).values_list("pk", flat=True)) != sorted(pks):
                getattr(item, name).set(pks)
        return item

    def write_new(self):
        if not self.new:
            return
        new, self.new = self.new, []
        for item in new:
            item.full_clean(exclude=["translation_key", *item.pending_relations], validate_unique=False)
        self.model.objects.bulk_create(new)  # SQLite and PostgreSQL give back the new ids
        for name in new[0].pending_relations:
            through = self.model._meta.get_field(name).remote_field.through
            field = self.model._meta.get_field(name)
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [through(**{source: item.pk, target: pk}) for item in new for pk in item.pending_relations[name]]
            )
        database = router.db_for_write(self.model)
        for item in new:  # what Model.save would tell listeners (the reference index, search)
            item._state.adding, item._state.db = False, database
            post_save.send(
                sender=self.model, instance=item, created=True, update_fields=None, raw=False, using=database
            )


def facts_of(kind, data, find):
    """(facts, many-to-many pks) of a record; `find(kind, key)` gives the pk a reference points at."""
    if kind == "trial":
        facts = {
            "wish_id": find("wish", data["wish"]),
            "solution_id": find("solution", data["solution"]),
            "trial_type": data["trial_type"],
            "status": data["status"],
            "start_date": as_date(data.get("start")),
            "end_date": as_date(data.get("end")),
            "value_hkd": as_decimal(data.get("value_hkd")),
        }
        return facts, {}
    facts = {"organisation_id": find("organisation", data["organisation"]), "published_on": as_date(data["published"])}
    relations = {"categories": sorted({find("category", key) for key in data["categories"]})}
    if kind == "wish":
        facts |= {"status": data["status"], "deadline": as_date(data.get("deadline"))}
    else:
        facts["trl"] = data.get("trl")
        relations["applicable_to"] = sorted({find("wish", key) for key in data.get("applicable_to", [])})
    return facts, relations
