from catalogue.models import TrialPage, WishPage
from tests.html import links, soup, text


def test_wish_page_shows_its_facts_trials_and_proposed_solutions(client, catalogue):
    page = soup(client.get("/en/wishes/cut-chiller-energy-use/"))
    assert text(page.h1) == "Cut chiller energy use"
    facts = text(page.select_one(".facts"))
    assert "Electrical and Mechanical Services Department" in facts
    assert "In trial" in facts and "Energy efficiency" in facts and "31 January 2027" in facts
    assert links(page.select_one("#trials-heading").parent)["Oil-free chiller at EMSD HQ"] == (
        "/en/trials/oil-free-chiller-at-emsd-hq/"
    )
    assert (
        "/en/solutions/oil-free-magnetic-bearing-chiller/"
        in links(page.select_one("#solutions-heading").parent).values()
    )


def test_wish_page_in_chinese_links_to_chinese_pages(client, catalogue):
    page = soup(client.get("/zh-hant/wishes/cut-chiller-energy-use/"))
    assert text(page.h1) == "減少製冷機能源消耗"
    assert "機電工程署" in text(page.select_one(".facts"))
    related = links(page.select_one("#solutions-heading").parent)
    assert related == {"無油磁浮軸承製冷機": "/zh-hant/solutions/oil-free-magnetic-bearing-chiller/"}


def test_solution_page_shows_the_wishes_it_serves(client, catalogue):
    page = soup(client.get("/en/solutions/oil-free-magnetic-bearing-chiller/"))
    assert "TRL 7 of 9" in text(page.select_one(".facts"))
    assert links(page.select_one("#wishes-heading").parent) == {
        "Cut chiller energy use": "/en/wishes/cut-chiller-energy-use/"
    }
    other = soup(client.get("/en/solutions/drain-inspection-robot/"))
    assert "Not yet proposed for a wish." in text(other.select_one("#wishes-heading").parent)


def test_completed_trial_shows_its_verified_report_with_metrics(client, catalogue):
    page = soup(client.get("/en/trials/oil-free-chiller-at-emsd-hq/"))
    report = page.select_one(".report")
    assert "Energy use fell by a fifth." in text(report)
    rows = [[text(cell) for cell in row.select("th, td")] for row in report.select("tbody tr")]
    assert rows == [["Energy saving", "21.5 %"]]
    facts = text(page.select_one(".facts"))
    assert "Pilot project" in facts and "HK$1.2 million" in facts and "EMSD Headquarters" in facts


def test_a_trial_in_progress_has_no_report_yet(client, catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    trial.set_facts(status=TrialPage.Status.IN_PROGRESS)
    trial.save_revision().publish()
    page = soup(client.get(trial.url))
    assert page.select_one(".report") is None
    assert "published here when the trial is completed" in text(page)


def test_index_filters_by_category_and_status_with_counts(client, catalogue):
    everything = soup(client.get("/en/wishes/"))
    assert text(everything.select_one(".results__count")) == "2 items"
    facets = {text(a) for a in everything.select(".facet-list a")}
    assert {"Open (1)", "In trial (1)", "Matched (0)", "Energy efficiency (1)", "Robotics applications (1)"} <= facets

    robotics = soup(client.get("/en/wishes/?category=robotics"))
    assert [text(h) for h in robotics.select(".card__title")] == ["Robots to clean drains"]
    assert text(robotics.select_one(".results__count")) == "1 of 2 items match"
    current = robotics.select('.facet-list a[aria-current="true"]')
    assert [text(a) for a in current] == ["Any status", "Robotics applications (1)"]

    none = soup(client.get("/en/wishes/?category=robotics&status=in-trial"))
    assert "Nothing matches these filters." in text(none)


def test_index_paginates(client, catalogue, settings):
    settings.PORTAL_PAGE_SIZE = 1
    first = soup(client.get("/en/solutions/"))
    assert "Page 1 of 2" in text(first.select_one(".pagination"))
    second = soup(client.get("/en/solutions/" + links(first.select_one(".pagination"))["Next"]))
    assert len(second.select(".card")) == 1
    assert text(first.select_one(".card__title")) != text(second.select_one(".card__title"))


def test_trials_filter_by_the_category_of_their_wish(client, catalogue):
    page = soup(client.get("/zh-hant/trials/?category=energy-efficiency&status=completed"))
    assert [text(h) for h in page.select(".card__title")] == ["機電工程署總部無油製冷機試驗"]
    assert not soup(client.get("/zh-hant/trials/?category=robotics")).select(".card")


def test_unpublished_items_disappear_from_lists_and_links(client, catalogue):
    WishPage.objects.get(item__key="W-0002", locale__language_code="en").unpublish()
    assert "Robots to clean drains" not in text(soup(client.get("/en/wishes/")))
    assert client.get("/en/wishes/robots-to-clean-drains/").status_code == 404


def test_solutions_filter_by_provider_type_keeping_the_category(client, catalogue):
    page = soup(client.get("/en/solutions/?category=robotics"))
    providers = {text(a): a["href"] for a in page.select('[aria-labelledby="filter-provider"] a')}
    assert "University (0)" in providers and "Greater Bay Area partner (1)" in providers
    gba = soup(client.get("/en/solutions/" + providers["Greater Bay Area partner (1)"]))
    assert [text(h) for h in gba.select(".card__title")] == ["Drain inspection robot"]
    assert "category=robotics" in providers["Greater Bay Area partner (1)"]
    assert text(soup(client.get("/zh-hant/solutions/?provider=university")).select_one(".card__title")) == (
        "無油磁浮軸承製冷機"
    )
