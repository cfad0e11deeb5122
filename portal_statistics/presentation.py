"""What the statistics page shows of the figures (`figures.Statistics`): each chart with its title, its
description, a summary in words and the table of its data, in the active language, numbers and months
written as that language writes them (innoportal/formats)."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue.models import Wish
from catalogue.timeline import STEPS as TIMELINE_STEPS
from portal_statistics import charts

TRENDS = [  # Month attribute, its column in the table, its chart's title
    ("posted", gettext_lazy("Wishes posted"), gettext_lazy("Wishes posted each month")),
    ("matched", gettext_lazy("Matches confirmed"), gettext_lazy("Matches confirmed each month")),
    ("trials", gettext_lazy("Field trials started"), gettext_lazy("Field trials started each month")),
    ("reports", gettext_lazy("Verified reports published"), gettext_lazy("Verified reports published each month")),
]
MOST = {
    "wishes": gettext_lazy("Most wishes: %(name)s (%(count)s)."),
    "solutions": gettext_lazy("Most solutions: %(name)s (%(count)s)."),
    "trials": gettext_lazy("Most field trials: %(name)s (%(count)s)."),
}
NONE = "—"


@dataclass
class Table:
    id: str
    caption: str
    columns: list  # headings, the first over the rows' headings
    rows: list  # (row heading, [cells])


@dataclass
class Figure:
    id: str
    title: str
    description: str  # what the chart draws, for its SVG <desc>, before the summary
    summary: list  # sentences
    chart: charts.Chart | None  # None when there is nothing to draw
    table: Table | None = None

    @property
    def svg_description(self):
        return " ".join([str(self.description), *self.summary])


def number(value):
    """412,000; 34.5 (one decimal where there is one); a dash for nothing."""
    if value is None:
        return NONE
    if isinstance(value, float) and not value.is_integer():
        return formats.number_format(value, 1, force_grouping=True)
    return formats.number_format(int(value), force_grouping=True)


def month_name(day):
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def percent(part, whole):
    return f"{round(100 * part / whole) if whole else 0}%"


def page_context(stats):
    months = stats.months
    first, last = month_name(months[0].month), month_name(months[-1].month)
    return {
        "totals": stats.totals,
        "months": {"count": len(months), "first": first, "last": last},
        "trends": trend_figures(months, first, last),
        "trend_table": trend_table(months, first, last),
        "sections": [
            {"id": "funnel", "heading": _("From wish to adoption"), "figure": funnel_figure(stats.funnel)},
            {"id": "categories", "heading": _("By technology category"), "figure": category_figure(stats.categories)},
            {"id": "departments", "heading": _("By department"), "figure": department_figure(stats.departments)},
            {"id": "providers", "heading": _("By type of provider"), "figure": provider_figure(stats.provider_types)},
        ],
    }


def year_labels(months):
    """The year under each January, and under the first month unless a January follows within four."""
    labels = {n: str(month.month.year) for n, month in enumerate(months) if month.month.month == 1}
    if months and not any(n < 4 for n in labels):
        labels[0] = str(months[0].month.year)
    return labels


def trend_figures(months, first, last):
    figures = []
    for name, _column, title in TRENDS:
        values = [getattr(month, name) for month in months]
        tooltips = [f"{month_name(month.month)}: {number(value)}" for month, value in zip(months, values, strict=True)]
        total = sum(values)
        if total:
            busiest = max(reversed(months), key=lambda month: getattr(month, name))  # the latest of equals
            summary = _("%(total)s in the last %(count)s months; the most in one month was %(most)s, in %(month)s.") % {
                "total": number(total),
                "count": number(len(months)),
                "most": number(getattr(busiest, name)),
                "month": month_name(busiest.month),
            }
        else:
            summary = _("None in the last %(count)s months.") % {"count": number(len(months))}
        figures.append(
            Figure(
                id=f"trend-{name}",
                title=str(title),
                description=_("Columns for each month from %(first)s to %(last)s.") % {"first": first, "last": last},
                summary=[summary],
                chart=charts.columns(values, tooltips, year_labels(months), number),
            )
        )
    return figures


def trend_table(months, first, last):
    return Table(
        id="trend-table",
        caption=_("Each month from %(first)s to %(last)s") % {"first": first, "last": last},
        columns=[_("Month"), *(str(column) for _name, column, _title in TRENDS)],
        rows=[(month_name(m.month), [number(getattr(m, name)) for name, *_rest in TRENDS]) for m in months],
    )


def step_labels():
    labels = {name: str(label) for name, label in TIMELINE_STEPS}  # as each wish's timeline names them
    labels["adopted"] = str(Wish.Outcome.ADOPTED.label)
    return labels


def funnel_figure(steps):
    labels, posted = step_labels(), steps[0].wishes
    rows, cells = [], []
    for step in steps:
        note = ""
        if step.median_days is not None:
            note = ngettext(
                "median %(days)s day after the step before",
                "median %(days)s days after the step before",
                round(step.median_days),
            ) % {"days": number(step.median_days)}
        rows.append((labels[step.name], [step.wishes], note))
        first = step.name == "posted"
        measured = NONE if first else number(step.measured)
        cells.append(
            (labels[step.name], [number(step.wishes), percent(step.wishes, posted), number(step.median_days), measured])
        )
    reached = {step.name: number(step.wishes) for step in steps}
    summary = (
        ngettext(
            "Of %(posted)s wish posted: %(proposed)s with solutions proposed, %(matched)s matched, %(trial)s "
            "taken to a field trial, %(report)s with a verified report, %(adopted)s adopted.",
            "Of %(posted)s wishes posted: %(proposed)s with solutions proposed, %(matched)s matched, %(trial)s "
            "taken to a field trial, %(report)s with a verified report, %(adopted)s adopted.",
            posted,
        )
        % reached
    )
    return Figure(
        id="funnel-chart",
        title=_("Wishes that reached each step"),
        description=_("Horizontal bars for each step from wish to adoption: how many wishes reached it."),
        summary=[summary],
        chart=charts.bars(
            rows, [_("Wishes")], lambda row, _n: f"{reached[steps[row].name]} ({percent(steps[row].wishes, posted)})"
        )
        if posted
        else None,
        table=Table(
            id="funnel-table",
            caption=_("Wishes that reached each step"),
            columns=[
                _("Step"),
                _("Wishes"),
                _("Share of wishes posted"),
                _("Median days after the step before"),
                _("Wishes measured"),
            ],
            rows=cells,
        ),
    )


def breakdown(id, shares, series, heading, title, description, lead):
    """A figure of `shares` (figures.Share rows) in bars, one per attribute of `series` [(name, label)]."""
    rows = [(str(share.name), [getattr(share, name) for name, _label in series], "") for share in shares]
    summary = [lead]
    for name, _label in series:
        top = max(shares, key=lambda share: getattr(share, name), default=None)  # the first of equals
        if top is not None and getattr(top, name):
            summary.append(MOST[name] % {"name": top.name, "count": number(getattr(top, name))})
    return Figure(
        id=id,
        title=title,
        description=description,
        summary=summary,
        chart=charts.bars(rows, [str(label) for _name, label in series], lambda row, n: number(rows[row][1][n]))
        if rows
        else None,
        table=Table(
            id=f"{id}-table",
            caption=title,
            columns=[heading, *(str(label) for _name, label in series)],
            rows=[(name, [number(value) for value in values]) for name, values, _note in rows],
        ),
    )


def category_figure(shares):
    return breakdown(
        "categories-chart",
        shares,
        [("wishes", _("Wishes")), ("solutions", _("Solutions")), ("trials", _("Trials"))],
        _("Technology category"),
        _("Wishes, solutions and field trials by technology category"),
        _(
            "Horizontal bars for each technology category: its wishes, solutions and field trials (by their "
            "wish's categories)."
        ),
        ngettext(
            "%(count)s technology category has wishes, solutions or field trials.",
            "%(count)s technology categories have wishes, solutions or field trials.",
            len(shares),
        )
        % {"count": number(len(shares))},
    )


def department_figure(shares):
    return breakdown(
        "departments-chart",
        shares,
        [("wishes", _("Wishes")), ("trials", _("Trials"))],
        _("Department"),
        _("Wishes posted and field trials by department"),
        _("Horizontal bars for each department or public body: the wishes it posted and their field trials."),
        ngettext(
            "%(count)s department or public body has posted wishes.",
            "%(count)s departments and public bodies have posted wishes.",
            len(shares),
        )
        % {"count": number(len(shares))},
    )


def provider_figure(shares):
    return breakdown(
        "providers-chart",
        shares,
        [("solutions", _("Solutions")), ("trials", _("Trials"))],
        _("Provider type"),
        _("Solutions offered and field trials by type of provider"),
        _("Horizontal bars for each type of provider: the solutions offered and their field trials."),
        ngettext(
            "Solutions come from %(count)s type of provider.",
            "Solutions come from %(count)s types of provider.",
            len(shares),
        )
        % {"count": number(len(shares))},
    )
