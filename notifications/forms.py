from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue.models import Organisation, TechnologyCategory
from innoportal.languages import content_language
from notifications.matching import normalise_keywords
from notifications.models import Subscription

# Wishes are posted by departments and public bodies; these are the types a subscriber can narrow to.
WISHER_TYPES = [Organisation.Type.DEPARTMENT, Organisation.Type.PUBLIC_BODY]
MAX_KEYWORDS = 10


def category_choices():
    """(key, name) of the technology categories, named in the page's language where they are translated."""
    names = {}
    for category in TechnologyCategory.objects.select_related("locale").order_by("name"):
        current = category.locale.language_code == content_language()
        if current or category.key not in names:
            names[category.key] = category.name
    return sorted(names.items(), key=lambda item: item[1])


class PreferencesForm(forms.Form):
    """What to be alerted about, how often and in which language: the same on subscribing and managing."""

    all_categories = forms.BooleanField(label=_("All technology categories, including new ones"), required=False)
    categories = forms.MultipleChoiceField(
        label=_("Technology categories"),
        help_text=_("All of them, or only the ones you choose."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation_types = forms.MultipleChoiceField(
        label=_("Only wishes posted by (optional)"),
        required=False,
        choices=[(kind.value, kind.label) for kind in WISHER_TYPES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear of wishes from every kind of organisation."),
    )
    keywords = forms.CharField(
        label=_("Keywords (optional)"),
        required=False,
        max_length=300,
        help_text=_(
            "Separate keywords with commas, e.g. chiller, 節能. You then hear only of wishes that mention at "
            "least one of them."
        ),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    innodays = forms.BooleanField(label=_("Also tell me about new InnoDays"), required=False)
    reports = forms.BooleanField(
        label=_("Also tell me about new verified performance reports in these categories"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()
        self.fields["language"].initial = get_language()

    def clean_keywords(self):
        keywords = normalise_keywords(self.cleaned_data["keywords"])
        # Lower case can be longer than what was typed (ß -> ss): what is stored must fit.
        if len(keywords) > Subscription._meta.get_field("keywords").max_length:
            raise forms.ValidationError(_("Please shorten the keywords."))
        words = keywords.split(",") if keywords else []
        if len(words) > MAX_KEYWORDS:
            raise forms.ValidationError(_("Please give at most %(count)s keywords.") % {"count": MAX_KEYWORDS})
        if any(len(word) < 2 for word in words):
            raise forms.ValidationError(_("Each keyword needs at least two characters."))
        return keywords

    def clean(self):
        data = super().clean()
        if not data.get("all_categories") and not data.get("categories") and "categories" not in self.errors:
            self.add_error("categories", _("Choose at least one technology category, or all of them."))
        if data.get("all_categories"):
            data["categories"] = []
        return data

    def choices(self):
        """The cleaned data as `subscriptions.set_choices` takes it."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("email", "consent", "website")}

    @classmethod
    def initial_for(cls, subscription):
        return {
            "all_categories": subscription.all_categories,
            "categories": subscription.category_keys(),
            "organisation_types": subscription.organisation_types(),
            "keywords": subscription.keywords.replace(",", ", "),
            "frequency": subscription.frequency,
            "language": subscription.language,
            "innodays": subscription.innodays,
            "reports": subscription.reports,
        }


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("Email"), max_length=254)
    consent = forms.BooleanField(
        label=_("I agree that EMSD uses my email address only to send me these alerts."),
        error_messages={"required": _("Please agree, so that we may send you alerts.")},
    )
    # Honeypot: people never see this field; form-filling robots do and fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    field_order = ["email"]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This subscription could not be accepted."))
        return ""
