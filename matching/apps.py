from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching: suggestions and editors' decisions on wishes and solutions"

    def ready(self):
        from wagtail.signals import page_published

        from catalogue.models import WishPage
        from matching import tasks

        page_published.connect(tasks.wish_published, sender=WishPage, dispatch_uid="matching-wish-published")
