from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: F405
ALLOWED_HOSTS = ["*"]
