"""The published datasets: what each holds and its columns, in the order of the files' columns.

The exporter writes exactly these columns and the data dictionary page describes exactly these, so a
column added here is in the files and documented at once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalogue.models import Organisation, Trial, TrialMetric, Wish

from . import rows
from .columns import CODE, DATE, DATETIME, DECIMAL, INTEGER, KEY, KEYS, TEXT, URL, Column, text


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    columns: list
    rows: object  # rows(locale, language): (identity, row) in identity order
    entries: object  # entries(locale or None): the queryset the rows come from, to count them
    identity: tuple  # fields of entries() naming a record in every language (bilingual counts)

    def count(self, locale=None):
        """Records in a file of `locale`; with None, in the bilingual file (each record once)."""
        entries = self.entries(locale)
        return entries.count() if locale is not None else entries.values(*self.identity).distinct().count()

    def column_names(self, bilingual=False):
        return [name for column in self.columns for name in column.names(bilingual)]


def page_address(what):
    return Column(
        "url",
        URL,
        what,
        "https://innoportal.emsd.gov.hk/en/wishes/cut-chiller-energy-use/",
        per_language=True,
    )


LAST_PUBLISHED = Column(
    "last_published",
    DATETIME,
    _("When the page in the file's language was last published."),
    "2026-03-02T10:30:00+08:00",
    per_language=True,
)
ORGANISATION_NAME = text(
    "organisation_name", _("The organisation's name."), _("Electrical and Mechanical Services Department")
)
CATEGORIES = Column(
    "categories",
    KEYS,
    _("Keys of its technology categories (see the categories dataset)."),
    "energy-efficiency; building-services",
)
BODY = text(
    "body",
    _("The full description as plain text; blank lines separate paragraphs."),
    _("Chillers use much of a building's electricity."),
)

WISHES = Dataset(
    "wishes",
    _("I&T wishes"),
    _("Needs posted by government departments and public bodies for innovative solutions."),
    [
        Column("key", KEY, _("The wish's stable identity, the same in every language and file."), "W-0001"),
        Column(
            "number", TEXT, _("The Inno Office's reference, given when the wish was first published."), "W-2026-0001"
        ),
        text("title", _("The wish's title."), _("Cut chiller energy use in government buildings")),
        text(
            "summary",
            _("A short summary."),
            _("Ways to lower the electricity used by central air-conditioning plants."),
        ),
        BODY,
        Column(
            "organisation",
            KEY,
            _("Key of the department or public body that posted it (see the organisations dataset)."),
            "emsd",
        ),
        ORGANISATION_NAME,
        CATEGORIES,
        Column("status", CODE, _("Where the wish stands."), "open", choices=Wish.Status),
        Column("published_on", DATE, _("When the wish was posted."), "2026-03-02"),
        Column("deadline", DATE, _("The last day to propose a solution; empty when there is none."), "2026-12-31"),
        Column(
            "outcome", CODE, _("What followed its trial's report; empty until then."), "adopted", choices=Wish.Outcome
        ),
        Column("outcome_date", DATE, _("When the outcome was decided."), "2027-06-30"),
        Column(
            "outcome_link", URL, _("A page about the outcome, e.g. the tender notice."), "https://www.example.gov.hk/"
        ),
        page_address(_("The wish's page on the portal, in the file's language.")),
        LAST_PUBLISHED,
    ],
    rows.wishes,
    rows.wish_pages,
    ("item_id",),
)

SOLUTIONS = Dataset(
    "solutions",
    _("I&T solutions"),
    _("Innovative solutions offered by universities, research bodies, start-ups and companies."),
    [
        Column("key", KEY, _("The solution's stable identity, the same in every language and file."), "S-0001"),
        Column(
            "number",
            TEXT,
            _("The Inno Office's reference, given when the solution was first published."),
            "S-2026-0001",
        ),
        text("title", _("The solution's title."), _("Oil-free magnetic bearing chiller")),
        text("summary", _("A short summary."), _("A chiller without oil that saves energy.")),
        BODY,
        Column(
            "organisation",
            KEY,
            _("Key of the organisation that offers it (see the organisations dataset)."),
            "polyu",
        ),
        ORGANISATION_NAME,
        CATEGORIES,
        Column(
            "trl",
            INTEGER,
            _("Technology readiness level: 1 (basic principles observed) to 9 (proven in an operational environment)."),
            "7",
        ),
        Column("published_on", DATE, _("When the solution was published."), "2026-03-02"),
        Column(
            "proposed_for",
            KEYS,
            _("Keys of the wishes it was proposed for (see the wishes dataset)."),
            "W-0001; W-0002",
        ),
        page_address(_("The solution's page on the portal, in the file's language.")),
        LAST_PUBLISHED,
    ],
    rows.solutions,
    rows.solution_pages,
    ("item_id",),
)

TRIALS = Dataset(
    "trials",
    _("Field trials"),
    _("Trials of matched wishes and solutions in government premises: prototype tests and pilot projects."),
    [
        Column("key", KEY, _("The trial's stable identity, the same in every language and file."), "T-0001"),
        Column(
            "number", TEXT, _("The Inno Office's reference, given when the trial was first published."), "T-2026-0001"
        ),
        text("title", _("The trial's title."), _("Oil-free chiller at EMSD Headquarters")),
        text("summary", _("A short summary."), _("A year of measured savings.")),
        text("venue", _("Where the trial takes place."), _("EMSD Headquarters")),
        text("scale", _("How large the trial is."), _("three passenger lifts for six months")),
        Column("wish", KEY, _("Key of the wish it answers (see the wishes dataset)."), "W-0001"),
        Column("solution", KEY, _("Key of the solution it tries (see the solutions dataset)."), "S-0001"),
        Column("trial_type", CODE, _("The kind of trial."), "pilot-project", choices=Trial.TrialType),
        Column("status", CODE, _("Where the trial stands."), "completed", choices=Trial.Status),
        Column("funding_route", CODE, _("How the trial is paid for."), "psts", choices=Trial.FundingRoute),
        Column("planned_start", DATE, _("When the trial is planned to start."), "2026-04-01"),
        Column("planned_end", DATE, _("When the trial is planned to end."), "2027-03-31"),
        Column("start_date", DATE, _("When the trial started."), "2026-04-15"),
        Column("end_date", DATE, _("When the trial ended."), "2027-04-14"),
        Column("percent_complete", INTEGER, _("How far the trial has gone, in per cent."), "60"),
        Column("value_hkd", DECIMAL, _("The trial's value in Hong Kong dollars."), "1200000.00"),
        page_address(_("The trial's page on the portal, in the file's language.")),
        LAST_PUBLISHED,
    ],
    rows.trials,
    rows.trial_pages,
    ("item_id",),
)

REPORTS = Dataset(
    "reports",
    _("Verified performance reports"),
    _("What field trials measured: the interim and final reports verified by EMSD, and the yearly benefits."),
    [
        Column("trial", KEY, _("Key of the trial reported on (see the trials dataset)."), "T-0001"),
        text("title", _("The trial's title."), _("Oil-free chiller at EMSD Headquarters")),
        text("interim_summary", _("The interim report's summary; empty without one."), _("Savings so far.")),
        Column("interim_published_on", DATE, _("When the interim report was published."), "2026-10-01"),
        text(
            "final_summary",
            _("The final report's summary; empty until the trial is completed."),
            _("Energy use fell by a fifth."),
        ),
        Column("final_published_on", DATE, _("When the final report was published."), "2027-05-01"),
        Column("energy_saved_kwh", INTEGER, _("Energy saved a year, in kilowatt-hours."), "412000"),
        Column("money_saved_hkd", DECIMAL, _("Money saved a year, in Hong Kong dollars."), "390000.00"),
        Column("payback_years", DECIMAL, _("Years until the savings repay the cost."), "2.5"),
        page_address(_("The trial's page on the portal, where the reports are, in the file's language.")),
        LAST_PUBLISHED,
    ],
    rows.reports,
    rows.report_pages,
    ("item_id",),
)

METRICS = Dataset(
    "report-metrics",
    _("Report metrics"),
    _("The key metrics of each published report, one row per metric."),
    [
        Column("trial", KEY, _("Key of the trial reported on (see the trials dataset)."), "T-0001"),
        Column("report", CODE, _("Which report the metric belongs to."), "final", choices=TrialMetric.Report),
        Column("position", INTEGER, _("The metric's place in its report, from 1."), "1"),
        text("name", _("What was measured."), _("Energy saving")),
        text("value", _("The value measured during the trial."), "21.5"),
        text("baseline", _("The value before the trial; empty when not given."), "0"),
        text("unit", _("The unit of the value and the baseline."), "%"),
    ],
    rows.metrics,
    rows.metric_rows,
    ("page__item_id", "report", "sort_order"),
)

ORGANISATIONS = Dataset(
    "organisations",
    _("Organisations"),
    _(
        "Departments, public bodies, universities, research bodies and companies named on the portal: "
        "those with a published wish or solution, and the strategic partners."
    ),
    [
        Column("key", KEY, _("The organisation's stable identity, the same in every language and file."), "emsd"),
        text("name", _("The organisation's name."), _("Electrical and Mechanical Services Department")),
        text("abbreviation", _("Its short name."), _("EMSD")),
        Column("type", CODE, _("The kind of organisation."), "department", choices=Organisation.Type),
        Column("website", URL, _("Its website."), "https://www.emsd.gov.hk/"),
        Column("mou_signed", DATE, _("A strategic partner since this date; empty otherwise."), "2019-06-11"),
        text("description", _("A description."), ""),
    ],
    rows.organisations,
    rows.organisation_entries,
    ("translation_key",),
)

CATEGORIES_DATASET = Dataset(
    "categories",
    _("Technology categories"),
    _("The categories wishes and solutions are filed under."),
    [
        Column("key", KEY, _("The category's stable identity, the same in every language and file."), "robotics"),
        text("name", _("The category's name."), _("Robotics applications")),
        text("description", _("A description."), ""),
    ],
    rows.categories,
    rows.category_entries,
    ("translation_key",),
)

DATASETS = {
    dataset.slug: dataset
    for dataset in (WISHES, SOLUTIONS, TRIALS, REPORTS, METRICS, ORGANISATIONS, CATEGORIES_DATASET)
}
