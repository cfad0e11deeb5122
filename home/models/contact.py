"""Contact us: an enquiry form (Wagtail's form builder) whose answers are stored (Forms, in the admin),
emailed to the editors (the page's "to" address) and acknowledged to the sender, in their language."""

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField

from innoportal.mail import send_templated_mail
from innoportal.ratelimit import allow


def left_empty(value):
    if value:
        raise forms.ValidationError(_("This enquiry could not be accepted."))


class EnquiryFormBuilder(FormBuilder):
    """The editors' fields, and a honeypot that people never see and form-filling robots fill in."""

    @property
    def formfields(self):
        fields = super().formfields
        fields["website"] = forms.CharField(required=False, label=_("Leave this field empty"), validators=[left_empty])
        return fields


class EnquiryField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("Email to the editors"),
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    form_builder = EnquiryFormBuilder
    template = "home/contact_page.html"
    landing_page_template = "home/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        """At most ENQUIRY_RATE_LIMIT enquiries per network: beyond it, the form again with an error."""
        if request.method == "POST" and not allow(request, "enquiry", settings.ENQUIRY_RATE_LIMIT):
            form = self.get_form(request.POST, page=self, user=request.user)
            form.is_valid()
            form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
            context = self.get_context(request) | {"form": form}
            return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        """Store the enquiry and email it to the editors (Wagtail), then tell the sender it arrived."""
        form.cleaned_data.pop("website", None)
        submission = super().process_form_submission(form)
        sender = next((f.clean_name for f in self.get_form_fields() if f.field_type == "email"), None)
        address = form.cleaned_data.get(sender) if sender else None
        if address:
            answers = [(field.label, form.cleaned_data.get(field.clean_name)) for field in self.get_form_fields()]
            context = {"page": self, "answers": answers, "thank_you_text": self.thank_you_text}
            send_templated_mail("home/email/enquiry_received", context, address, get_language())
        return submission
