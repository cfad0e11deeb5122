"""The whole path of a proposal, in each language: from the wish page's "Propose a solution" to a
published, numbered solution linked to the wish, every step emailed, subscribers alerted."""

import re

import pytest
from django.core import mail

from accounts.models import OrganisationClaim
from catalogue.models import SolutionPage, Wish, WishPage
from submissions.models import Submission
from tests.accounts.test_accounts import link_in, post_form
from tests.html import soup, text
from tests.notifications.builders import subscriber
from tests.submissions.helpers import act, fill, organisation, reviewer

pytestmark = pytest.mark.django_db(transaction=True)  # emails leave when each step commits

WORDS = {
    "en": {"propose": "Propose a solution", "changes": "Changes requested", "published": "Published"},
    "zh-hant": {"propose": "提出方案", "changes": "要求修改", "published": "已發佈"},
}


def subjects():
    subjects = [m.subject for m in mail.outbox]
    mail.outbox.clear()
    return subjects


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_new_provider_proposes_a_solution_to_a_wish_and_sees_it_published(client, catalogue, lang):
    words = WORDS[lang]
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code=lang)
    subscriber("follower@example.hk", language=lang, categories=["robotics"])

    # The wish page offers to propose a solution; a visitor is sent to log in first.
    button = soup(client.get(wish.url)).find("a", string=words["propose"])
    assert button, "no Propose a solution button on an open wish"
    form_url = button["href"]
    assert client.get(form_url)["Location"].startswith(f"/{lang}/accounts/login/")

    # Sign up, confirm the address, claim the organisation; the Inno Office approves.
    post_form(
        client,
        f"/{lang}/accounts/signup/",
        {"email": "maker@example.hk", "password1": "Tr1al-and-error", "password2": "Tr1al-and-error"},
    )
    post_form(client, link_in(mail.outbox[-1]), {})
    post_form(client, f"/{lang}/my/organisation/", {"organisation": organisation("polyu").pk})
    office = reviewer("officer", "Inno Office")
    claim = OrganisationClaim.objects.get()
    assert office.post(f"/admin/organisation-claims/decide/{claim.pk}/", {"decision": "approve"}).status_code == 302
    mail.outbox.clear()

    # A draft, started from the wish: the wish is already chosen; the author is emailed the link.
    page = soup(client.get(form_url))
    assert page.select_one("input[name=wishes][checked]")["value"] == str(wish.item_id)
    text_prefix = lang
    fill(
        client,
        form_url,
        {f"{text_prefix}-title": "Drain crawler 2", f"{text_prefix}-summary": "A crawler."},
        button="save",
    )
    submission = Submission.objects.get()
    assert submission.stage == "draft" and list(submission.wishes.all()) == [wish.item]
    [draft_email] = mail.outbox
    assert f"/{lang}/my/submissions/{submission.pk}/edit/" in draft_email.body
    mail.outbox.clear()

    # Sending an incomplete proposal explains what is missing, beside each field and at the top.
    edit_url = f"/{lang}/my/submissions/{submission.pk}/edit/"
    response = fill(client, edit_url, {}, status=400)
    errors = soup(response, 400).select_one("#form-errors")
    assert errors and len(errors.select("li")) >= 3  # description, categories, TRL
    assert Submission.objects.get().stage == "draft"

    robotics = catalogue_category("robotics")
    complete = {
        f"{text_prefix}-description": "It crawls.\n\nIt films.",
        f"{text_prefix}-trial_needs": "A drain.",
        "categories": [str(robotics.pk)],
        "trl": "6",
    }
    fill(client, edit_url, complete)
    submission.refresh_from_db()
    assert submission.stage == "submitted" and submission.page and not submission.page.live
    assert len(subjects()) == 1

    # The vetting panel asks for changes; the author reads the comment and sends it again.
    panel = reviewer("panel", "Vetting panel")
    act(panel, submission.page, "reject", comment="Please give the crawler's size.")
    detail = soup(client.get(f"/{lang}/my/submissions/{submission.pk}/"))
    assert words["changes"] in text(detail.select_one("#stage"))
    assert "Please give the crawler's size." in text(detail)
    assert any("Please give the crawler's size." in m.body for m in mail.outbox)
    subjects()
    fill(client, edit_url, {f"{text_prefix}-description": "It crawls. 30 cm wide."})
    assert Submission.objects.get().stage == "submitted"

    # Technical vetting passes; the Inno Office publishes; the solution is numbered and linked.
    act(panel, submission.page, "approve")
    assert Submission.objects.get().stage == "under-vetting"
    act(office, submission.page, "approve")
    submission.refresh_from_db()
    assert submission.stage == "published"
    solution = SolutionPage.objects.get(pk=submission.page_id)
    assert solution.live and re.fullmatch(r"S-\d{4}-\d{4}", solution.item.number)
    assert list(solution.item.applicable_to.all()) == [Wish.objects.get(key="W-0002")]
    public = soup(client.get(solution.url))
    assert solution.item.number in text(public) and "30 cm wide" in text(public)
    assert "Drain crawler 2" in text(soup(client.get(wish.url)).select_one("#solutions-heading").parent)
    # The other language is queued for translation, not published in the author's language.
    other = "zh-hant" if lang == "en" else "en"
    translation = solution.get_translations().get(locale__language_code=other)
    assert not translation.live

    emails = mail.outbox
    assert any(solution.item.number in m.subject for m in emails if m.to == ["maker@example.hk"])
    detail = soup(client.get(f"/{lang}/my/submissions/{submission.pk}/"))
    assert words["published"] in text(detail.select_one("#stage"))
    history = [li.find("strong").get_text() for li in detail.select(".timeline li")]
    assert len(history) == 6  # draft, submitted, changes requested, submitted, under vetting, published


def catalogue_category(key):
    from catalogue.models import TechnologyCategory

    return TechnologyCategory.objects.get(key=key, locale__language_code="en")
