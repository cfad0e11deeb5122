"""Run in `manage.py shell` after migrating: every item's facts and every page's item, as JSON."""

import json

from catalogue.models import Organisation, SolutionPage, TrialPage, Wish, WishPage

items = {}
for wish in Wish.objects.all():
    items[wish.key] = {
        "status": wish.status,
        "organisation": wish.organisation.key,
        "deadline": str(wish.deadline),
        "categories": sorted(c.key for c in wish.categories.all()),
    }
for page in SolutionPage.objects.all():
    s = page.item
    items[s.key] = {
        "trl": s.trl,
        "organisation": s.organisation.key,
        "categories": sorted(c.key for c in s.categories.all()),
        "applicable_to": sorted(w.key for w in s.applicable_to.all()),
    }
for page in TrialPage.objects.all():
    t = page.item
    items[t.key] = {"wish": t.wish.key, "solution": t.solution.key, "status": t.status, "value_hkd": str(t.value_hkd)}
pages = sorted(
    [p.locale.language_code, p.item.key, p.title] for m in (WishPage, SolutionPage, TrialPage) for p in m.objects.all()
)
types = sorted({(o.key, o.locale.language_code, o.type) for o in Organisation.objects.all()})
print("FACTS=" + json.dumps({"items": items, "pages": pages, "organisations": types}))
