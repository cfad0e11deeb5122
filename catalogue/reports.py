"""A trial's verified performance report as a PDF document, in the trial's own language.

Chinese text uses Adobe's standard CID font MSung-Light, which PDF readers supply themselves, so no
font file has to be shipped or embedded.
"""

import io

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFont, UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from wagtail.documents import get_document_model

CHINESE_FONT = "MSung-Light"


class TraditionalChineseFont(UnicodeCIDFont):
    """MSung-Light with the Traditional Chinese CMap: reportlab 5.1 pairs it with the Simplified
    one (UniGB-UCS2-H), which readers reject for the Adobe-CNS1 character collection."""

    def __init__(self):
        super().__init__(CHINESE_FONT)
        CIDFont.__init__(self, CHINESE_FONT, "UniCNS-UCS2-H")
        self.name = self.fontName = CHINESE_FONT


def font_for(language_code):
    if language_code.startswith("zh"):
        if CHINESE_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TraditionalChineseFont())
        return CHINESE_FONT, CHINESE_FONT
    return "Helvetica", "Helvetica-Bold"


def render_report_pdf(trial):
    """PDF bytes of `trial`'s verified performance report."""
    language = trial.locale.language_code
    regular, bold = font_for(language)
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=16, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=17, leading=24, spaceAfter=4 * mm)
    label = ParagraphStyle("label", parent=body, fontName=bold)
    buffer = io.BytesIO()
    with translation.override(language):
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=f"{_('Verified performance report')}: {trial.title}",
            lang=language,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
        )
        facts = [
            (_("Wish"), f"{trial.wish.title} ({trial.wish.organisation.name})"),
            (_("Solution"), f"{trial.solution.title} ({trial.solution.organisation.name})"),
            (_("Trial type"), trial.get_trial_type_display()),
            (_("Venue"), trial.venue),
            (_("Dates"), " – ".join(str(d) for d in (trial.start_date, trial.end_date) if d)),
        ]
        story = [
            Paragraph(_("E&M InnoPortal"), body),
            Paragraph(_("Verified performance report"), heading),
            Paragraph(trial.title, label),
            Spacer(0, 4 * mm),
            Table([[Paragraph(k, label), Paragraph(v, body)] for k, v in facts], colWidths=[40 * mm, 130 * mm]),
            Spacer(0, 6 * mm),
            Paragraph(trial.report_summary or trial.summary, body),
            Spacer(0, 6 * mm),
        ]
        metrics = [[Paragraph(_("Metric"), label), Paragraph(_("Result"), label)]]
        metrics += [
            [Paragraph(m.name, body), Paragraph(f"{m.value} {m.unit}".strip(), body)] for m in trial.metrics.all()
        ]
        table = Table(metrics, colWidths=[110 * mm, 60 * mm], repeatRows=1)
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)]))
        story.append(table)
        document.build(story)
    return buffer.getvalue()


def attach_report_document(trial):
    """Make the PDF a document in the library and link it as the trial's report document."""
    Document = get_document_model()
    name = f"{trial.key}-{trial.locale.language_code}-report.pdf"
    with translation.override(trial.locale.language_code):
        title = f"{_('Verified performance report')}: {trial.title}"
    document = Document(title=title[:255])
    document.file.save(name, ContentFile(render_report_pdf(trial)), save=False)
    document.save()
    trial.report_document = document
    trial.save_revision().publish()
    return document
