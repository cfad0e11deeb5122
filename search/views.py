"""The search page, the JSON endpoint and autocomplete suggestions (docs/search-api.md)."""

from dataclasses import replace
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from innoportal.languages import content_language, convert_response
from search import registry
from search.backends import SearchUnavailable
from search.facets import facet_groups, popular_categories, removable_filters
from search.forms import SearchForm
from search.service import search, suggest

RETRY_AFTER = "60"  # seconds, for clients that honour Retry-After


@require_GET
def search_page(request):
    form = SearchForm(request.GET, language=get_language())
    context = {"form": form, "query": request.GET.get("q", "").strip()[:200]}
    status = 200
    if not form.is_valid():
        context["error"] = form.first_error()[1]
        status = 400
    elif form.cleaned_data["q"]:
        search_request = form.search_request()
        try:
            results = search(search_request, request)
        except SearchUnavailable:
            return unavailable_page(request, context)
        context |= {
            "results": results,
            "pages": Paginator(range(results.total), search_request.per_page).get_page(search_request.page),
            "facets": facet_groups(results, request.GET),
            "removable": removable_filters(search_request, request.GET),
        }
        for hit in results.hits + (results.partial.hits if results.partial else []):
            hit.label = registry.get(hit.kind).label
        context |= _query_links(request.GET, results)
        if not results.total:
            context["popular"] = popular_categories(search_request.lang)
            context["elsewhere"] = _other_languages(search_request)
    response = TemplateResponse(request, "search/search.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _other_languages(search_request):
    """When nothing is found here, the languages whose site has results for the same words (a Chinese
    query on the English site): their names, counts and the search there."""
    here = content_language(search_request.lang)
    totals = {}  # by content language: 繁 and 简 share one search
    offers = []
    for code, name in settings.LANGUAGES:
        source = content_language(code)
        if source == here:
            continue
        if source not in totals:
            counted = replace(search_request, lang=source, page=1, per_page=1, facets=False, exact=True, filters={})
            totals[source] = search(counted).total
        total = totals[source]
        if total:
            with translation.override(code):
                url = reverse("search") + "?" + urlencode({"q": search_request.text})
            offers.append({"code": code, "name": name, "total": total, "url": url})
    return offers


def _query_links(params, results):
    """Links to search the literal query (after a correction) or the suggested one ("did you mean")."""

    def url(text, exact=False):
        query = params.copy()
        query["q"] = text
        query.pop("page", None)
        query.pop("exact", None)
        if exact:
            query["exact"] = "1"
        return "?" + query.urlencode()

    links = {}
    if results.corrected:
        links["literal_url"] = url(results.request.text, exact=True)
    if results.suggestion:
        links["suggestion_url"] = url(results.suggestion)
    return links


def in_requested_language(view):
    """The JSON endpoints answer, errors included, in the `lang` asked for (else the negotiated one)."""

    @wraps(view)
    def wrapper(request):
        lang = request.GET.get("lang")
        lang = lang if lang in dict(settings.LANGUAGES) else get_language()
        with translation.override(lang):
            return convert_response(view(request), lang)  # Simplified Chinese: converted from the Traditional

    return wrapper


def unavailable_page(request, context):
    context["error"] = unavailable_message()
    response = TemplateResponse(request, "search/search.html", context, status=503)
    response["Retry-After"] = RETRY_AFTER
    response["X-Robots-Tag"] = "noindex"
    return response


def unavailable_message():
    return _("Search is temporarily unavailable. Please try again in a few minutes.")


def answers_503_when_unavailable(view):
    """A JSON endpoint answers 503 with a translated error while the search engine cannot answer."""

    @wraps(view)
    def wrapper(request):
        try:
            return view(request)
        except SearchUnavailable:
            response = JsonResponse(
                {"error": unavailable_message()}, status=503, json_dumps_params={"ensure_ascii": False}
            )
            response["Retry-After"] = RETRY_AFTER
            return response

    return wrapper


@csrf_exempt  # read-only: any method but GET is a 405, not a 403 for want of a CSRF token
@require_GET
@in_requested_language
@answers_503_when_unavailable
def search_api(request):
    form = SearchForm(request.GET, language=get_language())
    if not form.is_valid():
        return _bad_request(form)
    search_request = form.search_request()
    results = search(search_request, request)
    return JsonResponse(
        {
            "query": search_request.text,
            "lang": search_request.lang,
            "total": results.total,
            "page": search_request.page,
            "pages": results.pages,
            "results": [_hit_json(hit) for hit in results.hits],
            "facets": results.facets,
            **_fallbacks_json(results),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _hit_json(hit):
    return {
        "key": hit.key,
        "kind": hit.kind,
        "title": hit.title,
        "url": hit.url,
        "locale": hit.locale,
        "translated": hit.translated,
        "snippet": str(hit.snippet),
        "published": hit.published.isoformat() if hit.published else None,
    }


def _fallbacks_json(results):
    """Beyond the documented shape, only when they apply: the query searched instead of the one typed,
    a "did you mean" suggestion, and results for some of the words (with the words found nowhere)."""
    extra = {"corrected": results.corrected, "suggestion": results.suggestion}
    partial = results.partial
    if partial:
        hits = [_hit_json(hit) for hit in partial.hits]
        extra["partial"] = {"total": partial.total, "missing": partial.missing, "results": hits}
    return {name: value for name, value in extra.items() if value}


@csrf_exempt
@require_GET
@in_requested_language
@answers_503_when_unavailable
def suggest_api(request):
    form = SearchForm(request.GET, language=get_language())
    if not form.is_valid():
        return _bad_request(form)
    lang = form.cleaned_data["lang"] or form.language
    hits = suggest(form.cleaned_data["q"], lang, http_request=request)
    response = JsonResponse(
        {
            "query": form.cleaned_data["q"],
            "suggestions": [
                {
                    "title": h.title,
                    "url": h.url,
                    "kind": h.kind,
                    "kind_label": str(registry.get(h.kind).label),
                    "key": h.key,
                }
                for h in hits
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


def _bad_request(form):
    field, message = form.first_error()
    return JsonResponse({"error": message, "field": field}, status=400)
