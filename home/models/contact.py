"""Contact us: an enquiry form (Wagtail's form builder) whose answers are stored (Forms, in the admin),
emailed to the editors (the page's "to" address) and acknowledged to the sender, in their language."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField

from innoportal.mail import send_templated_mail


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
    template = "home/contact_page.html"
    landing_page_template = "home/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")

    def process_form_submission(self, form):
        """Store the enquiry and email it to the editors (Wagtail), then tell the sender it arrived."""
        submission = super().process_form_submission(form)
        sender = next((f.clean_name for f in self.get_form_fields() if f.field_type == "email"), None)
        address = form.cleaned_data.get(sender) if sender else None
        if address:
            answers = [(field.label, form.cleaned_data.get(field.clean_name)) for field in self.get_form_fields()]
            context = {"page": self, "answers": answers, "thank_you_text": self.thank_you_text}
            send_templated_mail("home/email/enquiry_received", context, address, get_language())
        return submission
