"""/healthz and /readyz, answered before any other middleware (see the package's docstring)."""

from django.http import HttpResponse, JsonResponse

from health import checks

PATHS = ("/healthz", "/readyz")


def _never_kept(response):
    response["Cache-Control"] = "no-store"
    # Django logs every answer of 400 or more (django.request); a failing part is logged once by
    # health.checks when it starts failing, not at every probe.
    response._has_been_logged = True
    return response


class HealthChecks:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path not in PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if path == "/healthz":
            return _never_kept(HttpResponse("ok\n", content_type="text/plain"))
        results, failing = checks.run()
        body = {"status": "failing" if failing else "ok", **results}
        if failing:
            body["failing"] = failing
        return _never_kept(JsonResponse(body, status=503 if failing else 200))
