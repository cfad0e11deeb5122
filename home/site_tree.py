"""Build the bilingual page tree: a home page per language and the section pages under it.

Idempotent: run it again and it fills in what is missing, leaving editors' changes alone.
"""

import json

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from catalogue.models import SolutionIndexPage, TrialIndexPage, WishIndexPage
from home.models import ContactPage, EnquiryField, FooterText, HomePage, PartnersPage, StandardPage
from innoportal.page_tree import ensure_page, languages, publish

# Section slugs are fixed (../shared/DESIGN.md): /en/wishes/, /en/solutions/, ...
SECTIONS = [
    ("wishes", WishIndexPage),
    ("solutions", SolutionIndexPage),
    ("trials", TrialIndexPage),
    ("partners", PartnersPage),
]


def ensure_homes(home_fields):
    """A HomePage per language; the default one is the default Site's root."""
    for code in languages():
        Locale.objects.get_or_create(language_code=code)
    # Wagtail's migrations make the root page and collection; a database emptied by hand lacks them.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code=languages()[0]))
    )
    site = Site.objects.filter(is_default_site=True).first()
    homes = {}
    for code in languages():
        locale = Locale.objects.get(language_code=code)
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            fields = home_fields.get(code) or home_fields[languages()[0]]
            home = HomePage(slug=f"home-{code}", locale=locale, live=False, **fields)
            if homes:
                home.translation_key = homes[languages()[0]].translation_key
            root.add_child(instance=home)
            publish(home)
        homes[code] = home
    default_home = homes[languages()[0]]
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=default_home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != default_home.pk:
        welcome = site.root_page
        site.root_page = default_home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        # Wagtail's placeholder "Welcome" page goes once nothing points to it.
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return homes


def standard_fields(spec):
    return {"title": spec["title"], "intro": spec.get("intro", ""), "body": json.dumps(spec.get("body", []))}


def ensure_contact_page(homes, spec):
    """Contact us in every language: the enquiry form's fields are each language's own."""
    fields = {}
    for code in languages():
        text = spec.get(code) or spec[languages()[0]]
        form_fields = [
            EnquiryField(label=label, field_type=kind, required=required, sort_order=n)
            for n, (label, kind, required) in enumerate(text["fields"])
        ]
        fields[code] = {
            "title": text["title"],
            "intro": text["intro"],
            "thank_you_text": text["thank_you_text"],
            "to_address": spec["to_address"],
            "subject": spec["subject"],
            "form_fields": form_fields,
        }
    return ensure_page(homes, ContactPage, "contact", fields, show_in_menus=False)


@transaction.atomic
def build_site_tree(content):
    """Homes, sections, standard pages and footer from `content` (the shape of home/demo/pages.json)."""
    homes = ensure_homes(content["home"])
    sections = {}
    for slug, model in SECTIONS:
        sections[slug] = ensure_page(homes, model, slug, content["index_pages"][slug])
    for position, spec in enumerate(content.get("standard_pages", [])):
        fields = {code: standard_fields(spec[code]) for code in languages() if code in spec}
        # The first standard page (About) joins the main menu; the others are linked from the footer.
        ensure_page(homes, StandardPage, spec["slug"], fields, show_in_menus=position == 0)
    if "contact" in content:
        ensure_contact_page(homes, content["contact"])
    for code in languages():
        locale = Locale.objects.get(language_code=code)
        if "footer" in content and not FooterText.objects.filter(locale=locale).exists():
            source = FooterText.objects.filter(locale__language_code=languages()[0]).first()
            footer = FooterText(locale=locale, body=content["footer"].get(code, ""))
            if source:
                footer.translation_key = source.translation_key
            footer.save()
    return homes, sections
