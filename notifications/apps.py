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
        for label, handler in handlers:
            app_label = label.split(".")[0]
            if apps.is_installed(app_label):
                model = apps.get_model(label)
                page_published.connect(handler, sender=model, weak=False, dispatch_uid=f"alerts-{label}")
