"""The demo content of `make run`: loaded through the importer, complete in both languages."""

import datetime
import re
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, TrialPage, WishPage
from home.models import StandardPage
from tests.html import soup, text


def per_language(queryset):
    return {code: queryset.filter(locale__language_code=code).count() for code in ("en", "zh-hant")}


def test_demo_catalogue_is_complete_in_both_languages(demo):
    live = {
        "wishes": per_language(WishPage.objects.live()),
        "solutions": per_language(SolutionPage.objects.live()),
        "trials": per_language(TrialPage.objects.live()),
    }
    assert all(n >= 20 for n in live["wishes"].values()), live
    assert all(n >= 20 for n in live["solutions"].values()), live
    assert all(n >= 6 for n in live["trials"].values()), live
    completed = TrialPage.objects.filter(item__status="completed", locale__language_code="zh-hant")
    assert completed.count() >= 4
    assert all(t.report_summary and t.metrics.count() for t in completed)
    categories = per_language(TechnologyCategory.objects.all())
    assert categories["en"] == categories["zh-hant"] >= 4
    # Every published catalogue item has its translation (a submission under vetting has only its author's languages).
    for model in (WishPage, SolutionPage, TrialPage):
        keys = {
            code: set(model.objects.live().filter(locale__language_code=code).values_list("item__key", flat=True))
            for code in ("en", "zh-hant")
        }
        assert keys["en"] == keys["zh-hant"], model
    assert "admin / innoportal-demo" in demo


def test_demo_has_the_fifteen_mou_partners(demo, client):
    partners = Organisation.objects.filter(mou_signed__isnull=False, locale__language_code="en")
    assert partners.count() == 15
    assert {p.type for p in partners} == {"university", "research-institute", "gba-partner"}
    page = soup(client.get("/zh-hant/partners/"))
    counts = [text(h) for h in page.select(".partner-group h2")]
    assert counts == ["大學 (5)", "科研機構 (7)", "大灣區 (3)"]


def test_demo_loads_only_into_an_empty_database(demo):
    before = WishPage.objects.count()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "already has content; nothing loaded" in out.getvalue()
    assert WishPage.objects.count() == before


def test_demo_site_serves_every_section(demo, client):
    for url in ["/en/", "/zh-hant/", "/en/wishes/", "/en/solutions/", "/en/trials/", "/en/partners/", "/en/contact/"]:
        assert client.get(url).status_code == 200, url
    # About, two guides, privacy policy, important notices, accessibility statement
    assert StandardPage.objects.live().filter(locale__language_code="zh-hant").count() == 6
    footer = [text(a) for a in soup(client.get("/zh-hans/")).select(".site-footer a")]
    assert {"私隐政策", "重要告示", "无障碍声明", "联络我们", "网站地图"} <= set(footer)
    chinese = soup(client.get("/zh-hant/wishes/?status=open"))
    assert "開放" in text(chinese.select_one(".facet-list [aria-current]"))


DEMO_LOGINS = [
    "admin",
    "officer",
    "reviewer",
    "provider@demo.example.hk",
    "department@emsd.gov.hk",
    "applicant@demo.example.hk",
]


def closing_block(output):
    """The lines from "InnoPortal is ready:" to the end; fails unless the output ends with that block."""
    lines = output.rstrip("\n").splitlines()
    starts = [n for n, line in enumerate(lines) if line == "InnoPortal is ready:"]
    assert len(starts) == 1, output[-2000:]
    return lines[starts[0] :]


def test_demo_logins_come_last_with_the_site_address(demo):
    block = closing_block(demo)
    assert block[1:3] == ["  site:   http://127.0.0.1:8000/", "  admin:  http://127.0.0.1:8000/admin/"]
    logins = [line.split()[0] for line in block if " / innoportal-demo" in line]
    assert logins == DEMO_LOGINS
    assert len(block) <= 12  # short enough to be seen above the server's first lines
    # Nowhere else: the logins are not buried among the lines of the loading.
    assert demo.count("innoportal-demo") == len(DEMO_LOGINS)
    again = StringIO()
    call_command("load_demo_content", "--url", "http://127.0.0.1:8080", stdout=again)
    block = closing_block(again.getvalue())
    assert "  admin:  http://127.0.0.1:8080/admin/" in block
    assert sum("innoportal-demo" in line for line in block) == len(DEMO_LOGINS)


def test_demo_logins_are_shown_until_their_passwords_are_changed(demo):
    from django.contrib.auth import get_user_model

    again = StringIO()
    call_command("load_demo_content", stdout=again)
    assert "    admin / innoportal-demo" in "\n".join(closing_block(again.getvalue()))
    for username in ("admin", "provider@demo.example.hk"):
        user = get_user_model().objects.get(username=username)
        user.set_password("something-private")
        user.save()
    changed = StringIO()
    call_command("load_demo_content", stdout=changed)
    block = closing_block(changed.getvalue())
    assert "admin / innoportal-demo" not in changed.getvalue()
    assert "provider@demo.example.hk" not in changed.getvalue()
    assert "  officer / innoportal-demo" in "\n".join(block)
    for user in get_user_model().objects.all():
        user.set_password("something-private")
        user.save()
    nothing = StringIO()
    call_command("load_demo_content", stdout=nothing)
    assert "innoportal-demo" not in nothing.getvalue()
    assert closing_block(nothing.getvalue())[1:] == [
        "  site:   http://127.0.0.1:8000/",
        "  admin:  http://127.0.0.1:8000/admin/",
    ]


def test_demo_catalogue_is_dated_from_today(demo):
    from catalogue.models import Solution, Wish

    today = timezone.localdate()
    catalogue = Wish.objects.filter(key__regex=r"^W-\d{4}$")  # the catalogue file's, not a submission's
    newest = catalogue.order_by("-published_on").first().published_on
    assert today - datetime.timedelta(days=365) < newest <= today - datetime.timedelta(weeks=3)
    newest_solution = Solution.objects.filter(key__regex=r"^S-\d{4}$").order_by("-published_on").first()
    assert today - datetime.timedelta(days=120) < newest_solution.published_on <= today
    # Numbers follow the publication dates: the year, and the order within the year.
    numbers = [(w.published_on.year, w.number) for w in catalogue.order_by("published_on", "key")]
    assert all(number.startswith(f"W-{year}-") for year, number in numbers), numbers
    assert [number for _year, number in numbers] == sorted(number for _year, number in numbers)
    # Open calls are open: their deadlines are ahead, within the year.
    for wish in catalogue.filter(status="open"):
        assert today < wish.deadline <= today + datetime.timedelta(days=366), wish.key
    for wish in catalogue.exclude(deadline=None):
        assert wish.published_on < wish.deadline, wish.key


def test_demo_trials_follow_their_wishes_and_solutions(demo):
    from catalogue.models import Trial

    today = timezone.localdate()
    trials = Trial.objects.select_related("wish", "solution")
    assert trials.count() == 8
    for trial in trials:
        assert trial.wish.published_on <= trial.solution.published_on < trial.start_date < trial.end_date, trial.key
        if trial.status == "completed":
            assert trial.end_date < trial.final_report_on <= today, trial.key
        elif trial.status == "in-progress":
            assert trial.start_date <= today < trial.end_date, trial.key
            assert 0 < trial.percent_complete < 100
        else:
            assert today < trial.start_date, trial.key
    for wish in Trial.objects.exclude(wish__outcome_date=None).values_list("wish__outcome_date", flat=True):
        assert wish <= today


def test_demo_innozone_has_eight_exhibits_in_both_languages(demo, client):
    from innozone.models import ExhibitPage

    assert per_language(ExhibitPage.objects.live()) == {"en": 8, "zh-hant": 8}
    feed = client.get("/zh-hant/innozone/kiosk/feed/").json()
    assert len(feed["exhibits"]) == 8
    assert all(e["slides"] and e["text"]["zh-hant"]["title"] != e["text"]["en"]["title"] for e in feed["exhibits"])


def test_demo_innodays_two_past_from_the_seed_and_two_upcoming(demo, client):
    page = soup(client.get("/zh-hant/innodays/"))
    upcoming = [text(h) for h in page.select("#upcoming-heading ~ .card-grid .card__title")]
    past = [text(h) for h in page.select("#past-heading ~ .card-grid .card__title")]
    assert len(upcoming) == 2 and past == ["2019年8月大灣區創科日", "2019年6月大學創科日"]
    assert "逾600人參加" in text(page.select_one("#past-heading").parent)
    event = soup(client.get("/en/innodays/innoday-smart-buildings/"))
    assert event.select_one(".registration form") is not None
    assert "deleted 90 days after the InnoDay" in text(event.select_one(".statement"))
    assert len(event.select(".agenda .session")) == 5


def test_demo_people_show_each_stage_of_belonging_to_an_organisation(demo):
    from accounts.models import OrganisationClaim, User

    provider = User.objects.get(email="provider@demo.example.hk")
    assert provider.is_verified_member and provider.organisation.key == "polyu"
    assert User.objects.get(email="department@emsd.gov.hk").is_department_user
    assert OrganisationClaim.objects.get(user__email="applicant@demo.example.hk").status == "pending"
    officer = User.objects.get(email="officer@demo.example.hk")
    assert officer.has_perm("accounts.change_organisationclaim") and not officer.is_superuser
    assert "provider@demo.example.hk" in demo and "innoportal-demo" in demo


def test_demo_submissions_show_each_stage_of_vetting(demo, client):
    from accounts.models import User
    from submissions.models import Submission

    stages = Submission.objects.filter(submitter__email="provider@demo.example.hk").values_list("stage", flat=True)
    expected = ["draft", "submitted", "under-vetting", "changes-requested", "rejected", "published"]
    assert sorted(stages) == sorted(expected)
    published = Submission.objects.get(submitter__email="provider@demo.example.hk", stage="published")
    assert re.fullmatch(r"S-\d{4}-\d{4}", published.number)
    assert published.page.live and client.get(published.page.url).status_code == 200
    wish = Submission.objects.get(submitter__email="department@emsd.gov.hk")
    assert wish.kind == "wish" and wish.stage == "published" and wish.page.live
    reviewer = User.objects.get(email="reviewer@demo.example.hk")
    assert reviewer.groups.filter(name="Vetting panel").exists() and not reviewer.is_superuser
    client.force_login(reviewer)
    assert client.get("/admin/submissions/").status_code == 200
    assert "reviewer@demo.example.hk" in demo


def test_demo_matches_every_trial_and_shows_what_followed(demo, client):
    from catalogue.models import Trial
    from matching.models import Match

    confirmed = set(Match.objects.filter(decision="confirmed").values_list("wish__key", "solution__key"))
    trials = set(Trial.objects.filter(pages__live=True).values_list("wish__key", "solution__key"))
    assert len(trials) == 8 and trials <= confirmed
    assert Match.objects.filter(decision="shortlisted").exists()
    adopted = WishPage.objects.live().get(locale__language_code="en", item__outcome="adopted")
    assert "Adopted" in text(soup(client.get(adopted.url)).select_one("#timeline"))
    assert "kWh" in text(soup(client.get("/en/reports/")).select_one("#reports"))
    assert soup(client.get("/en/")).select_one("#recently-matched") is not None
    assert "Demo matching: 8 confirmed matches" in demo
