"""Site-wide template helpers: language switcher, hreflang alternates, menu and footer."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from home.models import ContactPage, FooterText, HomePage, StandardPage
from innoportal.languages import content_language
from innoportal.visibility import public
from pagecache import store

register = template.Library()


def _memo(context, key, compute):
    """Compute once per request: the header, footer and head all ask for the same pages."""
    request = context.get("request")
    if request is None:
        return compute()
    store = request.__dict__.setdefault("_portal_tags", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def _home(locale):
    return HomePage.objects.live().filter(locale=locale).first()


def _home_in(context, language_code):
    """The home page written in `language_code`, found once per request."""
    locale = Locale.objects.filter(language_code=language_code)
    return _memo(context, ("home of", language_code), lambda: _home(locale.first()))


def _active_locale(context):
    return _memo(context, ("locale", get_language()), Locale.get_active)


def _active_home(context):
    return _memo(context, ("home", get_language()), lambda: _home(_active_locale(context)))


def _versions(page):
    """{content language code: live page} for `page` in every language it is written in."""
    if page is None or not hasattr(page, "get_translations"):
        return {}
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p for p in versions}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language (settings.LANGUAGES, a converted one too). On a page: its version in that
    language (for Simplified Chinese, the Traditional one under /zh-hans/), else that language's home.
    A page's links are kept in the cache until anything is published (pagecache's content token)."""
    return _memo(context, "language_links", lambda: _kept_language_links(context))


def _kept_language_links(context):
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or page.pk is None or getattr(request, "is_preview", False):
        return _language_links(context)
    key = f"language-links:{page.pk}:{get_language()}:{store.content_version()}"
    return cache.get_or_set(key, lambda: _language_links(context))


def _language_links(context):
    request, page = context.get("request"), context.get("page")
    current = get_language()
    versions = _versions(page) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if not isinstance(page, Page):
            exact = True
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        else:
            with translation.override(code):  # Wagtail then writes a zh-hant page's URL under /zh-hans/
                version = versions.get(content_language(code))
                exact = version is not None
                if version is None:  # that language's home, found once for 繁 and 简 alike
                    version = _home_in(context, content_language(code))
                url = version.url if version else f"/{code}/"
        short = settings.LANGUAGE_NAMES_SHORT.get(code, name)
        links.append(
            {"code": code, "name": name, "short": short, "url": url, "current": code == current, "exact": exact}
        )
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates: only real translations of the page are announced."""
    request = context.get("request")
    return [link for link in language_links(context) if link["exact"]] if request else []


def _furniture(context):
    """The home page's address, the menu, the footer's links and text in the active language: the
    same on every page, so kept in the cache until anything is published or the footer changes
    (pagecache's content and site tokens), and read once per request."""
    language = get_language()
    key = f"furniture:{language}:{store.content_version()}"
    return _memo(context, ("furniture", language), lambda: cache.get_or_set(key, lambda: _furniture_now(context)))


def _furniture_now(context):
    home = _active_home(context)
    if home is None:
        return {"home": "/", "menu": [], "footer_links": [], "footer_text": ""}
    menu = public(home.get_children().live()).in_menu()
    links = public(Page.objects.child_of(home).live()).filter(show_in_menus=False).type(StandardPage, ContactPage)
    footer = FooterText.objects.filter(locale=_active_locale(context)).first()
    return {
        "home": home.url,
        "menu": [{"title": item.title, "url": item.url, "path": item.path} for item in menu],
        "footer_links": [{"title": item.title, "url": item.url} for item in links.order_by("path")],
        "footer_text": expand_db_html(footer.body) if footer else "",
    }


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Menu items with `current`: "page" on the item itself, "true" inside its section."""
    path = getattr(context.get("page"), "path", "")
    items = []
    for item in _furniture(context)["menu"]:
        current = "page" if path == item["path"] else ("true" if path.startswith(item["path"]) else None)
        items.append({**item, "current": current})
    return items


@register.simple_tag(takes_context=True)
def footer_links(context):
    return _furniture(context)["footer_links"]


@register.simple_tag(takes_context=True)
def footer_text(context):
    """The footer's text as HTML (rich text with its links resolved)."""
    return mark_safe(_furniture(context)["footer_text"])  # noqa: S308 (Wagtail's rendered rich text)


@register.simple_tag(takes_context=True)
def home_url(context):
    return _furniture(context)["home"]


# Large sums as Hong Kong writes them: in millions in English, in 萬 (10,000) and 億 (100,000,000) in Chinese.
CHINESE_UNITS = [(100_000_000, "億"), (10_000, "萬")]


@register.filter
def hkd(value):
    """HK$1.9 million, HK$350,000; 190萬港元, 3.5億港元, 9,500港元 (Simplified: converted, 190万港元)."""
    if value is None or value == "":
        return ""
    value = float(value)
    if content_language().startswith("zh"):
        for size, unit in CHINESE_UNITS:
            if value >= size:
                return f"{_short(value / size)}{unit}港元"
        return f"{value:,.0f}港元"
    if value >= 1_000_000:
        return _("HK$%(amount)s million") % {"amount": _short(value / 1_000_000)}
    return _("HK$%(amount)s") % {"amount": f"{value:,.0f}"}


def _short(number):
    """One decimal at most, and none when it is nought: 1.9, 35, 1,250."""
    return f"{number:,.1f}".removesuffix(".0")


@register.filter
def minutes(duration):
    """A timedelta as whole minutes, at least 1: for "try again in N minutes"."""
    return max(1, round(duration.total_seconds() / 60)) if duration else 1
