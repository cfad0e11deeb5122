from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])
    link = blocks.PageChooserBlock(label=_("link"), required=False)

    class Meta:
        icon = "pick"
        template = "home/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    """The blocks editors compose standard pages from."""

    heading = blocks.CharBlock(label=_("heading"), form_classname="title", template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    image = ImageBlock(label=_("image"), template="home/blocks/image.html")
    quote = blocks.BlockQuoteBlock(label=_("quote"))
    callout = CalloutBlock(label=_("call-out"))
