"""What a page tells link previews and search engines: Open Graph and Twitter card tags, and schema.org
JSON-LD (the portal as an Organization; an InnoDay as an Event; a trial's verified performance report as
a Report)."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from innoportal.languages import bcp47

register = template.Library()


def _absolute(request, url):
    return request.build_absolute_uri(url) if request and url else url


@register.simple_tag(takes_context=True)
def sharing(context):
    """{title, description, url, image, type} of the page for previews."""
    request, page = context.get("request"), context.get("page")
    title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) or _("E&M InnoPortal")
    description = getattr(page, "search_description", "") or getattr(page, "summary", "") or getattr(page, "intro", "")
    return {
        "title": title,
        "description": " ".join(strip_tags(str(description or "")).split())[:300],
        "url": request.build_absolute_uri(request.path) if request else "",
        "image": _absolute(request, static("img/share.png")),
        "type": "article" if page is not None and page.depth > 2 else "website",
        "locale": bcp47().replace("-", "_"),
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD for the page, as a <script type="application/ld+json"> data block (not run; no CSP concern)."""
    request, page = context.get("request"), context.get("page")
    portal = {
        "@type": "Organization",
        "name": _("E&M InnoPortal"),
        "url": _absolute(request, "/"),
        "logo": _absolute(request, static("img/share.png")),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": _("Electrical and Mechanical Services Department"),
        },
    }
    graph = [portal]
    kind = type(getattr(page, "specific", page)).__name__ if page is not None else ""
    if kind == "InnoDayPage":
        graph.append(_event(request, page.specific, portal))
    elif kind == "TrialPage" and page.specific.report_summary:
        graph.append(_report(request, page.specific, portal))
    data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, default=str)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


def _event(request, day, portal):
    return {
        "@type": "Event",
        "name": day.title,
        "description": " ".join(strip_tags(str(day.intro or "")).split()),
        "startDate": day.starts.isoformat(),
        "endDate": day.ends.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "Place", "name": day.venue, "address": day.venue_address or day.venue},
        "organizer": portal,
        "isAccessibleForFree": True,
        "url": _absolute(request, day.url),
    }


def _report(request, trial, portal):
    return {
        "@type": "Report",
        "name": _("Verified performance report: %(title)s") % {"title": trial.title},
        "abstract": trial.report_summary or trial.summary,
        "datePublished": (trial.final_report_on or trial.last_published_at.date()).isoformat(),
        "about": trial.wish.title if trial.wish else "",
        "publisher": portal,
        "inLanguage": bcp47(),
        "url": _absolute(request, trial.url),
        **(
            {"encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf}}
            if (pdf := trial.report_pdf_url and _absolute(request, trial.report_pdf_url))
            else {}
        ),
    }
