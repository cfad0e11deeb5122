"""A person's submissions in their data export, and what deleting their account does to them.

Drafts never sent are theirs alone: they go, with their uploads. What was sent belongs to the
portal's record of their organisation: it stays, no longer linked to them.
"""

from django.db import transaction

from submissions.models import Submission


def export(user):
    def when(value):
        return value.isoformat() if value else None

    submissions = user.submissions.prefetch_related("texts", "attachments", "history").order_by("created_at")
    return [
        {
            "kind": s.kind,
            "stage": s.stage,
            "number": s.number,
            "started": when(s.created_at),
            "sent": when(s.submitted_at),
            "texts": {
                t.language: {
                    name: getattr(t, name)
                    for name in ("title", "summary", "description", "trial_needs", "service_need", "expected_outcome")
                    if getattr(t, name)
                }
                for t in s.texts.all()
            },
            "contact": {"name": s.contact_name, "email": s.contact_email, "telephone": s.contact_phone},
            "files": [a.name for a in s.attachments.all()],
            "history": [{"stage": c.stage, "date": when(c.at), "comment": c.comment} for c in s.history.all()],
        }
        for s in submissions
    ]


def forget(user):
    for submission in user.submissions.filter(stage=Submission.Stage.DRAFT, page__isnull=True):
        delete_draft(submission)


def delete_draft(submission):
    for attachment in submission.attachments.all():
        delete_attachment(attachment)
    submission.delete()


def delete_attachment(attachment):
    """The file goes once the deletion is committed: a rolled-back deletion keeps its upload."""
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))
