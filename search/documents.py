"""Keep search documents in step with live pages: per item (all its languages at once) or all of them."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from search import corrections, registry
from search.backends import engine
from search.models import DocumentCategory, SearchDocument, SearchWord
from search.text import index_terms

BATCH = 500


def update(translation_keys, search=None, progress=None):
    """Rebuild the documents of these items from their live pages; an item with none leaves search.

    Each batch is one transaction: if the engine cannot take it (search.backends.SearchUnavailable),
    the database keeps the batch's old documents too, and the caller tries again later."""
    search = search or engine()
    keys = list({str(key) for key in translation_keys})
    for start in range(0, len(keys), BATCH):
        with transaction.atomic():
            _update(keys[start : start + BATCH], search)
        if progress:
            progress(min(start + BATCH, len(keys)), len(keys))


def rebuild(progress=None):
    """Every document from scratch; returns how many there are. Searches keep answering from the old
    documents until the new ones are all in (search.database / search.elasticsearch `rebuilding`).
    `progress(done, total)` is called after each batch of items."""
    search = engine()
    with search.rebuilding():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        keys = set()
        for searchable in registry.searchables():
            keys.update(searchable.model.objects.live().values_list("translation_key", flat=True))
        update(keys, search, progress)
    return SearchDocument.objects.count()


def _update(keys, search):
    # Two workers given the same item (published twice in a row) would both insert its documents: the
    # second waits here for the first to commit, then replaces what it made. In key order, so that
    # two batches never wait for each other.
    list(Page.objects.select_for_update().filter(translation_key__in=keys).order_by("pk").values_list("pk"))
    stale = list(SearchDocument.objects.filter(translation_key__in=keys).only(*corrections.FIELDS))
    if stale:
        ids = [doc.id for doc in stale]
        search.delete(ids)
        corrections.count(stale, sign=-1)
        SearchDocument.objects.filter(id__in=ids).delete()
    documents, categories = [], []
    for searchable, pages in _live_pages(keys):
        for group in _by_item(pages):
            for page, shown_in in _shown_in(group):
                description = searchable.describe(page)
                documents.append(_document(searchable, page, shown_in, description))
                categories.append(description.categories)
    SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
    links = [
        DocumentCategory(document=doc, key=key)
        for doc, keys in zip(documents, categories, strict=True)
        for key in set(keys)
    ]
    DocumentCategory.objects.bulk_create(links, batch_size=BATCH)
    corrections.count(documents)
    search.write([doc.id for doc in documents])


def _live_pages(keys):
    for searchable in registry.searchables():
        pages = searchable.model.objects.live().public().filter(translation_key__in=keys).select_related("locale")
        if searchable.prepare:
            pages = searchable.prepare(pages)
        yield searchable, list(pages)


def _by_item(pages):
    items = {}
    for page in pages:
        items.setdefault(page.translation_key, []).append(page)
    return items.values()


def _shown_in(versions):
    """Each version in its own language; a language without a version gets the default language's."""
    by_language = {page.locale.language_code: page for page in versions}
    for code, page in by_language.items():
        yield page, code
    stand_in = by_language.get(settings.LANGUAGE_CODE) or versions[0]
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code not in by_language:
            yield stand_in, code


def _document(searchable, page, shown_in, description):
    return SearchDocument(
        page_id=page.pk,
        key=description.key,
        kind=searchable.kind,
        locale=page.locale.language_code,
        shown_in=shown_in,
        translation_key=page.translation_key,
        title=page.title,
        summary=description.summary,
        body=description.body,
        keywords=description.keywords,
        title_terms=index_terms(page.title),
        summary_terms=index_terms(f"{description.summary} {description.keywords}"),
        body_terms=index_terms(description.body),
        status=description.status,
        organisation_type=description.organisation_type,
        published=description.published,
    )
