"""A trial's verified performance report as a PDF: a cover, the summary and benefits, the measured
results, how the trial was run and measured, and the trial's details, in any of the site's languages.

Made from the published trial page (one set of facts with the web page), with its font embedded
(catalogue.report_fonts), and kept in the cache until the trial, its wish or its solution is
published again. Simplified Chinese is the Traditional Chinese report converted as it is drawn
(innoportal.languages), as the web pages are.
"""

from django.core.cache import cache
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import WrapMode, XPos, YPos

from catalogue import report_fonts
from home.templatetags.portal_tags import hkd
from innoportal.languages import converted

BRAND, INK, MUTED, LINE, SOFT = (0, 87, 107), (27, 31, 36), (74, 85, 96), (213, 219, 224), (243, 246, 248)
CACHE_SECONDS = 7 * 24 * 3600
MARGIN = 20  # mm


class ReportPDF(FPDF):
    """An A4 report with the portal's running header and numbered pages after the cover."""

    def __init__(self, language, running_title, reference):
        super().__init__(format="A4", unit="mm")
        self.language, self.running_title, self.reference = language, running_title, reference
        self.wrap = WrapMode.CHAR if language.startswith("zh") else WrapMode.WORD
        report_fonts.add_fonts(self, language)
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 2)
        self.set_lang(language)
        self.set_text_color(*INK)

    def normalize_text(self, text):
        """Every text drawn passes here: Simplified Chinese is the Traditional text converted."""
        return super().normalize_text(converted(text, self.language))

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("report", "", 8)
        self.set_text_color(*MUTED)
        self.set_xy(MARGIN, 10)
        self.cell(0, 5, self.running_title, new_x=XPos.LMARGIN)
        self.cell(0, 5, self.reference, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*LINE)
        self.line(MARGIN, 16, self.w - MARGIN, 16)
        self.set_text_color(*INK)
        self.set_y(MARGIN + 4)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font("report", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}, align="C")
        self.set_text_color(*INK)

    def heading(self, text):
        if self.get_y() > self.h - 60:  # keep a heading with what follows it
            self.add_page()
        self.start_section(converted(text, self.language))
        self.ln(4)
        self.set_font("report", "B", 14)
        self.set_text_color(*BRAND)
        self.multi_cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=self.wrap)
        self.set_text_color(*INK)
        self.ln(1)

    def paragraph(self, text, size=10.5, style="", colour=INK):
        self.set_font("report", style, size)
        self.set_text_color(*colour)
        for part in filter(None, (line.strip() for line in text.splitlines())):
            self.multi_cell(0, size * 0.62, part, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=self.wrap)
            self.ln(1.5)
        self.set_text_color(*INK)

    def table_of(self, rows, widths, headings=True):
        self.set_font("report", "", 10)
        self.set_fill_color(255, 255, 255)
        style = FontFace(emphasis="BOLD", color=INK, fill_color=SOFT)
        with self.table(
            col_widths=widths,
            first_row_as_headings=headings,
            headings_style=style,
            borders_layout="HORIZONTAL_LINES",
            text_align="LEFT",
            line_height=6,
            padding=(1.5, 2),
            wrapmode=self.wrap,
        ) as table:
            self.set_draw_color(*LINE)
            for values in rows:
                row = table.row()
                for n, value in enumerate(values):
                    row.cell(str(value), style=None if headings or n else FontFace(emphasis="BOLD"))
        self.ln(3)


def report_pdf(trial, language, address):
    """The PDF bytes of `trial`'s report in `language`, from the cache when the trial is unchanged."""
    wish, solution = trial.wish, trial.solution
    versions = [page.live_revision_id if page else 0 for page in (trial, wish, solution)]
    key = f"report-pdf:{trial.pk}:{language}:{'-'.join(map(str, versions))}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_report_pdf(trial, language, address, wish, solution)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def render_report_pdf(trial, language, address, wish, solution):
    """Lay out the report of `trial` (a TrialPage, with its wish and solution pages) in `language`;
    `address` is its web page."""
    with translation.override(language):
        text = Texts(trial, address, wish, solution)
        pdf = ReportPDF(language, f"{_('E&M InnoPortal')} · {_('Verified performance report')}", text.reference)
        pdf.set_title(converted(_("Verified performance report: %(title)s") % {"title": text.title}, language))
        pdf.set_author(_("Electrical and Mechanical Services Department"))
        pdf.set_subject(converted(text.title, language))
        pdf.set_creator(_("E&M InnoPortal"))
        cover(pdf, text)
        pdf.add_page()
        pdf.heading(_("Summary"))
        pdf.paragraph(text.summary)
        benefits(pdf, text.benefits)
        pdf.heading(_("Results"))
        results(pdf, text.final_metrics, text.final_baselines)
        if text.interim_metrics:
            pdf.heading(_("Interim results"))
            pdf.paragraph(text.interim_summary)
            results(pdf, text.interim_metrics, text.interim_baselines)
        pdf.heading(_("Method"))
        for part in text.method:
            pdf.paragraph(part)
        pdf.heading(_("Trial details"))
        pdf.table_of(text.details, (32, 68), headings=False)
        pdf.heading(_("About this report"))
        pdf.paragraph(text.about, size=9.5, colour=MUTED)
        return bytes(pdf.output())


def cover(pdf, text):
    pdf.add_page()
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, pdf.w, 62, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, 18)
    pdf.set_font("report", "B", 20)
    pdf.cell(0, 10, _("E&M InnoPortal"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("report", "", 11)
    pdf.cell(0, 7, _("Electrical and Mechanical Services Department"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(84)
    pdf.paragraph(_("Verified performance report").upper(), size=12, style="B", colour=BRAND)
    pdf.ln(2)
    pdf.paragraph(text.title, size=24, style="B")
    pdf.paragraph(text.reference, size=12, colour=MUTED)
    pdf.ln(10)
    pdf.table_of(text.cover_facts, (32, 68), headings=False)
    pdf.set_y(pdf.h - 48)
    pdf.set_draw_color(*LINE)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(4)
    pdf.paragraph(text.cover_note, size=9, colour=MUTED)
    pdf.set_font("report", "", 9)
    pdf.cell(0, 5, text.address, link=text.address, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def benefits(pdf, figures):
    """The yearly benefits as large figures side by side."""
    if not figures:
        return
    pdf.ln(2)
    width = (pdf.w - 2 * MARGIN - 4 * (len(figures) - 1)) / len(figures)
    top = pdf.get_y()
    pdf.set_fill_color(*SOFT)
    for n, (label, value) in enumerate(figures):
        left = MARGIN + n * (width + 4)
        pdf.rect(left, top, width, 24, style="F")
        pdf.set_xy(left + 3, top + 3)
        pdf.set_font("report", "B", 15)
        pdf.set_text_color(*BRAND)
        pdf.cell(width - 6, 9, value)
        pdf.set_xy(left + 3, top + 13)
        pdf.set_font("report", "", 9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 6, 4.5, label, align="L", wrapmode=pdf.wrap)
    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN, top + 28)


def results(pdf, metrics, baselines):
    if not metrics:
        pdf.paragraph(_("No metrics were recorded for this report."))
        return
    heading = [_("Metric")] + ([_("Before")] if baselines else []) + [_("Result")]
    rows = [heading]
    for name, baseline, value in metrics:
        rows.append([name] + ([baseline or "—"] if baselines else []) + [value])
    pdf.table_of(rows, (50, 25, 25) if baselines else (60, 40))


class Texts:
    """Everything the report says, in the report's language (简: in 繁, converted as it is drawn)."""

    def __init__(self, trial, address, wish, solution):
        self.title = trial.title
        self.reference = trial.item.reference
        self.address = address
        self.summary = trial.report_summary or trial.summary
        self.interim_summary = trial.interim_summary
        self.final_metrics = [self._metric(m) for m in trial.final_metrics()]
        self.interim_metrics = [self._metric(m) for m in trial.interim_metrics()]
        self.final_baselines, self.interim_baselines = trial.final_baselines(), trial.interim_baselines()
        department = wish.organisation.name if wish else ""
        provider = solution.organisation.name if solution else ""
        period = self._period(trial.start_date, trial.end_date)
        published = self._date(trial.final_report_on or trial.end_date)
        self.cover_facts = [
            row
            for row in (
                (_("Department"), department),
                (_("Solution provider"), provider),
                (_("Trial type"), trial.get_trial_type_display()),
                (_("Site"), trial.venue),
                (_("Trial period"), period),
                (_("Report published"), published),
            )
            if row[1]
        ]
        self.benefits = [
            (label, value)
            for label, value in (
                (_("Energy saved a year"), f"{trial.energy_saved_kwh:,} kWh" if trial.energy_saved_kwh else ""),
                (_("Money saved a year"), hkd(trial.money_saved_hkd)),
                (_("Payback"), _("%(years)s years") % {"years": trial.payback_years} if trial.payback_years else ""),
            )
            if value
        ]
        self.method = self._method(trial, period)
        self.details = [
            row
            for row in (
                (_("Wish"), self._item(wish, wish.title, department) if wish else ""),
                (_("Solution"), self._item(solution, solution.title, provider) if solution else ""),
                (_("Trial type"), trial.get_trial_type_display()),
                (_("Site"), trial.venue),
                (_("Scale"), trial.scale),
                (_("Planned"), self._period(trial.planned_start, trial.planned_end)),
                (_("Trial period"), period),
                (_("Funding"), trial.get_funding_route_display() if trial.funding_route else ""),
                (_("Value"), hkd(trial.value_hkd)),
                (_("Status"), trial.get_status_display()),
            )
            if row[1]
        ]
        self.cover_note = _(
            "EMSD ran this trial and verified its results. The report gives the results measured on site, "
            "for reference; it is not an endorsement of the product."
        )
        self.about = _(
            "This report is made from the trial's page on E&M InnoPortal, where it is kept up to date, at %(address)s. "
            "Questions about the trial: contact EMSD through the portal's Contact us page."
        ) % {"address": address}

    @staticmethod
    def _metric(metric):
        unit = f" {metric.unit}" if metric.unit else ""
        baseline = f"{metric.baseline}{unit}" if metric.baseline else ""
        return metric.name, baseline, f"{metric.value}{unit}"

    @staticmethod
    def _item(page, title, organisation):
        return _("%(reference)s %(title)s (%(organisation)s)") % {
            "reference": page.item.reference,
            "title": title,
            "organisation": organisation,
        }

    @staticmethod
    def _date(value):
        return formats.date_format(value, "DATE_FORMAT") if value else ""

    def _period(self, start, end):
        return " – ".join(self._date(d) for d in (start, end) if d)

    def _method(self, trial, period):
        kinds = {
            "prototype-test": _(
                "This was a prototype test: the solution was tried on a small scale at a government site, to see "
                "whether it works in real conditions before it is used more widely."
            ),
            "pilot-project": _(
                "This was a pilot project: the solution was put into daily use at a government site for a set "
                "period, to measure how it performs in operation."
            ),
        }
        parts = [kinds.get(trial.trial_type, "")]
        if trial.venue:
            parts.append(_("The trial took place at %(site)s.") % {"site": trial.venue})
        if trial.scale:
            parts.append(_("Its scale: %(scale)s.") % {"scale": trial.scale})
        if period:
            parts.append(_("The results were measured from %(period)s.") % {"period": period})
        if trial.final_baselines() or trial.interim_baselines():
            parts.append(
                _(
                    "Each metric with a “before” value was measured at the same site before the trial, as the "
                    "baseline, and again during the trial; the results compare the two."
                )
            )
        parts.append(
            _(
                "EMSD's engineers checked how the measurements were taken and confirmed the results before "
                "publishing them."
            )
        )
        return [part for part in parts if part]
