from django.apps import AppConfig, apps
from django.db.models.signals import post_save


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Submissions: My InnoPortal's proposals, their vetting and status"

    def ready(self):
        from wagtail import signals

        from accounts import personal_data
        from catalogue.models import SolutionPage, TrialPage, WishPage
        from submissions import privacy, stages

        signals.task_approved.connect(stages.task_approved, dispatch_uid="submissions-task-approved")
        signals.workflow_rejected.connect(stages.workflow_rejected, dispatch_uid="submissions-rejected")
        signals.workflow_cancelled.connect(stages.workflow_cancelled, dispatch_uid="submissions-cancelled")
        for model in (WishPage, SolutionPage):
            signals.page_published.connect(
                stages.page_published, sender=model, dispatch_uid=f"submissions-published-{model.__name__}"
            )
        signals.page_published.connect(stages.wish_page_published, sender=WishPage, dispatch_uid="submissions-wish")
        signals.page_published.connect(stages.trial_page_published, sender=TrialPage, dispatch_uid="submissions-trial")
        if apps.is_installed("matching"):  # by label: matching knows nothing of submissions, nor they of it
            post_save.connect(stages.match_saved, sender="matching.Match", dispatch_uid="submissions-match")
        personal_data.register("submissions", privacy.export, privacy.forget)
