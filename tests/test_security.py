"""What a browser is told about the site (headers), what the production settings insist on, and where
a production error is written."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "innoportal.settings.production",
    "SECRET_KEY": "x7Qm2vT9pL4sW8nB1cR6yH3kJ5dF0gZ-aE7uI2oP9qX4wV6tN8mC1bS3lK5jH",
    "ALLOWED_HOSTS": "portal.example.gov.hk",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.gov.hk",
    "CACHE_URL": "redis://127.0.0.1:6379/15",
}


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "path",
    ["/en/", "/zh-hant/wishes/", "/en/search/?q=chiller", "/zh-hant/innozone/kiosk/", "/zh-hant/accounts/signup/"],
)
def test_public_pages_allow_nothing_inline_nothing_foreign_and_no_framing(client, zone, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    for kind in ("script-src", "style-src", "img-src", "connect-src"):
        assert "'unsafe-inline'" not in policy[kind] and "'unsafe-eval'" not in policy[kind]
        assert all(source in ("'self'", "data:") for source in policy[kind]), policy[kind]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff" and response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_admin_has_its_own_policy_still_without_foreign_origins(client, site_tree):
    response = client.get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's editor needs it
    assert policy["frame-ancestors"] == ["'self'"]
    sources = {source for values in policy.values() for source in values}
    assert not {source for source in sources if "://" in source or source.startswith("*")}


def production(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    environment.update({**PRODUCTION, **env})
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_the_production_settings_prints_no_warning():
    result = production("manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"CACHE_URL": None}, "Production needs a shared cache"),
        ({"WAGTAILADMIN_BASE_URL": None}, "WAGTAILADMIN_BASE_URL must be set"),
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(missing, message):
    result = production("manage.py", "check", **missing)
    assert result.returncode != 0 and message in result.stderr


def test_one_process_may_run_production_with_its_own_cache_when_it_says_so():
    assert production("manage.py", "check", CACHE_URL=None, ALLOW_PROCESS_CACHE="1").returncode == 0


def test_a_production_error_is_written_to_stderr_as_one_line_with_its_traceback(tmp_path):
    """The database file cannot be opened: the visitor gets the 500 page, the log gets the whole story."""
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client(raise_request_exception=False).get('/en/wishes/', secure=True,"
        " HTTP_HOST='portal.example.gov.hk')\n"
        "print(response.status_code, 'nothing of it was saved' in response.content.decode())\n"
    )
    result = production("-c", script, DATABASE_URL=f"sqlite:///{tmp_path}/missing/db.sqlite3")
    assert result.stdout.split() == ["500", "True"], result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1 and errors[0]["logger"] == "django.request"
    assert "/en/wishes/" in errors[0]["message"]
    assert "Traceback" in errors[0]["exc_info"] and "unable to open database file" in errors[0]["exc_info"]
