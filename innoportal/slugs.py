"""Page slugs from titles, shortened at a word's end: `...-constant-current`, never `...-constant-current-regula`."""

from django.utils.text import slugify


def short_slug(text, limit, allow_unicode=False):
    """`text` slugified, at most `limit` characters, cut after a whole word when it is longer."""
    slug = slugify(text, allow_unicode=allow_unicode)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]).strip("-")
