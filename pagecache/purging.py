"""What to purge when content changes, gathered per transaction and purged once after it commits.

A page published, unpublished, moved or deleted purges the page in every language (the language
switcher of each translation names it), its ancestors (index pages and the home page, whose figures
and featured items change), the pages of catalogue items related to it (a wish's solutions and
trials, a trial's wish and solution), and the content token (search, APIs, feeds, sitemaps). An
organisation or category edited purges its items' pages and every index; the footer purges every
page; a registration that changes what an InnoDay's page says of its seats (innodays.registration)
purges that InnoDay; a match purges its wish and solution.

The shared cache is purged at once (pagecache.store); other frontend caches configured in
settings.WAGTAILFRONTENDCACHE (a proxy, a CDN) get the same addresses through Wagtail's
frontend-cache backends, from the task worker ahead of other work (pagecache.proxies).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from innoportal.aftercommit import AfterCommit
from pagecache import proxies, store

EVERYTHING = object()  # among the addresses: purge every cached page


def _flush(urls):
    everything = EVERYTHING in urls
    if everything:
        store.purge_everything()
        urls = urls - {EVERYTHING}
    store.purge(urls)
    if (urls or everything) and proxies.names():
        proxies.purge_proxies.enqueue(sorted(urls), everything)


_purges = AfterCommit("page-cache", act=_flush, at_once=lambda: settings.PAGE_CACHE_PURGE_AT_ONCE)


def _purge(urls=(), everything=False):
    """Purge when the current transaction commits, once for all its changes (now, outside one)."""
    _purges.add([*urls, EVERYTHING] if everything else urls)


def _with_converted(urls):
    """Each address, and its Simplified twin for a Traditional one (/zh-hans/ shows zh-hant pages)."""
    result = set()
    for url in urls:
        result.add(url)
        for code, conversion in settings.CONVERTED_LANGUAGES.items():
            source = f"/{conversion['from']}/"
            if source in url:
                result.add(url.replace(source, f"/{code}/", 1))
    return result


def page_urls(page):
    """Every cached address of `page` (its routes too: a trial's report/, an InnoDay's calendar/)."""
    url = page.get_full_url()
    if not url:
        return set()
    return _with_converted({url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()})


def dependents(page):
    """The pages whose text shows `page`: itself in every language, its ancestors, related items."""
    pages = {page}
    pages.update(page.get_translations())
    for version in list(pages):
        pages.update(version.get_ancestors().filter(depth__gt=1))
    item = getattr(page.specific_deferred, "item", None)
    if item is not None:
        pages.update(_related_item_pages(item))
    return pages


def _related_item_pages(item):
    from catalogue.models import Solution, Trial, Wish

    related = []
    if isinstance(item, Wish):
        related += list(item.trials.all()) + list(item.proposed_solutions.all())
        related += [match.solution for match in item.matches.select_related("solution")]
    elif isinstance(item, Solution):
        related += list(item.trials.all()) + list(item.applicable_to.all())
        related += [match.wish for match in item.matches.select_related("wish")]
    elif isinstance(item, Trial):
        related += [item.wish, item.solution]
    return [page for other in related for page in other.pages.all()]


def purge_pages(pages):
    urls = set()
    for page in pages:
        urls |= page_urls(page)
    _purge(urls)


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_pages(dependents(instance))


def _page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        old = Page.objects.get(pk=instance.pk)
        old.url_path = url_path_before  # its address before the move, for proxies that kept it
        _purge(page_urls(old))
        purge_pages(dependents(instance))


def _taxonomy_changed(sender, instance, **kwargs):
    """An organisation or a category: the pages of its items, and every index page (their filters)."""
    items = []
    for version in instance.get_translations(inclusive=True):  # items name the default language's entry
        items += list(version.wishes.all()) + list(version.solutions.all())
    pages = [page for item in items for page in item.pages.all()]
    indexes = Page.objects.live().filter(depth__lte=3).exclude(depth=1)
    purge_pages(pages + list(indexes))


def _footer_changed(sender, instance, **kwargs):
    _purge(everything=True)


def purge_innoday(event_key):
    """An InnoDay's pages in every language: what they show of its seats has changed."""
    from innodays.models import InnoDayPage

    purge_pages(InnoDayPage.objects.filter(translation_key=event_key))


def _match_changed(sender, instance, **kwargs):
    pages = [page for item in (instance.wish, instance.solution) for page in item.pages.all()]
    purge_pages(pages)


def connect():
    from catalogue.models import Organisation, TechnologyCategory
    from home.models import FooterText
    from matching.models import Match

    for signal in (page_published, page_unpublished):
        signal.connect(_page_changed, dispatch_uid=f"pagecache-{id(signal)}")
    pre_delete.connect(_page_changed, dispatch_uid="pagecache-page-deleted")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache-page-moved")
    for model in (Organisation, TechnologyCategory):
        for signal in (post_save, post_delete):
            signal.connect(_taxonomy_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(_footer_changed, sender=FooterText, dispatch_uid=f"pagecache-footer-{id(signal)}")
        signal.connect(_match_changed, sender=Match, dispatch_uid=f"pagecache-match-{id(signal)}")
