from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Readable logs on a developer's terminal, still one line per event.
LOGGING["formatters"]["line"] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}  # noqa: F405
