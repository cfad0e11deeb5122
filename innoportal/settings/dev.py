from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Readable logs on a developer's terminal, still one line per event.
LOGGING["formatters"]["line"] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}  # noqa: F405
# The task worker logs every task it runs at INFO; `make run` starts it with TASK_LOG_LEVEL=WARNING, so
# that only warnings and failed tasks show and the demo's hundreds of queued tasks do not push the demo
# logins off the screen.
LOGGING["handlers"]["tasks"] = {  # noqa: F405
    "class": "logging.StreamHandler",
    "formatter": "line",
    "level": env("TASK_LOG_LEVEL", "NOTSET"),  # noqa: F405
}
LOGGING["loggers"]["django_tasks"] = {"handlers": ["tasks"], "propagate": False}  # noqa: F405
