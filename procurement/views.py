"""/<lang>/procurement/checker/ (a marking scheme against the pro-innovation rules) and
/<lang>/procurement/scoring/ (tenders' combined scores). Both work without an account and keep
everything in the address (GET forms), so a result can be shared, bookmarked and printed."""

import csv
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from opendata.columns import TEXT, csv_value
from procurement import forms, presentation, rules
from procurement.models import ProcurementRules

SPARE_ROWS = 3


def _settings(request):
    return ProcurementRules.load(request_or_site=request)


def _scheme(form, formset):
    data = form.cleaned_data
    criteria = [rules.Criterion(r["name"].strip(), r["marks"], r["kind"]) for r in formset.rows()]
    return rules.Scheme(data["technical_weight"], data["price_weight"], criteria, data.get("experience_essential"))


def _submitted(request, field="technical_weight"):
    return field in request.GET or "c-TOTAL_FORMS" in request.GET or "t-TOTAL_FORMS" in request.GET


def _more(request, rows):
    return min(forms.MAX_ROWS, len(rows) + (5 if "more" in request.GET else SPARE_ROWS))


def scheme_query(data, rows):
    """The checker's address for a scheme: what its GET form would send."""
    query = {
        "technical_weight": rules.tidy(data["technical_weight"]),
        "price_weight": rules.tidy(data["price_weight"]),
        "c-TOTAL_FORMS": len(rows),
        "c-INITIAL_FORMS": 0,
    }
    if data.get("subject"):
        query["subject"] = data["subject"]
    if data.get("experience_essential"):
        query["experience_essential"] = "on"
    for i, row in enumerate(rows):
        query |= {f"c-{i}-name": row["name"], f"c-{i}-marks": rules.tidy(row["marks"]), f"c-{i}-kind": row["kind"]}
    return urlencode(query)


@require_http_methods(["GET", "HEAD", "POST"])
def checker(request):
    setting = _settings(request)
    context = {
        "setting": setting,
        "limits": setting.limits,
        "max_rows": forms.MAX_ROWS,
        "csv_columns": forms.CSV_COLUMNS,
        "max_marks": rules.tidy(forms.MAX_MARKS),
    }
    upload = forms.UploadForm(auto_id="upload_%s")
    status = 200
    if request.method == "POST":  # a CSV: read, then shown as the address of its scheme
        upload = forms.UploadForm(request.POST, request.FILES, auto_id="upload_%s")
        if upload.is_valid():
            query = scheme_query(upload.cleaned_data, upload.cleaned_data["csv_file"])
            return redirect(f"{reverse('procurement_checker')}?{query}")
        status = 400
    if request.method == "GET" and _submitted(request):
        form, formset = forms.SchemeForm(request.GET), forms.criteria_formset(request.GET)
        if form.is_valid() and formset.is_valid():
            findings = rules.check(_scheme(form, formset), setting.limits)
            context["findings"] = [presentation.finding_context(f) for f in findings]
            context["complies"] = rules.complies(findings)
            context["total_marks"] = rules.tidy(_scheme(form, formset).marks())
            context["finder_query"] = urlencode({"subject": form.cleaned_data["subject"]})
            rows = formset.rows()
            formset = forms.criteria_formset(initial=rows, extra=_more(request, rows))
        else:
            status = 400
    else:
        form, formset = forms.SchemeForm(), forms.criteria_formset()
    context |= {"form": form, "formset": formset, "upload": upload}
    return TemplateResponse(request, "procurement/checker.html", context, status=status)


@require_GET
def scoring(request):
    setting = _settings(request)
    context = {"setting": setting, "limits": setting.limits, "max_rows": forms.MAX_ROWS}
    status = 200
    if _submitted(request):
        form, formset = forms.ScoringForm(request.GET), forms.tenders_formset(request.GET)
        if form.is_valid() and formset.is_valid():
            data, tenders = form.cleaned_data, formset.rows()
            scored = rules.score(
                [rules.Tender(t["name"].strip(), t["technical"], t["price"]) for t in tenders],
                data["technical_weight"],
                data["price_weight"],
                data["passing_mark"],
            )
            rows = presentation.scoring_rows(scored)
            if request.GET.get("format") == "csv":
                return _csv(rows, data)
            limits = setting.limits
            context |= {
                "rows": rows,
                "ratio": rules.ratio(data["technical_weight"], data["price_weight"]),
                "passing_mark": rules.tidy(data["passing_mark"]),
                "outside_range": not (
                    limits.technical_weight_min <= data["technical_weight"] <= limits.technical_weight_max
                ),
                "csv_query": request.GET.urlencode() + "&format=csv",
            }
            formset = forms.tenders_formset(initial=tenders, extra=_more(request, tenders))
        else:
            status = 400
    else:
        form, formset = forms.ScoringForm(), forms.tenders_formset()
    context |= {"form": form, "formset": formset}
    return TemplateResponse(request, "procurement/scoring.html", context, status=status)


def _cell(value):
    """A value for a spreadsheet, escaped as the open data files are: text Excel would run as a formula
    (starting with =, +, -, @, a tab or a carriage return) is kept as text."""
    return csv_value(str(value), TEXT)


def _csv(rows, data):
    """The scores as a CSV file, each line with the weights and the passing mark they were worked out with."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tender-scores.csv"'
    response.write("\ufeff")  # the BOM: Excel then reads the Chinese names as UTF-8
    writer = csv.writer(response)
    writer.writerow(presentation.scoring_csv_header())
    scheme = [rules.tidy(data[name]) for name in ("technical_weight", "price_weight", "passing_mark")]
    for row in rows:
        writer.writerow([_cell(value) for value in presentation.scoring_csv_row(row) + scheme])
    return response
