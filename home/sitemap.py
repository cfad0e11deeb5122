"""`/sitemap.xml` and `/robots.txt`: every live public page of every language, each with its versions in
the other languages (Simplified Chinese included) as alternates, as search engines read them; and the
site map page people read (`/<lang>/site-map/`): the sections and pages of the portal."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from home.models import HomePage
from innoportal.languages import content_language, hreflang
from innoportal.page_tree import homes
from innoportal.visibility import public

PRIVATE_PATHS = ("/admin/", "/django-admin/", "/api/", "/documents/")


class PortalSitemap(Sitemap):
    """Wagtail's sitemap covers the default site's tree only (the English one): this one covers the
    home page of every language and what is below it, and shows each page in each language it is
    served in (zh-hant pages under /zh-hans/ too)."""

    def items(self):
        trees = Q()
        for home in homes().values():
            trees |= Q(path__startswith=home.path)
        pages = public(Page.objects.live()).filter(trees).order_by("path").select_related("locale")
        return pages.defer_streamfields()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        keys = {p.translation_key for p in pages}
        versions = {}
        for version in public(Page.objects.live()).filter(translation_key__in=keys).select_related("locale"):
            versions.setdefault(version.translation_key, {})[version.locale.language_code] = version
        alternates_of = {key: self._alternates(by_language) for key, by_language in versions.items()}
        urls = []
        for item in pages:  # the versions of one item share their alternates, made once
            alternates = alternates_of.get(item.translation_key, [])
            for link in alternates:
                if content_language(link["lang_code_site"]) == item.locale.language_code:
                    urls.append(
                        {"location": link["location"], "lastmod": item.last_published_at, "alternates": alternates}
                    )
        self.latest_lastmod = max((u["lastmod"] for u in urls if u["lastmod"]), default=None)
        return urls

    def _alternates(self, by_language):
        alternates = []
        for code, _name in settings.LANGUAGES:
            version = by_language.get(content_language(code))
            if version is None:
                continue
            with translation.override(code):
                location = version.get_full_url(self.request)
            alternates.append({"lang_code": hreflang(code), "lang_code_site": code, "location": location})
        return alternates


# Sections whose children are catalogue items (hundreds, thousands): listed, not their items.
LISTINGS = ("wishindexpage", "solutionindexpage", "trialindexpage", "innodayindexpage", "innozonepage")


@require_GET
def site_map(request):
    home = HomePage.objects.live().filter(locale=Locale.get_active()).first()
    pages = public(home.get_children().live()) if home else []
    sections = [{"page": section, "children": []} for section in pages]
    listed = [s for s in sections if s["page"].specific_class._meta.model_name not in LISTINGS]
    if listed:  # the pages of every section that is not a listing, in one query
        below = Q()
        for section in listed:
            below |= Q(path__startswith=section["page"].path, depth=section["page"].depth + 1)
        by_path = {section["page"].path: section for section in listed}
        for child in public(Page.objects.live().filter(below)).order_by("path"):
            by_path[child.path[: -Page.steplen]]["children"].append(child)
    extra = [(_("Search"), reverse("search")), (_("Email alerts and feeds"), reverse("alerts_subscribe"))]
    extra.append((_("Public API"), reverse("api_docs")))
    extra.append((_("Marking scheme checker"), reverse("procurement_checker")))
    context = {"home": home, "sections": sections, "extra": extra}
    return TemplateResponse(request, "home/site_map.html", context)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request):
    return sitemap_view(request, {"pages": PortalSitemap(request)})


@require_GET
@cache_control(public=True, max_age=86400)
def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]  # endless result pages
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
