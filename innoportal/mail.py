"""The one email sender: HTML and plain text from templates, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from innoportal.languages import converted


def templated_mail(template, context, to, language, attachments=(), inline_images=(), headers=None, connection=None):
    """The message `send_templated_mail` sends, not yet sent: for senders of many messages over one
    `connection` (alerts), who need to know which message the mail server accepted."""
    with translation.override(language):
        context = {**context, "site_url": settings.WAGTAILADMIN_BASE_URL, "language": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    # In Simplified Chinese, the Traditional content the message quotes is converted too.
    subject, text, html = (converted(part, language) for part in (subject, text, html))
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}, connection=connection
    )
    message.attach_alternative(html, "text/html")
    if inline_images:
        message.mixed_subtype = "related"
        from email.mime.image import MIMEImage

        for content_id, data in inline_images:
            image = MIMEImage(data, "png")
            image.add_header("Content-ID", f"<{content_id}>")
            image.add_header("Content-Disposition", "inline", filename=f"{content_id}.png")
            message.attach(image)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(template, context, to, language, attachments=(), inline_images=(), headers=None):
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language` and send.

    `attachments`: (filename, content, mimetype); `inline_images`: (content id, PNG bytes) that the HTML
    shows as `cid:<content id>`.
    """
    message = templated_mail(template, context, to, language, attachments, inline_images, headers)
    message.send()
    return message
