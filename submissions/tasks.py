"""Background work of submissions: the author's email at every step."""

from django_tasks import task


@task()
def send_stage_email(change_id):
    from submissions.emails import send_stage_email as send
    from submissions.models import StageChange

    change = StageChange.objects.select_related("submission__submitter").filter(pk=change_id).first()
    if change and change.submission.submitter_id:
        send(change)
