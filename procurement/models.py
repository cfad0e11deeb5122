"""The limits of the pro-innovation rules and their explanation, editable in Settings → Procurement
rules. The checker and the scoring page use the limits in force; blank explanations fall back to the
built-in ones (presentation.py)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

from innoportal.languages import content_language
from procurement import rules

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def percent_field(default, verbose_name, help_text):
    return models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=PERCENT,
        verbose_name=verbose_name,
        help_text=help_text,
    )


@register_setting(icon="doc-full")
class ProcurementRules(BaseGenericSetting):
    experience_max = percent_field(
        15, _("Experience: most of the technical marks (%)"), _("The policy of April 2019: 15%.")
    )
    innovation_min = percent_field(
        20, _("Innovative suggestions: least of the technical marks (%)"), _("The policy of April 2019: 20%.")
    )
    technical_weight_min = percent_field(
        50, _("Technical weighting: lowest (%)"), _("The policy of April 2019: 50%, a weighting of 5:5.")
    )
    technical_weight_max = percent_field(
        70, _("Technical weighting: highest (%)"), _("The policy of April 2019: 70%, a weighting of 7:3.")
    )
    explanation_en = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        verbose_name=_("Explanation of the rules (English)"),
        help_text=_("Shown above the checker. Leave blank for the built-in explanation."),
    )
    explanation_zh_hant = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        verbose_name=_("Explanation of the rules (Traditional Chinese)"),
        help_text=_(
            "Shown above the checker in Chinese (converted for Simplified Chinese). "
            "Leave blank for the built-in explanation."
        ),
    )

    class Meta:
        verbose_name = _("Procurement rules")

    def clean(self):
        super().clean()
        low, high = self.technical_weight_min, self.technical_weight_max
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"technical_weight_max": _("The highest technical weighting cannot be below the lowest.")}
            )

    @property
    def limits(self):
        return rules.Limits(
            experience_max=self.experience_max,
            innovation_min=self.innovation_min,
            technical_weight_min=self.technical_weight_min,
            technical_weight_max=self.technical_weight_max,
        )

    @property
    def explanation(self):
        """The editor's explanation in the language shown ("" when none)."""
        return self.explanation_zh_hant if content_language() == "zh-hant" else self.explanation_en
