"""The open data page, its data dictionary, and the files.

Files have stable addresses outside the language prefixes, named by dataset, language and format:
/open-data/wishes.en.csv, /open-data/wishes.zh-hant.json, /open-data/wishes.zh-hans.csv (converted
from Traditional Chinese), and /open-data/wishes.csv (bilingual: one record per item, per-language
columns twice, `_en` and `_zh_hant`). Anything else under /open-data/ is a 404.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from innoportal.languages import hreflang

from . import exporter, store
from .columns import BILINGUAL, KINDS
from .datasets import DATASETS
from .sources import locale

FILE_NAME = re.compile(r"(?P<dataset>[a-z-]+?)(?:\.(?P<language>en|zh-hant|zh-hans))?\.(?P<format>csv|json)")
LANGUAGES = ["en", "zh-hant", "zh-hans", None]  # None: bilingual
LICENCE = {
    # Translators: Creative Commons' own name for it in Traditional Chinese: 創用CC 姓名標示 4.0 國際 (CC BY 4.0).
    "name": _("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
    # The licence deed in the page's language: Creative Commons has one in each of the site's languages.
    "deeds": {"en": "deed.en", "zh-hant": "deed.zh-hant", "zh-hans": "deed.zh-hans"},
}


def file_name(dataset, language, file_format):
    return f"{dataset.slug}.{language}.{file_format}" if language else f"{dataset.slug}.{file_format}"


def _counts():
    """{dataset: {language or "bilingual": records}}, counted once per version."""
    locales = {code: locale(code) for code in ("en", "zh-hant")}
    counts = {}
    for slug, dataset in DATASETS.items():
        per_language = {code: dataset.count(found) if found else 0 for code, found in locales.items()}
        counts[slug] = {**per_language, "zh-hans": per_language["zh-hant"], "bilingual": dataset.count(None)}
    return counts


def _language_name(code):
    if code is None:
        return _("Bilingual (English and Traditional Chinese)")
    return dict(settings.LANGUAGES)[code]


@require_safe
def index(request):
    version = store.current()
    counts = store.remembered(version, "counts", _counts)
    datasets = []
    for slug, dataset in DATASETS.items():
        files = []
        for code in LANGUAGES:
            links = []
            for file_format in exporter.FORMATS:
                name = file_name(dataset, code, file_format)
                url = reverse("opendata_file", args=[name])
                links.append({"format": file_format.upper(), "url": url, "size": store.kept_size(version, name)})
            files.append(
                {
                    "code": code,
                    "language": _language_name(code),
                    "records": counts[slug][code or "bilingual"],
                    "links": links,
                }
            )
        datasets.append({"dataset": dataset, "files": files})
    context = {"datasets": datasets, "updated": version.updated, "licence": _licence()}
    return TemplateResponse(request, "opendata/index.html", context)


def _licence():
    code = get_language() if get_language() in LICENCE["deeds"] else "en"
    return {"name": LICENCE["name"], "url": LICENCE["url"] + LICENCE["deeds"][code], "hreflang": hreflang(code)}


@require_safe
def dictionary(request):
    datasets = [
        {
            "dataset": dataset,
            "columns": [
                {"column": column, "names": column.names(bilingual=True), "kind": KINDS[column.kind]}
                for column in dataset.columns
            ],
        }
        for dataset in DATASETS.values()
    ]
    return TemplateResponse(request, "opendata/dictionary.html", {"datasets": datasets})


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_safe
def download(request, name):
    match = FILE_NAME.fullmatch(name)
    dataset = DATASETS.get(match["dataset"]) if match else None
    if dataset is None:
        raise Http404
    language, file_format = match["language"], match["format"]
    version = store.current()
    etag = quote_etag(f"{version.token}-{name}")
    response = get_conditional_response(request, etag=etag, last_modified=version.timestamp)
    if response is None and request.method == "HEAD":
        response = HttpResponse()
        size = store.kept_size(version, name)
        if size is not None:
            response["Content-Length"] = str(size)
    elif response is None:
        response = store.response(version, name, lambda: exporter.pieces(dataset, language, file_format))
    response["Content-Type"] = exporter.FORMATS[file_format]
    disposition = "attachment" if file_format == "csv" else "inline"  # JSON reads in the browser too
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.timestamp)
    response["Content-Language"] = hreflang(language) if language else ", ".join(map(hreflang, BILINGUAL))
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site's scripts may read it
    # Browsers and proxies check each time (a 304 while nothing was published).
    patch_cache_control(response, public=True, max_age=0)
    return response
