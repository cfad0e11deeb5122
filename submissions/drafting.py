"""Checking and saving what an author wrote: the forms' own checks, completeness when sending, and
the submission, its texts and its uploads saved together. The form view and the demo use it."""

import uuid

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from innoportal.languages import content_language
from submissions import privacy, stages
from submissions.models import Attachment


def check(user, facts_form, text_forms, sending):
    """Each form's own checks, then, to send, completeness. True when nothing is wrong."""
    checked = [form.is_valid() for form in [facts_form, *text_forms]]  # every form, for every error
    if False in checked:
        return False
    started = [f for f in text_forms if f.is_started()]
    titled = [f for f in started if f.cleaned_data.get("title", "").strip()]
    if not titled:
        here = next((f for f in text_forms if f.language == content_language()), text_forms[0])
        here.add_error("title", _("Write a title in English, Chinese or both."))
    vetted = facts_form.instance.page.locale.language_code if facts_form.instance.page_id else None
    for f in text_forms:
        if f.language == vetted and not f.is_started():
            # Its page is the one under vetting: it can change, not go.
            f.add_error("title", _("The reviewers have this language already: change it, but do not empty it."))
    if sending:
        for f in started:
            f.check_complete()
        facts_form.check_complete()
        if not user.is_verified_member:
            facts_form.add_error(
                None, _("You can send submissions once the Inno Office has confirmed your organisation.")
            )
    return not any(f.errors for f in [facts_form, *text_forms])


@transaction.atomic
def save(user, submission, facts_form, text_forms):
    submission = facts_form.save(commit=False)
    submission.submitter = user
    submission.language = get_language()
    if user.organisation_id:
        submission.organisation = user.organisation
    submission.save()
    facts_form.save_m2m()
    for text_form in text_forms:
        text = text_form.save(commit=False)
        text.submission = submission
        text.language = text_form.language
        if text_form.is_started() or text.pk:
            text.save()
    data = facts_form.cleaned_data
    for attachment in data.get("remove") or []:
        privacy.delete_attachment(attachment)
    for kind, name in ((Attachment.Kind.PHOTO, "photos"), (Attachment.Kind.DOCUMENT, "documents")):
        for upload in data.get(name) or []:
            original = upload.name[:200]
            # Stored under a name of our making, whose extension is the format the file was checked to be:
            # the author's file name never decides how the file is served.
            upload.name = f"{uuid.uuid4().hex}.{upload.safe_extension}"
            Attachment.objects.create(submission=submission, kind=kind, file=upload, name=original, size=upload.size)
    stages.saved_as_draft(submission, user)
    return submission
