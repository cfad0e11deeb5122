from django.apps import AppConfig


class InnoPortalConfig(AppConfig):
    name = "innoportal"
    verbose_name = "InnoPortal site"
