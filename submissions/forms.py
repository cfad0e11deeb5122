"""The submission forms of My InnoPortal: what the author writes in each language, the facts they
choose, and their uploads.

A draft may be saved with anything missing: only what is there is checked (lengths, dates, files).
Sending it for vetting checks that it is complete. Every error is translated and shown beside its
field and in a list at the top of the form.
"""

import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from catalogue.models import TechnologyCategory, Wish
from catalogue.models.page_forms import ItemChoices, TaxonomyChoices
from submissions.models import LANGUAGES, Attachment, Submission, SubmissionText

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_DOCUMENTS = 3
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# The fields of a text, by kind; the first three must all be there for a language to count.
TEXT_FIELDS = {
    Submission.Kind.SOLUTION: ["title", "summary", "description", "trial_needs"],
    Submission.Kind.WISH: ["title", "summary", "service_need", "expected_outcome"],
}


class ReasonForm(forms.Form):
    """The reason a reviewer gives for rejecting a submission outright; the author reads it."""

    comment = forms.CharField(
        label=_("Reason, shown to the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why, so that the author understands the decision.")},
    )


class TextForm(forms.ModelForm):
    """What the author writes in one language (prefixed by it: `en-title`, `zh-hant-title`)."""

    class Meta:
        model = SubmissionText
        fields = ["title", "summary", "description", "trial_needs", "service_need", "expected_outcome"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "trial_needs": forms.Textarea(attrs={"rows": 4}),
            "service_need": forms.Textarea(attrs={"rows": 8}),
            "expected_outcome": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "summary": _("One or two sentences shown in listings and alerts (at most 600 characters)."),
            "trial_needs": _("Site, equipment, duration, data or support you would need for a field trial."),
            "service_need": _("The problem in your service today, and who has it."),
            "expected_outcome": _("What would be better, and how you would measure it."),
        }

    def __init__(self, *args, kind, language, **kwargs):
        super().__init__(*args, prefix=language, **kwargs)
        self.language = language
        for name in list(self.fields):
            if name not in TEXT_FIELDS[kind]:
                del self.fields[name]
        self.required_names = TEXT_FIELDS[kind][:3]

    @property
    def language_label(self):
        return dict(LANGUAGES)[self.language]

    def is_started(self):
        return any((self.cleaned_data.get(name) or "").strip() for name in self.fields)

    def check_complete(self):
        """When sending: a language begun must be finished."""
        for name in self.required_names:
            if not (self.cleaned_data.get(name) or "").strip():
                self.add_error(name, _("Fill this in, or leave this language empty."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class FactsForm(forms.ModelForm):
    """The facts, the contact person (wishes), the uploads (solutions) and a honeypot."""

    categories = TaxonomyChoices(
        queryset=TechnologyCategory.objects.none(),
        label=_("Technology categories"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level"),
        choices=[("", "—")] + [(n, str(n)) for n in range(1, 10)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1: basic principles observed … 9: proven in an operational environment."),
    )
    wishes = ItemChoices(
        queryset=Wish.objects.none(),
        label=_("Wishes it answers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Open wishes only. Leave empty to propose a solution to no particular wish."),
    )
    deadline = forms.DateField(
        label=_("Deadline for proposals"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Providers can propose solutions until this date."),
    )
    photos = MultipleFileField(
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        label=_("Add photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB each, up to 6 photos."),
    )
    documents = MultipleFileField(
        widget=MultipleFileInput(attrs={"accept": "application/pdf"}),
        label=_("Add PDF documents"),
        required=False,
        help_text=_("PDF only, at most 10 MB each, up to 3 documents."),
    )
    remove = forms.ModelMultipleChoiceField(
        queryset=Attachment.objects.none(), label=_("Remove"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # Honeypot: people never see this field; form-filling robots do and fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Submission
        fields = ["categories", "trl", "wishes", "deadline", "contact_name", "contact_email", "contact_phone"]
        help_texts = {
            "contact_name": _("Never shown on the portal: the Inno Office and providers' questions reach you.")
        }

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["categories"].queryset = TechnologyCategory.canonical().order_by("name")
        self.fields["remove"].queryset = (
            self.instance.attachments.all() if self.instance.pk else Attachment.objects.none()
        )
        keep = {
            Submission.Kind.SOLUTION: ["categories", "trl", "wishes", "photos", "documents", "remove", "website"],
            Submission.Kind.WISH: [
                "categories",
                "deadline",
                "contact_name",
                "contact_email",
                "contact_phone",
                "website",
            ],
        }[kind]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "wishes" in self.fields:
            chosen = self.instance.wishes.all() if self.instance.pk else Wish.objects.none()
            self.fields["wishes"].queryset = (open_wishes() | chosen).distinct().order_by("-published_on")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("This submission could not be accepted."))
        return ""

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline <= timezone.localdate():
            raise ValidationError(_("The deadline must be after today."))
        return deadline

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        kept = self.kept_count(Attachment.Kind.PHOTO)
        if kept + len(photos) > MAX_PHOTOS:
            raise ValidationError(_("You can add at most %(limit)d photos.") % {"limit": MAX_PHOTOS})
        for photo in photos:
            if photo.size > MAX_PHOTO_BYTES:
                raise ValidationError(_("%(name)s is larger than 5 MB.") % {"name": photo.name})
            extension = image_extension(photo)
            if extension is None:
                raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP image.") % {"name": photo.name})
            photo.safe_extension = extension
        return photos

    def clean_documents(self):
        documents = self.cleaned_data.get("documents") or []
        kept = self.kept_count(Attachment.Kind.DOCUMENT)
        if kept + len(documents) > MAX_DOCUMENTS:
            raise ValidationError(_("You can add at most %(limit)d PDF documents.") % {"limit": MAX_DOCUMENTS})
        for document in documents:
            if document.size > MAX_DOCUMENT_BYTES:
                raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": document.name})
            if not is_pdf(document):
                raise ValidationError(_("%(name)s is not a PDF document.") % {"name": document.name})
            document.safe_extension = "pdf"
        return documents

    def kept_count(self, kind):
        if not self.instance.pk:
            return 0
        removed = {a.pk for a in self.cleaned_data.get("remove") or []}
        return sum(1 for a in self.instance.attachments.all() if a.kind == kind and a.pk not in removed)

    def check_complete(self):
        """When sending: the facts reviewers need."""
        data = self.cleaned_data
        if not data.get("categories"):
            self.add_error("categories", _("Choose at least one technology category."))
        if self.kind == Submission.Kind.SOLUTION and not data.get("trl"):
            self.add_error("trl", _("Choose the technology readiness level."))
        if self.kind == Submission.Kind.WISH:
            for name in ("deadline", "contact_name", "contact_email"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("This is needed to send the wish."))


def open_wishes():
    """Wishes a solution can be proposed for: open, live, and before their deadline."""
    from catalogue.models import WishPage

    live = WishPage.objects.live().public().values("item_id")
    today = timezone.localdate()
    wishes = Wish.objects.filter(pk__in=live, status=Wish.Status.OPEN)
    return wishes.exclude(deadline__lt=today)


def image_extension(upload):
    """The file extension of the image format the upload really is, or None if it is not one we take."""
    try:
        upload.seek(0)
        with Image.open(io.BytesIO(upload.read())) as image:
            fmt = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for a file that is not an image
        return None
    finally:
        upload.seek(0)
    return PHOTO_FORMATS.get(fmt)


def is_pdf(upload):
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"
