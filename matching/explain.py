"""A suggestion's reasons in one line, in the reader's language: "shares Robotics; mentions 'drain';
trialled once; TRL 7"."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from catalogue.models import TechnologyCategory


def explain(reasons):
    parts = []
    keys = reasons.get("categories") or []
    if keys:
        names = [c.in_locale(Locale.get_active().pk).name for c in TechnologyCategory.canonical().filter(key__in=keys)]
        parts.append(_("shares %(categories)s") % {"categories": ", ".join(sorted(names))})
    terms = reasons.get("terms") or []
    if terms:
        parts.append(_("mentions %(terms)s") % {"terms": ", ".join(f"“{t}”" for t in terms)})
    trials = reasons.get("trials") or 0
    if trials:
        parts.append(ngettext("trialled once", "trialled %(count)d times", trials) % {"count": trials})
    if reasons.get("trl"):
        parts.append(_("TRL %(trl)d") % {"trl": reasons["trl"]})
    return "; ".join(parts)
