"""Helpers for building bilingual page trees: a page in every language, linked as translations."""

from django.conf import settings
from wagtail.models import Site


def languages():
    """Language codes, the default first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def publish(page):
    page.save_revision(log_action=True).publish()
    return page


def ensure_page(parent_by_locale, model, slug, fields_by_locale, show_in_menus=True):
    """The page `slug` under each language's parent, created as translations of the default one."""
    pages = {}
    for code in languages():
        parent = parent_by_locale[code]
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            fields = fields_by_locale.get(code) or fields_by_locale[languages()[0]]
            source = pages.get(languages()[0])
            page = model(slug=slug, show_in_menus=show_in_menus, locale=parent.locale, live=False, **fields)
            if source is not None:
                page.translation_key = source.translation_key
            parent.add_child(instance=page)
            publish(page)
        pages[code] = page
    return pages


def homes():
    """{language code: live home page}: the default Site's root and its translations."""
    root = Site.objects.get(is_default_site=True).root_page
    versions = root.get_translations(inclusive=True).live().select_related("locale").specific()
    return {page.locale.language_code: page for page in versions}
