"""The statistics page at /<lang>/statistics/: the portal's figures, computed when the page is made
(figures.py) and drawn on the server (charts.py), so it needs no script. Anonymous visitors get it from
the page cache, which forgets it whenever anything is published (pagecache: a page showing content in
general)."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from portal_statistics import figures, presentation


@require_GET
def statistics_page(request):
    stats = figures.compute(Locale.get_active())  # /zh-hans/ reads the zh-hant content
    return TemplateResponse(request, "portal_statistics/statistics.html", presentation.page_context(stats))
