"""What happens when a page's workflow is approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`).

For a submission's page: it is dated today and given its photos and documents, then published on
the authority of the workflow's approval. Any other page is published as Wagtail publishes it.
Imports stay inside the function: Wagtail reads this setting while its own models are being defined.
"""


def publish_when_vetted(workflow_state, user=None):
    from wagtail.workflows import publish_workflow_state

    from submissions import pages
    from submissions.models import StageChange, Submission
    from submissions.stages import submission_of

    submission = submission_of(workflow_state)  # the Vetting workflow of a submission not yet published
    if submission is None:
        return publish_workflow_state(workflow_state, user=user)
    pages.prepare_publication(submission, user)
    # The Inno Office's approval, as the workflow's last step, is what entitles publication: its
    # members need no publishing rights over the whole section, so none are checked.
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
    # The history's "published" step is the approver's (Wagtail's signal does not say who published).
    StageChange.objects.filter(submission=submission, stage=Submission.Stage.PUBLISHED, by=None).update(by=user)
