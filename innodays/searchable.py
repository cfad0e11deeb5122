"""InnoDays in search: their introduction, venue and agenda."""

from django.utils.translation import gettext_lazy as _

from innodays.models import InnoDayPage
from search import registry
from search.registry import Description, plain_text


def describe_innoday(page):
    agenda = page.agenda.stream_block.get_searchable_content(page.agenda)
    return Description(
        key=f"innoday-{page.translation_key}",
        summary=page.intro,
        body=plain_text(" ".join([page.venue, page.venue_address, *agenda])),
        published=page.starts.date(),
    )


registry.register("innoday", InnoDayPage, label=_("InnoDay"), plural=_("InnoDays"), describe=describe_innoday)
