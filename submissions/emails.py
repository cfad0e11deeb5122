"""The author's emails: one per step of their submission, in the language they last used."""

from innoportal.mail import send_templated_mail


def send_stage_email(change):
    submission = change.submission
    context = {"submission": submission, "change": change, "number": submission.number}
    send_templated_mail("submissions/email/stage", context, submission.submitter.email, submission.language)
