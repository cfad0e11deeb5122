"""Wagtail hooks of the site as a whole."""

from django.http import Http404
from wagtail import hooks

from innoportal.api_media import withheld


@hooks.register("before_serve_document")
def withhold_unpublished_pages_documents(document, request):
    """/documents/<id>/<name>: ids are counted, so anyone could ask for each in turn; a document only
    unpublished, draft or private pages use is not found, except by those who may use the admin
    (previews). Collection privacy is Wagtail's own, checked before this."""
    if not request.user.has_perm("wagtailadmin.access_admin") and withheld(document):
        raise Http404
