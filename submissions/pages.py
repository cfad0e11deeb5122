"""A submission's catalogue pages: made when it is first sent, rewritten when it is sent again, given
their photos and documents when the vetting ends, published with them.

The page in the author's language (or the first they wrote in) is the one the workflow vets; a text
in the other language becomes that page's translation, vetted with it and published with it. The
facts (organisation, categories, TRL, wishes, deadline) go to the item all languages share.
"""

import os

from django.core.files.base import ContentFile
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Locale

from catalogue.models import SolutionIndexPage, SolutionPage, Wish, WishIndexPage, WishPage
from innoportal.slugs import short_slug
from submissions.models import Attachment, Submission

Kind = Submission.Kind
PAGE_MODELS = {Kind.SOLUTION: (SolutionIndexPage, SolutionPage), Kind.WISH: (WishIndexPage, WishPage)}
SECTIONS = {
    Kind.SOLUTION: [("description", None), ("trial_needs", gettext_lazy("What a field trial needs"))],
    Kind.WISH: [("service_need", gettext_lazy("Service need")), ("expected_outcome", gettext_lazy("Expected outcome"))],
}


def write(submission, user):
    """Make or rewrite the submission's pages as drafts (new revisions); returns the vetted page."""
    texts = submission.text_by_language()
    primary = submission.page.specific if submission.page_id else None
    if primary is None:
        language = submission.language if submission.language in texts else next(iter(texts))
        primary = create(submission, language, texts[language], user)
        submission.page = primary
        submission.save(update_fields=["page"])
    else:
        primary.set_facts(**facts(submission))
        rewrite(primary, submission, texts[primary.locale.language_code], user)
    for language, text in texts.items():
        if language == primary.locale.language_code:
            continue
        other = translation_of(primary, language)
        if other is None:
            locale = Locale.objects.filter(language_code=language).first()
            if locale is None or not primary.get_parent().get_translations().filter(locale=locale).exists():
                raise NoSection(language)
            other = primary.copy_for_translation(locale).specific
            other.slug = slug_for(other.get_parent(), text.title, submission)  # its own words, not the first's
        rewrite(other, submission, text, user)
    return primary


class NoSection(Exception):
    """The site has no section (index page) for this kind in this language."""


def create(submission, language, text, user):
    index_model, page_model = PAGE_MODELS[submission.kind]
    index = index_model.objects.filter(locale__language_code=language).first()
    if index is None:
        raise NoSection(language)
    page = page_model(title=text.title, slug=slug_for(index, text.title, submission), live=False, owner=user)
    fill(page, submission, text)
    page.set_facts(**facts(submission))
    index.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=True)
    return page


def rewrite(page, submission, text, user):
    page.title = text.title
    fill(page, submission, text)
    page.save_revision(user=user, log_action=True)


def fill(page, submission, text):
    page.summary = text.summary
    page.body = body(submission.kind, text)


def body(kind, text):
    """The author's plain text as rich text: paragraphs, with a heading per section, in the text's language."""
    parts = []
    with translation.override(text.language):
        for name, heading in SECTIONS[kind]:
            value = getattr(text, name).strip()
            if not value:
                continue
            if heading:
                parts.append(f"<h2>{escape(str(heading))}</h2>")
            parts.append(linebreaks_filter(value, autoescape=True))
    return "".join(parts)


def facts(submission):
    common = {"organisation": submission.organisation, "categories": list(submission.categories.all())}
    common["published_on"] = timezone.localdate()
    if submission.kind == Kind.WISH:
        return {**common, "status": Wish.Status.OPEN, "deadline": submission.deadline}
    return {**common, "trl": submission.trl, "applicable_to": list(submission.wishes.all())}


def slug_for(index, title, submission):
    return find_available_slug(index, short_slug(title, 70, allow_unicode=True) or f"{submission.kind}-{submission.pk}")


def translation_of(page, language):
    other = page.get_translations().filter(locale__language_code=language).first()
    return other.specific if other else None


def pages_of(submission):
    """The submission's pages in the languages its author wrote, the vetted one first."""
    if not submission.page_id:
        return []
    primary = submission.page.specific
    others = [translation_of(primary, language) for language in submission.text_by_language()]
    return [primary] + [p for p in others if p is not None and p.pk != primary.pk]


def prepare_publication(submission, user):
    """At the end of the vetting, before publication: today's date, and the photos and documents
    (until now private to the author and reviewers) become the portal's own images and documents."""
    pages = pages_of(submission)
    images, documents = make_media(submission, pages[0].title) if submission.kind == Kind.SOLUTION else ([], [])
    for page in pages:
        page = page.get_latest_revision_as_object()
        page.set_facts(published_on=timezone.localdate())
        if submission.kind == Kind.SOLUTION:
            attach_media(page, images, documents)
        page.save_revision(user=user, log_action=False)


def make_media(submission, title):
    collection = Collection.get_first_root_node()
    images, documents = [], []
    stem = short_slug(title, 40) or submission.kind
    for n, attachment in enumerate(submission.attachments.all(), 1):
        # Named by us, with the extension of the format the file was checked to be (the stored name's):
        # the author's file name never decides how the public copy is served.
        extension = os.path.splitext(attachment.file.name)[1]
        with attachment.file.open("rb") as f:
            content = ContentFile(f.read(), name=f"{stem}-{n}{extension}")
        if attachment.kind == Attachment.Kind.PHOTO:
            images.append(get_image_model().objects.create(title=title[:255], file=content, collection=collection))
        else:
            name = os.path.splitext(attachment.name)[0][:250]
            documents.append(get_document_model().objects.create(title=name, file=content, collection=collection))
    return images, documents


def attach_media(page, images, documents):
    from catalogue.models import SolutionDocument, SolutionImage

    page.gallery_images = [SolutionImage(image=image) for image in images]
    page.documents = [SolutionDocument(document=document, title=document.title) for document in documents]
    if images and not page.image_id:
        page.image = images[0]
