from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin, TranslatableMixin


class FooterText(TranslatableMixin, RevisionMixin, models.Model):
    """The short text at the foot of every page, one per language."""

    body = RichTextField(_("body"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer text")

    def __str__(self):
        return str(_("Footer text"))
