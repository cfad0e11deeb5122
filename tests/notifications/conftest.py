import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The per-address rate limit lives in the (local memory) cache, shared by every test of the process.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run `action` and then what its commit sets off: the alert tasks (immediate in tests)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def smtp_server(settings):
    """A real local SMTP server that the site sends to, instead of Django's in-memory outbox."""
    from tests.notifications.mailserver import MailServer

    with MailServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        yield server
