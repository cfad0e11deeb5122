from django import forms
from django.utils.translation import gettext_lazy as _

from innodays.models import Registration


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=Registration._meta.get_field("email").max_length)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—")] + Registration.Sector.choices)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tell us what would help you take part, e.g. wheelchair access or sign language."),
    )
    consent = forms.BooleanField(
        label=_("I have read the personal data statement and agree that my data is used to manage this InnoDay."),
        error_messages={"required": _("Please agree to the personal data statement to register.")},
    )
    # Honeypot: people never see this field; form-filling robots do and fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This registration could not be accepted."))
        return ""
