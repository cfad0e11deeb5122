"""The kinds of picture the public site shows, and which pictures each page shows.

A kind (hero, gallery, card, ...) names its crops once: the `{% responsive_picture %}` tag
(innoportal.templatetags.pictures) hands them to Wagtail's own `{% picture %}` node, and publishing a
page makes the same renditions in the background (innoportal.renditions), so the first visitor
does not wait for AVIF encoding. Each picture is AVIF and WebP `<source>`s with a `srcset` of
three widths and a `sizes` that follows the layout in static/css/portal.css, and an `<img>` in the
original's family (PNG for PNG and GIF, JPEG otherwise: a diagram keeps its transparency and sharp
lines) for browsers that read neither. SVG stays SVG (`preserve-svg`).

Apps say which images a page shows, and as what kind, in a `pictures` module:
`pictures.register(SolutionPage, lambda page: [(page.image, "hero"), ...])`.
"""

from dataclasses import dataclass

from wagtail.images.models import Filter
from wagtail.images.utils import to_svg_safe_spec

SOURCE_FORMATS = ("avif", "webp")
FALLBACK_FORMATS = ("jpeg", "png")

# Layout widths, from portal.css: the container is 72rem with 1.25rem padding (content 69.5rem, or
# the viewport less 2.5rem); a 320 px phone shows every picture at 280 px.
PHONE = "calc(100vw - 2.5rem)"


@dataclass(frozen=True)
class Kind:
    operation: str  # Wagtail's resize operation: fill (cropped to the shape) or width
    # The first size is the one the layout was designed for: the <img> takes its width and height
    # from it (no layout shift; CSS max-width:100%; height:auto scales it down). Browsers choose from
    # the srcset by `sizes` and the screen's pixel density.
    dimensions: tuple
    sizes: str
    lazy: bool = True  # below the fold; a hero at the top of the page loads at once, first

    def filter_specs(self, fallback):
        """The specs for `{% picture %}`, as one would write them in a template."""
        return [
            "format-{" + ",".join((*SOURCE_FORMATS, fallback)) + "}",
            f"{self.operation}-{{" + ",".join(self.dimensions) + "}",
            "preserve-svg",
        ]

    def specs(self, fallback):
        return Filter.expand_spec(self.filter_specs(fallback))

    def stored_specs(self):
        """The specs of every rendition a picture of this kind may have, as Wagtail stores them (without
        `preserve-svg`, and an SVG's without its format), whatever the original's format: to prefetch."""
        specs = [spec for fallback in FALLBACK_FORMATS for spec in self.specs(fallback)]
        return list(dict.fromkeys([*map(_without_preserve_svg, specs), *map(to_svg_safe_spec, specs)]))

    def img_attrs(self):
        attrs = {"sizes": self.sizes, "decoding": "async"}
        if self.lazy:
            attrs["loading"] = "lazy"
        else:
            attrs["fetchpriority"] = "high"
        return attrs


KINDS = {
    # Solution and InnoDay pages: a 3:1 banner across the content width.
    "hero": Kind(
        "fill",
        ("1200x400", "720x240", "480x160"),
        sizes=f"(min-width: 72rem) 69.5rem, {PHONE}",
        lazy=False,
    ),
    # The home page's hero: two fifths of the hero from 60rem, the whole width below.
    "feature": Kind(
        "fill",
        ("640x420", "320x210", "960x630"),
        sizes=f"(min-width: 72rem) 27rem, (min-width: 60rem) calc((100vw - 4.5rem) * 0.4), {PHONE}",
        lazy=False,
    ),
    # A picture in running text (body image blocks, the floor plan): at most the 44rem of .prose.
    "figure": Kind("width", ("960", "480", "1440"), sizes=f"(min-width: 46.5rem) 44rem, {PHONE}"),
    # A solution's photos, cropped 3:2 in .gallery__list (columns of at least 14rem).
    "gallery": Kind(
        "fill",
        ("480x320", "320x213", "960x640"),
        sizes=(
            "(min-width: 72rem) 17rem, (min-width: 61.5rem) 25vw, (min-width: 46.5rem) 33vw, "
            f"(min-width: 31.5rem) 50vw, {PHONE}"
        ),
    ),
    # An exhibit's photos, uncropped, in .gallery__list beside the exhibit's facts.
    "photo": Kind(
        "width",
        ("960", "480", "320"),
        sizes=f"(min-width: 56rem) 16rem, (min-width: 46.5rem) 33vw, (min-width: 31.5rem) 50vw, {PHONE}",
    ),
    # The 16:9 photo across the top of a card in .card-grid (columns of at least 18rem).
    "card": Kind(
        "fill",
        ("480x270", "320x180", "960x540"),
        sizes=(
            "(min-width: 72rem) 22.5rem, (min-width: 58.5rem) calc((100vw - 4.5rem) / 3), "
            f"(min-width: 39.5rem) calc((100vw - 3.5rem) / 2), {PHONE}"
        ),
    ),
    # A speaker's round photo, shown at 48 px.
    "avatar": Kind("fill", ("96x96", "48x48", "144x144"), sizes="48px"),
}


def fallback_format(image):
    """The <img>'s format: the original's family, read from the file name (no need to open the file)."""
    name = image.file.name.lower()
    return "png" if name.endswith((".png", ".gif")) else "jpeg"


def specs(image, kind):
    """The rendition specs a picture of `image` as `kind` asks for."""
    return KINDS[kind].specs(fallback_format(image))


def stored_specs(image, kind):
    """The specs of the renditions `specs(image, kind)` makes, as Wagtail stores them."""
    return list(dict.fromkeys(image.clean_filter_for_svg(Filter(spec=spec)).spec for spec in specs(image, kind)))


def _without_preserve_svg(spec):
    return "|".join(part for part in spec.split("|") if part != "preserve-svg")


_shown_by_model = {}


def register(model, shows):
    """`shows(page)` yields (image or None, kind) for every picture a live `model` page shows."""
    _shown_by_model[model] = shows


def registered(page):
    return type(page) in _shown_by_model


def shown(page):
    """The distinct (image, kind) pairs `page` shows; images that are not set are left out."""
    pairs = {}
    for image, kind in _shown_by_model.get(type(page), lambda page: ())(page):
        if image is not None:
            pairs.setdefault((image.pk, kind), (image, kind))
    return list(pairs.values())
