from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data: the published catalogue as CSV and JSON files"

    def ready(self):
        from opendata import refresh

        refresh.connect()
