"""Run in `manage.py shell` on a database migrated to catalogue 0001: makes a catalogue in the old schema,
whose languages disagree here and there, with the models of that schema (the current ones no longer fit)."""

import datetime
import uuid

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

apps = MigrationExecutor(connection).loader.project_state(("catalogue", "0001_initial")).apps
Locale, ContentType = apps.get_model("wagtailcore", "Locale"), apps.get_model("contenttypes", "ContentType")
Page = apps.get_model("wagtailcore", "Page")
Category, Organisation = apps.get_model("catalogue", "TechnologyCategory"), apps.get_model("catalogue", "Organisation")
WishPage, SolutionPage, TrialPage = (apps.get_model("catalogue", m) for m in ("WishPage", "SolutionPage", "TrialPage"))

en, _ = Locale.objects.get_or_create(language_code="en")
zh, _ = Locale.objects.get_or_create(language_code="zh-hant")
root = Page.objects.get(depth=1)
made = [0]


def taxonomy(model, key, **versions):
    translation_key, rows = uuid.uuid4(), {}
    for locale, fields in versions.items():
        rows[locale] = model.objects.create(
            key=key, locale=en if locale == "en" else zh, translation_key=translation_key, **fields
        )
    return rows


def page(model, locale, translation_key, **fields):
    made[0] += 1
    content_type, _ = ContentType.objects.get_or_create(app_label="catalogue", model=model.__name__.lower())
    relations = {name: fields.pop(name) for name in ("categories", "applicable_to") if name in fields}
    row = model.objects.create(
        title=f"{fields['key']} {locale.language_code}",
        draft_title="x",
        slug=f"p{made[0]}",
        content_type=content_type,
        path=f"{root.path}{made[0] + 100:04d}",
        depth=2,
        numchild=0,
        url_path=f"/p{made[0]}/",
        live=True,
        locale=locale,
        translation_key=translation_key,
        summary="s",
        **fields,
    )
    for name, values in relations.items():  # modelcluster keeps these in memory until told to commit
        getattr(row, name).set(values)
        getattr(row, name).commit()
    return row


energy = taxonomy(Category, "energy", en={"name": "Energy"}, zh={"name": "能源"})
robots = taxonomy(Category, "robots", en={"name": "Robots"}, zh={"name": "機械人"})
only_zh = taxonomy(Category, "water", zh={"name": "水務"})
emsd = taxonomy(
    Organisation, "emsd", en={"name": "EMSD", "type": "department"}, zh={"name": "機電署", "type": "public-body"}
)
polyu = taxonomy(
    Organisation, "polyu", en={"name": "PolyU", "type": "university"}, zh={"name": "理大", "type": "university"}
)
day = datetime.date(2020, 1, 1)

w1 = uuid.uuid4()
w1_en = page(
    WishPage, en, w1, key="W-1", organisation=emsd["en"], status="open", published_on=day, categories=[energy["en"]]
)
w1_zh = page(
    WishPage,
    zh,
    w1,
    key="W-1",
    organisation=emsd["zh"],
    status="closed",
    published_on=day,
    deadline=day,
    categories=[robots["zh"], only_zh["zh"]],
)
w2_en = page(
    WishPage,
    en,
    uuid.uuid4(),
    key="W-2",
    organisation=emsd["en"],
    status="matched",
    published_on=day,
    categories=[robots["en"]],
)
w3_zh = page(
    WishPage,
    zh,
    uuid.uuid4(),
    key="W-3",
    organisation=polyu["zh"],
    status="in-trial",
    published_on=day,
    categories=[only_zh["zh"]],
)
s1 = uuid.uuid4()
s1_en = page(
    SolutionPage,
    en,
    s1,
    key="S-1",
    organisation=polyu["en"],
    trl=6,
    published_on=day,
    categories=[energy["en"]],
    applicable_to=[w1_en, w2_en],
)
s1_zh = page(
    SolutionPage,
    zh,
    s1,
    key="S-1",
    organisation=polyu["zh"],
    trl=6,
    published_on=day,
    categories=[energy["zh"]],
    applicable_to=[w1_zh],
)
t1 = uuid.uuid4()
for locale, wish in ((en, w1_en), (zh, w1_zh)):
    page(
        TrialPage,
        locale,
        t1,
        key="T-1",
        wish=wish,
        solution=s1_en if locale == en else s1_zh,
        trial_type="pilot-project",
        venue="v",
        status="completed",
        start_date=day,
        value_hkd="1500000.00",
    )
print("old schema: made", made[0], "pages")
