from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"))
    affiliation = blocks.CharBlock(label=_("affiliation"), required=False)
    photo = ImageChooserBlock(label=_("photo"), required=False)


class SessionBlock(blocks.StructBlock):
    starts = blocks.TimeBlock(label=_("starts"))
    ends = blocks.TimeBlock(label=_("ends"), required=False)
    title = blocks.CharBlock(label=_("title"))
    description = blocks.TextBlock(label=_("description"), required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("speakers"), default=[])
    solutions = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalogue.SolutionPage"), label=_("solutions presented"), default=[]
    )

    class Meta:
        icon = "time"
        template = "events/blocks/session.html"


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock(label=_("session"))
