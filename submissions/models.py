"""Submissions from the public site: a provider's proposed solution or a department's wish, from its
first draft to publication and after.

A submission holds what its author wrote (in English, Chinese or both), the facts they chose, their
private contact details and their uploads. While it is a draft, only its author sees it. When it is
sent, it becomes a draft page of the catalogue in Wagtail's "Vetting" workflow: the panel and the Inno
Office vet the page as they vet any page, and the submission follows what happens to it (`stages`).

Why a record beside the page rather than the page alone: drafts that were never sent stay out of the
admin's page tree, the contact person and the documents under review never enter a page (or its
revisions, or the API), and the author keeps one place to read their status and reviewers' comments.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import AbstractGroupApprovalTask

LANGUAGES = [("en", _("In English")), ("zh-hant", _("In Chinese"))]


def private_storage():
    """Uploads under review are kept out of MEDIA_ROOT: no web server serves them, only our view does."""
    return storages["private"]


class Submission(models.Model):
    class Kind(models.TextChoices):
        SOLUTION = "solution", _("I&T solution")
        WISH = "wish", _("I&T wish")

    class Stage(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("submission stage", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("submission stage", "Submitted")
        UNDER_VETTING = "under-vetting", pgettext_lazy("submission stage", "Under vetting")
        CHANGES_REQUESTED = "changes-requested", pgettext_lazy("submission stage", "Changes requested")
        REJECTED = "rejected", pgettext_lazy("submission stage", "Rejected")
        PUBLISHED = "published", pgettext_lazy("submission stage", "Published")
        MATCHED = "matched", pgettext_lazy("submission stage", "Matched")
        IN_TRIAL = "in-trial", pgettext_lazy("submission stage", "In trial")
        REPORT_PUBLISHED = "report-published", pgettext_lazy("submission stage", "Report published")

    EDITABLE = (Stage.DRAFT, Stage.CHANGES_REQUESTED)

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    language = models.CharField(_("language for emails"), max_length=12, choices=settings.LANGUAGES, default="en")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    categories = models.ManyToManyField(
        "catalogue.TechnologyCategory", verbose_name=_("technology categories"), blank=True, related_name="+"
    )
    trl = models.PositiveSmallIntegerField(_("technology readiness level"), null=True, blank=True)
    wishes = models.ManyToManyField(
        "catalogue.Wish", verbose_name=_("wishes it answers"), blank=True, related_name="submissions"
    )
    deadline = models.DateField(_("deadline for proposals"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The catalogue page made when the submission was first sent, in its first language."),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("first sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title or _("Untitled draft")

    @property
    def title(self):
        texts = self.text_by_language()
        text = texts.get(self.language) or next(iter(texts.values()), None)
        return text.title if text else ""

    def text_by_language(self):
        """The texts written, by language, in the site's order (English first)."""
        texts = {text.language: text for text in self.texts.all() if text.title}
        return {code: texts[code] for code, _label in LANGUAGES if code in texts}

    def last_change(self):
        """The latest step of the history (from the prefetched history when there is one)."""
        changes = list(self.history.all())
        return changes[-1] if changes else None

    @property
    def is_editable(self):
        return self.stage in self.EDITABLE

    @property
    def item(self):
        if "_item" not in self.__dict__:
            self._item = self.page.specific.item if self.page_id else None
        return self._item

    @classmethod
    def with_items(cls, submissions):
        """Ready the items (and so the numbers) of a list of submissions: a query per kind, not two per row."""
        from catalogue.models import SolutionPage, WishPage

        submissions = list(submissions)
        for kind, page_model in ((cls.Kind.WISH, WishPage), (cls.Kind.SOLUTION, SolutionPage)):
            ids = [s.page_id for s in submissions if s.kind == kind and s.page_id]
            items = dict(page_model.objects.filter(pk__in=ids).values_list("pk", "item")) if ids else {}
            found = {i.pk: i for i in page_model.item_model().objects.filter(pk__in=items.values())}
            for s in submissions:
                if s.kind == kind:
                    s._item = found.get(items.get(s.page_id))
        return submissions

    @property
    def number(self):
        item = self.item
        return item.number if item else None

    def get_absolute_url(self):
        return reverse("submission_detail", args=[self.pk])


class SubmissionText(models.Model):
    """What the author wrote in one language."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=12, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    trial_needs = models.TextField(_("what a trial needs"), max_length=4000, blank=True)
    service_need = models.TextField(_("service need"), max_length=10_000, blank=True)
    expected_outcome = models.TextField(_("expected outcome"), max_length=4000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "language"], name="one_text_per_language")]

    def __str__(self):
        return self.title


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("PDF document")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(storage=private_storage, upload_to="submissions/%Y/%m/", max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("submission_attachment", args=[self.submission_id, self.pk])


class StageChange(models.Model):
    """One step of a submission's history, with the reviewers' comment when there is one."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
    stage = models.CharField(_("stage"), max_length=20, choices=Submission.Stage.choices)
    comment = models.TextField(pgettext_lazy("reviewers", "comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} {self.at:%Y-%m-%d}"


class VettingTask(AbstractGroupApprovalTask):
    """A step of the "Vetting" workflow: Wagtail's group approval (approve, or request changes with
    comments the author reads) and one more action, rejecting the submission outright with a reason,
    which ends the workflow for good."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Reject"), True))
        return actions

    def get_form_for_action(self, action):
        if action == "decline":
            from submissions.forms import ReasonForm

            return ReasonForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            # Recorded as this task's rejection, then the workflow is cancelled: `stages` reads the
            # pair as a final rejection, where a rejection alone (Wagtail's) asks for changes.
            task_state.reject(user=user, update=False, comment=kwargs.get("comment", ""))
            task_state.workflow_state.cancel(user=user)
        else:
            super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, ask for changes or reject submissions")

    class Meta:
        verbose_name = _("vetting task")
        verbose_name_plural = _("vetting tasks")
