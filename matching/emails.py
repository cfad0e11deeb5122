"""The emails of a confirmed match: to the verified members of the solution's provider and of the
wish's department, each in the language they last used on the portal."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from innoportal.mail import send_templated_mail


def language_of(user):
    """The language the person used for their latest organisation claim (every member made one)."""
    claim = user.organisation_claims.first()
    return claim.language if claim else "en"


def live_page(item, language):
    pages = item.pages.filter(live=True)
    return pages.filter(locale__language_code=language).first() or pages.first()


def recipients(organisation):
    if organisation is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(organisation=organisation, member_since__isnull=False, is_active=True)


def send_match_emails(match):
    wish, solution = match.wish, match.solution
    for side, organisation in (("provider", solution.organisation), ("department", wish.organisation)):
        for user in recipients(organisation):
            language = language_of(user)
            wish_page, solution_page = live_page(wish, language), live_page(solution, language)
            context = {"side": side, "match": match, "wish": wish_page, "solution": solution_page}
            send_templated_mail("matching/email/confirmed", context, user.email, language)


def editors():
    """The Inno Office's members and the superusers, with an email address."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(groups__name="Inno Office")).distinct()


def send_overdue_reminder(trial):
    for user in editors():
        page = live_page(trial, "en") or trial.pages.first()
        context = {"trial": trial, "page": page}
        send_templated_mail("matching/email/overdue", context, user.email, "en")
