"""My InnoPortal's submissions: my list, the forms, a submission's status, its private files.

A submission is its author's alone: another user asking for it gets "not found", as for anything
that does not exist. Its files are also open to the reviewers in the admin.
"""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from innoportal.ratelimit import allow
from submissions import drafting, privacy, stages
from submissions.forms import FactsForm, TextForm
from submissions.models import LANGUAGES, Attachment, Submission, SubmissionText

Kind = Submission.Kind


def own(request, pk):
    queryset = Submission.objects.filter(submitter=request.user).prefetch_related("texts", "attachments")
    return get_object_or_404(queryset, pk=pk)


def may_review(user, submission):
    """Reviewers (admin access and the right to see submissions) see what was sent, never a draft."""
    reviewer = user.has_perm("wagtailadmin.access_admin") and user.has_perm("submissions.view_submission")
    return user.is_active and reviewer and submission.submitted_at is not None


@login_required
@require_GET
def my_submissions(request):
    submissions = Submission.with_items(
        Submission.objects.filter(submitter=request.user).prefetch_related("texts", "history").order_by("-updated_at")
    )
    context = {"submissions": submissions, "proposals": proposals_for_my_wishes(request.user)}
    return TemplateResponse(request, "submissions/my_submissions.html", context)


def proposals_for_my_wishes(user):
    """Live solutions proposed for the live wishes of the user's department, in the page's language."""
    if not user.is_department_user:
        return []
    from wagtail.models import Locale

    from catalogue.models import SolutionPage, WishPage

    locale = Locale.get_active()
    wishes = WishPage.objects.live().filter(locale=locale, item__organisation=user.organisation_id)
    result = []
    for wish in wishes.select_related("item").order_by("-item__published_on"):
        solutions = SolutionPage.objects.live().public().filter(locale=locale, item__applicable_to=wish.item_id)
        result.append((wish, list(solutions.select_related("item"))))
    return result


@login_required
@require_http_methods(["GET", "POST"])
def new_submission(request, kind):
    if kind not in Kind.values:
        raise Http404
    if kind == Kind.WISH and not request.user.is_department_user:
        return TemplateResponse(request, "submissions/wishes_for_departments.html", status=403)
    submission = Submission(kind=kind, submitter=request.user)
    initial_wishes = None
    if kind == Kind.SOLUTION and request.GET.get("wish"):
        initial_wishes = request.GET.getlist("wish")
    return edit_form(request, submission, initial_wishes)


@login_required
@require_http_methods(["GET", "POST"])
def edit_submission(request, pk):
    submission = own(request, pk)
    if not submission.is_editable:
        messages.info(request, _("This submission is with the reviewers: you can change it if they ask you to."))
        return redirect(submission)
    return edit_form(request, submission)


def edit_form(request, submission, initial_wishes=None):
    post = request.method == "POST"
    kind = submission.kind
    texts = {t.language: t for t in submission.texts.all()} if submission.pk else {}
    text_forms = [
        TextForm(
            request.POST if post else None,
            instance=texts.get(code) or SubmissionText(language=code),
            kind=kind,
            language=code,
        )
        for code, _label in LANGUAGES
    ]
    facts_form = FactsForm(
        request.POST if post else None, request.FILES if post else None, instance=submission, kind=kind
    )
    if initial_wishes and "wishes" in facts_form.fields:
        chosen = facts_form.fields["wishes"].queryset.filter(key__in=initial_wishes)
        facts_form.initial["wishes"] = list(chosen)
    if post:
        sending = "send" in request.POST
        if not allow(request, "submission-save", settings.SUBMISSIONS_RATE_LIMIT):
            facts_form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
        elif drafting.check(request.user, facts_form, text_forms, sending):
            submission = drafting.save(request.user, submission, facts_form, text_forms)
            if not sending:
                messages.success(request, _("Your draft is saved. We have emailed you a link to come back to it."))
                return redirect("submission_edit", pk=submission.pk)
            try:
                stages.send_for_vetting(submission, request.user)
            except stages.CannotSend as refusal:
                messages.error(request, refusal.message)
                return redirect("submission_edit", pk=submission.pk)
            messages.success(request, _("Thank you: your submission is sent for vetting. We email you at every step."))
            return redirect(submission)
    context = {
        "submission": submission,
        "text_forms": text_forms,
        "form": facts_form,
        "forms": [facts_form, *text_forms],
        "has_errors": any(f.errors for f in [facts_form, *text_forms]),
    }
    status = 400 if context["has_errors"] else 200
    return TemplateResponse(request, "submissions/form.html", context, status=status)


@login_required
@require_GET
def submission_detail(request, pk):
    submission = own(request, pk)
    context = {"submission": submission, "history": submission.history.all(), "texts": submission.text_by_language()}
    return TemplateResponse(request, "submissions/submission_detail.html", context)


@login_required
@require_http_methods(["POST"])
def delete_draft(request, pk):
    submission = own(request, pk)
    if submission.stage != Submission.Stage.DRAFT or submission.page_id:
        messages.error(request, _("Only a draft never sent can be deleted."))
        return redirect(submission)
    with transaction.atomic():
        privacy.delete_draft(submission)
    messages.success(request, _("Your draft is deleted."))
    return redirect("my_submissions")


@login_required
@require_GET
def attachment(request, pk, attachment_pk):
    """A file under review: to its author and to the reviewers, never cached on the way."""
    queryset = Attachment.objects.select_related("submission")
    found = get_object_or_404(queryset, pk=attachment_pk, submission_id=pk)
    if found.submission.submitter_id != request.user.pk and not may_review(request.user, found.submission):
        raise Http404
    content_type = mimetypes.guess_type(found.file.name)[0] or "application/octet-stream"
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=found.kind == Attachment.Kind.DOCUMENT,
        filename=found.name,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
