from django.apps import AppConfig


class InnoZoneConfig(AppConfig):
    name = "innozone"
    verbose_name = "InnoZone showroom and kiosk"
