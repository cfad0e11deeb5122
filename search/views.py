"""A simple site search for now: live pages in the active language, by Wagtail's search backend."""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(query)
    page = Paginator(results, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    response = TemplateResponse(request, "search/search.html", {"query": query, "results": page})
    response["X-Robots-Tag"] = "noindex"
    return response
