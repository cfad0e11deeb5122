from django.apps import AppConfig, apps


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Alerts: subscriptions, notification of new wishes, feeds"

    def ready(self):
        from wagtail.signals import page_published

        from notifications import announcements

        # By model label: the catalogue and events know nothing of alerts; alerts listen to them.
        handlers = [
            ("catalogue.WishPage", announcements.wish_published),
            ("catalogue.TrialPage", announcements.trial_published),
            ("events.InnoDayPage", announcements.innoday_published),
        ]
        installed = {config.label for config in apps.get_app_configs()}
        for label, handler in handlers:
            if label.split(".")[0] in installed:  # by app label (the InnoDays app's package is `innodays`)
                model = apps.get_model(label)
                page_published.connect(handler, sender=model, weak=False, dispatch_uid=f"alerts-{label}")
