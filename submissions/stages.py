"""The life of a submission: saved as a draft, sent for vetting, vetted through Wagtail's "Vetting"
workflow, published, then matched, trialled and reported on. Each step is recorded with its date (and
the reviewer's comment) and emailed to the author in their language.

The workflow is Wagtail's own: reviewers act on the submission's page in the admin, and Wagtail's
signals tell us what they did. A rejection by Wagtail's "Request changes" asks the author for changes;
the vetting task's "Reject" ends the submission for good (`VettingTask`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from innoportal.tasks import enqueue_with_transaction
from submissions import pages
from submissions.models import StageChange, Submission

Stage = Submission.Stage
ORDER = list(Stage.values)
WORKFLOW_NAME = "Vetting"


class CannotSend(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def record(submission, stage, by=None, comment=""):
    """Move the submission to `stage`, keep it in the history and email the author."""
    submission.stage = stage
    submission.save(update_fields=["stage", "updated_at"])
    change = StageChange.objects.create(submission=submission, stage=stage, by=by, comment=comment)
    if submission.submitter_id:
        from submissions.tasks import send_stage_email

        enqueue_with_transaction(send_stage_email, change.pk)
    return change


def saved_as_draft(submission, user):
    """The first save of a draft is recorded, and the author emailed the link to come back to it."""
    if not submission.history.exists():
        record(submission, Stage.DRAFT, by=user)


def vetting_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME, active=True)


@transaction.atomic
def send_for_vetting(submission, user):
    """Make or rewrite the submission's pages and start (or resume) their vetting."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_editable:
        raise CannotSend(_("This submission is with the reviewers already."))
    if not user.is_verified_member:
        raise CannotSend(_("You can send submissions once the Inno Office has confirmed your organisation."))
    if submission.kind == Submission.Kind.WISH and not user.is_department_user:
        raise CannotSend(_("Only staff of government departments and public bodies can send wishes."))
    submission.organisation = user.organisation
    submission.submitted_at = submission.submitted_at or timezone.now()
    submission.save(update_fields=["organisation", "submitted_at"])
    try:
        page = pages.write(submission, user)
    except pages.NoSection:
        raise CannotSend(_("The portal cannot take submissions in this language at the moment.")) from None
    leave_emails_to_us(user)
    state = (
        WorkflowState.objects.active()
        .filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk))
        .first()
    )
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is None:
        vetting_workflow().start(page, user)
    record(submission, Stage.SUBMITTED, by=user)
    return submission


def leave_emails_to_us(user):
    """Wagtail emails a workflow's requester in the admin's words, with admin links; a public author
    gets ours instead, in their language. (Admin users keep their own notification settings.)"""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    profile.submitted_notifications = profile.approved_notifications = profile.rejected_notifications = False
    profile.updated_comments_notifications = False
    profile.save()


def submission_of(workflow_state):
    """The submission a state of the Vetting workflow is vetting; None for any other workflow (an
    editor's later edit of the published page moderated as any page is) or once it is published."""
    page_id = workflow_state.object_id
    if not page_id.isdigit() or workflow_state.workflow.name != WORKFLOW_NAME:
        return None
    submission = Submission.objects.filter(page_id=page_id).first()
    if submission is None or ORDER.index(submission.stage) >= ORDER.index(Stage.PUBLISHED):
        return None
    return submission


# Wagtail's workflow signals


def task_approved(sender, instance, user=None, **kwargs):
    """A step passed with more to come: technical vetting done, the Inno Office has it."""
    workflow_state = WorkflowState.objects.get(pk=instance.workflow_state_id)  # not a copy loaded before
    submission = submission_of(workflow_state)
    if submission and submission.stage == Stage.SUBMITTED and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        record(submission, Stage.UNDER_VETTING, by=user, comment=instance.comment)


def workflow_rejected(sender, instance, user=None, **kwargs):
    submission = submission_of(instance)
    if submission:
        record(submission, Stage.CHANGES_REQUESTED, by=user, comment=instance.current_task_state.comment)


def workflow_cancelled(sender, instance, user=None, **kwargs):
    """Cancelled after the task's "Reject": rejected. Cancelled otherwise (an editor stopped the
    vetting): back to the author, who may change it and send it again."""
    submission = submission_of(instance)
    if submission is None:
        return  # also when Wagtail cancels the workflow of a page an editor published directly
    task_state = instance.current_task_state
    if task_state and task_state.status == TaskState.STATUS_REJECTED:
        record(submission, Stage.REJECTED, by=user, comment=task_state.comment)
    else:
        record(submission, Stage.CHANGES_REQUESTED, by=user)


def page_published(sender, instance, revision=None, **kwargs):
    """The vetted page went live: its other language goes live with it, or is queued for translation."""
    submission = Submission.objects.filter(page_id=instance.pk).first()
    if submission is None or ORDER.index(submission.stage) >= ORDER.index(Stage.PUBLISHED):
        return
    record(submission, Stage.PUBLISHED, comment=instance.item.number or "")
    if instance.workflow_in_progress:
        # An editor published it directly, without the workflow's end: it gets what that end gives.
        pages.prepare_publication(submission, user=None)
        instance.revisions.order_by("-created_at", "-pk").first().publish(skip_permission_checks=True)
    for page in pages.pages_of(submission)[1:]:  # vetted with it, published with it
        page.get_latest_revision().publish(user=revision.user if revision else None, skip_permission_checks=True)
    queue_translations(instance, submission)


def queue_translations(page, submission):
    """Languages the author did not write in get a draft translation for the portal's translators
    (wagtail-localize), holding the author's text until translated; it goes live when they publish it."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    missing = Locale.objects.exclude(language_code__in=submission.text_by_language())
    if not missing.exists():
        return
    source, _created = TranslationSource.get_or_create_from_instance(page)
    for locale in missing:
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        translation.save_target(user=None, publish=False)


def follow_item(item, stage):
    """A later step of the loop (matched, in trial, report published) for the submissions of `item`;
    a submission never goes back."""
    for submission in submissions_of_item(item):
        if ORDER.index(submission.stage) < ORDER.index(stage):
            record(submission, stage)


def submissions_of_item(item):
    """Published submissions of the item: one still being vetted is not matched or trialled."""
    page_ids = item.pages.values("pk")
    later = ORDER[ORDER.index(Stage.PUBLISHED) :]
    return Submission.objects.filter(page_id__in=page_ids, stage__in=later)


def match_saved(sender, instance, **kwargs):
    """The Inno Office confirmed a match: the wish's and the solution's submissions are matched."""
    if instance.decision == "confirmed":
        follow_item(instance.wish, Stage.MATCHED)
        follow_item(instance.solution, Stage.MATCHED)


def wish_page_published(sender, instance, **kwargs):
    if instance.item.status == instance.item.Status.MATCHED:
        follow_item(instance.item, Stage.MATCHED)


def trial_page_published(sender, instance, **kwargs):
    trial = instance.item
    if instance.has_report:
        stage = Stage.REPORT_PUBLISHED
    elif trial.status == trial.Status.PLANNED:
        stage = Stage.MATCHED
    else:
        stage = Stage.IN_TRIAL
    follow_item(trial.wish, stage)
    follow_item(trial.solution, stage)
