"""The checker's findings and the scoring as sentences and table rows, in the active language."""

from django.utils.translation import gettext as _

from procurement.rules import ratio, tidy


def rule_titles():
    return {
        "essential": _("Experience is not an essential requirement"),
        "experience": _("Experience takes at most %(limit)s%% of the technical marks"),
        "innovation": _("Innovative suggestions take at least %(limit)s%% of the technical marks"),
        "weighting": _("The technical-to-price weighting is between %(low)s and %(high)s"),
    }


def finding_context(finding):
    """{"title", "passed", "result", "fix"} for one finding."""
    f, fix = finding.figures, finding.fix
    limit = tidy(f["limit"]) if "limit" in f else ""
    title = rule_titles()[finding.rule]
    if finding.rule == "essential":
        result = (
            _("Experience is not an essential requirement.")
            if finding.passed
            else _("Experience is an essential requirement: tenderers without it would be rejected.")
        )
        change = (
            ""
            if finding.passed
            else _("Do not make experience essential; if it matters, mark it as a desirable criterion.")
        )
    elif finding.rule == "experience":
        title = title % {"limit": limit}
        result = _("Experience: %(share)s%% of technical marks (%(marks)s of %(total)s); the limit is %(limit)s%%.") % {
            "share": tidy(f["share"]),
            "marks": tidy(f["marks"]),
            "total": tidy(f["total"]),
            "limit": limit,
        }
        change = fix and _(
            "Reduce experience marks from %(from)s to %(to)s, "
            "giving the %(by)s marks to other criteria so the total stays %(total)s."
        ) % {"from": tidy(fix["from"]), "to": tidy(fix["to"]), "by": tidy(fix["by"]), "total": tidy(f["total"])}
    elif finding.rule == "innovation":
        title = title % {"limit": limit}
        result = _(
            "Innovative suggestions: %(share)s%% of technical marks (%(marks)s of %(total)s); "
            "the minimum is %(limit)s%%."
        ) % {"share": tidy(f["share"]), "marks": tidy(f["marks"]), "total": tidy(f["total"]), "limit": limit}
        change = fix and _(
            "Raise innovation marks from %(from)s to at least %(to)s, "
            "taking the %(by)s marks from other criteria so the total stays %(total)s."
        ) % {"from": tidy(fix["from"]), "to": tidy(fix["to"]), "by": tidy(fix["by"]), "total": tidy(f["total"])}
    else:
        low, high = ratio(f["low"], 100 - f["low"]), ratio(f["high"], 100 - f["high"])
        title = title % {"low": low, "high": high}
        result = _("Weighting: %(ratio)s (technical %(technical)s%%, price %(price)s%%).") % {
            "ratio": ratio(f["technical"], f["price"]),
            "technical": tidy(f["technical"]),
            "price": tidy(f["price"]),
        }
        change = fix and _("Use a weighting between %(low)s and %(high)s, e.g. %(example)s.") % {
            "low": low,
            "high": high,
            "example": ratio(fix["technical"], fix["price"]),
        }
    return {"rule": finding.rule, "title": title, "passed": finding.passed, "result": result, "fix": change or ""}


def scoring_rows(scored):
    return [
        {
            "name": s.tender.name,
            "technical": tidy(s.tender.technical),
            "price": tidy(s.tender.price),
            "price_score": tidy(s.price_score) if s.price_score is not None else "",
            "combined": tidy(s.combined) if s.combined is not None else "",
            "rank": s.rank or "",
            "passed": s.passed,
        }
        for s in scored
    ]


def scoring_csv_header():
    return [
        _("Rank"),
        _("Tender"),
        _("Technical mark"),
        _("Price (HK$)"),
        _("Price score"),
        _("Combined score"),
        _("Passed the technical mark"),
        _("Technical weight (%)"),
        _("Price weight (%)"),
        _("Passing technical mark"),
    ]


def scoring_csv_row(row):
    passed = _("Yes") if row["passed"] else _("No")
    return [row["rank"], row["name"], row["technical"], row["price"], row["price_score"], row["combined"], passed]
