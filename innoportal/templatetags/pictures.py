"""`{% responsive_picture image "kind" [name=value ...] %}`: Wagtail's `{% picture %}` with the kind's
specs and attributes (innoportal.pictures), so that every template showing a kind of picture shows
it the same way and publishing can make the same renditions beforehand.

    {% load pictures %}
    {% responsive_picture page.image "hero" %}
    {% responsive_picture photo.image "card" class="card__image" alt="" %}

Attributes given in the template (a class, an empty alt for a decorative picture) are added to the
kind's; without `alt` the image's own alt text is used (an image block's contextual one first).

`{% for item in page.gallery_images.all|with_renditions:"gallery" %}`: gallery rows with their images
and those images' renditions read in two queries for the whole list (Wagtail's
`prefetch_renditions()`), instead of two per picture.
"""

from django import template
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.templatetags.wagtailimages_tags import PictureNode

from innoportal import pictures

register = template.Library()


class Constant:
    """A fixed attribute value, read the way `{% picture %}` reads a template expression."""

    def __init__(self, value):
        self.value = value

    def resolve(self, context):
        return self.value


class ResponsivePictureNode(template.Node):
    def __init__(self, image_expr, nodes):
        self.image_expr = image_expr
        self.nodes = nodes  # one `{% picture %}` node for each fallback format

    def render(self, context):
        image = self.image_expr.resolve(context)
        if not image:
            return ""
        return self.nodes[pictures.fallback_format(image)].render(context)


@register.tag
def responsive_picture(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f'{bits[0]} takes an image and a kind: {bits[0]} page.image "hero"')
    tag_name, image, kind, *extra = bits
    kind_name = kind.strip("\"'")
    if kind_name not in pictures.KINDS or kind[0] not in "\"'":
        raise template.TemplateSyntaxError(f"{tag_name}: the kind is one of {', '.join(pictures.KINDS)}, in quotes")
    kind = pictures.KINDS[kind_name]
    attrs = {name: Constant(value) for name, value in kind.img_attrs().items()}
    for bit in extra:
        name, equals, value = bit.partition("=")
        if not equals:
            raise template.TemplateSyntaxError(f"{tag_name}: attributes are name=value, not {bit!r}")
        attrs[name] = parser.compile_filter(value)
    image_expr = parser.compile_filter(image)
    nodes = {
        fallback: PictureNode(image_expr, kind.filter_specs(fallback), attrs=attrs)
        for fallback in pictures.FALLBACK_FORMATS
    }
    return ResponsivePictureNode(image_expr, nodes)


@register.filter
def with_renditions(items, kind):
    """Rows with an `image` (gallery photos), their images and the renditions of `kind` prefetched."""
    images = get_image_model().objects.prefetch_renditions(*pictures.KINDS[kind].stored_specs())
    return items.prefetch_related(Prefetch("image", queryset=images))
