from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Organisation
from catalogue.models.page_forms import TaxonomyChoice

NOT_GOVERNMENT = [(value, label) for value, label in Organisation.Type.choices if value not in Organisation.GOVERNMENT]


class ClaimForm(forms.Form):
    """Choose your organisation from the portal's list, or describe a new one."""

    organisation = TaxonomyChoice(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Your organisation"),
        empty_label=_("Not listed: I describe it below"),
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *NOT_GOVERNMENT], required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    registration_number = forms.CharField(
        label=_("Business registration number"),
        max_length=40,
        required=False,
        help_text=_("For a company or start-up registered in Hong Kong; it helps the Inno Office verify you."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.canonical().order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("organisation"):
            for name in ("name_en", "name_zh", "type", "website", "registration_number"):
                data[name] = ""
            return data
        if not (data.get("name_en") or data.get("name_zh")):
            self.add_error("name_en", _("Choose your organisation from the list, or give its name."))
        if not data.get("type"):
            self.add_error("type", _("Say what kind of organisation it is."))
        return data

    def claim(self):
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class DeleteForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's email address"),
        help_text=_("They are emailed a link; once they confirm this address on the portal, they join at once."),
    )
