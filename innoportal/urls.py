from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from apidocs import views as api_docs
from home import sitemap as sitemaps
from innodays import views as event_views
from innoportal.api import api_router
from matching import reports as report_views
from opendata import urls as opendata_urls
from portal_statistics import views as statistics_views
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/schema/", api_docs.schema, name="api_schema"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/suggest/", search_views.suggest_api, name="search_suggest_api"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("innodays.ics", event_views.calendar_feed, name="innodays_calendar"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("api/<path:rest>", api_docs.not_found),  # after every endpoint: what none of them answered
    path("open-data/", include(opendata_urls.files)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # The uploaded files from MEDIA_ROOT, for a caching proxy in front that keeps them (the stack's
    # Varnish, deploy/); a production site serves them from its web server or object storage.
    # Pictures only: documents go through Wagtail's document view, which applies their collections'
    # privacy (a file under /media/documents/ served as it is would skip it).
    from django.views.static import serve as serve_file

    pictures = rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?:original_images|images)/.+)$"
    urlpatterns.append(re_path(pictures, serve_file, {"document_root": settings.MEDIA_ROOT}))

# Public pages live under /en/ and /zh-hant/; "/" redirects by Accept-Language (LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("site-map/", sitemaps.site_map, name="site_map"),
    path("api-docs/", api_docs.documentation, name="api_docs"),
    path("reports/", report_views.reports, name="reports"),
    path("open-data/", include(opendata_urls.pages)),
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("procurement/", include("procurement.urls")),
    path("accounts/", include("allauth.urls")),
    path("my/organisation/", account_views.my_organisation, name="my_organisation"),
    path("my/organisation/join/<str:token>/", account_views.join, name="organisation_join"),
    path("my/account/", account_views.my_account, name="my_account"),
    path("my/account/export/", account_views.export_my_data, name="my_account_export"),
    path("my/submissions/", include("submissions.urls")),
    path("innodays/cancel/<str:token>/", event_views.cancel, name="innoday_cancel"),
    path("innodays/register/<uuid:event_key>/", event_views.register, name="innoday_register"),
    path("", include("notifications.urls")),
    path("", include("innoportal.routing")),  # Wagtail's pages, found in fewer queries
    prefix_default_language=True,
)
