"""Nothing private is ever exported: drafts, unpublished changes of live pages, pages behind a view
restriction, people's contact details and accounts, documents under review, organisations' email
domains. Each test looks at every file, in every language and format."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, WishIndexPage, WishPage
from submissions.models import Attachment, Submission, SubmissionText
from tests.content import bilingual

from .files import by_key, every_text, records


def leaks(secrets):
    """{file: [secrets it holds]} over every file; {} when none leaks."""
    found = {}
    for name, body in every_text().items():
        there = [secret for secret in secrets if secret in body]
        if there:
            found[name] = there
    return found


def test_a_draft_that_was_never_published_is_in_no_file(catalogue):
    index = WishIndexPage.objects.get(locale__language_code="en")
    page = WishPage(title="Draft wish nobody may read", slug="draft-wish", summary="Secret draft summary.", live=False)
    page.set_facts(
        organisation=Organisation.objects.get(key="emsd", locale__language_code="en"),
        categories=list(TechnologyCategory.objects.filter(key="robotics", locale__language_code="en")),
        status="open",
        published_on=datetime.date(2026, 1, 5),
    )
    index.add_child(instance=page)
    page.save_revision()
    assert not leaks(["Draft wish nobody may read", "Secret draft summary.", page.item.key])


def test_a_wish_scheduled_for_later_is_in_no_file(catalogue, import_file):
    import_file(
        bilingual(
            "wish",
            "W-0900",
            {"title": "Scheduled wish", "summary": "Not yet."},
            {"title": "排期願望", "summary": "未到。"},
            organisation="emsd",
            categories=["robotics"],
            status="open",
            published="2099-01-01",
        )
    )
    assert WishPage.objects.filter(item__key="W-0900", live=False).count() == 2
    assert not leaks(["W-0900", "Scheduled wish", "排期願望"])


def test_an_unpublished_change_of_a_live_page_is_not_exported_but_its_live_text_is(catalogue):
    for page in WishPage.objects.filter(item__key="W-0002"):
        page.title = f"Unpublished new title {page.locale.language_code}"
        page.summary = "Unpublished new summary."
        page.save_revision()
    assert not leaks(["Unpublished new title", "Unpublished new summary."])
    assert by_key(records("wishes.csv"))["W-0002"]["title_en"] == "Robots to clean drains"


def test_an_unpublished_page_leaves_every_file(catalogue):
    for page in SolutionPage.objects.filter(item__key="S-0002"):
        page.unpublish()
    assert not leaks(["S-0002", "Drain inspection robot", "渠道檢查機械人"])


@pytest.mark.parametrize("how", ["password", "groups"])
def test_a_restricted_wish_is_in_no_file_nor_named_by_its_trial_and_solution(catalogue, how):
    for page in WishPage.objects.filter(item__key="W-0001"):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=how, password="secret")
        if how == "groups":
            restriction.groups.set([Group.objects.create(name=f"Panel {page.pk}")])
    assert not leaks(["W-0001", "Cut chiller energy use", "減少製冷機能源消耗", "Chillers use much power"])
    trial = by_key(records("trials.json"))["T-0001"]  # the trial itself is public
    assert trial["wish"] is None and trial["solution"] == "S-0001"
    assert by_key(records("solutions.en.json"))["S-0001"]["proposed_for"] == []


def test_a_restricted_section_hides_all_its_items(catalogue):
    for index in WishIndexPage.objects.all():
        PageViewRestriction.objects.create(page=index, restriction_type="password", password="secret")
    assert not leaks(["W-0001", "W-0002", "Robots to clean drains", "清理渠道的機械人"])
    assert records("wishes.csv") == []


def test_people_s_details_accounts_uploads_and_email_domains_are_never_exported(catalogue):
    Organisation.objects.filter(key="emsd").update(email_domains="staff-only.example")
    person = get_user_model().objects.create_user(
        "provider-secret", "jane.account@startup.example", "pw", first_name="Jane", last_name="Secretperson"
    )
    solution_page = SolutionPage.objects.get(item__key="S-0002", locale__language_code="en")
    submission = Submission.objects.create(
        kind=Submission.Kind.SOLUTION,
        submitter=person,
        organisation=Organisation.objects.get(key="gdas", locale__language_code="en"),
        stage=Submission.Stage.PUBLISHED,
        contact_name="Contact Secretname",
        contact_email="contact.secret@startup.example",
        contact_phone="+852 9123 4567",
        page=solution_page,
    )
    SubmissionText.objects.create(
        submission=submission, language="en", title="Drain inspection robot", trial_needs="Private trial needs text."
    )
    Attachment.objects.create(
        submission=submission,
        kind=Attachment.Kind.DOCUMENT,
        file="submissions/2026/01/under-review-plan.pdf",
        name="under-review-plan.pdf",
        size=10,
    )
    secrets = [
        "staff-only.example",
        "startup.example",
        "Secretperson",
        "Secretname",
        "provider-secret",
        "9123 4567",
        "Private trial needs text.",
        "under-review-plan",
        "@",  # no email address of anyone, in any file
    ]
    assert not leaks(secrets)
    assert "S-0002" in by_key(records("solutions.en.csv"))  # the published solution itself is there
