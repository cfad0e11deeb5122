from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching: suggestions and editors' decisions on wishes and solutions"

    def ready(self):
        from django.db.models.signals import post_save, pre_save
        from wagtail.signals import page_published

        from catalogue.models import Trial, WishPage
        from matching import tasks, trials

        page_published.connect(tasks.wish_published, sender=WishPage, dispatch_uid="matching-wish-published")
        pre_save.connect(trials.planned_end_before, sender=Trial, dispatch_uid="matching-trial-before")
        post_save.connect(trials.trial_saved, sender=Trial, dispatch_uid="matching-trial-saved")
