from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class InnoPortalConfig(AppConfig):
    name = "innoportal"
    verbose_name = "InnoPortal site"

    def ready(self):
        # Each app says which pictures its pages show in its `pictures` module; publishing a page
        # makes their renditions in the background (innoportal.pictures, innoportal.renditions).
        autodiscover_modules("pictures")
        from innoportal import renditions

        renditions.connect()
